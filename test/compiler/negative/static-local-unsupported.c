int prog(void *ctx) {
  static int calls;
  return 0;
}
