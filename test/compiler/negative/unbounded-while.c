int prog(void *ctx) {
  int x = 0;
  while (1) {
    x++;
  }
  return x;
}
// expect: 3:3 sema/unbounded-loop
