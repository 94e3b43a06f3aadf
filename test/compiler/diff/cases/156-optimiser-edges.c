// Shapes the back end's optimiser rewrites: known bits through variables assigned on several
// paths (the sign bit must survive), pointer differences, stack objects reached through pointers,
// merged constant stores, local value numbering across redefinitions, signed division by
// constants, folded constant additions, shift-pair masks and comparisons decided by known bits.
// input: 0 0
// input: 1 -7
// input: 2147483647 -2147483648
// input: -1 3
// input: 5 100
struct pair { int lo; int hi; };
static inline void put(struct pair *p, int lo, int hi) { p->lo = lo; p->hi = hi; }
int test(struct ctx *c) {
  long long x = c->a[0], y = c->a[1];
  int flags = 0;
  for (int i = 0; i < 3; i++) {
    if (x & (1 << i)) flags |= 1 << i;
    if (y < 0) flags |= (int)0x80000000;
  }
  c->a[2] = flags;
  int small = ((x != 0) < 68) + ((flags & 7) > 9) * 2 + ((unsigned char)y == 300);
  int arr[6] = {1, 2, 3};
  int *p = &arr[5], *q = &arr[1];
  long long diff = (q - p) * 1000 + (p - q);
  char buf[12] = {'a', 'b', 0, 0, 'c'};
  buf[1] = (char)y;
  buf[8] = 'z';
  struct pair s = {0, 0}, t;
  put(&s, (int)x, (int)y);
  struct pair *ps = &t;
  *ps = s;
  ps->hi += 7;
  int n = (int)x;
  int k1 = n * 3 + 1, k2 = n * 3 + 1;
  n = k1 ^ 5;
  int k3 = n * 3 + 1;
  long long sd = (int)y / 7 + (int)y % 7 * 100 + (long long)y / 16 + (long long)y % 9 * 10000;
  unsigned u = (unsigned)x;
  u = u + 0x7fffffff;
  u = u + 0x7fffffff;
  unsigned long long m = ((unsigned long long)y << 40) >> 40;
  c->a[3] = diff + buf[0] + buf[1] * 3 + buf[4] * 5 + buf[8] * 7 + buf[11];
  c->a[4] = t.lo * 10 + t.hi + arr[5] + arr[2];
  c->a[5] = (long long)k1 + k2 + k3;
  c->a[6] = sd;
  c->a[7] = (long long)u + (long long)m;
  return flags + small;
}
