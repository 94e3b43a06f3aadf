int prog(void *ctx) {
  return bpf_ktime_get_ns(1);
}
// expect: 2:10 sema/bad-helper-args
