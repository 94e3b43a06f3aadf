// input: 5
int test(struct ctx *c) {
  const int k = 7;
  volatile long long v = c->a[0];
  v += k;
  const long long arr[3] = {1, 2, 3};
  c->a[1] = v;
  c->a[2] = arr[2] * k;
  return (int)v;
}
