int test(struct ctx *c) {
  c->a[0] = sizeof(char) + sizeof(short) * 10 + sizeof(int) * 100 + sizeof(long) * 1000;
  c->a[1] = sizeof(long long) + sizeof(void *) * 10 + sizeof(_Bool) * 100;
  c->a[2] = sizeof(u8) + sizeof(u16) + sizeof(u32) + sizeof(u64);
  int arr[7];
  c->a[3] = sizeof arr / sizeof arr[0];
  c->a[4] = sizeof(c->a);
  c->a[5] = sizeof(struct ctx);
  c->a[6] = sizeof(1 + 1LL);
  return sizeof(int[3][5]);
}
