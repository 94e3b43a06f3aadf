struct s { int a; };
int prog(void *ctx) {
  struct s v = {};
  int y = v;
  return y;
}
// expect: 4:11 sema/type-mismatch
