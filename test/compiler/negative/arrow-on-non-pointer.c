struct s { int a; };
int prog(void *ctx) {
  struct s v = {};
  return v->a;
}
// expect: 4:10 sema/arrow-on-non-pointer
