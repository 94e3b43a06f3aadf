int prog(void *ctx) {
  switch (ctx) {
  default: return 0;
  }
}
// expect: 2:11 sema/type-mismatch
