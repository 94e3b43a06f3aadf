struct s { int a; };
int prog(struct s *p) {
  return p.a;
}
