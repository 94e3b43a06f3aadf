// input: 1
// input: 0
int test(struct ctx *c) {
  int flag = c->a[0];
  unsigned int u = 5;
  int i = -3;
  c->a[1] = flag ? i : u;
  c->a[2] = flag ? (long long)i : u;
  c->a[3] = flag ? (short)-1 : (unsigned char)200;
  return flag ? i : 7;
}
