// input: 200 3
int test(struct ctx *c) {
  unsigned char b = c->a[0];
  int s = c->a[1];
  c->a[2] = b << s;
  c->a[3] = b << 24;
  c->a[4] = (unsigned char)(b << s);
  c->a[5] = (signed char)b >> 1;
  c->a[6] = (unsigned long long)b << 40;
  c->a[7] = 1 << s;
  return b << 1;
}
