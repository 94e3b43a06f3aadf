int prog(void *ctx) {
  int x = 0;
  for (;;)
    x += 2;
  return x;
}
// expect: 3:3 sema/unbounded-loop
