int prog(void *ctx) {
  bpf_trace_printk("%d %d %d %d\n", 1, 2, 3, 4);
  return 0;
}
// expect: 2:46 sema/bad-helper-args
