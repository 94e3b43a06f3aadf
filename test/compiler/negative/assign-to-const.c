int prog(void *ctx) {
  const int a = 1;
  a = 2;
  return a;
}
// expect: 3:3 sema/assign-to-const
