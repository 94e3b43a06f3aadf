// input: 0
// input: 99
// input: 1000000
// input: 9223372036854775807
int test(struct ctx *c) {
  unsigned long long n = c->a[0];
  unsigned long long r = 0, bit = 1ULL << 62;
  while (bit > n) bit >>= 2;
  for (int i = 0; i < 32 && bit != 0; i++) {
    if (n >= r + bit) {
      n -= r + bit;
      r = (r >> 1) + bit;
    } else r >>= 1;
    bit >>= 2;
  }
  c->a[1] = r;
  return (int)r;
}
