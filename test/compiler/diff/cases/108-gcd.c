// input: 48 18
// input: 17 5
// input: 1000000007 998244353
int test(struct ctx *c) {
  unsigned long long a = c->a[0], b = c->a[1];
  for (int i = 0; i < 100 && b != 0; i++) {
    unsigned long long t = a % b;
    a = b;
    b = t;
  }
  c->a[2] = a;
  return (int)a;
}
