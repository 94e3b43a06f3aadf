// input: 258 3
struct __attribute__((packed)) hdr { unsigned char kind; unsigned short len; unsigned int seq; };
int test(struct ctx *c) {
  struct hdr h;
  h.kind = 7;
  h.len = c->a[0];
  h.seq = c->a[1];
  c->a[2] = sizeof(h);
  c->a[3] = __builtin_offsetof(struct hdr, seq);
  unsigned char raw[7];
  __builtin_memcpy(raw, &h, sizeof(h));
  c->a[4] = raw[1] + raw[2] * 256;
  return h.len + h.seq;
}
