// input: 1 2 3 4 5 6 7 8
int test(struct ctx *c) {
  long long a = c->a[0], b = c->a[1], d = c->a[2], e = c->a[3];
  long long f = c->a[4], g = c->a[5], h = c->a[6], i = c->a[7];
  long long p1 = a * b, p2 = d * e, p3 = f * g, p4 = h * i;
  long long p5 = a * i, p6 = b * h, p7 = d * g, p8 = e * f;
  long long q1 = p1 + p5, q2 = p2 + p6, q3 = p3 + p7, q4 = p4 + p8;
  long long r = q1 * q2 - q3 * q4 + p1 - p8 + a + b + d + e + f + g + h + i;
  c->a[0] = r;
  c->a[1] = p1 ^ p2 ^ p3 ^ p4 ^ p5 ^ p6 ^ p7 ^ p8;
  c->a[2] = q1 + q2 + q3 + q4;
  return (int)r;
}
