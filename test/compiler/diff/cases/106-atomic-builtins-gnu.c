// input: 3
int test(struct ctx *c) {
  long long v = c->a[0];
  long long r = __atomic_fetch_add(&v, 10, __ATOMIC_RELAXED);
  __atomic_fetch_sub(&v, 1, __ATOMIC_SEQ_CST);
  c->a[1] = r;
  c->a[2] = v;
  long long x = __atomic_exchange_n(&v, 100, __ATOMIC_SEQ_CST);
  c->a[3] = x;
  c->a[4] = v;
  return (int)v;
}
