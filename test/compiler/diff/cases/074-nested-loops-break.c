// input: 12
// input: 35
int test(struct ctx *c) {
  int target = c->a[0];
  int fi = -1, fj = -1;
  for (int i = 1; i < 8; i++) {
    for (int j = 1; j < 8; j++) {
      if (i * j == target) {
        fi = i;
        fj = j;
        break;
      }
    }
    if (fi >= 0) break;
  }
  c->a[1] = fi;
  c->a[2] = fj;
  return fi * 10 + fj;
}
