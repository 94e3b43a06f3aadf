int prog(void *ctx) {
  char c = 0;
  __sync_fetch_and_add(&c, 1);
  return c;
}
// expect: 3:24 sema/bad-helper-args
