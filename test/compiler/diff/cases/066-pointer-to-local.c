// input: 7
static inline void bump(long long *v, int by) { *v += by; }
int test(struct ctx *c) {
  long long x = c->a[0];
  long long *p = &x;
  bump(p, 3);
  bump(&x, 4);
  *p *= 2;
  c->a[1] = x;
  int y = 1;
  int *py = &y;
  int **ppy = &py;
  **ppy = 42;
  return y + (int)x;
}
