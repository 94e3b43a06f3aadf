// input: -1 3
// input: -9223372036854775807 62
// input: 12345 4
int test(struct ctx *c) {
  long long x = c->a[0];
  int s = (int)(c->a[1] & 63);
  c->a[2] = x >> s;
  int w = (int)x;
  c->a[3] = w >> (s & 31);
  c->a[4] = (long long)((unsigned long long)x << s);
  c->a[5] = -16 >> 2;
  return w >> 2;
}
