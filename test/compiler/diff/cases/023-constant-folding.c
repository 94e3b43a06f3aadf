// input: 0
int test(struct ctx *c) {
  int a = 7, b = 3;
  long long k = (a * b + 4) / 5;
  unsigned int m = (unsigned)-1 / 3;
  c->a[1] = k;
  c->a[2] = m;
  c->a[3] = (-7) / 2;
  c->a[4] = (-7) % 2;
  c->a[5] = (1u << 31) >> 30;
  c->a[6] = (char)300;
  c->a[7] = (unsigned short)-1 + 1;
  return a << b;
}
