// input: 0
// input: 5
int test(struct ctx *c) {
  int n = c->a[0] & 15;
  int k = 0;
  long long acc = 1;
  do {
    acc *= 3;
    k++;
  } while (k < n);
  c->a[1] = acc;
  return k;
}
