int prog(void *ctx) {
  switch (ctx) {
  default: return 0;
  }
}
