struct fwd;
int prog(void *ctx) {
  return sizeof(struct fwd);
}
