// input: 10
// input: 50
// input: 1
int test(struct ctx *c) {
  int n = c->a[0] & 63;
  unsigned long long a = 0, b = 1;
  for (int i = 0; i < 64; i++) {
    if (i >= n) break;
    unsigned long long t = a + b;
    a = b;
    b = t;
  }
  c->a[1] = a;
  return (int)a;
}
