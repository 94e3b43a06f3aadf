// input: 3
struct cfg { int a; int b; long long c; char d; int e[3]; };
int test(struct ctx *c) {
  struct cfg x = {.c = 100, .e = {[2] = 7}, .a = (int)c->a[0]};
  c->a[1] = x.a;
  c->a[2] = x.b;
  c->a[3] = x.c;
  c->a[4] = x.d;
  c->a[5] = x.e[0] + x.e[1] * 10 + x.e[2] * 100;
  return x.a + x.e[2];
}
