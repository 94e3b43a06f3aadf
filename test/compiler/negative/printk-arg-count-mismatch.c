int prog(void *ctx) {
  bpf_trace_printk("%d %d\n", 1);
  return 0;
}
// expect: 2:3 sema/bad-format
