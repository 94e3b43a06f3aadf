int prog(void *ctx) {
  double d = 1;
  return 0;
}
