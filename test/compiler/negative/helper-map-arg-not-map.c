int prog(void *ctx) {
  int key = 0;
  void *v = bpf_map_lookup_elem(&key, &key);
  return v != 0;
}
