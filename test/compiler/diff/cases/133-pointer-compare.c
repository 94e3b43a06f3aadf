// input: 1
int test(struct ctx *c) {
  int arr[4] = {1, 2, 3, 4};
  int *a = &arr[1], *b = &arr[c->a[0] & 3];
  c->a[1] = a == b;
  c->a[2] = a < b;
  c->a[3] = a >= b;
  c->a[4] = b - a;
  return a != b;
}
