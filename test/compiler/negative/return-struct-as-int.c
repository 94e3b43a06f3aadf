struct s { int a; };
int prog(void *ctx) {
  struct s v = {};
  return v;
}
