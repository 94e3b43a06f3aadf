int prog(void *ctx) {
  int a[-1];
  return 0;
}
