struct s { int a; };
int prog(void *ctx) {
  struct s v = {};
  __sync_fetch_and_add(&v, 1);
  return 0;
}
// expect: 4:24 sema/bad-helper-args
