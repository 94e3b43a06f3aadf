struct rec { char a; long long b; short c; int d[3]; char e; };
int test(struct ctx *c) {
  c->a[0] = __builtin_offsetof(struct rec, a);
  c->a[1] = __builtin_offsetof(struct rec, b);
  c->a[2] = __builtin_offsetof(struct rec, c);
  c->a[3] = __builtin_offsetof(struct rec, d);
  c->a[4] = __builtin_offsetof(struct rec, d[2]);
  c->a[5] = __builtin_offsetof(struct rec, e);
  c->a[6] = sizeof(struct rec);
  return _Alignof(struct rec);
}
