// input: 3
int test(struct ctx *c) {
  long long acc[4] = {};
  int k = c->a[0] & 3;
  for (int i = 0; i < 16; i++) acc[i & 3] += i * (k + 1);
  c->a[1] = acc[0];
  c->a[2] = acc[1];
  c->a[3] = acc[2];
  c->a[4] = acc[3];
  return (int)acc[k];
}
