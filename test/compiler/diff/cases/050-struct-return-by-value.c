// input: 6 7
struct pr { long long q, r; };
static inline struct pr divmod(long long a, long long b) {
  struct pr out;
  out.q = a / b;
  out.r = a % b;
  return out;
}
int test(struct ctx *c) {
  struct pr p = divmod(c->a[0] * 10, c->a[1]);
  c->a[2] = p.q;
  c->a[3] = p.r;
  return (int)(p.q + p.r);
}
