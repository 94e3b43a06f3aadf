int prog(void *ctx) {
  int a = 1, b = 2;
  (a + b) = 3;
  return a;
}
// expect: 3:4 sema/not-lvalue
