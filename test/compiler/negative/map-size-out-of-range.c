BPF_ARRAY(counts, u64, 9223372036854775808);
BPF_HASH(starts, u32, u64, -1);
BPF_HASH(empty, u32, u64, sizeof(u8) / 2);
BPF_STACK_TRACE(traces, 3000000000);
int prog(struct pt_regs *ctx) {
  u32 k = 0;
  counts.atomic_increment(k);
  empty.increment(k);
  return 0;
}
// expect: 1:24 sema/bad-map "the size of map 'counts' must be between 0 and 4294967295"
// expect: 2:28 sema/bad-map "the size of map 'starts' must be between 0 and 4294967295"
// expect: 3:27 sema/bad-map "map 'empty' needs a size of at least 1 entry"
// expect: 4:25 sema/bad-map "the size of map 'traces' rounds up to 4294967296 entries"
