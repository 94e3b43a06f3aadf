int prog(void *ctx) {
  break;
  return 0;
}
