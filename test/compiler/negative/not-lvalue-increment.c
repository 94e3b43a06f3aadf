int prog(void *ctx) {
  int a = 1;
  (a + 1)++;
  return a;
}
// expect: 3:4 sema/not-lvalue
