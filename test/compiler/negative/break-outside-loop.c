int prog(void *ctx) {
  break;
  return 0;
}
// expect: 2:3 sema/break-outside-loop
