// input: 3 9
// input: 9 3
// input: -1 -1
int test(struct ctx *c) {
  long long x = c->a[0], y = c->a[1];
  c->a[2] = x < y;
  c->a[3] = (x == y) + (x != y) * 2;
  c->a[4] = !x;
  c->a[5] = !(x - y);
  c->a[6] = (x > 5) & (y > 5);
  return (x >= y) * 10 + (x <= y);
}
