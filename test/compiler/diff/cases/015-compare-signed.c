// input: -3 4
// input: 4 -3
// input: 7 7
int test(struct ctx *c) {
  long long x = c->a[0], y = c->a[1];
  int r = 0;
  if (x < y) r |= 1;
  if (x <= y) r |= 2;
  if (x > y) r |= 4;
  if (x >= y) r |= 8;
  if (x == y) r |= 16;
  if (x != y) r |= 32;
  c->a[2] = r;
  return r;
}
