struct s { int a; };
int prog(void *ctx) {
  struct s v = {};
  return v * 2;
}
// expect: 4:12 sema/type-mismatch
