int prog(void *ctx) {
  int x = 1;
  return *x;
}
// expect: 3:10 sema/deref-non-pointer
