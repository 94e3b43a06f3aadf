// input: 5
int test(struct ctx *c) {
  long long arr[4] = {1, 2, 3, 4};
  long long *p = &arr[1];
  long long *q = &arr[3];
  c->a[1] = q - p;
  c->a[2] = (char *)q - (char *)p;
  c->a[3] = *p + *q;
  return (int)(q - arr);
}
