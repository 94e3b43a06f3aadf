int prog(void *ctx) {
  bpf_trace_printk("value %f\n", 1);
  return 0;
}
// expect: 2:20 sema/bad-format
