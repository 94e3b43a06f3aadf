struct f { unsigned a : 2; };
int prog(void *ctx) {
  struct f v = {};
  return sizeof(v.a);
}
// expect: 4:10 sema/sizeof-bitfield
