static void f(int *p) {
  return 5;
}
int prog(void *ctx) {
  int x = 0;
  f(&x);
  return x;
}
// expect: 2:10 sema/return-type
