// input: 1
// input: 2
// input: 3
int test(struct ctx *c) {
  int state = 0;
  long long v = c->a[0];
  if (v == 1) goto fail1;
  state |= 1;
  if (v == 2) goto fail2;
  state |= 2;
  c->a[1] = state;
  return 0;
fail2:
  state |= 4;
fail1:
  state |= 8;
  c->a[1] = state;
  return -state;
}
