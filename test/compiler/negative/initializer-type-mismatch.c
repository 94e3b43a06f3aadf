struct s { int a; };
int prog(void *ctx) {
  struct s v = 5;
  return v.a;
}
