// input: 1
// input: 2
enum color { RED, GREEN = 5, BLUE, ALPHA = -1 };
int test(struct ctx *c) {
  enum color k = (enum color)c->a[0];
  int r;
  if (k == RED) r = 10;
  else if (k == 1) r = BLUE;
  else r = ALPHA;
  c->a[1] = r;
  c->a[2] = GREEN + BLUE;
  c->a[3] = sizeof(enum color);
  return r;
}
