int prog(void *ctx) {
  int n = 4;
  int a[n];
  return 0;
}
// expect: 3:9 sema/not-constant
