int prog(void *ctx) {
  int x = 1;
  int x = 2;
  return x;
}
// expect: 3:7 sema/redefinition
