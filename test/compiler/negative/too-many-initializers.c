int prog(void *ctx) {
  int a[2] = {1, 2, 3};
  return a[0];
}
