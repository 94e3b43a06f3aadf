// input: 258
int test(struct ctx *c) {
  long long v = c->a[0];
  void *p = &v;
  unsigned char *b = (unsigned char *)p;
  unsigned short *h = p;
  c->a[1] = b[0];
  c->a[2] = b[1];
  c->a[3] = h[0];
  b[0] = 0xff;
  c->a[4] = v;
  return b[1];
}
