// input: 1 2 3 4 5 6 7 8
int test(struct ctx *c) {
  long long a = c->a[0], b = c->a[1], d = c->a[2], e = c->a[3];
  long long f = c->a[4], g = c->a[5], h = c->a[6], k = c->a[7];
  for (int i = 0; i < 10; i++) {
    a += b; b ^= d; d += e * i; e -= f;
    f += g; g ^= h << 1; h += k; k -= a;
  }
  c->a[0] = a; c->a[1] = b; c->a[2] = d; c->a[3] = e;
  c->a[4] = f; c->a[5] = g; c->a[6] = h; c->a[7] = k;
  return (int)(a ^ k);
}
