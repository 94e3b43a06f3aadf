int prog(void *ctx) {
  goto out;
  return 1;
}
