// input: 5
int test(struct ctx *c) {
  long long x = c->a[0];
  long long a = x++;
  long long b = ++x;
  long long d = x--;
  long long e = --x;
  c->a[1] = a * 1000 + b * 100 + d * 10 + e;
  int arr[3] = {1, 2, 3};
  int *p = arr;
  int v = *p++;
  v += *++p;
  c->a[2] = v;
  c->a[3] = p - arr;
  return (int)x;
}
