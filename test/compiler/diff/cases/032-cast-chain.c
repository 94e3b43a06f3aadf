// input: 511
// input: -129
// input: 65408
int test(struct ctx *c) {
  long long x = c->a[0];
  c->a[1] = (long long)(unsigned short)(signed char)x;
  c->a[2] = (long long)(short)(unsigned char)x;
  c->a[3] = (unsigned long long)(int)(unsigned short)x;
  c->a[4] = (long long)(unsigned int)(short)x;
  return (int)(signed char)(unsigned short)x;
}
