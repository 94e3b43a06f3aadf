int prog(void *ctx) {
  int a[-1];
  return 0;
}
// expect: 2:9 sema/bad-array-size
