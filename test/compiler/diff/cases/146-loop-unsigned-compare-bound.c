// input: 5
int test(struct ctx *c) {
  unsigned long long n = c->a[0];
  unsigned long long s = 0;
  for (unsigned long long i = 0; i < 16; i++) {
    if (i > n) continue;
    s += i << (i & 7);
  }
  c->a[1] = s;
  return (int)s;
}
