// input: 17 5
static inline void divmod(long long a, long long b, long long *q, long long *r) {
  *q = a / b;
  *r = a % b;
}
int test(struct ctx *c) {
  long long q, r;
  divmod(c->a[0], c->a[1], &q, &r);
  c->a[2] = q;
  c->a[3] = r;
  long long arr[2];
  divmod(q * 100, 7, &arr[0], &arr[1]);
  c->a[4] = arr[0];
  c->a[5] = arr[1];
  return (int)(q * 10 + r);
}
