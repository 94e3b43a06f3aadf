// input: 305419896
// input: 4294967295
// input: 16909060
int test(struct ctx *c) {
  unsigned int x = (unsigned int)c->a[0];
  unsigned int r = ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >> 8) & 0xff00) | (x >> 24);
  c->a[1] = r;
  unsigned short h = (unsigned short)x;
  c->a[2] = (unsigned short)((h << 8) | (h >> 8));
  return (int)r;
}
