// input: 0 5
// input: 3 0
// input: 2 2
int test(struct ctx *c) {
  long long x = c->a[0], y = c->a[1];
  c->a[2] = x && y;
  c->a[3] = x || y;
  c->a[4] = !x && y;
  c->a[5] = (x || !y) && (y || !x);
  int n = 0;
  if (x && (n = 7)) n++;
  c->a[6] = n;
  return x || (y && x);
}
