int prog(void *ctx) {
  return bpf_ktime_get_n();
}
// expect: 2:10 sema/unknown-function "did you mean 'bpf_ktime_get_ns'"
