int prog(void *ctx) {
  double d = 1;
  return 0;
}
// expect: 2:3 sema/float-unsupported
