// input: 1
// input: 0
int test(struct ctx *c) {
  long long x = c->a[0];
  c->a[1] = x + 0x123456789abcdefLL;
  c->a[2] = x * 0x100000001LL;
  c->a[3] = x ^ 0xffffffff00000000ULL;
  c->a[4] = x & 0x80000000;
  c->a[5] = x | 0xffffffff;
  c->a[6] = (x == 0) ? 0x7fffffffffffffffLL : -0x7fffffffffffffffLL;
  return x < 0x100000000LL;
}
