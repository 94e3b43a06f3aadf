// input: 10
// input: 3
int test(struct ctx *c) {
  int n = c->a[0] & 31;
  long long sum = 0;
  for (int i = 0; i < 32; i++) {
    if (i >= n) break;
    if (i % 3 == 0) continue;
    sum += i;
  }
  c->a[1] = sum;
  return (int)sum;
}
