// input: 171
int test(struct ctx *c) {
  unsigned char buf[24];
  __builtin_memset(buf, 0, sizeof(buf));
  __builtin_memset(buf + 4, 0x5a, 8);
  long long acc = 0;
  for (int i = 0; i < 24; i++) acc += buf[i] * (i + 1);
  c->a[1] = acc;
  long long words[3];
  __builtin_memset(words, 0xff, sizeof(words));
  c->a[2] = words[1];
  return buf[4] + buf[12];
}
