// input: 4000000000
int test(struct ctx *c) {
  unsigned int acc = c->a[0];
  for (int i = 0; i < 5; i++) acc += 100000000;
  int sacc = c->a[0];
  for (int i = 0; i < 3; i++) sacc *= 3;
  c->a[1] = acc;
  c->a[2] = sacc;
  return acc;
}
