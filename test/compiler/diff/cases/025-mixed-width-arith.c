// input: 300 70000 5000000000
// input: -300 -70000 -5000000000
int test(struct ctx *c) {
  short s = (short)c->a[0];
  int i = (int)c->a[1];
  long long l = c->a[2];
  c->a[3] = s + i + l;
  c->a[4] = s * i;
  c->a[5] = l / i;
  c->a[6] = (int)l + s;
  c->a[7] = (unsigned char)s + (unsigned short)i;
  return s * 2 + i;
}
