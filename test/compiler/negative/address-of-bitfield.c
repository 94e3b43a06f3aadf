struct flags { unsigned a : 3; };
int prog(void *ctx) {
  struct flags f = {};
  unsigned *p = &f.a;
  return 0;
}
// expect: 4:18 sema/address-of-bitfield
