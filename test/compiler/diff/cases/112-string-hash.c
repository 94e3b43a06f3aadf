int test(struct ctx *c) {
  char s[] = "bcc-ts differential";
  unsigned int h = 5381;
  for (int i = 0; i < (int)sizeof(s); i++) {
    if (s[i] == 0) break;
    h = h * 33 + s[i];
  }
  c->a[0] = h;
  c->a[1] = sizeof(s);
  return (int)(h & 0xffff);
}
