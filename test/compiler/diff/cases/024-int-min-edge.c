// input: -2147483648 1
// input: -9223372036854775808 3
int test(struct ctx *c) {
  long long x = c->a[0];
  int i = (int)x;
  c->a[2] = i / 2;
  c->a[3] = i % 7;
  c->a[4] = x / 3;
  c->a[5] = x % 5;
  c->a[6] = (unsigned long long)x >> 1;
  return i / 16;
}
