// input: 1 2
// input: 2 1
struct key { int a; int b; };
static inline int key_less(struct key x, struct key y) {
  if (x.a != y.a) return x.a < y.a;
  return x.b < y.b;
}
int test(struct ctx *c) {
  struct key k1 = {(int)c->a[0], 5};
  struct key k2 = {(int)c->a[1], 5};
  c->a[2] = key_less(k1, k2);
  c->a[3] = key_less(k2, k1);
  k2.a = k1.a;
  k2.b = 6;
  c->a[4] = key_less(k1, k2);
  return key_less(k1, k1);
}
