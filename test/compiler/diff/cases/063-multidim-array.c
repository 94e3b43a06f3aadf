// input: 1 2
// input: 2 0
int test(struct ctx *c) {
  int m[3][4];
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 4; j++) m[i][j] = i * 10 + j;
  /* masks and a clamp, not `% 3`: the verifier does not bound the result of a modulo */
  unsigned r = c->a[0] & 3, k = c->a[1] & 3;
  if (r > 2) r = 2;
  c->a[2] = m[r][k];
  long long tr = 0;
  for (int i = 0; i < 3; i++) tr += m[i][i];
  c->a[3] = tr;
  c->a[4] = sizeof(m) + sizeof(m[0]);
  return m[2][3];
}
