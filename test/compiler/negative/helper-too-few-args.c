int prog(void *ctx) {
  char comm[16];
  return bpf_get_current_comm(comm);
}
