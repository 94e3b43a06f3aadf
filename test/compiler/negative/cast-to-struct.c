struct s { int a; };
int prog(void *ctx) {
  int x = 1;
  struct s v = (struct s)x;
  return 0;
}
// expect: 4:16 sema/bad-cast
