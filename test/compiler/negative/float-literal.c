int prog(void *ctx) {
  long x = 1.5;
  return x;
}
