// input: 3 4
struct vec { long long x, y; };
static inline void scale(struct vec *v, long long k) {
  v->x *= k;
  v->y *= k;
}
static inline long long dot(const struct vec *a, const struct vec *b) { return a->x * b->x + a->y * b->y; }
int test(struct ctx *c) {
  struct vec v = {c->a[0], c->a[1]};
  struct vec w = v;
  scale(&w, 3);
  c->a[2] = w.x;
  c->a[3] = w.y;
  c->a[4] = dot(&v, &w);
  return (int)dot(&v, &v);
}
