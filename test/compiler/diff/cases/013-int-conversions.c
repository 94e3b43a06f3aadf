// input: -1
// input: 4294967296
// input: 2147483648
int test(struct ctx *c) {
  long long x = c->a[0];
  int i = (int)x;
  unsigned int u = (unsigned int)x;
  short s = (short)x;
  unsigned char b = (unsigned char)x;
  c->a[1] = i;
  c->a[2] = u;
  c->a[3] = s;
  c->a[4] = b;
  c->a[5] = (long long)(unsigned long long)u;
  c->a[6] = (long long)(signed char)b;
  return i;
}
