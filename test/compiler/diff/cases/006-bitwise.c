// input: 12 10
// input: -1 255
// input: 6148914691236517205 -6148914691236517206
int test(struct ctx *c) {
  long long x = c->a[0], y = c->a[1];
  c->a[2] = x & y;
  c->a[3] = x | y;
  c->a[4] = x ^ y;
  c->a[5] = ~x;
  c->a[6] = ~x & y;
  return (int)((x ^ y) & 0xffff);
}
