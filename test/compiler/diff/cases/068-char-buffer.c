// input: 4
int test(struct ctx *c) {
  char buf[16];
  int n = c->a[0] & 15;
  for (int i = 0; i < 16; i++) buf[i] = 'a' + i;
  buf[n] = 0;
  int len = 0;
  for (int i = 0; i < 16; i++) {
    if (buf[i] == 0) break;
    len++;
  }
  c->a[1] = len;
  c->a[2] = buf[15];
  return len;
}
