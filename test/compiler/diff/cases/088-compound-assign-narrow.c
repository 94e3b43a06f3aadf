// input: 250 10
// input: 127 1
int test(struct ctx *c) {
  unsigned char b = c->a[0];
  signed char s = c->a[0];
  short h = 32767;
  b += c->a[1];
  s += c->a[1];
  h += c->a[1];
  c->a[2] = b;
  c->a[3] = s;
  c->a[4] = h;
  b <<= 2;
  s >>= 1;
  c->a[5] = b;
  c->a[6] = s;
  return b + s;
}
