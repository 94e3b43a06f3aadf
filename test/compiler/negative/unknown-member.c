struct s { int alpha; int beta; };
int prog(void *ctx) {
  struct s v = {};
  return v.gamma;
}
// expect: 4:12 sema/unknown-member
