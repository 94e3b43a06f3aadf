// input: 81985529216486895
int test(struct ctx *c) {
  unsigned long long x = c->a[0];
  c->a[1] = __builtin_bswap64(x);
  c->a[2] = __builtin_bswap32((unsigned int)x);
  c->a[3] = __builtin_bswap16((unsigned short)x);
  return (int)__builtin_bswap32((unsigned int)(x >> 32));
}
