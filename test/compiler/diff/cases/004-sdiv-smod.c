// input: -100 7
// input: 100 -7
// input: -100 -7
// input: 7 100
int test(struct ctx *c) {
  long long x = c->a[0], y = c->a[1];
  c->a[2] = x / y;
  c->a[3] = x % y;
  int a = (int)x, b = (int)y;
  c->a[4] = a / b;
  c->a[5] = a % b;
  return a / b;
}
