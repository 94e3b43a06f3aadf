/**
 * @fileoverview The BCC dialect's prelude: what BCC puts in front of every program (its helpers.h),
 * written for our compiler. The pipeline force-includes it (a virtual file, so diagnostics inside it
 * name "<bcc prelude>" and user line numbers are untouched). Map macros and map methods are not
 * here: sema understands BPF_HASH(...) and `m.lookup(&k)` natively (bcc-maps.ts, map-methods.ts).
 *
 * Register accessors are x86_64 (BCC picks them by target arch; we only target x86_64). They go
 * through `__bcc_regs_*` builtins rather than plain `ctx->di` so lowering can re-map them when a
 * kprobe function is compiled for a syscall tracepoint instead (syscallTracepointAbi).
 */
import { KERNEL_MACROS } from "../kernel-types/kernel-macros.ts";

/** The name the prelude is included under (never a real file). */
export const BCC_PRELUDE_FILE = "<bcc prelude>";


const PRELUDE_BODY = String.raw`
#ifndef __BCC_TS_PRELUDE
#define __BCC_TS_PRELUDE 1
#define __BCC__ 1
#define __x86_64__ 1
#define __TARGET_ARCH_x86 1
#define __KERNEL__ 1
#define __user
#define __kernel
#define __force
#define __rcu
#define __percpu
#define __iomem
#define __bitwise
#define __must_check
#define __packed __attribute__((packed))
#define __aligned(x) __attribute__((aligned(x)))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define READ_ONCE(x) (x)
#define BCC_SEC(NAME) __attribute__((section(NAME), used))
#define BPF_LICENSE(name) char _license[] BCC_SEC("license") = #name

#ifndef NULL
#define NULL ((void *)0)
#endif
#ifndef true
#define true 1
#define false 0
#endif

/* uapi/linux/bpf.h flag values (stable ABI). */
#define BPF_ANY 0
#define BPF_NOEXIST 1
#define BPF_EXIST 2
#define BPF_F_LOCK 4
#define BPF_F_NO_PREALLOC 1
#define BPF_F_SKIP_FIELD_MASK 0xffULL
#define BPF_F_USER_STACK (1ULL << 8)
#define BPF_F_FAST_STACK_CMP (1ULL << 9)
#define BPF_F_REUSE_STACKID (1ULL << 10)
#define BPF_F_USER_BUILD_ID (1ULL << 11)
#define BPF_F_INDEX_MASK 0xffffffffULL
#define BPF_F_CURRENT_CPU 0xffffffffULL
#define BPF_F_CTXLEN_MASK (0xfffffULL << 32)
#define BPF_RB_NO_WAKEUP 1
#define BPF_RB_FORCE_WAKEUP 2
#define BPF_STACK_BUILD_ID_EMPTY 0
#define BPF_STACK_BUILD_ID_VALID 1
#define BPF_STACK_BUILD_ID_IP 2
#define CUR_CPU_IDENTIFIER BPF_F_CURRENT_CPU


/* Register accessors (x86_64). __bcc_regs_* let lowering retarget them (see file comment). */
#define PT_REGS_PARM1(ctx) __bcc_regs_parm((ctx), 1)
#define PT_REGS_PARM2(ctx) __bcc_regs_parm((ctx), 2)
#define PT_REGS_PARM3(ctx) __bcc_regs_parm((ctx), 3)
#define PT_REGS_PARM4(ctx) __bcc_regs_parm((ctx), 4)
#define PT_REGS_PARM5(ctx) __bcc_regs_parm((ctx), 5)
#define PT_REGS_PARM6(ctx) __bcc_regs_parm((ctx), 6)
#define PT_REGS_RC(ctx) __bcc_regs_rc(ctx)
#define PT_REGS_RET(ctx) ((ctx)->sp)
#define PT_REGS_FP(ctx) ((ctx)->bp)
#define PT_REGS_IP(ctx) ((ctx)->ip)
#define PT_REGS_SP(ctx) ((ctx)->sp)
#define PT_REGS_PARM1_SYSCALL(ctx) PT_REGS_PARM1(ctx)
#define PT_REGS_PARM2_SYSCALL(ctx) PT_REGS_PARM2(ctx)
#define PT_REGS_PARM3_SYSCALL(ctx) PT_REGS_PARM3(ctx)
#define PT_REGS_PARM4_SYSCALL(ctx) __bcc_regs_parm((ctx), 7)
#define PT_REGS_PARM5_SYSCALL(ctx) PT_REGS_PARM5(ctx)
#define PT_REGS_PARM6_SYSCALL(ctx) PT_REGS_PARM6(ctx)

#define bpf_probe_read(dst, size, src) bpf_probe_read_kernel(dst, size, src)
#define bpf_probe_read_str(dst, size, src) bpf_probe_read_kernel_str(dst, size, src)

#define TRACEPOINT_PROBE(category, event) \
  int tracepoint__##category##__##event(struct tracepoint__##category##__##event *args)
#define RAW_TRACEPOINT_PROBE(event) \
  int raw_tracepoint__##event(struct bpf_raw_tracepoint_args *ctx)

#define TP_DATA_LOC_READ_CONST(dst, field, length) \
  bpf_probe_read_kernel((void *)(dst), (length), (char *)args + (args->data_loc_##field & 0xFFFF))
#define TP_DATA_LOC_READ(dst, field) \
  bpf_probe_read_kernel((void *)(dst), (args->data_loc_##field >> 16), (char *)args + (args->data_loc_##field & 0xFFFF))
#define TP_DATA_LOC_READ_STR(dst, field, length) \
  bpf_probe_read_kernel_str((void *)(dst), (length), (char *)args + (args->data_loc_##field & 0xFFFF))

/* floor(log2(v)) for 32 bits, by halving the search range (BCC's bpf_log2). */
static inline __attribute__((always_inline)) unsigned int bpf_log2(unsigned int v) {
  unsigned int r = (v > 0xFFFF) << 4;
  v >>= r;
  unsigned int s = (v > 0xFF) << 3;
  v >>= s; r |= s;
  s = (v > 0xF) << 2;
  v >>= s; r |= s;
  s = (v > 0x3) << 1;
  v >>= s; r |= s;
  r |= (v >> 1);
  return r;
}

/* BCC's bucket index for 64-bit values: floor(log2(v)) + 1, and 0 for 0. */
static inline __attribute__((always_inline)) unsigned int bpf_log2l(unsigned long v) {
  unsigned int hi = v >> 32;
  if (hi)
    return bpf_log2(hi) + 32 + 1;
  return bpf_log2(v) + 1;
}
#endif
`;

/** The prelude text, with the kernel #defines BTF cannot supply (kernel-types/kernel-macros.ts). */
export function bccPrelude(): string {
  const kernel = KERNEL_MACROS.map((m) => `#ifndef ${m.name}\n#define ${m.name} ${m.value < 0n ? `(${m.value})` : m.value.toString()}\n#endif\n`).join("");
  return PRELUDE_BODY + kernel;
}
