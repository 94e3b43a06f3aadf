// input: 2
int test(struct ctx *c) {
  int arr[6] = {5, 4, 3, 2, 1, 0};
  int *p = arr;
  int *end = arr + 6;
  long long acc = 0;
  /* counted, not `while (p < end)`: the verifier cannot bound p by comparing two stack pointers */
  for (int i = 0; i < 6; i++) {
    acc = acc * 10 + *p;
    p++;
  }
  c->a[1] = acc;
  int *q = &arr[c->a[0] & 3];
  c->a[2] = q[1] + *(q + 2);
  c->a[3] = end - q;
  return *--p;
}
