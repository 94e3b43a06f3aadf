// input: 27
// input: 1
// input: 97
int test(struct ctx *c) {
  unsigned long long n = c->a[0];
  int steps = 0;
  while (n != 1 && steps < 200) {
    if (n & 1) n = 3 * n + 1;
    else n /= 2;
    steps++;
  }
  c->a[1] = n;
  return steps;
}
