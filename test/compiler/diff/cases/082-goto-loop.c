// input: 6
int test(struct ctx *c) {
  int i = 0;
  long long acc = 0;
  int n = c->a[0] & 15;
again:
  if (i < n) {
    acc += i * i;
    i++;
    goto again;
  }
  c->a[1] = acc;
  return i;
}
