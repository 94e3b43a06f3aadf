// input: -17
int test(struct ctx *c) {
  long long v = c->a[0];
  long long out = 0;
  for (int i = 1; i <= 6; i++) out = out * 10 + (v % i + i) % i;
  c->a[1] = out;
  return (int)out;
}
