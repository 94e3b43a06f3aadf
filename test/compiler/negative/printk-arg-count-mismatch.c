int prog(void *ctx) {
  bpf_trace_printk("%d %d\n", 1);
  return 0;
}
