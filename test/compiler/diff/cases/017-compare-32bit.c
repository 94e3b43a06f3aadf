// input: 4294967295 1
// input: -2147483648 2147483647
// input: 4294967296 0
int test(struct ctx *c) {
  int x = (int)c->a[0], y = (int)c->a[1];
  unsigned int ux = (unsigned int)c->a[0], uy = (unsigned int)c->a[1];
  c->a[2] = x < y;
  c->a[3] = ux < uy;
  c->a[4] = x == y;
  c->a[5] = ux >= uy;
  c->a[6] = (x > 0) + (ux > 0);
  return x > y;
}
