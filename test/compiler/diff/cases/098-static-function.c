// input: 6
static long long fact(int n) {
  long long r = 1;
  for (int i = 2; i <= 20; i++) {
    if (i > n) break;
    r *= i;
  }
  return r;
}
int test(struct ctx *c) {
  int n = c->a[0] & 15;
  c->a[1] = fact(n);
  c->a[2] = fact(n + 2);
  return (int)fact(5);
}
