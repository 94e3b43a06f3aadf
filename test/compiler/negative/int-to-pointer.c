int prog(void *ctx) {
  int x = 5;
  int *p = x;
  return 0;
}
