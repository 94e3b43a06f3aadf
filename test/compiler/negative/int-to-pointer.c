int prog(void *ctx) {
  int x = 5;
  int *p = x;
  return 0;
}
// expect: 3:12 sema/type-mismatch
