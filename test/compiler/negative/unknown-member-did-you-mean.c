struct s { int count; };
int prog(void *ctx) {
  struct s v = {};
  return v.cuont;
}
// expect: 4:12 sema/unknown-member "did you mean 'count'"
