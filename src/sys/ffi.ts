/**
 * The raw libc bindings: the only place in the project that loads koffi.
 *
 * Deliberately thin: each binding returns the C result and the caller reads errno right away with
 * `lastErrno()` (koffi captures errno at the end of every call, so nothing in between may call C).
 * Everything here is immutable once the module is evaluated (functions bound at import time).
 *
 * syscall(2) is variadic in C, but glibc implements it in assembly that just moves registers, and on
 * x86_64/arm64 the integer-argument calling convention of variadic and fixed-argument calls is the
 * same. So each syscall we make gets its own fixed prototype bound to the `syscall` symbol: koffi then
 * prepares the call once instead of parsing argument types on every call (variadic koffi calls do).
 * The same reasoning applies to ioctl(2) and fcntl(2).
 */
import koffi from "koffi";

if (process.platform !== "linux") {
  // Loading libc.so.6 would fail anyway; say why in terms of the project.
  throw new Error(`bcc-ts needs Linux (running on ${process.platform})`);
}

/** Syscall numbers per architecture (arch/x86/entry/syscalls/syscall_64.tbl, asm-generic/unistd.h). */
const SYSCALL_NUMBERS: Readonly<Record<string, { bpf: number; perf_event_open: number; gettid: number }>> = {
  x64: { bpf: 321, perf_event_open: 298, gettid: 186 },
  arm64: { bpf: 280, perf_event_open: 241, gettid: 178 },
  riscv64: { bpf: 280, perf_event_open: 241, gettid: 178 },
  loong64: { bpf: 280, perf_event_open: 241, gettid: 178 },
};

const nrs = SYSCALL_NUMBERS[process.arch];
if (nrs === undefined) throw new Error(`bcc-ts: unsupported architecture ${process.arch}`);
export const NR = nrs;

const libc = koffi.load("libc.so.6");

/** Pointer-sized buffers: a typed array (koffi passes its address) or null. */
export type Ptr = Uint8Array | null;

const bpfCall = libc.func("syscall", "long", ["long", "int", "void *", "uint"]);
const perfCall = libc.func("syscall", "long", ["long", "void *", "int", "int", "int", "ulong"]);
const gettidCall = libc.func("syscall", "long", ["long"]);
const ioctlInt = libc.func("ioctl", "int", ["int", "ulong", "ulong"]);
const ioctlPtr = libc.func("ioctl", "int", ["int", "ulong", "void *"]);
const fcntlInt = libc.func("fcntl", "int", ["int", "int", "int"]);
const mmapCall = libc.func("mmap", "void *", ["void *", "size_t", "int", "int", "int", "int64_t"]);
const munmapCall = libc.func("munmap", "int", ["void *", "size_t"]);
const closeCall = libc.func("close", "int", ["int"]);
const epollCreate1 = libc.func("epoll_create1", "int", ["int"]);
const epollCtl = libc.func("epoll_ctl", "int", ["int", "int", "int", "void *"]);
const epollWait = libc.func("epoll_wait", "int", ["int", "void *", "int", "int"]);
const getpidCall = libc.func("getpid", "int", []);
const getppidCall = libc.func("getppid", "int", []);
const sysconfCall = libc.func("sysconf", "long", ["int"]);
const sigmaskCall = libc.func("pthread_sigmask", "int", ["int", "void *", "void *"]);

const SIG_BLOCK = 0;
const SIG_SETMASK = 2;
/** glibc's sigset_t: 1024 bits. */
const SIGSET_BYTES = 128;

/**
 * Runs `fn` with every blockable signal blocked on this thread: they stay pending and arrive when
 * it returns. For kernel work that gives up when a signal is pending (the verifier's EAGAIN).
 */
export function withSignalsBlocked<T>(fn: () => T): T {
  const all = new Uint8Array(SIGSET_BYTES).fill(0xff);
  const old = new Uint8Array(SIGSET_BYTES);
  if ((sigmaskCall(SIG_BLOCK, all, old) as number) !== 0) return fn();
  try {
    return fn();
  } finally {
    sigmaskCall(SIG_SETMASK, old, null);
  }
}

/** errno of the most recent koffi call on this thread. */
export function lastErrno(): number {
  return koffi.errno();
}

/** bpf(cmd, attr, size): fd/0 on success, -1 on failure (then read lastErrno()). */
export function sysBpf(cmd: number, attr: Uint8Array, size: number): number {
  return Number(bpfCall(NR.bpf, cmd, attr, size));
}

