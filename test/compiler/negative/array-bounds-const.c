int prog(void *ctx) {
  int a[4] = {};
  return a[4];
}
