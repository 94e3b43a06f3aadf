// input: 1 2 3 4
int test(struct ctx *c) {
  int arr[4] = {(int)c->a[0], (int)c->a[1] * 2, (int)c->a[2] * 3, (int)c->a[3] * 4};
  int prefix[4];
  prefix[0] = arr[0];
  for (int i = 1; i < 4; i++) prefix[i] = prefix[i - 1] + arr[i];
  c->a[4] = prefix[3];
  c->a[5] = prefix[1];
  return prefix[2];
}
