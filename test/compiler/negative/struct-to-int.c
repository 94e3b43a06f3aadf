struct s { int a; };
int prog(void *ctx) {
  struct s v = {};
  int y = v;
  return y;
}
