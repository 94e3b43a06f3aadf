struct data_t {
  u32 pid;
  char comm[COMM_LENGTH];
};
int prog(void *ctx) {
  struct data_t d = {};
  bpf_get_current_comm(&d.comm, sizeof(d.comm));
  return d.pid;
}
// expect: 3:13 sema/unknown-identifier
