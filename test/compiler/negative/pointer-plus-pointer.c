int prog(void *ctx) {
  int a[2] = {};
  int *p = a, *q = a;
  return (int)(long)(p + q);
}
// expect: 4:24 sema/type-mismatch
