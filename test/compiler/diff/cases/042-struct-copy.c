// input: 1 2 3
struct point { long long x, y; int tag; };
int test(struct ctx *c) {
  struct point p = {c->a[0], c->a[1], (int)c->a[2]};
  struct point q;
  q = p;
  q.x += 10;
  struct point r = q;
  r.tag *= 2;
  c->a[3] = p.x;
  c->a[4] = q.x;
  c->a[5] = r.y;
  c->a[6] = r.tag;
  return p.tag + r.tag;
}
