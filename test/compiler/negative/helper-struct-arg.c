struct s { int a; };
int prog(void *ctx) {
  struct s v = {};
  bpf_send_signal(v);
  return 0;
}
// expect: 4:19 sema/bad-helper-args
