struct s { int a; int b; };
int prog(void *ctx) {
  struct s v = { .c = 1 };
  return v.a;
}
// expect: 3:18 sema/unknown-member
