// input: 1
// input: 2
// input: 3
// input: 4
int test(struct ctx *c) {
  int r = 0;
  switch ((int)c->a[0]) {
  case 1: r += 1;
  case 2: r += 10;
  case 3: r += 100; break;
  case 4: r += 1000;
  }
  c->a[1] = r;
  return r;
}
