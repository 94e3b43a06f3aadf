int prog(void *ctx) {
  int x = 1;
  return x[0];
}
// expect: 3:10 sema/subscript-non-array
