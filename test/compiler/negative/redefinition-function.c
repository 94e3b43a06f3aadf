static int f(void) { return 1; }
static int f(void) { return 2; }
int prog(void *ctx) {
  return f();
}
// expect: 2:12 sema/redefinition
