int prog(void *ctx) {
  int x = 1;
  return x[0];
}
