int total;
int prog(void *ctx) {
  return 0;
}
