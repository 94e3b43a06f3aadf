// input: 88172645463325252
int test(struct ctx *c) {
  unsigned long long x = c->a[0];
  for (int i = 0; i < 5; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
  }
  c->a[1] = x;
  unsigned int y = c->a[0];
  y ^= y << 13;
  y ^= y >> 17;
  y ^= y << 5;
  c->a[2] = y;
  return y;
}
