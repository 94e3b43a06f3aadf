int prog(void *ctx) {
  return;
}
// expect: 2:3 sema/return-type
