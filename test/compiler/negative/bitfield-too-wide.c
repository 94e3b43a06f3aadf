struct flags {
  unsigned int a : 33;
};
int prog(void *ctx) {
  return 0;
}
// expect: 2:20 sema/bitfield-width
