int prog(void *ctx) {
  int a = 1;
  int *p = &(a + 1);
  return *p;
}
