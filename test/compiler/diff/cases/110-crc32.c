// input: 305419896
// input: 0
int test(struct ctx *c) {
  unsigned int crc = 0xffffffff;
  unsigned long long data = c->a[0];
  for (int i = 0; i < 8; i++) {
    crc ^= (unsigned char)(data >> (i * 8));
    for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
  }
  crc = ~crc;
  c->a[1] = crc;
  return (int)crc;
}
