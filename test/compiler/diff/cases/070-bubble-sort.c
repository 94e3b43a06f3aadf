// input: 5 3 8 1 9 2 7 4
// input: 1 2 3 4 5 6 7 8
// input: -1 -5 3 0 0 2 -9 4
int test(struct ctx *c) {
  long long v[8];
  v[0] = c->a[0]; v[1] = c->a[1]; v[2] = c->a[2]; v[3] = c->a[3];
  v[4] = c->a[4]; v[5] = c->a[5]; v[6] = c->a[6]; v[7] = c->a[7];
  int swaps = 0;
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 7 - i; j++)
      if (v[j] > v[j + 1]) {
        long long t = v[j];
        v[j] = v[j + 1];
        v[j + 1] = t;
        swaps++;
      }
  c->a[0] = v[0]; c->a[1] = v[1]; c->a[2] = v[2]; c->a[3] = v[3];
  c->a[4] = v[4]; c->a[5] = v[5]; c->a[6] = v[6]; c->a[7] = v[7];
  return swaps;
}
