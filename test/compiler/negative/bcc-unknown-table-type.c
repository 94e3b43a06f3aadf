BPF_TABLE("hashmap", u32, u64, counts, 128);
int prog(void *ctx) {
  return 0;
}
// expect: 1:1 sema/bad-map "unknown BCC table type"
