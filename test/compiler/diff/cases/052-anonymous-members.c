// input: 9
struct tagged {
  int kind;
  union {
    long long i;
    unsigned char bytes[8];
  };
  struct {
    short x, y;
  };
};
int test(struct ctx *c) {
  struct tagged t = {};
  t.kind = 1;
  t.i = c->a[0] * 257;
  t.x = 3;
  t.y = 4;
  c->a[1] = t.bytes[0] + t.bytes[1];
  c->a[2] = sizeof(t);
  c->a[3] = t.x * t.y;
  return t.kind;
}
