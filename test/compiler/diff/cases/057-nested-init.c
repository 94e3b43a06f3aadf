// input: 2
struct pt { int x, y; };
struct line { struct pt a, b; int w; };
int test(struct ctx *c) {
  struct line l = {{1, 2}, {.y = 4, .x = 3}, (int)c->a[0]};
  struct line m = {.b.y = 9, .w = 1};
  int grid[2][3] = {{1, 2, 3}, {4, 5, 6}};
  c->a[1] = l.a.x + l.a.y * 10 + l.b.x * 100 + l.b.y * 1000;
  c->a[2] = m.a.x + m.b.y + m.w;
  c->a[3] = grid[1][2] * grid[0][1];
  return l.w;
}
