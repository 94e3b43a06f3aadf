// input: 4294967297
// input: -1
static inline unsigned char low_byte(long long v) { return v; }
static inline short low_half(long long v) { return v; }
int test(struct ctx *c) {
  c->a[1] = low_byte(c->a[0]);
  c->a[2] = low_half(c->a[0]);
  return c->a[0];
}
