// input: 0
int test(struct ctx *c) {
  char s[8] = "-12345";
  long long v = 0;
  int neg = 0;
  for (int i = 0; i < 8; i++) {
    char ch = s[i];
    if (ch == '-') { neg = 1; continue; }
    if (ch < '0' || ch > '9') break;
    v = v * 10 + (ch - '0');
  }
  if (neg) v = -v;
  c->a[1] = v;
  return (int)v;
}
