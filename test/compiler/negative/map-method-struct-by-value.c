struct data_t { int x; };
BPF_PERF_OUTPUT(events);
int prog(struct pt_regs *ctx) {
  struct data_t data = {};
  events.perf_submit(ctx, data, sizeof(data));
  return 0;
}
// expect: 5:27 sema/bad-helper-args "argument 2 of events.perf_submit() must be a pointer, not struct data_t"
