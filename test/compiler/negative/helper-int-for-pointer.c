int prog(void *ctx) {
  int size = 16;
  return bpf_get_current_comm(size, 16);
}
// expect: 3:31 sema/bad-helper-args
