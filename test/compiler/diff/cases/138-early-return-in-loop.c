// input: 3 4 5 6 7 8 9 10
// input: 3 4 5 -6 7 8 9 10
int test(struct ctx *c) {
  long long v[8];
  v[0] = c->a[0]; v[1] = c->a[1]; v[2] = c->a[2]; v[3] = c->a[3];
  v[4] = c->a[4]; v[5] = c->a[5]; v[6] = c->a[6]; v[7] = c->a[7];
  for (int i = 0; i < 8; i++) {
    if (v[i] < 0) {
      c->a[0] = i;
      return -1;
    }
  }
  c->a[0] = 99;
  return 1;
}
