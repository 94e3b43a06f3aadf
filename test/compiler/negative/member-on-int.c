int prog(void *ctx) {
  int v = 0;
  return v.a;
}
