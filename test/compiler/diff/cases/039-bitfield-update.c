// input: 1
// input: 6
struct flags {
  unsigned char ready : 1;
  unsigned char mode : 3;
  unsigned char count : 4;
};
int test(struct ctx *c) {
  struct flags f = {.ready = 1, .mode = 5, .count = 9};
  f.count += c->a[0];
  f.mode ^= 3;
  f.ready = !f.ready;
  c->a[1] = f.count;
  c->a[2] = f.mode;
  c->a[3] = f.ready;
  unsigned char raw;
  __builtin_memcpy(&raw, &f, 1);
  c->a[4] = raw;
  return f.count;
}
