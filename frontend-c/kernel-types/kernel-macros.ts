/**
 * @fileoverview Kernel #defines BCC tools use that BTF cannot supply (BTF records types and enum
 * constants, never preprocessor macros). BCC gets them from the kernel headers it compiles against;
 * we have no headers, so the compat prelude #defines these. Values are for x86_64 and have been
 * stable for many releases; each group names its header. Names that are enum constants in current
 * kernels (TASK_COMM_LEN, IPPROTO_*, TCP_ESTABLISHED, REQ_OP_*) come from BTF instead and are not here
 * unless BCC tools also need them on kernels where they were still macros (TASK_COMM_LEN).
 */

export interface KernelMacro {
  name: string;
  value: bigint;
  /** Where the kernel defines it (for humans checking a value). */
  header: string;
}

function group(header: string, entries: [string, number | bigint][]): KernelMacro[] {
  return entries.map(([name, value]) => ({ name, value: BigInt(value), header }));
}

export const KERNEL_MACROS: readonly KernelMacro[] = Object.freeze([
  // Task state bits (task_struct.__state / exit_state) and flags (task_struct.flags).
  ...group("include/linux/sched.h", [
    ["TASK_RUNNING", 0x0], ["TASK_INTERRUPTIBLE", 0x1], ["TASK_UNINTERRUPTIBLE", 0x2],
    ["__TASK_STOPPED", 0x4], ["__TASK_TRACED", 0x8], ["EXIT_DEAD", 0x10], ["EXIT_ZOMBIE", 0x20],
    ["EXIT_TRACE", 0x30], ["TASK_PARKED", 0x40], ["TASK_DEAD", 0x80], ["TASK_WAKEKILL", 0x100],
    ["TASK_WAKING", 0x200], ["TASK_NOLOAD", 0x400], ["TASK_NEW", 0x800], ["TASK_RTLOCK_WAIT", 0x1000],
    ["TASK_FREEZABLE", 0x2000], ["TASK_FROZEN", 0x8000], ["TASK_STATE_MAX", 0x10000],
    ["TASK_KILLABLE", 0x102], ["TASK_STOPPED", 0x104], ["TASK_TRACED", 0x8], ["TASK_IDLE", 0x402],
    ["TASK_NORMAL", 0x3], ["TASK_REPORT", 0x7f],
    ["TASK_COMM_LEN", 16],
    ["PF_IDLE", 0x2], ["PF_EXITING", 0x4], ["PF_WQ_WORKER", 0x20], ["PF_FORKNOEXEC", 0x40],
    ["PF_SUPERPRIV", 0x100], ["PF_DUMPCORE", 0x200], ["PF_SIGNALED", 0x400], ["PF_MEMALLOC", 0x800],
    ["PF_NPROC_EXCEEDED", 0x1000], ["PF_USED_MATH", 0x2000], ["PF_NOFREEZE", 0x8000], ["PF_KSWAPD", 0x20000],
    ["PF_MEMALLOC_NOFS", 0x40000], ["PF_MEMALLOC_NOIO", 0x80000], ["PF_KTHREAD", 0x200000],
    ["PF_RANDOMIZE", 0x400000], ["PF_NO_SETAFFINITY", 0x4000000], ["PF_MCE_EARLY", 0x8000000],
  ]),
  ...group("include/uapi/linux/sched.h", [
    ["CLONE_VM", 0x100], ["CLONE_FS", 0x200], ["CLONE_FILES", 0x400], ["CLONE_SIGHAND", 0x800],
    ["CLONE_PIDFD", 0x1000], ["CLONE_PTRACE", 0x2000], ["CLONE_VFORK", 0x4000], ["CLONE_PARENT", 0x8000],
    ["CLONE_THREAD", 0x10000], ["CLONE_NEWNS", 0x20000], ["CLONE_SYSVSEM", 0x40000], ["CLONE_SETTLS", 0x80000],
    ["CLONE_NEWCGROUP", 0x2000000], ["CLONE_NEWUTS", 0x4000000], ["CLONE_NEWIPC", 0x8000000],
    ["CLONE_NEWUSER", 0x10000000], ["CLONE_NEWPID", 0x20000000], ["CLONE_NEWNET", 0x40000000],
  ]),
  // Address families: include/linux/socket.h (kernel-internal; glibc mirrors them).
  ...group("include/linux/socket.h", [
    ["AF_UNSPEC", 0], ["AF_UNIX", 1], ["AF_LOCAL", 1], ["AF_INET", 2], ["AF_INET6", 10],
    ["AF_NETLINK", 16], ["AF_PACKET", 17], ["AF_XDP", 44],
    ["PF_UNSPEC", 0], ["PF_UNIX", 1], ["PF_INET", 2], ["PF_INET6", 10],
  ]),
  ...group("include/linux/net.h", [
    ["SOCK_STREAM", 1], ["SOCK_DGRAM", 2], ["SOCK_RAW", 3], ["SOCK_SEQPACKET", 5],
  ]),
  ...group("include/uapi/linux/if_ether.h", [
    ["ETH_ALEN", 6], ["ETH_HLEN", 14], ["ETH_P_IP", 0x0800], ["ETH_P_ARP", 0x0806],
    ["ETH_P_8021Q", 0x8100], ["ETH_P_IPV6", 0x86dd], ["ETH_P_8021AD", 0x88a8],
  ]),
  ...group("include/uapi/linux/if.h", [["IFNAMSIZ", 16]]),
  ...group("include/linux/inet.h", [["INET_ADDRSTRLEN", 16], ["INET6_ADDRSTRLEN", 48]]),
  ...group("include/uapi/linux/limits.h", [["NAME_MAX", 255], ["PATH_MAX", 4096]]),
  // Open flags: include/uapi/asm-generic/fcntl.h (octal there), x86_64 values.
  ...group("include/uapi/asm-generic/fcntl.h", [
    ["O_RDONLY", 0o0], ["O_WRONLY", 0o1], ["O_RDWR", 0o2], ["O_ACCMODE", 0o3], ["O_CREAT", 0o100],
    ["O_EXCL", 0o200], ["O_NOCTTY", 0o400], ["O_TRUNC", 0o1000], ["O_APPEND", 0o2000],
    ["O_NONBLOCK", 0o4000], ["O_DSYNC", 0o10000], ["O_DIRECT", 0o40000], ["O_LARGEFILE", 0o100000],
    ["O_DIRECTORY", 0o200000], ["O_NOFOLLOW", 0o400000], ["O_NOATIME", 0o1000000],
    ["O_CLOEXEC", 0o2000000], ["O_SYNC", 0o4010000], ["O_PATH", 0o10000000], ["O_TMPFILE", 0o20200000],
  ]),
  ...group("include/uapi/linux/fcntl.h", [["AT_FDCWD", -100], ["AT_SYMLINK_NOFOLLOW", 0x100], ["AT_REMOVEDIR", 0x200]]),
  ...group("include/uapi/linux/stat.h", [
    ["S_IFMT", 0o170000], ["S_IFSOCK", 0o140000], ["S_IFLNK", 0o120000], ["S_IFREG", 0o100000],
    ["S_IFBLK", 0o60000], ["S_IFDIR", 0o40000], ["S_IFCHR", 0o20000], ["S_IFIFO", 0o10000],
  ]),
  ...group("include/linux/fs.h", [["FMODE_READ", 0x1], ["FMODE_WRITE", 0x2], ["FMODE_EXEC", 0x20]]),
  ...group("include/linux/blk_types.h", [["REQ_OP_BITS", 8], ["REQ_OP_MASK", 0xff]]),
  ...group("include/linux/blkdev.h", [["DISK_NAME_LEN", 32]]),
  ...group("arch/x86/include/asm/page_types.h", [["PAGE_SHIFT", 12], ["PAGE_SIZE", 4096]]),
  ...group("include/vdso/time64.h", [
    ["MSEC_PER_SEC", 1000], ["USEC_PER_MSEC", 1000], ["NSEC_PER_USEC", 1000], ["NSEC_PER_MSEC", 1000000],
    ["USEC_PER_SEC", 1000000], ["NSEC_PER_SEC", 1000000000],
  ]),
  ...group("include/uapi/asm-generic/signal.h", [
    ["SIGHUP", 1], ["SIGINT", 2], ["SIGQUIT", 3], ["SIGILL", 4], ["SIGTRAP", 5], ["SIGABRT", 6],
    ["SIGBUS", 7], ["SIGFPE", 8], ["SIGKILL", 9], ["SIGUSR1", 10], ["SIGSEGV", 11], ["SIGUSR2", 12],
    ["SIGPIPE", 13], ["SIGALRM", 14], ["SIGTERM", 15], ["SIGCHLD", 17], ["SIGCONT", 18], ["SIGSTOP", 19],
    ["SIGTSTP", 20], ["SIGURG", 23], ["SIGXCPU", 24], ["SIGPROF", 27], ["SIGWINCH", 28], ["SIGSYS", 31],
  ]),
  ...group("include/uapi/asm-generic/errno-base.h, errno.h", [
    ["EPERM", 1], ["ENOENT", 2], ["ESRCH", 3], ["EINTR", 4], ["EIO", 5], ["ENXIO", 6], ["E2BIG", 7],
    ["ENOEXEC", 8], ["EBADF", 9], ["ECHILD", 10], ["EAGAIN", 11], ["ENOMEM", 12], ["EACCES", 13],
    ["EFAULT", 14], ["EBUSY", 16], ["EEXIST", 17], ["ENODEV", 19], ["ENOTDIR", 20], ["EISDIR", 21],
    ["EINVAL", 22], ["ENFILE", 23], ["EMFILE", 24], ["ENOSPC", 28], ["EPIPE", 32], ["ERANGE", 34],
    ["ENOSYS", 38], ["ENOTEMPTY", 39], ["ELOOP", 40], ["EOPNOTSUPP", 95],
    ["EADDRINUSE", 98], ["ECONNRESET", 104], ["ETIMEDOUT", 110], ["ECONNREFUSED", 111], ["EINPROGRESS", 115],
  ]),
]);

/** `#define` lines for the compat prelude (negative values parenthesized). */
export function kernelMacroDefines(macros: readonly KernelMacro[] = KERNEL_MACROS): string {
  return macros.map((m) => `#define ${m.name} ${m.value < 0n ? `(${m.value})` : m.value.toString()}\n`).join("");
}
