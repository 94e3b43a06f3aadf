// input: 3
typedef unsigned int uint;
typedef struct { uint x; uint y; } point_t;
typedef point_t pair_t[2];
int test(struct ctx *c) {
  pair_t pp = {{1, 2}, {3, (uint)c->a[0]}};
  uint s = 0;
  for (int i = 0; i < 2; i++) s += pp[i].x * pp[i].y;
  c->a[1] = s;
  c->a[2] = sizeof(pair_t);
  u32 z = s;
  u64 w = (u64)z << 33;
  c->a[3] = w;
  return s;
}
