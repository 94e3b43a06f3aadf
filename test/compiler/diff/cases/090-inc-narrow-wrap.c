int test(struct ctx *c) {
  unsigned char b = 255;
  signed char s = 127;
  unsigned short h = 0;
  b++;
  s++;
  h--;
  c->a[0] = b;
  c->a[1] = s;
  c->a[2] = h;
  unsigned int u = 0;
  u--;
  c->a[3] = u;
  return b + h;
}
