int prog(void *ctx) {
  case 1:
  return 0;
}
// expect: 2:3 sema/case-outside-switch
