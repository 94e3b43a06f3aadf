struct s { int a; };
static int get(int *p) { return *p; }
int prog(void *ctx) {
  struct s v = {};
  return get(v);
}
// expect: 5:14 sema/type-mismatch
