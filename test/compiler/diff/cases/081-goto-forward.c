// input: 0
// input: 5
int test(struct ctx *c) {
  long long x = c->a[0];
  int r = 0;
  if (x == 0) goto zero;
  r = 10;
  goto done;
zero:
  r = 20;
done:
  c->a[1] = r;
  return r;
}
