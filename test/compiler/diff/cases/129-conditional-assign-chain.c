// input: 1
// input: 2
// input: 3
int test(struct ctx *c) {
  long long v = c->a[0];
  long long a = 0, b = 0, d = 0;
  a = b = d = v * 2;
  a += (b = 3);
  c->a[1] = a;
  c->a[2] = b;
  c->a[3] = d;
  return (int)(a + b + d);
}
