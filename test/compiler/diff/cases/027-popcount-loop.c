// input: 0
// input: 255
// input: -1
// input: 6148914691236517205
int test(struct ctx *c) {
  unsigned long long x = c->a[0];
  int n = 0;
  for (int i = 0; i < 64; i++) {
    if (x & 1) n++;
    x >>= 1;
  }
  c->a[1] = n;
  return n;
}
