int prog(void *ctx) {
again:
  ;
again:
  return 0;
}
// expect: 4:1 sema/duplicate-label
