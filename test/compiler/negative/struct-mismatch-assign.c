struct a { int x; };
struct b { int x; };
int prog(void *ctx) {
  struct a p = {};
  struct b q = {};
  p = q;
  return 0;
}
// expect: 6:7 sema/type-mismatch
