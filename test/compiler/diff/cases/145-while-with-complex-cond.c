// input: 100 7
int test(struct ctx *c) {
  long long a = c->a[0], b = c->a[1];
  int n = 0;
  while ((a > 0 && b < 50) || n < 3) {
    a -= b;
    b += 3;
    n++;
    if (n > 40) break;
  }
  c->a[2] = a;
  c->a[3] = b;
  return n;
}
