int prog(void *ctx) {
  return bpf_ktime_get_ns(1);
}