/** perf_event_open(attr, pid, cpu, group_fd, flags): fd or -1. */
export function sysPerfEventOpen(attr: Uint8Array, pid: number, cpu: number, groupFd: number, flags: number): number {
  return Number(perfCall(NR.perf_event_open, attr, pid, cpu, groupFd, flags));
}

/** ioctl with an integer argument. */
export function sysIoctl(fd: number, request: number, arg: number | bigint): number {
  // The kernel sees an unsigned long; -1 (e.g. SET_OUTPUT's "none") must become all ones.
  return ioctlInt(fd, request, BigInt.asUintN(64, BigInt(arg))) as number;
}

/** ioctl with a pointer argument (the kernel reads/writes `buf`). */
export function sysIoctlPtr(fd: number, request: number, buf: Ptr): number {
  return ioctlPtr(fd, request, buf) as number;
}

export function sysFcntl(fd: number, cmd: number, arg: number): number {
  return fcntlInt(fd, cmd, arg) as number;
}

/** MAP_FAILED as koffi returns it (a `void *` of all ones). */
export const MAP_FAILED = 0xffff_ffff_ffff_ffffn;

/** mmap(NULL, length, prot, flags, fd, offset): the address (bigint) or MAP_FAILED. */
export function sysMmap(length: number, prot: number, flags: number, fd: number, offset: bigint): bigint {
  const p = mmapCall(null, length, prot, flags, fd, offset) as bigint | null;
  return p ?? 0n;
}

export function sysMunmap(addr: bigint, length: number): number {
  return munmapCall(addr, length) as number;
}

/** A zero-copy ArrayBuffer over `length` bytes at `addr` (valid only while the memory is mapped). */
export function viewMemory(addr: bigint, length: number): ArrayBuffer {
  return koffi.view(addr, length);
}

/** The address of a typed array's first byte, for pointer fields inside attr structs. */
export function addressOf(buf: Uint8Array | Int32Array | Uint32Array | BigUint64Array): bigint {
  // koffi already accounts for the view's byteOffset (measured: subarray(8) gives base + 8).
  return koffi.address(buf) as bigint;
}

export function sysClose(fd: number): number {
  return closeCall(fd) as number;
}

export function sysEpollCreate1(flags: number): number {
  return epollCreate1(flags) as number;
}

export function sysEpollCtl(epfd: number, op: number, fd: number, event: Ptr): number {
  return epollCtl(epfd, op, fd, event) as number;
}

/** Blocks the calling thread for up to `timeoutMs` (-1 = forever). Returns the number of events. */
export function sysEpollWait(epfd: number, events: Uint8Array, maxEvents: number, timeoutMs: number): number {
  return epollWait(epfd, events, maxEvents, timeoutMs) as number;
}

export function sysGetpid(): number {
  return getpidCall() as number;
}

/** getppid(2): also the syscall tests fire on purpose (syscalls:sys_enter_getppid is quiet elsewhere). */
export function sysGetppid(): number {
  return getppidCall() as number;
}

/** The calling thread's kernel tid (the main thread's tid equals the pid). */
export function sysGettid(): number {
  return Number(gettidCall(NR.gettid));
}

/** sysconf(_SC_PAGESIZE). */
export function sysPageSize(): number {
  return Number(sysconfCall(30));
}

export interface PollEvents {
  readable: boolean;
  writable: boolean;
  disconnect: boolean;
}

/** A libuv poll watcher on an fd: no thread, no spinning; the callback runs on the event loop. */
export interface FdWatcher {
  /** (Re)start watching; replaces the callback. */
  start(onReady: (status: number, events: PollEvents) => void): void;
  stop(): void;
  close(): void;
  ref(): void;
  unref(): void;
}

/**
 * Watch `fd` for readability on Node's own event loop (libuv uv_poll, via koffi). The callback receives
 * a negative libuv status on error. libuv allows one watcher per fd per loop: callers must not create
 * two for the same fd.
 */
export function watchFd(fd: number, onReady: (status: number, events: PollEvents) => void): FdWatcher {
  // koffi's typings describe the callback as (events); the native side actually calls (status, events).
  const cb = onReady as unknown as (ev: PollEvents) => void;
  const handle = koffi.node.poll(fd, { readable: true }, cb);
  return {
    start: (next) => handle.start({ readable: true }, next as unknown as (ev: PollEvents) => void),
    stop: () => handle.stop(),
    close: () => handle.close(),
    ref: () => handle.ref(),
    unref: () => handle.unref(),
  };
}
