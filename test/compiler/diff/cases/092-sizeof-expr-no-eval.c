// input: 5
int test(struct ctx *c) {
  long long x = c->a[0];
  int n = sizeof(x++);
  c->a[1] = x;
  c->a[2] = n;
  c->a[3] = sizeof(x = 9);
  return (int)x;
}
