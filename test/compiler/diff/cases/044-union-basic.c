// input: 305419896
// input: -1
union u { unsigned int w; unsigned short h[2]; unsigned char b[4]; };
int test(struct ctx *c) {
  union u v;
  v.w = (unsigned int)c->a[0];
  c->a[1] = v.h[0];
  c->a[2] = v.h[1];
  c->a[3] = v.b[0];
  c->a[4] = v.b[3];
  v.b[1] = 0xaa;
  c->a[5] = v.w;
  c->a[6] = sizeof(v);
  return v.h[1];
}
