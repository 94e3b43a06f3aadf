struct s { int a; };
int prog(struct s *p) {
  return p.a;
}
// expect: 3:10 sema/member-on-pointer
