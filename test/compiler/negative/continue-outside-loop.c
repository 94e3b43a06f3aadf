int prog(void *ctx) {
  int x = 0;
  switch (x) {
  case 0:
    continue;
  }
  return 0;
}
