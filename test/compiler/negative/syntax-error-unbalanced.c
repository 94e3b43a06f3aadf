int prog(void *ctx) {
  if (1 {
    return 1;
  }
  return 0;
}
// expect: 2:8 parse/missing-token
