BPF_HASH(start, u64);
int prog(struct pt_regs *ctx) {
  u64 ts = 1;
  start.update & (ctx, &ts);
  return 0;
}
// expect: 4:3 sema/map-method-not-called "'start.update' is a map method"
