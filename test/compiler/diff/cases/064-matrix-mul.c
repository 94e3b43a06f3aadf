// input: 1 2 3 4
// input: -1 0 5 2
int test(struct ctx *c) {
  long long a[2][2] = {{c->a[0], c->a[1]}, {c->a[2], c->a[3]}};
  long long b[2][2] = {{2, 0}, {1, 3}};
  long long r[2][2];
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 2; j++) {
      r[i][j] = 0;
      for (int k = 0; k < 2; k++) r[i][j] += a[i][k] * b[k][j];
    }
  c->a[4] = r[0][0];
  c->a[5] = r[0][1];
  c->a[6] = r[1][0];
  c->a[7] = r[1][1];
  return (int)(r[0][0] + r[1][1]);
}
