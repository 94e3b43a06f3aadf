int prog(void *ctx) {
  int x = 1;
  switch (x) {
  case 1: return 1;
  case 1: return 2;
  }
  return 0;
}
// expect: 5:8 sema/duplicate-case
