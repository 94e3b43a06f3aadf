int prog(void *ctx) {
again:
  ;
again:
  return 0;
}
