// input: 3 4
// input: -7 6
// input: 123456789 987654321
int test(struct ctx *c) {
  long long x = c->a[0], y = c->a[1];
  c->a[2] = x * y;
  c->a[3] = (int)x * (int)y;
  c->a[4] = (unsigned)x * (unsigned)y;
  return (int)(x * 3);
}
