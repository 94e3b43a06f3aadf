int total = 5;
int other = total + 1;
int prog(void *ctx) {
  return other;
}
// expect: 2:13 sema/not-constant
