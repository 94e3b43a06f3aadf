int prog(void *ctx) {
  int x = 1, y = 2;
  switch (x) {
  case y: return 1;
  }
  return 0;
}
// expect: 4:8 sema/not-constant
