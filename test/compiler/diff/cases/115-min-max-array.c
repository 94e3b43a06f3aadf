// input: 5 -3 8 0 -7 2 9 1
int test(struct ctx *c) {
  long long v[8];
  v[0] = c->a[0]; v[1] = c->a[1]; v[2] = c->a[2]; v[3] = c->a[3];
  v[4] = c->a[4]; v[5] = c->a[5]; v[6] = c->a[6]; v[7] = c->a[7];
  long long mn = v[0], mx = v[0];
  int imn = 0, imx = 0;
  for (int i = 1; i < 8; i++) {
    if (v[i] < mn) { mn = v[i]; imn = i; }
    if (v[i] > mx) { mx = v[i]; imx = i; }
  }
  c->a[0] = mn;
  c->a[1] = mx;
  c->a[2] = imn * 10 + imx;
  return imx;
}
