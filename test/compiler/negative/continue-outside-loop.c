int prog(void *ctx) {
  int x = 0;
  switch (x) {
  case 0:
    continue;
  }
  return 0;
}
// expect: 5:5 sema/continue-outside-loop
