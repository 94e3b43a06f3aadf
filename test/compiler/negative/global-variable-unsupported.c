int total;
int prog(void *ctx) {
  return 0;
}
// expect: 1:5 sema/unsupported-global
