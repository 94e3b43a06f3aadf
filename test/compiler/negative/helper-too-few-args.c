int prog(void *ctx) {
  char comm[16];
  return bpf_get_current_comm(comm);
}
// expect: 3:10 sema/bad-helper-args
