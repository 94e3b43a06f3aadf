int prog(void *ctx) {
  int a[4] = {};
  return a[4];
}
// expect: 3:12 sema/array-bounds
