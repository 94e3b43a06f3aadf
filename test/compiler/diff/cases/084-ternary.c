// input: 5 3
// input: -1 3
// input: 0 0
int test(struct ctx *c) {
  long long x = c->a[0], y = c->a[1];
  long long m = x > y ? x : y;
  int s = x < 0 ? -1 : x > 0 ? 1 : 0;
  unsigned long long u = x ? (unsigned long long)x : 99;
  c->a[2] = m;
  c->a[3] = s;
  c->a[4] = u;
  c->a[5] = (x == y ? 'e' : 'n');
  return s;
}
