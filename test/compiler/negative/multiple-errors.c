int prog(void *ctx) {
  int a = b;
  foo_t c;
  return a.x;
}
// expect: 2:11 sema/unknown-identifier
// expect: 3:3 sema/unknown-type
// expect: 4:10 sema/member-on-non-record
