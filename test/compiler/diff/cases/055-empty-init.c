struct z { long long a; int b; char c[5]; short d; };
int test(struct ctx *c) {
  struct z v = {};
  int arr[6] = {};
  long long sum = v.a + v.b + v.c[4] + v.d;
  for (int i = 0; i < 6; i++) sum += arr[i];
  c->a[0] = sum;
  c->a[1] = sizeof(v);
  return (int)sum;
}
