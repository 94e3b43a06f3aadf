// input: -1 1
// input: 5 10
// input: -5 -10
int test(struct ctx *c) {
  int i = (int)c->a[0];
  unsigned int u = (unsigned int)c->a[1];
  long long l = c->a[0];
  c->a[2] = i < u;
  c->a[3] = l < u;
  c->a[4] = i + u;
  c->a[5] = l + u;
  c->a[6] = (i * 2) > (int)u;
  return i < (int)u;
}
