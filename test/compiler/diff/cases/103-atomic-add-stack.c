// input: 5
int test(struct ctx *c) {
  long long counter = 10;
  __sync_fetch_and_add(&counter, c->a[0]);
  long long old = __sync_fetch_and_add(&counter, 3);
  c->a[1] = counter;
  c->a[2] = old;
  int small = 1;
  __sync_fetch_and_add(&small, 41);
  c->a[3] = small;
  return (int)counter;
}
