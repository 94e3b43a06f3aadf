// input: 1
// input: 0
struct s { int a; int b; };
int test(struct ctx *c) {
  struct s x = {1, 2}, y = {3, 4};
  struct s z = c->a[0] ? x : y;
  struct s *p = c->a[0] ? &y : &x;
  c->a[1] = z.a * 10 + z.b;
  c->a[2] = p->a * 10 + p->b;
  return z.b;
}
