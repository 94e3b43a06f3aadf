// input: 1 1
// input: 2 5
// input: 9 0
int test(struct ctx *c) {
  int a = c->a[0], b = c->a[1];
  int r = 0;
  switch (a) {
  default: r = -1; break;
  case 1:
    switch (b) {
    case 1: r = 11; break;
    default: r = 10;
    }
    break;
  case 2: r = 20 + b;
  }
  return r;
}
