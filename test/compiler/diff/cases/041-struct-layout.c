struct s1 { char a; int b; char c; };
struct s2 { char a; char c; int b; };
struct s3 { char a; long long b; short c; };
struct s4 { short a[3]; char b; };
int test(struct ctx *c) {
  c->a[0] = sizeof(struct s1);
  c->a[1] = sizeof(struct s2);
  c->a[2] = sizeof(struct s3);
  c->a[3] = sizeof(struct s4);
  c->a[4] = __builtin_offsetof(struct s1, c);
  c->a[5] = __builtin_offsetof(struct s3, c);
  c->a[6] = _Alignof(struct s3);
  c->a[7] = __builtin_offsetof(struct s4, b);
  return sizeof(struct s1) + sizeof(struct s3);
}
