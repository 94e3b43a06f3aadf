int prog(void *ctx) {
  int a[2] = {1, 2, 3};
  return a[0];
}
// expect: 2:21 sema/too-many-initializers
