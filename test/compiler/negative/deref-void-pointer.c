int prog(void *ctx) {
  return *ctx;
}
// expect: 2:10 sema/deref-void
