// input: 2
// input: 5
struct buf { int len; unsigned char data[12]; };
int test(struct ctx *c) {
  struct buf b = {};
  int n = c->a[0] & 7;
  for (int i = 0; i < 12; i++) b.data[i] = i * 3;
  b.len = n;
  int sum = 0;
  for (int i = 0; i < 12; i++) {
    if (i >= b.len) break;
    sum += b.data[i];
  }
  c->a[1] = sum;
  c->a[2] = sizeof(b);
  return sum;
}
