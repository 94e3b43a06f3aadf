int test(struct ctx *c) {
  char s[8] = "hello";
  char t[] = "ab";
  int sum = 0;
  for (int i = 0; i < 8; i++) sum += s[i];
  c->a[0] = sum;
  c->a[1] = sizeof(t);
  c->a[2] = t[0] * t[1];
  c->a[3] = s[5];
  return s[1];
}
