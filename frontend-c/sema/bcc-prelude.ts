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


/** LINUX_VERSION_CODE when the caller passes none (6.18.0, the kernel this was measured on). */
const DEFAULT_KERNEL_VERSION = (6 << 16) + (18 << 8);

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

/* The kernel the program is built for; BCC passes the running kernel's. Override with -D. */
#ifndef LINUX_VERSION_CODE
#define LINUX_VERSION_CODE ${DEFAULT_KERNEL_VERSION}
#endif
#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))

/* Byte order (x86_64 is little-endian) and kernel helper macros BCC programs lean on. */
#define ntohs(x) bpf_ntohs(x)
#define htons(x) bpf_htons(x)
#define ntohl(x) bpf_ntohl(x)
#define htonl(x) bpf_htonl(x)
#define be16_to_cpu(x) bpf_ntohs(x)
#define be32_to_cpu(x) bpf_ntohl(x)
#define cpu_to_be16(x) bpf_htons(x)
#define cpu_to_be32(x) bpf_htonl(x)
/* Not min()/max(): programs often define their own functions with those names. */
#define min_t(t, a, b) ((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b) ((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define S_ISLNK(m) (((m) & 0170000) == 0120000)
#define S_ISREG(m) (((m) & 0170000) == 0100000)
#define S_ISDIR(m) (((m) & 0170000) == 0040000)
#define S_ISCHR(m) (((m) & 0170000) == 0020000)
#define S_ISBLK(m) (((m) & 0170000) == 0060000)
#define S_ISFIFO(m) (((m) & 0170000) == 0010000)
#define S_ISSOCK(m) (((m) & 0170000) == 0140000)
/* include/linux/dcache.h on 64-bit kernels since 6.?: 5 words (was 32 bytes before 5.x's change). */
#define DNAME_INLINE_LEN 40
/* x86_64 direct map base without KASLR (arch/x86/include/asm/page_64_types.h). */
#define PAGE_OFFSET 0xffff888000000000UL
/*
 * Kernel member-alias macros (include/net/sock.h, include/net/inet_sock.h, include/uapi/linux/in6.h):
 * BCC tools write inet->inet_dport or sk->sk_family, which the kernel headers #define onto the
 * common socket fields; BTF has only the real member names.
 */
#define sk_family __sk_common.skc_family
#define sk_state __sk_common.skc_state
#define sk_reuse __sk_common.skc_reuse
#define sk_reuseport __sk_common.skc_reuseport
#define sk_bound_dev_if __sk_common.skc_bound_dev_if
#define sk_node __sk_common.skc_node
#define sk_refcnt __sk_common.skc_refcnt
#define sk_hash __sk_common.skc_hash
#define sk_num __sk_common.skc_num
#define sk_dport __sk_common.skc_dport
#define sk_daddr __sk_common.skc_daddr
#define sk_rcv_saddr __sk_common.skc_rcv_saddr
#define sk_v6_daddr __sk_common.skc_v6_daddr
#define sk_v6_rcv_saddr __sk_common.skc_v6_rcv_saddr
#define sk_cookie __sk_common.skc_cookie
#define sk_net __sk_common.skc_net
#define sk_prot __sk_common.skc_prot
#define inet_daddr sk.__sk_common.skc_daddr
#define inet_rcv_saddr sk.__sk_common.skc_rcv_saddr
#define inet_dport sk.__sk_common.skc_dport
#define inet_num sk.__sk_common.skc_num
#define s6_addr in6_u.u6_addr8
#define s6_addr16 in6_u.u6_addr16
#define s6_addr32 in6_u.u6_addr32
#define SCM_RIGHTS 0x01
#define FMODE_CREATED 0x100000
#define WRITE 1
#define READ 0
/* Kernel inline helpers BCC tools call, as the casts/arithmetic they are. */
#define inet_csk(sk) ((struct inet_connection_sock *)(sk))
#define inet_sk(sk) ((struct inet_sock *)(sk))
#define tcp_sk(sk) ((struct tcp_sock *)(sk))
#define folio_page(folio, n) (&(folio)->page + (n))
#define div_u64(a, b) ((u64)(a) / (u32)(b))
/* SLUB is the only slab allocator since 6.8 (SLOB went in 6.4, SLAB in 6.8). */
#define CONFIG_SLUB 1
/* include/linux/types.h: struct rcu_head is a #define of struct callback_head. */
#define rcu_head callback_head
typedef unsigned long size_t;
typedef long ssize_t;
typedef long long loff_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int dev_t;
typedef unsigned short umode_t;
typedef _Bool bool;

