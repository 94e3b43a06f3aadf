struct fwd;
int prog(void *ctx) {
  struct fwd v;
  return 0;
}
// expect: 3:14 sema/incomplete-type
