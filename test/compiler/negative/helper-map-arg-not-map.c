int prog(void *ctx) {
  int key = 0;
  void *v = bpf_map_lookup_elem(&key, &key);
  return v != 0;
}
// expect: 3:33 sema/bad-helper-args
