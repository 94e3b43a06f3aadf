// input: 200
// input: 100
int test(struct ctx *c) {
  char ch = (char)c->a[0];
  unsigned char uc = (unsigned char)c->a[0];
  c->a[1] = ch < 0;
  c->a[2] = uc > 127;
  c->a[3] = ch == (char)200;
  c->a[4] = ch;
  return ch;
}
