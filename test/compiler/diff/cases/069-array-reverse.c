// input: 1 2 3 4 5
int test(struct ctx *c) {
  long long v[5];
  v[0] = c->a[0]; v[1] = c->a[1]; v[2] = c->a[2]; v[3] = c->a[3]; v[4] = c->a[4];
  for (int i = 0, j = 4; i < j; i++, j--) {
    long long t = v[i];
    v[i] = v[j];
    v[j] = t;
  }
  c->a[0] = v[0]; c->a[1] = v[1]; c->a[2] = v[2]; c->a[3] = v[3]; c->a[4] = v[4];
  return (int)v[0];
}
