// input: 1000
// input: -5
// input: 42
// input: 43
int test(struct ctx *c) {
  long long v = c->a[0];
  int r;
  switch (v) {
  case -5: r = 1; break;
  case 42: r = 2; break;
  case 1000: r = 3; break;
  case 0x7fffffff: r = 4; break;
  default: r = 0;
  }
  return r;
}
