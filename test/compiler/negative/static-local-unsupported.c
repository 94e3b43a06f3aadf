int prog(void *ctx) {
  static int calls;
  return 0;
}
// expect: 2:14 sema/unsupported
