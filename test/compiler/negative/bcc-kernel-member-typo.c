struct task { int pid; int tgid; };
int kprobe__wake_up_new_task(struct pt_regs *ctx, struct task *p) {
  return p->pidd;
}
// expect: 3:13 sema/unknown-member "(did you mean 'pid'?)"
