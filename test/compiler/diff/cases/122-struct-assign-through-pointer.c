// input: 4 9
struct pair { long long a, b; };
static inline void set_pair(struct pair *dst, const struct pair *src) { *dst = *src; }
int test(struct ctx *c) {
  struct pair x = {c->a[0], c->a[1]};
  struct pair y = {0, 0};
  set_pair(&y, &x);
  struct pair *py = &y;
  py->a += 100;
  (*py).b *= 2;
  c->a[2] = y.a;
  c->a[3] = y.b;
  c->a[4] = x.a;
  return (int)(y.a + y.b);
}
