// input: 1099511627775 3
// input: 123 1
struct wide {
  unsigned long long lo : 40;
  unsigned long long mid : 20;
  unsigned long long hi : 4;
};
int test(struct ctx *c) {
  struct wide w = {};
  w.lo = c->a[0];
  w.mid = c->a[0] >> 20;
  w.hi = c->a[1];
  c->a[2] = w.lo;
  c->a[3] = w.mid;
  c->a[4] = w.hi;
  c->a[5] = (u64)w.lo + w.mid; /* gcc would add in a 40-bit type; clang and we in u64 */
  return sizeof(w);
}
