struct e { short a; char b; };
int test(struct ctx *c) {
  struct e src[3] = {{1, 2}, {3, 4}, {5, 6}};
  struct e dst[3];
  __builtin_memcpy(dst, src, sizeof(src));
  int sum = 0;
  for (int i = 0; i < 3; i++) sum += dst[i].a * 10 + dst[i].b;
  c->a[0] = sum;
  c->a[1] = sizeof(src);
  return sum;
}
