// A designator naming a sub-aggregate followed by a bare scalar: the braces are elided and the
// scalar initialises the sub-aggregate's first member (this used to hang the compiler).
// input: 7
struct pt { int x, y; };
struct line { struct pt a, b; int w; };
int test(struct ctx *c) {
  struct line m = {.b = 9, .w = 1};
  struct line n = {.a = (int)c->a[0], 5, .b = 3};
  int arr[2][2] = {[1] = 4, 6};
  c->a[1] = m.a.x + m.a.y * 10 + m.b.x * 100 + m.b.y * 1000 + m.w * 10000;
  c->a[2] = n.a.x + n.a.y * 10 + n.b.x * 100 + n.b.y * 1000 + n.w * 10000;
  c->a[3] = arr[0][0] + arr[0][1] * 10 + arr[1][0] * 100 + arr[1][1] * 1000;
  return m.b.x;
}
