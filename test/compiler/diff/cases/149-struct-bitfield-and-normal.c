// input: 1 2 3
struct pkt {
  unsigned short version : 4;
  unsigned short ihl : 4;
  unsigned short tos : 8;
  unsigned short len;
  unsigned int id;
};
int test(struct ctx *c) {
  struct pkt p = {};
  p.version = c->a[0];
  p.ihl = c->a[1] + 3;
  p.tos = c->a[2] * 50;
  p.len = 1500;
  p.id = 0xabcdef;
  unsigned long long raw;
  __builtin_memcpy(&raw, &p, 8);
  c->a[3] = raw;
  c->a[4] = p.ihl * 4;
  return p.tos;
}
