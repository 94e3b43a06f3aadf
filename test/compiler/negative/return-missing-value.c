int prog(void *ctx) {
  return;
}
