int prog(void *ctx) {
  foo_t x = 0;
  return 0;
}
// expect: 2:3 sema/unknown-type
