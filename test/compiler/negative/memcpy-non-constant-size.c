int prog(void *ctx) {
  char a[8] = {}, b[8] = {};
  int n = 4;
  __builtin_memcpy(a, b, n);
  return a[0];
}
// expect: 4:26 sema/not-constant
