// input: 3735928559
int test(struct ctx *c) {
  unsigned int v = c->a[0];
  char out[8];
  const char digits[] = "0123456789abcdef";
  for (int i = 0; i < 8; i++) out[i] = digits[(v >> (28 - 4 * i)) & 15];
  long long packed = 0;
  for (int i = 0; i < 8; i++) packed = (packed << 8) | (unsigned char)out[i];
  c->a[1] = packed;
  return out[0];
}
