struct s { int count; };
int prog(void *ctx) {
  struct s v = {};
  return v.cuont;
}
