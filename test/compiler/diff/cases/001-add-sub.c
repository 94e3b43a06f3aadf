// input: 1 2
// input: -5 7
// input: 9223372036854775807 1
int test(struct ctx *c) {
  long long x = c->a[0], y = c->a[1];
  c->a[2] = x + y;
  c->a[3] = x - y;
  c->a[4] = y - x;
  return (int)(x + y);
}
