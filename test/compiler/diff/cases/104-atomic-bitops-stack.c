// input: 12
int test(struct ctx *c) {
  unsigned long long v = c->a[0];
  __sync_fetch_and_or(&v, 1);
  __sync_fetch_and_and(&v, ~2ULL);
  __sync_fetch_and_xor(&v, 0xf0);
  c->a[1] = v;
  unsigned long long old = __sync_fetch_and_or(&v, 0x100);
  c->a[2] = old;
  c->a[3] = v;
  return (int)v;
}
