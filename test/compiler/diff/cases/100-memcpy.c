// input: 1 2 3
struct trio { long long x; int y; short z; };
int test(struct ctx *c) {
  struct trio a = {c->a[0], (int)c->a[1], (short)c->a[2]};
  struct trio b;
  __builtin_memcpy(&b, &a, sizeof(b));
  unsigned char bytes[16];
  __builtin_memcpy(bytes, &a, 16);
  c->a[3] = b.x + b.y + b.z;
  c->a[4] = bytes[0] + bytes[8] + bytes[12];
  long long part;
  __builtin_memcpy(&part, bytes + 8, 8);
  c->a[5] = part & 0xffffffffffffLL;
  return b.y;
}
