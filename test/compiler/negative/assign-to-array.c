int prog(void *ctx) {
  int a[2] = {}, b[2] = {};
  a = b;
  return 0;
}
// expect: 3:3 sema/not-assignable
