// input: 3 -2
// input: 7 15
// input: -4 -16
struct sbf {
  int x : 3;
  int y : 5;
  unsigned int z : 4;
};
int test(struct ctx *c) {
  struct sbf s = {};
  s.x = c->a[0];
  s.y = c->a[1];
  s.z = c->a[1];
  c->a[2] = s.x;
  c->a[3] = s.y;
  c->a[4] = s.z;
  c->a[5] = s.x * s.y;
  return s.x + s.y;
}
