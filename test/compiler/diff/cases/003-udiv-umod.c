// input: 100 7
// input: 18446744073709551615 3
// input: 5 9
int test(struct ctx *c) {
  unsigned long long x = c->a[0], y = c->a[1];
  c->a[2] = x / y;
  c->a[3] = x % y;
  unsigned int a = (unsigned int)x, b = (unsigned int)y;
  c->a[4] = a / b;
  c->a[5] = a % b;
  return (int)(a / b);
}
