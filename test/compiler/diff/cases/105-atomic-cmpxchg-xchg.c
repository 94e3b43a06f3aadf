// input: 7
// input: 8
int test(struct ctx *c) {
  long long v = c->a[0];
  long long prev = __sync_val_compare_and_swap(&v, 7, 70);
  c->a[1] = prev;
  c->a[2] = v;
  long long old = __sync_lock_test_and_set(&v, 5);
  c->a[3] = old;
  c->a[4] = v;
  int ok = __sync_bool_compare_and_swap(&v, 5, 6);
  c->a[5] = ok;
  c->a[6] = v;
  return ok;
}
