int prog(void *ctx) {
  int x = 1;
  switch (x) {
  case 1: return 1;
  case 1: return 2;
  }
  return 0;
}
