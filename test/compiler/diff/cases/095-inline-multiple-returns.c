// input: 0
// input: 15
// input: 100
// input: -4
static inline int classify(long long v) {
  if (v < 0) return -1;
  if (v == 0) return 0;
  if (v < 10) return 1;
  if (v < 50) return 2;
  return 3;
}
int test(struct ctx *c) {
  int k = classify(c->a[0]);
  c->a[1] = k;
  c->a[2] = classify(c->a[0] / 2) + classify(c->a[0] * 3);
  return k;
}
