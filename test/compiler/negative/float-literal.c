int prog(void *ctx) {
  long x = 1.5;
  return x;
}
// expect: 2:12 parse/float-unsupported
