// input: 1
// input: 0
// input: 1099511627776
int test(struct ctx *c) {
  unsigned long long v = c->a[0];
  int n = 0;
  if (v == 0) n = 64;
  else
    for (int i = 63; i >= 0; i--) {
      if (v & (1ULL << i)) break;
      n++;
    }
  c->a[1] = n;
  return n;
}
