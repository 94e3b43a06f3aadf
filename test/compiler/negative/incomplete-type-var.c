struct fwd;
int prog(void *ctx) {
  struct fwd v;
  return 0;
}
