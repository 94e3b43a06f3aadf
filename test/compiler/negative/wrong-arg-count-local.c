static int add(int a, int b) { return a + b; }
int prog(void *ctx) {
  return add(1);
}
// expect: 3:10 sema/wrong-arg-count
