BPF_HASH(hm_5yg4, u32, u64, 1);
BPF_ARRAY(ar_5yg4, u64, 1);
int kprobe__fuzz_5yg4_0(struct pt_regs *ctx) {
  u64 x = bpf_get_current_pid_tgid();
  u32 k0 = ((~ bpf_get_current_pid_tgid()) ^ (390 / 28));
  u64 *p1 = hm_5yg4.lookup(&k0);
  if (p1) { *p1 += (((u32)x) ^ ((- ((- 810) <= (x << 24))) * 0xffffffffffffffffULL)); }
  ar_5yg4.increment(x);
  x &= ((u16)x);
  s64 v2 = 0x8000000000000000ULL;
  ar_5yg4.increment(((u32)((x < 1695640513) << bpf_ktime_get_ns())));
  v2 |= v2;
  #pragma unroll
  for (int i3 = 0; i3 < 7; i3++) {
    #pragma unroll
    for (int i4 = 0; i4 < 8; i4++) {
      if ((((u64)i4) % ((~ sizeof(u32)) / 22))) {
        long v5 = sizeof(s32);
        if ((i3 % 2)) {
          x ^= (464 << i4);
          bpf_trace_printk("f %d\n", v2);
          bpf_trace_printk("f %d\n", 81324066);
          u32 v6 = v2;
        } else {
          s64 v7 = (~ i3);
        }
        unsigned int v8 = 0xffffffffffffffffULL;
        ar_5yg4.increment((bpf_get_prandom_u32() - i4));
      }
      if (-1) {
        #pragma unroll
        for (int i9 = 0; i9 < 7; i9++) {
          ar_5yg4.increment(((((-1 != (i9 ? x : 29)) / 5) | 583) ? i3 : (((bpf_get_current_pid_tgid() / 2) != 0xb86eb2a1) ? i4 : (- 1ULL))));
          u16 v10 = bpf_ktime_get_ns();
          v10 |= ((sizeof(short) ? (bpf_get_prandom_u32() ^ 1ULL) : 0x8000000000000000ULL) >> 6);
        }
        bpf_trace_printk("f %d\n", 1ULL);
        long v11 = bpf_ktime_get_ns();
        long v12 = 0xffffffffffffffffULL;
      } else {
        if (-1) {
          bpf_trace_printk("f %d\n", (((0xffffffffffffffffULL % 30) >> 14) >> 26));
        } else {
          ar_5yg4.increment((0x80d5139e % 11));
        }
      }
    }
    ar_5yg4.increment((1ULL ? 28 : v2));
  }
  hm_5yg4.increment((! 0xc26ba6fe));
  if (-1) {
    if (((20 ? 1ULL : (~ ((0x482841ef ? 0xffffffffffffffffULL : 417) ? (x << 7) : 2))) && (45 >= (x ? (sizeof(int) % sizeof(s64)) : ((u8)0xffffffffffffffffULL))))) {
      if (bpf_get_current_pid_tgid()) {
        bpf_trace_printk("f %d\n", (((int)v2) % 14));
        hm_5yg4.increment((1 >> 0x8000000000000000ULL));
      }
      #pragma unroll
      for (int i13 = 0; i13 < 2; i13++) {
        if ((bpf_get_smp_processor_id() == 1ULL)) {
          u16 v14 = ((u8)((s64)(- bpf_get_current_pid_tgid())));
          hm_5yg4.increment((i13 ? x : -1));
          short v15 = 0x8000000000000000ULL;
          u16 v16 = (((955 != v14) >> 30) / 6);
        } else {
          hm_5yg4.increment(((s32)(~ i13)));
          u64 v17 = -1;
          ar_5yg4.increment(1ULL);
        }
      }
      if (((sizeof(long) << 12) < x)) {
        bpf_trace_printk("f %d\n", (v2 != 2146296520));
        char v18 = (((s64)((u32)v2)) >> 16);
        u64 arr19[5] = {};
        arr19[1] = arr19[1];
      }
    }
  } else {
    u16 v20 = v2;
    u8 v21 = (v20 * v20);
    if (sizeof(int)) {
      ar_5yg4.increment(815668658);
      bpf_trace_printk("f %d\n", ((u32)0xffffffffffffffffULL));
    }
  }
  u64 arr22[2] = {};
  arr22[0] = -1;
  return 0;
}
