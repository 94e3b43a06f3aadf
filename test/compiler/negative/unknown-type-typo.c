int prog(void *ctx) {
  u23 x = 0;
  return x;
}
