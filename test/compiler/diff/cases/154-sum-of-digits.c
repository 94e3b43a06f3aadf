// input: 987654321
// input: 0
int test(struct ctx *c) {
  unsigned long long v = c->a[0];
  int s = 0, d = 0;
  for (int i = 0; i < 20; i++) {
    if (v == 0) break;
    s += v % 10;
    v /= 10;
    d++;
  }
  c->a[1] = s;
  c->a[2] = d;
  return s;
}
