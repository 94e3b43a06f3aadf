struct fwd;
int prog(void *ctx) {
  return sizeof(struct fwd);
}
// expect: 3:10 sema/incomplete-type
