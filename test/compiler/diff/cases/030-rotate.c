// input: 1 1
// input: 9223372036854775808 3
// input: 81985529216486895 17
int test(struct ctx *c) {
  unsigned long long x = c->a[0];
  unsigned int s = (unsigned int)c->a[1] & 63;
  unsigned long long l = s == 0 ? x : (x << s) | (x >> (64 - s));
  unsigned int w = (unsigned int)x;
  unsigned int s2 = s & 31;
  unsigned int r = s2 == 0 ? w : (w >> s2) | (w << (32 - s2));
  c->a[2] = l;
  c->a[3] = r;
  return (int)r;
}
