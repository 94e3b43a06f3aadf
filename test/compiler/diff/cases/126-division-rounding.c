// input: 7 2
// input: -7 2
// input: 7 -2
// input: -7 -2
int test(struct ctx *c) {
  int a = c->a[0], b = c->a[1];
  c->a[2] = a / b;
  c->a[3] = a % b;
  c->a[4] = (a / b) * b + a % b;
  c->a[5] = (unsigned)a / (unsigned)b;
  c->a[6] = (unsigned)a % (unsigned)b;
  short s = a;
  c->a[7] = s / 2;
  return a % b;
}
