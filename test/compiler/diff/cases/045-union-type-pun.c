// input: 1
// input: -2
union pun { long long s; unsigned long long u; int i[2]; };
int test(struct ctx *c) {
  union pun p = {.s = c->a[0]};
  c->a[1] = p.u >> 1;
  c->a[2] = p.i[0];
  c->a[3] = p.i[1];
  p.i[1] = 7;
  c->a[4] = p.s;
  return p.i[0];
}
