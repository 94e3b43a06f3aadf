// input: 0 1
// input: 4294967295 1
// input: 18446744073709551615 2
int test(struct ctx *c) {
  unsigned long long x = c->a[0], y = c->a[1];
  unsigned int a = (unsigned int)x, b = (unsigned int)y;
  c->a[2] = x + y;
  c->a[3] = x - y;
  c->a[4] = a + b;
  c->a[5] = a - b;
  c->a[6] = (unsigned short)(a + b);
  c->a[7] = (unsigned char)(a - b);
  return (int)(a - b);
}
