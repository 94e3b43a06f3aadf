// input: 300
int test(struct ctx *c) {
  unsigned char idx = c->a[0];
  long long table[8] = {11, 22, 33, 44, 55, 66, 77, 88};
  c->a[1] = table[idx & 7];
  c->a[2] = idx;
  return table[(idx >> 3) & 7];
}
