typedef int myint;
int prog(void *ctx) {
  return myint + 1;
}
// expect: 3:10 sema/type-as-value
