int prog(struct pt_regs *ctx) {
  return PT_REGS_PARM7(ctx);
}
// expect: 2:10 sema/unknown-function
