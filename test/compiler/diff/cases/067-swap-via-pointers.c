// input: 1 2
// input: -5 9
static inline void swap(long long *a, long long *b) {
  long long t = *a;
  *a = *b;
  *b = t;
}
int test(struct ctx *c) {
  long long x = c->a[0], y = c->a[1];
  swap(&x, &y);
  c->a[2] = x;
  c->a[3] = y;
  long long arr[3] = {1, 2, 3};
  swap(&arr[0], &arr[2]);
  c->a[4] = arr[0] * 100 + arr[1] * 10 + arr[2];
  return (int)(x - y);
}
