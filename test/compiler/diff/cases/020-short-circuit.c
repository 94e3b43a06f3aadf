// input: 0
// input: 1
// input: 2
int test(struct ctx *c) {
  long long x = c->a[0];
  long long k = 0;
  if (x == 0 || (k = 10) > 5) k += 1;
  if (x == 1 && (k += 100)) k += 1000;
  c->a[1] = k;
  long long m = 0;
  x && (m = 3);
  x || (m = 4);
  c->a[2] = m;
  return (int)k;
}
