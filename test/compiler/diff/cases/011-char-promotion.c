// input: 200 100
// input: 127 1
// input: -128 -1
int test(struct ctx *c) {
  unsigned char a = (unsigned char)c->a[0];
  unsigned char b = (unsigned char)c->a[1];
  signed char sa = (signed char)c->a[0];
  signed char sb = (signed char)c->a[1];
  c->a[2] = a + b;
  c->a[3] = sa + sb;
  c->a[4] = (unsigned char)(a + b);
  c->a[5] = (signed char)(sa + sb);
  c->a[6] = a * b;
  return sa * sb;
}
