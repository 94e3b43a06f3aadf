struct big { u64 a, b, c; };
int kprobe__do_thing(struct pt_regs *ctx, struct big b) {
  return 0;
}
// expect: 2:43 sema/unsupported "only scalars and pointers arrive in registers"
