// input: 74565
// input: -1
// input: 4294967296
int test(struct ctx *c) {
  long long x = c->a[0];
  c->a[1] = (unsigned char)x;
  c->a[2] = (signed char)x;
  c->a[3] = (unsigned short)x;
  c->a[4] = (short)x;
  c->a[5] = (unsigned int)x;
  c->a[6] = (int)x;
  return (unsigned char)x + (signed char)x;
}
