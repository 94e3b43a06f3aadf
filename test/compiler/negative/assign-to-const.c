int prog(void *ctx) {
  const int a = 1;
  a = 2;
  return a;
}
