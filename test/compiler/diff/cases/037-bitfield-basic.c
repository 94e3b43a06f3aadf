// input: 5 3 100
// input: 7 0 1023
struct bf {
  unsigned int a : 3;
  unsigned int b : 2;
  unsigned int c : 10;
  unsigned int d : 17;
};
int test(struct ctx *c) {
  struct bf s = {};
  s.a = c->a[0];
  s.b = c->a[1];
  s.c = c->a[2];
  s.d = 12345;
  c->a[3] = s.a + s.b + s.c;
  c->a[4] = s.d;
  c->a[5] = sizeof(s);
  unsigned int raw;
  __builtin_memcpy(&raw, &s, 4);
  c->a[6] = raw;
  return s.a;
}
