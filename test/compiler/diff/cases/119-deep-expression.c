// input: 3 5 7
int test(struct ctx *c) {
  long long x = c->a[0], y = c->a[1], z = c->a[2];
  long long r = ((x + y) * (y - z) + (z * x - (y ^ z))) * ((x | 8) + (y & 3) - (z << 2)) -
                (((x * y * z) >> 1) + ((x - y - z) * (x + y + z)));
  c->a[3] = r;
  return (int)r;
}
