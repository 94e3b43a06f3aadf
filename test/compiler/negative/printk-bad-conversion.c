int prog(void *ctx) {
  bpf_trace_printk("value %f\n", 1);
  return 0;
}
