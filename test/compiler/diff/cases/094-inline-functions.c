// input: 3 4
static inline long long sq(long long v) { return v * v; }
static inline long long hyp2(long long a, long long b) { return sq(a) + sq(b); }
static inline int sign(long long v) { return (v > 0) - (v < 0); }
int test(struct ctx *c) {
  long long a = c->a[0], b = c->a[1];
  c->a[2] = hyp2(a, b);
  c->a[3] = sign(a - b);
  c->a[4] = sq(sq(a));
  return sign(-a) + sign(0);
}
