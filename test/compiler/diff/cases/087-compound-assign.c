// input: 100 7
// input: -100 3
int test(struct ctx *c) {
  long long x = c->a[0], y = c->a[1];
  x += y; c->a[2] = x;
  x -= 3 * y; c->a[3] = x;
  x *= y; c->a[4] = x;
  x /= 2; c->a[5] = x;
  x %= 11; c->a[6] = x;
  x <<= 3; x >>= 1; x &= 0x7f; x |= 0x100; x ^= 0x55;
  c->a[7] = x;
  return (int)x;
}
