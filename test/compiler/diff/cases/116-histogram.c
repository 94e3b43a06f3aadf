// input: 1 2 2 3 3 3 7 0
int test(struct ctx *c) {
  int hist[8] = {};
  long long v[8];
  v[0] = c->a[0]; v[1] = c->a[1]; v[2] = c->a[2]; v[3] = c->a[3];
  v[4] = c->a[4]; v[5] = c->a[5]; v[6] = c->a[6]; v[7] = c->a[7];
  for (int i = 0; i < 8; i++) hist[v[i] & 7]++;
  long long packed = 0;
  for (int i = 0; i < 8; i++) packed = packed * 10 + hist[i];
  c->a[0] = packed;
  return hist[3];
}
