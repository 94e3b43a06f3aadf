// input: 10 20
struct pair { int lo; int hi; };
union both { struct pair p; long long whole; };
int test(struct ctx *c) {
  union both b;
  b.p.lo = c->a[0];
  b.p.hi = c->a[1];
  c->a[2] = b.whole;
  b.whole += 1;
  c->a[3] = b.p.lo;
  return b.p.hi;
}
