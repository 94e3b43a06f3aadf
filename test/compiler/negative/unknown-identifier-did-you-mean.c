int prog(void *ctx) {
  int counter = 0;
  return countr;
}
// expect: 3:10 sema/unknown-identifier "did you mean 'counter'"
