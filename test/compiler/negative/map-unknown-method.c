BPF_HASH(counts, u32, u64);
int prog(void *ctx) {
  u32 k = 1;
  counts.lookupp(&k);
  return 0;
}
// expect: 4:10 sema/unknown-member "did you mean 'lookup'"
