int prog(void *ctx) {
  int x = 1;
  x = = 2;
  return x;
}
// expect: 3:7 parse/syntax-error
