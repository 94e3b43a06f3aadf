// input: 10
static inline unsigned long long mix(unsigned long long h, unsigned long long v) {
  h ^= v;
  h *= 0x100000001b3ULL;
  return h;
}
static inline unsigned long long hash3(unsigned long long a, unsigned long long b, unsigned long long c) {
  unsigned long long h = 0xcbf29ce484222325ULL;
  h = mix(h, a);
  h = mix(h, b);
  return mix(h, c);
}
int test(struct ctx *c) {
  unsigned long long h = hash3(c->a[0], 2, 3);
  c->a[1] = h;
  c->a[2] = hash3(h, h >> 32, 0);
  return (int)(h >> 7);
}
