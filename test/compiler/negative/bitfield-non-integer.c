struct flags {
  int *p : 3;
};
int prog(void *ctx) {
  return 0;
}
// expect: 2:7 sema/bitfield-type
