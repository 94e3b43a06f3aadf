// input: 0
// input: 5
// input: 13
int test(struct ctx *c) {
  int arr[8] = {10, 20, 30, 40, 50, 60, 70, 80};
  unsigned int i = c->a[0] & 7;
  arr[i] += 1;
  c->a[1] = arr[i];
  c->a[2] = arr[(i + 1) & 7];
  return arr[7 - i];
}
