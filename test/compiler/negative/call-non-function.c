int prog(void *ctx) {
  int x = 1;
  return x(2);
}
// expect: 3:10 sema/call-non-function
