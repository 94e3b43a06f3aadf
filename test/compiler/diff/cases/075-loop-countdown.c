// input: 10
int test(struct ctx *c) {
  long long acc = 0;
  for (int i = 10; i > 0; i--) acc = acc * 2 + i;
  for (unsigned i = 5; i-- > 0;) acc += i;
  c->a[1] = acc;
  return (int)acc;
}
