// input: 97
// input: 122
// input: 48
// input: 33
int test(struct ctx *c) {
  char ch = c->a[0];
  int kind;
  switch (ch) {
  case 'a': case 'e': case 'i': case 'o': case 'u': kind = 1; break;
  case '0' ... '9': kind = 2; break;
  case 'b' ... 'd': kind = 3; break;
  default: kind = (ch >= 'a' && ch <= 'z') ? 4 : 0;
  }
  return kind;
}
