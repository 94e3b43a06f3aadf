int prog(void *ctx) {
  return *ctx;
}
