BPF_HASH(counts, u32, u64);
int prog(void *ctx) {
  u32 k = 1;
  counts.update(&k);
  return 0;
}
// expect: 4:3 sema/bad-helper-args
