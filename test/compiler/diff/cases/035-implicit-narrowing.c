// input: 1000000
// input: -70000
int test(struct ctx *c) {
  short s = c->a[0];
  unsigned char b = c->a[0];
  int i = c->a[0] * 3;
  c->a[1] = s;
  c->a[2] = b;
  c->a[3] = i;
  s += 40000;
  b *= 3;
  c->a[4] = s;
  c->a[5] = b;
  return s;
}
