int prog(void *ctx) {
  int x = 1;
  return x + y;
}
// expect: 3:14 sema/unknown-identifier
