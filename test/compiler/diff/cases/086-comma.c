// input: 3
int test(struct ctx *c) {
  long long x = c->a[0];
  long long y = (x++, x * 2);
  int i, j;
  for (i = 0, j = 10; i < j; i += 2, j -= 1) {}
  c->a[1] = y;
  c->a[2] = i;
  c->a[3] = j;
  c->a[4] = (x, 77);
  return (int)(x, y);
}
