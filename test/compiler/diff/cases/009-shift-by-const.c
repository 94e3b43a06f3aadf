// input: 1
// input: -2
// input: 305419896
int test(struct ctx *c) {
  long long x = c->a[0];
  unsigned long long u = x;
  c->a[1] = u << 40;
  c->a[2] = x >> 40;
  c->a[3] = u >> 60;
  c->a[4] = (int)x << 4;
  c->a[5] = (unsigned int)x >> 28;
  return (int)(u >> 3);
}
