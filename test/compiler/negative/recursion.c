static int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }
int prog(void *ctx) {
  return fact(5);
}
// expect: 1:50 lower/recursion
