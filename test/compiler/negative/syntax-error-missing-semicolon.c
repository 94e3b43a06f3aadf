int prog(void *ctx) {
  int x = 1
  return x;
}
// expect: 2:12 parse/missing-token
