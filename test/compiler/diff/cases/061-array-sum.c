// input: 1 2 3 4 5 6 7 8
int test(struct ctx *c) {
  long long arr[8];
  arr[0] = c->a[0]; arr[1] = c->a[1]; arr[2] = c->a[2]; arr[3] = c->a[3];
  arr[4] = c->a[4]; arr[5] = c->a[5]; arr[6] = c->a[6]; arr[7] = c->a[7];
  long long sum = 0;
  for (int i = 0; i < 8; i++) sum += arr[i] * (i + 1);
  c->a[0] = sum;
  return (int)sum;
}
