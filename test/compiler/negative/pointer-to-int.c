int prog(void *ctx) {
  int x = 5;
  int y = &x;
  return y;
}
