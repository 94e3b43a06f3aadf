int prog(void *ctx) {
  foo_t x = 0;
  return 0;
}
