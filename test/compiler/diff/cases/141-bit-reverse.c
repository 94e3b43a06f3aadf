// input: 1
// input: 305419896
int test(struct ctx *c) {
  unsigned int v = c->a[0];
  unsigned int r = 0;
  for (int i = 0; i < 32; i++) {
    r = (r << 1) | (v & 1);
    v >>= 1;
  }
  c->a[1] = r;
  return r;
}
