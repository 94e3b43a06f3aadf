int prog(void *ctx) {
  char a[8] = {};
  __builtin_memset(a, 0, 1024);
  return a[0];
}
// expect: 3:26 sema/too-large
