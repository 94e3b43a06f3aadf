// input: 8
int test(struct ctx *c) {
  int arr[8] = {1, 2, 3};
  long long big[4] = {[1] = 5, [3] = (long long)c->a[0]};
  long long sum = 0;
  for (int i = 0; i < 8; i++) sum += arr[i] * (i + 1);
  for (int i = 0; i < 4; i++) sum += big[i];
  c->a[1] = sum;
  return arr[2] + arr[5];
}
