int prog(void *ctx) {
  int x = 5;
  int y = &x;
  return y;
}
// expect: 3:11 sema/type-mismatch
