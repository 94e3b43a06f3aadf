int prog(void *ctx) {
  return do_thing(1);
}
// expect: 2:10 sema/unknown-function
