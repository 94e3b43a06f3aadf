static int f(void) { return 1; }
int prog(void *ctx) {
  long p = (long)f;
  return (int)p;
}
// expect: 3:18 sema/function-as-value