#ifndef NULL
#define NULL ((void *)0)
#endif
#define true 1
#define false 0

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


#define TRACEPOINT_PROBE(category, event) \
  int tracepoint__##category##__##event(struct tracepoint__##category##__##event *args)
#define RAW_TRACEPOINT_PROBE(event) \
  int raw_tracepoint__##event(struct bpf_raw_tracepoint_args *ctx)

/*
 * KFUNC_PROBE(event, args...) (fentry): the program receives a u64 array of the traced function's
 * arguments; the body is a static function taking them by name. __bcc_ctx_arg(x) converts ctx[i]
 * to whatever the parameter's type is (sema/check-call.ts).
 */
#define __bcc_nth(_, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, N, ...) N
#define __bcc_nargs(...) __bcc_nth(_, ##__VA_ARGS__, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define __bcc_cat(a, b) a##b
#define __bcc_xcat(a, b) __bcc_cat(a, b)
#define __bcc_args0() ctx
#define __bcc_args1(x) __bcc_args0(), __bcc_ctx_arg(ctx[0])
#define __bcc_args2(x, ...) __bcc_args1(__VA_ARGS__), __bcc_ctx_arg(ctx[1])
#define __bcc_args3(x, ...) __bcc_args2(__VA_ARGS__), __bcc_ctx_arg(ctx[2])
#define __bcc_args4(x, ...) __bcc_args3(__VA_ARGS__), __bcc_ctx_arg(ctx[3])
#define __bcc_args5(x, ...) __bcc_args4(__VA_ARGS__), __bcc_ctx_arg(ctx[4])
#define __bcc_args6(x, ...) __bcc_args5(__VA_ARGS__), __bcc_ctx_arg(ctx[5])
#define __bcc_args7(x, ...) __bcc_args6(__VA_ARGS__), __bcc_ctx_arg(ctx[6])
#define __bcc_args8(x, ...) __bcc_args7(__VA_ARGS__), __bcc_ctx_arg(ctx[7])
#define __bcc_args9(x, ...) __bcc_args8(__VA_ARGS__), __bcc_ctx_arg(ctx[8])
#define __bcc_args10(x, ...) __bcc_args9(__VA_ARGS__), __bcc_ctx_arg(ctx[9])
#define __bcc_args11(x, ...) __bcc_args10(__VA_ARGS__), __bcc_ctx_arg(ctx[10])
#define __bcc_args12(x, ...) __bcc_args11(__VA_ARGS__), __bcc_ctx_arg(ctx[11])
#define __bcc_ctx_args(...) __bcc_xcat(__bcc_args, __bcc_nargs(__VA_ARGS__))(__VA_ARGS__)
#define BPF_PROG(name, ...) \
  static inline __attribute__((always_inline)) int ____##name(unsigned long long *ctx, ##__VA_ARGS__); \
  int name(unsigned long long *ctx) { return ____##name(__bcc_ctx_args(__VA_ARGS__)); } \
  static inline __attribute__((always_inline)) int ____##name(unsigned long long *ctx, ##__VA_ARGS__)
#define KFUNC_PROBE(event, ...) BPF_PROG(kfunc__vmlinux__##event, ##__VA_ARGS__)
#define KRETFUNC_PROBE(event, ...) BPF_PROG(kretfunc__vmlinux__##event, ##__VA_ARGS__)
#define MODULE_KFUNC_PROBE(module, event, ...) BPF_PROG(kfunc__##module##__##event, ##__VA_ARGS__)
#define MODULE_KRETFUNC_PROBE(module, event, ...) BPF_PROG(kretfunc__##module##__##event, ##__VA_ARGS__)
#define KMOD_RET(event, ...) BPF_PROG(kmod_ret__##event, ##__VA_ARGS__)
#define LSM_PROBE(event, ...) BPF_PROG(lsm__##event, ##__VA_ARGS__)

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
