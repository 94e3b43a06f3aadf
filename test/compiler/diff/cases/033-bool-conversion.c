// input: 0
// input: 256
// input: -1
int test(struct ctx *c) {
  long long x = c->a[0];
  _Bool b = x;
  _Bool nb = !x;
  unsigned char t = (unsigned char)x;
  _Bool bt = t;
  c->a[1] = b;
  c->a[2] = nb;
  c->a[3] = bt;
  c->a[4] = b + b;
  return b * 10 + bt;
}
