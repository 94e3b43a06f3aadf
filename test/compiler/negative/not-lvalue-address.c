int prog(void *ctx) {
  int a = 1;
  int *p = &(a + 1);
  return *p;
}
// expect: 3:14 sema/not-lvalue
