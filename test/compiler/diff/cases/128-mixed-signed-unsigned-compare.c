// input: -1 0
// input: 1 2
int test(struct ctx *c) {
  int i = c->a[0];
  unsigned u = c->a[1];
  long long l = c->a[0];
  unsigned short us = c->a[1];
  c->a[2] = i > u;
  c->a[3] = l > u;
  c->a[4] = i > us;
  c->a[5] = (unsigned char)i > 100;
  return (i < u) + (l < us) * 2;
}
