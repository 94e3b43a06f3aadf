int prog(void *ctx) {
  int v = 0;
  return v.a;
}
// expect: 3:10 sema/member-on-non-record
