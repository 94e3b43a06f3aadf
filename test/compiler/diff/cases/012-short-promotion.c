// input: 40000 30000
// input: -32768 -1
// input: 65535 2
int test(struct ctx *c) {
  unsigned short a = (unsigned short)c->a[0];
  unsigned short b = (unsigned short)c->a[1];
  short sa = (short)c->a[0];
  short sb = (short)c->a[1];
  c->a[2] = a * b;
  c->a[3] = sa * sb;
  c->a[4] = (short)(a + b);
  c->a[5] = a - b;
  c->a[6] = sa / sb;
  return (unsigned short)(a * b);
}
