// input: 4
struct pt { int x, y; };
static inline int manhattan(struct pt p) { return (p.x < 0 ? -p.x : p.x) + (p.y < 0 ? -p.y : p.y); }
int test(struct ctx *c) {
  int v = c->a[0];
  c->a[1] = manhattan((struct pt){v, -3});
  struct pt q = (struct pt){.y = v * 2};
  c->a[2] = q.x + q.y;
  return manhattan((struct pt){-v, -v});
}
