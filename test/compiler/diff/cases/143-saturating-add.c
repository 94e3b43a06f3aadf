// input: 200 100
// input: 10 20
// input: -100 -100
static inline unsigned char sat_u8(unsigned char a, unsigned char b) {
  unsigned int s = a + b;
  return s > 255 ? 255 : s;
}
static inline signed char sat_s8(signed char a, signed char b) {
  int s = a + b;
  return s > 127 ? 127 : s < -128 ? -128 : s;
}
int test(struct ctx *c) {
  c->a[2] = sat_u8(c->a[0], c->a[1]);
  c->a[3] = sat_s8(c->a[0], c->a[1]);
  return sat_u8(c->a[0], 1);
}
