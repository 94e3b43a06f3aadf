struct s { int a; };
int prog(void *ctx) {
  struct s v = 5;
  return v.a;
}
// expect: 3:16 sema/bad-initializer
