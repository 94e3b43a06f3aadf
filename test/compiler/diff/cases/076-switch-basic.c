// input: 0
// input: 1
// input: 2
// input: 7
int test(struct ctx *c) {
  int r;
  switch (c->a[0]) {
  case 0: r = 100; break;
  case 1: r = 200; break;
  case 2: r = 300; break;
  default: r = -1; break;
  }
  c->a[1] = r;
  return r;
}
