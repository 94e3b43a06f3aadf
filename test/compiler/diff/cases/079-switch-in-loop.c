// input: 0
int test(struct ctx *c) {
  int counts[3] = {0, 0, 0};
  long long acc = 0;
  for (int i = 0; i < 12; i++) {
    switch (i % 4) {
    case 0: counts[0]++; continue;
    case 1: counts[1]++; break;
    case 2: acc += i; break;
    default: counts[2] += 2;
    }
    acc++;
  }
  c->a[1] = counts[0] * 100 + counts[1] * 10 + counts[2];
  c->a[2] = acc;
  return (int)acc;
}
