// input: 1 1
// input: 1 2
// input: 3 2
int test(struct ctx *c) {
  unsigned char a[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  unsigned char b[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  b[3] = c->a[0] + 3;
  a[3] = c->a[1] + 3;
  int r = __builtin_memcmp(a, b, 8);
  c->a[2] = r == 0;
  c->a[3] = r < 0;
  c->a[4] = r > 0;
  c->a[5] = __builtin_memcmp(a, b, 3) == 0;
  return r == 0;
}
