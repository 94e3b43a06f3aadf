// input: 12
// input: 1024
// input: 7
int test(struct ctx *c) {
  unsigned long long x = c->a[0];
  c->a[1] = x & (x - 1);
  c->a[2] = x & -x;
  c->a[3] = (x & (x - 1)) == 0;
  c->a[4] = x | (x >> 1) | (x >> 2);
  c->a[5] = (x << 3) - x;
  return (int)(x ^ (x >> 1));
}
