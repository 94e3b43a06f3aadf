// input: 255 65535 4294967295
// input: 127 32767 2147483647
// input: 128 32768 2147483648
int test(struct ctx *c) {
  signed char b = (signed char)c->a[0];
  short h = (short)c->a[1];
  int w = (int)c->a[2];
  long long sum = b;
  sum += h;
  sum += w;
  c->a[3] = sum;
  c->a[4] = (long long)b * h;
  return b + h;
}
