// input: 1000
// input: -1000
// input: 7
int test(struct ctx *c) {
  long long x = c->a[0];
  unsigned long long u = (unsigned long long)x;
  c->a[1] = x / 10;
  c->a[2] = x % 10;
  c->a[3] = u / 16;
  c->a[4] = u % 16;
  c->a[5] = x / -3;
  c->a[6] = x % -3;
  return (int)(x / 4);
}
