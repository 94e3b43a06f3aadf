int prog(void *ctx) {
  goto out;
  return 1;
}
// expect: 2:3 sema/unknown-label
