int prog(void *ctx) {
  u23 x = 0;
  return x;
}
// expect: 2:3 sema/unknown-type "did you mean 'u32'"
