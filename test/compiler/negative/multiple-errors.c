int prog(void *ctx) {
  int a = b;
  foo_t c;
  return a.x;
}
