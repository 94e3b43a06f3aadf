// input: 5
// input: -9223372036854775807
// input: 0
int test(struct ctx *c) {
  long long x = c->a[0];
  int i = (int)x;
  unsigned int u = (unsigned int)x;
  c->a[1] = -x;
  c->a[2] = -i;
  c->a[3] = -u;
  c->a[4] = -(short)x;
  c->a[5] = +x;
  return -i;
}
