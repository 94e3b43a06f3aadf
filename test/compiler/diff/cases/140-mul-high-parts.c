// input: 4294967295 4294967295
// input: 123456789012 987654321
int test(struct ctx *c) {
  unsigned long long a = c->a[0], b = c->a[1];
  unsigned long long alo = a & 0xffffffff, ahi = a >> 32;
  unsigned long long blo = b & 0xffffffff, bhi = b >> 32;
  unsigned long long lo = alo * blo;
  unsigned long long mid1 = ahi * blo, mid2 = alo * bhi;
  unsigned long long hi = ahi * bhi;
  unsigned long long carry = ((lo >> 32) + (mid1 & 0xffffffff) + (mid2 & 0xffffffff)) >> 32;
  c->a[2] = a * b;
  c->a[3] = hi + (mid1 >> 32) + (mid2 >> 32) + carry;
  return (int)carry;
}
