// input: -5 3
// input: 8 -2
// input: 4 4
static inline long long my_abs(long long v) { return v < 0 ? -v : v; }
static inline long long my_min(long long a, long long b) { return a < b ? a : b; }
static inline long long my_max(long long a, long long b) { return a > b ? a : b; }
int test(struct ctx *c) {
  long long x = c->a[0], y = c->a[1];
  c->a[2] = my_abs(x);
  c->a[3] = my_min(x, y);
  c->a[4] = my_max(x, y);
  c->a[5] = my_max(my_abs(x), my_abs(y));
  return (int)my_min(my_abs(x - y), 100);
}
