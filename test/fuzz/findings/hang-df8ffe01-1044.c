BPF_HASH(hm_j8jv, u32, u64, 16);
BPF_ARRAY(ar_j8jv, u64, 8);
int kprobe__fuzz_j8jv_0(struct pt_regs *ctx) {
  u64 x = bpf_get_current_pid_tgid();
  x = 745;
  u32 k0 = ((((x == x) ? 9 : 45) >> 23) ? x : 736);
  u64 *p1 = hm_j8jv.lookup(&k0);
  if (p1) { *p1 += 4; }
  if (x) {
    s32 v2 = 1ULL;
    u32 k3 = sizeof(u16);
    u64 *p4 = ar_j8jv.lookup(&k3);
    if (p4) { *p4 += (17 && 9); }
  } else {
    #pragma unroll
    for (int i5 = 0; i5 < 4; i5++) {
      u64 arr6[6] = {};
      arr6[0] = (497 >> x);
    }
    u64 v7 = ((u16)(x > x));
    if (bpf_get_current_pid_tgid()) {
      char v8 = (bpf_ktime_get_ns() + 0xffffffffffffffffULL);
      x -= (1ULL > x);
      if (((v8 >> 9) % 20)) {
        ar_j8jv.increment(((s64)v7));
      }
      if (x) {
        #pragma unroll
        for (int i9 = 0; i9 < 8; i9++) {
          u16 v10 = bpf_get_current_pid_tgid();
          ar_j8jv.increment(sizeof(u8));
        }
        v7 -= 1839402585;
        ar_j8jv.increment((474 % 31));
      }
    }
  }
  s32 v11 = (-1 < x);
  u32 k12 = x;
  u64 *p13 = ar_j8jv.lookup(&k12);
  if (p13) { *p13 += 0x728ce041; }
  #pragma unroll
  for (int i14 = 0; i14 < 5; i14++) {
    #pragma unroll
    for (int i15 = 0; i15 < 8; i15++) {
      bpf_trace_printk("f %d\n", sizeof(u64));
      if ((((! i14) / 14) ? (((u64)575) | (! i15)) : ((u8)bpf_get_smp_processor_id()))) {
        v11 -= bpf_ktime_get_ns();
        u32 k16 = 46;
        u64 *p17 = hm_j8jv.lookup(&k16);
        if (p17) { *p17 += bpf_ktime_get_ns(); }
        ar_j8jv.increment(i15);
        #pragma unroll
        for (int i18 = 0; i18 < 7; i18++) {
          u32 v19 = (((s64)sizeof(int)) < ((sizeof(u8) ? (0x8000000000000000ULL ? ((u8)x) : (! 4)) : (bpf_get_smp_processor_id() & ((long)0x8000000000000000ULL))) << 61));
        }
      }
    }
  }
  u32 k20 = sizeof(u64);
  u64 *p21 = ar_j8jv.lookup(&k20);
  if (p21) { *p21 += sizeof(u16); }
  #pragma unroll
  for (int i22 = 0; i22 < 2; i22++) {
    u32 k23 = ((unsigned int)x);
    u64 *p24 = ar_j8jv.lookup(&k23);
    if (p24) { *p24 += (bpf_get_smp_processor_id() < sizeof(char)); }
    ar_j8jv.increment(0x50c19d6f);
  }
  #pragma unroll
  for (int i25 = 0; i25 < 8; i25++) {
    if (bpf_get_smp_processor_id()) {
      bpf_trace_printk("f %d\n", sizeof(s64));
      u32 k26 = (((u32)-1) ? (i25 ? x : i25) : v11);
      u64 *p27 = hm_j8jv.lookup(&k26);
      if (p27) { *p27 += ((~ 0xffffffffffffffffULL) ? -1 : 0xffffffffffffffffULL); }
    } else {
      u32 k28 = (x ^ 53);
      u64 *p29 = hm_j8jv.lookup(&k28);
      if (p29) { *p29 += (i25 >= -1); }
      u16 v30 = (i25 / 6);
      if ((sizeof(u8) ? -1 : i25)) {
        u64 v31 = i25;
        #pragma unroll
        for (int i32 = 0; i32 < 5; i32++) {
          bpf_trace_printk("f %d\n", x);
          v31 <<= ((238 || v11) ? (3 ? ((((int)x) ^ sizeof(s64)) >> 25) : 0x8000000000000000ULL) : sizeof(long));
          ar_j8jv.increment(bpf_get_prandom_u32());
        }
        if (((s64)i25)) {
          bpf_trace_printk("f %d\n", 0x85c710be);
        } else {
          hm_j8jv.increment((((short)x) + (23 ? 1ULL : 661)));
          bpf_trace_printk("f %d\n", 0x8000000000000000ULL);
        }
      }
    }
    #pragma unroll
    for (int i33 = 0; i33 < 3; i33++) {
      u32 k34 = 846;
      u64 *p35 = ar_j8jv.lookup(&k34);
      if (p35) { *p35 += (v11 > 0x8000000000000000ULL); }
    }
    if (v11) {
      u64 arr36[3] = {};
      arr36[1] = (0x214aa9a3 <= 6);
      if (i25) {
        char v37 = sizeof(s32);
      }
    }
  }
  return 0;
}
