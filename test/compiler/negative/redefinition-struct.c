struct s { int a; };
struct s { long b; };
int prog(void *ctx) {
  return 0;
}
// expect: 2:1 sema/redefinition
