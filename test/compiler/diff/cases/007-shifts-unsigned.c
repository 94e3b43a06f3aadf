// input: 1 3
// input: 18446744073709551615 63
// input: 12345 17
int test(struct ctx *c) {
  unsigned long long x = c->a[0];
  unsigned int s = (unsigned int)c->a[1] & 63;
  c->a[2] = x << s;
  c->a[3] = x >> s;
  unsigned int w = (unsigned int)x;
  unsigned int s2 = s & 31;
  c->a[4] = w << s2;
  c->a[5] = w >> s2;
  return (int)(w >> 1);
}
