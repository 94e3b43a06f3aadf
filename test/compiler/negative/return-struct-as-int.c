struct s { int a; };
int prog(void *ctx) {
  struct s v = {};
  return v;
}
// expect: 4:10 sema/type-mismatch
