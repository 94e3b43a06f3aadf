// ../../tmp/rdbench/kbench.ts
import { spawn } from "node:child_process";

// src/sys/errors.ts
var ERRNO = {
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  EINTR: 4,
  EIO: 5,
  ENXIO: 6,
  E2BIG: 7,
  ENOEXEC: 8,
  EBADF: 9,
  ECHILD: 10,
  EAGAIN: 11,
  ENOMEM: 12,
  EACCES: 13,
  EFAULT: 14,
  EBUSY: 16,
  EEXIST: 17,
  EXDEV: 18,
  ENODEV: 19,
  ENOTDIR: 20,
  EISDIR: 21,
  EINVAL: 22,
  ENFILE: 23,
  EMFILE: 24,
  ENOTTY: 25,
  EFBIG: 27,
  ENOSPC: 28,
  ESPIPE: 29,
  EROFS: 30,
  EPIPE: 32,
  ERANGE: 34,
  EDEADLK: 35,
  ENAMETOOLONG: 36,
  ENOSYS: 38,
  ELOOP: 40,
  ENODATA: 61,
  EOVERFLOW: 75,
  EBADFD: 77,
  EILSEQ: 84,
  EOPNOTSUPP: 95,
  EAFNOSUPPORT: 97,
  EADDRINUSE: 98,
  ENOBUFS: 105,
  ETIMEDOUT: 110,
  EALREADY: 114,
  EINPROGRESS: 115,
  ECANCELED: 125,
  // Kernel-internal codes (include/linux/errno.h) that bpf() and perf paths can return to user space.
  ERESTARTSYS: 512,
  ENOTSUPP: 524,
  ETOOSMALL: 525
};
var NAME_BY_CODE = new Map(
  Object.entries(ERRNO).map(([name, code]) => [code, name])
);
function errnoName(code) {
  return NAME_BY_CODE.get(code) ?? `errno ${code}`;
}
var PRIVILEGE_HINT = "needs root or CAP_BPF+CAP_PERFMON (and CAP_SYS_ADMIN on older kernels)";
function errnoHint(code, syscall = "bpf", command = "") {
  switch (code) {
    case ERRNO.EPERM:
    case ERRNO.EACCES:
      return PRIVILEGE_HINT;
    case ERRNO.E2BIG:
      return command === "PROG_LOAD" ? "program too large or attr has unknown non-zero fields for this kernel" : "a size or count is too large, or the attr has fields this kernel does not know";
    case ERRNO.ENOSPC:
      return command === "PROG_LOAD" || command === "BTF_LOAD" ? "verifier log buffer too small" : "map is full (raise max_entries)";
    case ERRNO.EINVAL:
      return `the kernel rejected an argument of ${syscall}${command ? ` ${command}` : ""} (wrong type, size or flags for this kernel)`;
    case ERRNO.ENOENT:
      return "no such element or object (key not found, id gone, or name unknown)";
    case ERRNO.EBUSY:
      return "resource busy (already attached, or exclusive use by another tool)";
    case ERRNO.ENOMEM:
      return "out of memory (locked-memory limit or map size too large)";
    case ERRNO.EFAULT:
      return "the kernel could not read or write a user buffer (bad pointer or size)";
    case ERRNO.EBADF:
      return "a file descriptor argument is closed or of the wrong kind";
    case ERRNO.EEXIST:
      return "element already exists (BPF_NOEXIST)";
    case ERRNO.ENOTSUPP:
    case ERRNO.EOPNOTSUPP:
    case ERRNO.ENOSYS:
    case ERRNO.ENODEV:
      return "not supported by this kernel or its configuration";
    case ERRNO.EMFILE:
    case ERRNO.ENFILE:
      return "too many open files (raise `ulimit -n` or close unused objects)";
    case ERRNO.ESRCH:
      return "no such process";
    case ERRNO.EAGAIN:
      return "try again (resource temporarily unavailable)";
    case ERRNO.EINTR:
      return "interrupted by a signal; retry";
    default:
      return "see the kernel source for this command";
  }
}
var KernelError = class extends Error {
  syscall;
  command;
  errno;
  code;
  hint;
  constructor(init, hint) {
    const command = init.command ?? "";
    const name = errnoName(init.code);
    const h = hint ?? errnoHint(init.code, init.syscall, command);
    const where = command ? `${init.syscall}(${command})` : init.syscall;
    const detail = init.detail ? ` [${init.detail}]` : "";
    super(`${where} failed: ${name}${detail}: ${h}`);
    this.name = "KernelError";
    this.syscall = init.syscall;
    this.command = command;
    this.errno = name;
    this.code = init.code;
    this.hint = h;
  }
};
var PermissionError = class extends KernelError {
  constructor(init, hint) {
    super(init, hint);
    this.name = "PermissionError";
  }
};
var NotSupportedError = class extends KernelError {
  /** What is unsupported, e.g. "BPF_PROG_TEST_RUN for tracepoint programs". */
  feature;
  constructor(init, hint) {
    const feature = init.feature ?? (init.command ? `${init.syscall} ${init.command}` : init.syscall);
    super(init, hint ?? `${feature} is not supported by this kernel or its configuration`);
    this.name = "NotSupportedError";
    this.feature = feature;
  }
};
var SUMMARY_LINES = 3;
var VerifierError = class extends KernelError {
  log;
  lines;
  summary;
  /** True when even the largest log buffer was too small and the head of the log was lost. */
  truncated;
  constructor(init) {
    const lines = splitLog(init.log);
    const summary = summarizeLog(lines);
    const what = init.command === "BTF_LOAD" ? "BTF rejected by the kernel" : "program rejected by the verifier";
    super(init, summary ? `${what}: ${summary}` : `${what} (empty log)`);
    this.name = "VerifierError";
    this.log = init.log;
    this.lines = lines;
    this.summary = summary;
    this.truncated = init.truncated ?? false;
  }
};
function splitLog(log) {
  const lines = log.split("\n").map((l) => l.replace(/\s+$/, ""));
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}
function summarizeLog(lines) {
  const meaningful = [];
  for (let i = lines.length - 1; i >= 0 && meaningful.length < SUMMARY_LINES; i--) {
    const line = lines[i] ?? "";
    if (line === "" || /^processed \d+ insns/.test(line) || /^verification time/.test(line)) continue;
    meaningful.unshift(i);
  }
  if (meaningful.length === 0) return "";
  const shown = meaningful.map((i) => (lines[i] ?? "").trim()).join(" | ");
  const omitted = lines.filter((l) => l !== "").length - meaningful.length;
  return omitted > 0 ? `${shown} (${omitted} lines omitted)` : shown;
}
function kernelError(init) {
  switch (init.code) {
    case ERRNO.EPERM:
    case ERRNO.EACCES:
      return new PermissionError(init);
    case ERRNO.ENOTSUPP:
    case ERRNO.EOPNOTSUPP:
    case ERRNO.ENOSYS:
      return new NotSupportedError(init);
    default:
      return new KernelError(init);
  }
}

// src/sys/ffi.ts
import koffi from "koffi";
if (process.platform !== "linux") {
  throw new Error(`bcc-ts needs Linux (running on ${process.platform})`);
}
var SYSCALL_NUMBERS = {
  x64: { bpf: 321, perf_event_open: 298, gettid: 186 },
  arm64: { bpf: 280, perf_event_open: 241, gettid: 178 },
  riscv64: { bpf: 280, perf_event_open: 241, gettid: 178 },
  loong64: { bpf: 280, perf_event_open: 241, gettid: 178 }
};
var nrs = SYSCALL_NUMBERS[process.arch];
if (nrs === void 0) throw new Error(`bcc-ts: unsupported architecture ${process.arch}`);
var NR = nrs;
var libc = koffi.load("libc.so.6");
var bpfCall = libc.func("syscall", "long", ["long", "int", "void *", "uint"]);
var perfCall = libc.func("syscall", "long", ["long", "void *", "int", "int", "int", "ulong"]);
var gettidCall = libc.func("syscall", "long", ["long"]);
var ioctlInt = libc.func("ioctl", "int", ["int", "ulong", "ulong"]);
var ioctlPtr = libc.func("ioctl", "int", ["int", "ulong", "void *"]);
var fcntlInt = libc.func("fcntl", "int", ["int", "int", "int"]);
var mmapCall = libc.func("mmap", "void *", ["void *", "size_t", "int", "int", "int", "int64_t"]);
var munmapCall = libc.func("munmap", "int", ["void *", "size_t"]);
var closeCall = libc.func("close", "int", ["int"]);
var epollCreate1 = libc.func("epoll_create1", "int", ["int"]);
var epollCtl = libc.func("epoll_ctl", "int", ["int", "int", "int", "void *"]);
var epollWait = libc.func("epoll_wait", "int", ["int", "void *", "int", "int"]);
var getpidCall = libc.func("getpid", "int", []);
var getppidCall = libc.func("getppid", "int", []);
var sysconfCall = libc.func("sysconf", "long", ["int"]);
function lastErrno() {
  return koffi.errno();
}
function sysBpf(cmd, attr, size) {
  return Number(bpfCall(NR.bpf, cmd, attr, size));
}
function sysPerfEventOpen(attr, pid, cpu, groupFd, flags) {
  return Number(perfCall(NR.perf_event_open, attr, pid, cpu, groupFd, flags));
}
function sysIoctl(fd, request, arg) {
  return ioctlInt(fd, request, BigInt.asUintN(64, BigInt(arg)));
}
function sysFcntl(fd, cmd, arg) {
  return fcntlInt(fd, cmd, arg);
}
var MAP_FAILED = 0xffffffffffffffffn;
function sysMmap(length, prot, flags, fd, offset) {
  const p = mmapCall(null, length, prot, flags, fd, offset);
  return p ?? 0n;
}
function sysMunmap(addr, length) {
  return munmapCall(addr, length);
}
function viewMemory(addr, length) {
  return koffi.view(addr, length);
}
function addressOf(buf) {
  return koffi.address(buf);
}
function sysClose(fd) {
  return closeCall(fd);
}
function sysEpollCreate1(flags) {
  return epollCreate1(flags);
}
function sysEpollCtl(epfd, op, fd, event) {
  return epollCtl(epfd, op, fd, event);
}
function sysEpollWait(epfd, events, maxEvents, timeoutMs) {
  return epollWait(epfd, events, maxEvents, timeoutMs);
}
function sysPageSize() {
  return Number(sysconfCall(30));
}
function watchFd(fd, onReady) {
  const cb = onReady;
  const handle = koffi.node.poll(fd, { readable: true }, cb);
  return {
    start: (next) => handle.start({ readable: true }, next),
    stop: () => handle.stop(),
    close: () => handle.close(),
    ref: () => handle.ref(),
    unref: () => handle.unref()
  };
}

// src/sys/fd.ts
var F_DUPFD_CLOEXEC = 1030;
var leakReporter = new FinalizationRegistry((rec) => {
  process.emitWarning(
    `bcc-ts: ${rec.label} (fd ${rec.raw}) was garbage-collected without close(); it stays open until exit`,
    { code: "BCC_TS_FD_LEAK" }
  );
});
var Fd = class _Fd {
  #raw;
  label;
  #tracker;
  constructor(raw, label, tracker) {
    this.#raw = raw;
    this.label = label;
    this.#tracker = tracker;
    leakReporter.register(this, { raw, label }, this);
    tracker?.add(this, new Error().stack?.split("\n").slice(3).join("\n") ?? "");
  }
  /**
   * Take ownership of a raw descriptor returned by a syscall. A descriptor 0 is moved to a higher
   * number first (see the module comment). `label` names the object in errors and leak reports.
   */
  static adopt(raw, label, options) {
    if (!Number.isInteger(raw) || raw < 0) throw new RangeError(`Fd.adopt: invalid descriptor ${raw} (${label})`);
    if (raw === 0) {
      const moved = sysFcntl(0, F_DUPFD_CLOEXEC, 3);
      if (moved < 0) {
        const code = lastErrno();
        sysClose(0);
        throw kernelError({ syscall: "fcntl", command: "F_DUPFD_CLOEXEC", code, detail: label });
      }
      sysClose(0);
      raw = moved;
    }
    return new _Fd(raw, label, options?.tracker);
  }
  /** The descriptor number. Throws after close()/take(): using a stale number could hit a reused fd. */
  get raw() {
    if (this.#raw < 0) throw new Error(`${this.label}: file descriptor already closed`);
    return this.#raw;
  }
  /** The descriptor number or -1, without throwing (for diagnostics). */
  peek() {
    return this.#raw;
  }
  get closed() {
    return this.#raw < 0;
  }
  /** A second, independently owned descriptor for the same kernel object. */
  dup(label = this.label, options) {
    const raw = sysFcntl(this.raw, F_DUPFD_CLOEXEC, 3);
    if (raw < 0) throw kernelError({ syscall: "fcntl", command: "F_DUPFD_CLOEXEC", code: lastErrno(), detail: label });
    return new _Fd(raw, label, options?.tracker ?? this.#tracker);
  }
  /** Transfer ownership out: returns the number, and this Fd no longer closes it. */
  take() {
    const raw = this.raw;
    this.#forget();
    return raw;
  }
  /** Alias of take() for readers who think in terms of ownership. */
  disown() {
    return this.take();
  }
  /** Close the descriptor. Idempotent. close(2) errors are ignored: the fd is released regardless. */
  close() {
    const raw = this.#raw;
    if (raw < 0) return;
    this.#forget();
    sysClose(raw);
  }
  [Symbol.dispose]() {
    this.close();
  }
  toString() {
    return `Fd(${this.#raw}, ${this.label})`;
  }
  #forget() {
    this.#raw = -1;
    leakReporter.unregister(this);
    this.#tracker?.delete(this);
  }
};
function rawFd(fd) {
  return typeof fd === "number" ? fd : fd.raw;
}

// src/sys/bpf-constants.ts
var BPF_CMD = {
  MAP_CREATE: 0,
  MAP_LOOKUP_ELEM: 1,
  MAP_UPDATE_ELEM: 2,
  MAP_DELETE_ELEM: 3,
  MAP_GET_NEXT_KEY: 4,
  PROG_LOAD: 5,
  OBJ_PIN: 6,
  OBJ_GET: 7,
  PROG_ATTACH: 8,
  PROG_DETACH: 9,
  PROG_TEST_RUN: 10,
  PROG_GET_NEXT_ID: 11,
  MAP_GET_NEXT_ID: 12,
  PROG_GET_FD_BY_ID: 13,
  MAP_GET_FD_BY_ID: 14,
  OBJ_GET_INFO_BY_FD: 15,
  PROG_QUERY: 16,
  RAW_TRACEPOINT_OPEN: 17,
  BTF_LOAD: 18,
  BTF_GET_FD_BY_ID: 19,
  TASK_FD_QUERY: 20,
  MAP_LOOKUP_AND_DELETE_ELEM: 21,
  MAP_FREEZE: 22,
  BTF_GET_NEXT_ID: 23,
  MAP_LOOKUP_BATCH: 24,
  MAP_LOOKUP_AND_DELETE_BATCH: 25,
  MAP_UPDATE_BATCH: 26,
  MAP_DELETE_BATCH: 27,
  LINK_CREATE: 28,
  LINK_UPDATE: 29,
  LINK_GET_FD_BY_ID: 30,
  LINK_GET_NEXT_ID: 31,
  ENABLE_STATS: 32,
  ITER_CREATE: 33,
  LINK_DETACH: 34,
  PROG_BIND_MAP: 35,
  TOKEN_CREATE: 36
};
var BPF_MAP_TYPE = {
  UNSPEC: 0,
  HASH: 1,
  ARRAY: 2,
  PROG_ARRAY: 3,
  PERF_EVENT_ARRAY: 4,
  PERCPU_HASH: 5,
  PERCPU_ARRAY: 6,
  STACK_TRACE: 7,
  CGROUP_ARRAY: 8,
  LRU_HASH: 9,
  LRU_PERCPU_HASH: 10,
  LPM_TRIE: 11,
  ARRAY_OF_MAPS: 12,
  HASH_OF_MAPS: 13,
  DEVMAP: 14,
  SOCKMAP: 15,
  CPUMAP: 16,
  XSKMAP: 17,
  SOCKHASH: 18,
  CGROUP_STORAGE: 19,
  REUSEPORT_SOCKARRAY: 20,
  PERCPU_CGROUP_STORAGE: 21,
  QUEUE: 22,
  STACK: 23,
  SK_STORAGE: 24,
  DEVMAP_HASH: 25,
  STRUCT_OPS: 26,
  RINGBUF: 27,
  INODE_STORAGE: 28,
  TASK_STORAGE: 29,
  BLOOM_FILTER: 30,
  USER_RINGBUF: 31,
  CGRP_STORAGE: 32,
  ARENA: 33
};
var BPF_PROG_TYPE = {
  UNSPEC: 0,
  SOCKET_FILTER: 1,
  KPROBE: 2,
  SCHED_CLS: 3,
  SCHED_ACT: 4,
  TRACEPOINT: 5,
  XDP: 6,
  PERF_EVENT: 7,
  CGROUP_SKB: 8,
  CGROUP_SOCK: 9,
  LWT_IN: 10,
  LWT_OUT: 11,
  LWT_XMIT: 12,
  SOCK_OPS: 13,
  SK_SKB: 14,
  CGROUP_DEVICE: 15,
  SK_MSG: 16,
  RAW_TRACEPOINT: 17,
  CGROUP_SOCK_ADDR: 18,
  LWT_SEG6LOCAL: 19,
  LIRC_MODE2: 20,
  SK_REUSEPORT: 21,
  FLOW_DISSECTOR: 22,
  CGROUP_SYSCTL: 23,
  RAW_TRACEPOINT_WRITABLE: 24,
  CGROUP_SOCKOPT: 25,
  TRACING: 26,
  STRUCT_OPS: 27,
  EXT: 28,
  LSM: 29,
  SK_LOOKUP: 30,
  SYSCALL: 31,
  NETFILTER: 32
};
var BPF_ATTACH_TYPE = {
  CGROUP_INET_INGRESS: 0,
  CGROUP_INET_EGRESS: 1,
  CGROUP_INET_SOCK_CREATE: 2,
  CGROUP_SOCK_OPS: 3,
  SK_SKB_STREAM_PARSER: 4,
  SK_SKB_STREAM_VERDICT: 5,
  CGROUP_DEVICE: 6,
  SK_MSG_VERDICT: 7,
  CGROUP_INET4_BIND: 8,
  CGROUP_INET6_BIND: 9,
  CGROUP_INET4_CONNECT: 10,
  CGROUP_INET6_CONNECT: 11,
  CGROUP_INET4_POST_BIND: 12,
  CGROUP_INET6_POST_BIND: 13,
  CGROUP_UDP4_SENDMSG: 14,
  CGROUP_UDP6_SENDMSG: 15,
  LIRC_MODE2: 16,
  FLOW_DISSECTOR: 17,
  CGROUP_SYSCTL: 18,
  CGROUP_UDP4_RECVMSG: 19,
  CGROUP_UDP6_RECVMSG: 20,
  CGROUP_GETSOCKOPT: 21,
  CGROUP_SETSOCKOPT: 22,
  TRACE_RAW_TP: 23,
  TRACE_FENTRY: 24,
  TRACE_FEXIT: 25,
  MODIFY_RETURN: 26,
  LSM_MAC: 27,
  TRACE_ITER: 28,
  CGROUP_INET4_GETPEERNAME: 29,
  CGROUP_INET6_GETPEERNAME: 30,
  CGROUP_INET4_GETSOCKNAME: 31,
  CGROUP_INET6_GETSOCKNAME: 32,
  XDP_DEVMAP: 33,
  CGROUP_INET_SOCK_RELEASE: 34,
  XDP_CPUMAP: 35,
  SK_LOOKUP: 36,
  XDP: 37,
  SK_SKB_VERDICT: 38,
  SK_REUSEPORT_SELECT: 39,
  SK_REUSEPORT_SELECT_OR_MIGRATE: 40,
  PERF_EVENT: 41,
  TRACE_KPROBE_MULTI: 42,
  LSM_CGROUP: 43,
  STRUCT_OPS: 44,
  NETFILTER: 45,
  TCX_INGRESS: 46,
  TCX_EGRESS: 47,
  TRACE_UPROBE_MULTI: 48,
  CGROUP_UNIX_CONNECT: 49,
  CGROUP_UNIX_SENDMSG: 50,
  CGROUP_UNIX_RECVMSG: 51,
  CGROUP_UNIX_GETPEERNAME: 52,
  CGROUP_UNIX_GETSOCKNAME: 53,
  NETKIT_PRIMARY: 54,
  NETKIT_PEER: 55,
  TRACE_KPROBE_SESSION: 56,
  TRACE_UPROBE_SESSION: 57
};
var BPF_ANY = 0;
var BPF_MAP_FLAG = {
  NO_PREALLOC: 1 << 0,
  NO_COMMON_LRU: 1 << 1,
  NUMA_NODE: 1 << 2,
  RDONLY: 1 << 3,
  WRONLY: 1 << 4,
  STACK_BUILD_ID: 1 << 5,
  ZERO_SEED: 1 << 6,
  RDONLY_PROG: 1 << 7,
  WRONLY_PROG: 1 << 8,
  CLONE: 1 << 9,
  MMAPABLE: 1 << 10,
  PRESERVE_ELEMS: 1 << 11,
  INNER_MAP: 1 << 12
};
var BPF_PROG_FLAG = {
  STRICT_ALIGNMENT: 1 << 0,
  ANY_ALIGNMENT: 1 << 1,
  TEST_RND_HI32: 1 << 2,
  TEST_STATE_FREQ: 1 << 3,
  SLEEPABLE: 1 << 4,
  XDP_HAS_FRAGS: 1 << 5
};
var BPF_F_TEST_RUN_ON_CPU = 1 << 0;
var BPF_F_KPROBE_MULTI_RETURN = 1 << 0;
var BPF_LOG_MAX_LEGACY = 4294967295 >>> 8;
var BPF_LOG_MAX = 4294967295 >>> 2;

// src/sys/attr-layout.ts
var SIZES = { u8: 1, u16: 2, u32: 4, i32: 4, u64: 8, name16: 16 };
function f(offset, kind2) {
  return { offset, kind: kind2 };
}
function layoutSize(layout) {
  let end = 0;
  for (const field of Object.values(layout)) end = Math.max(end, field.offset + SIZES[field.kind]);
  return end + 7 & ~7;
}
function encode(layout, values, size = layoutSize(layout)) {
  const buf = new Uint8Array(size);
  const dv = new DataView(buf.buffer);
  for (const [name, value] of Object.entries(values)) {
    if (value === void 0) continue;
    const field = layout[name];
    if (field === void 0) throw new Error(`attr layout has no field ${name}`);
    writeField(buf, dv, field, value, name);
  }
  return buf;
}
function writeField(buf, dv, field, value, name) {
  const { offset, kind: kind2 } = field;
  if (kind2 === "name16") {
    if (typeof value !== "string") throw new TypeError(`${name}: expected a string`);
    const bytes = new TextEncoder().encode(value);
    buf.set(bytes.subarray(0, 15), offset);
    return;
  }
  if (typeof value === "string") throw new TypeError(`${name}: expected a number`);
  switch (kind2) {
    case "u8":
      dv.setUint8(offset, Number(value));
      break;
    case "u16":
      dv.setUint16(offset, Number(value), true);
      break;
    case "u32":
      dv.setUint32(offset, Number(value) >>> 0, true);
      break;
    case "i32":
      dv.setInt32(offset, Number(value), true);
      break;
    case "u64":
      dv.setBigUint64(offset, BigInt.asUintN(64, BigInt(value)), true);
      break;
  }
}
function readField(buf, field) {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  switch (field.kind) {
    case "u8":
      return dv.getUint8(field.offset);
    case "u16":
      return dv.getUint16(field.offset, true);
    case "u32":
      return dv.getUint32(field.offset, true);
    case "i32":
      return dv.getInt32(field.offset, true);
    case "u64":
      return dv.getBigUint64(field.offset, true);
    case "name16":
      throw new TypeError("readField: use readName for name16 fields");
  }
}
function readU32(buf, field) {
  return Number(readField(buf, field));
}
function readU64(buf, field) {
  return BigInt(readField(buf, field));
}
function readName(buf, field) {
  const bytes = buf.subarray(field.offset, field.offset + SIZES[field.kind]);
  const nul = bytes.indexOf(0);
  return new TextDecoder().decode(nul < 0 ? bytes : bytes.subarray(0, nul));
}
var MAP_CREATE = {
  map_type: f(0, "u32"),
  key_size: f(4, "u32"),
  value_size: f(8, "u32"),
  max_entries: f(12, "u32"),
  map_flags: f(16, "u32"),
  inner_map_fd: f(20, "u32"),
  numa_node: f(24, "u32"),
  map_name: f(28, "name16"),
  map_ifindex: f(44, "u32"),
  btf_fd: f(48, "u32"),
  btf_key_type_id: f(52, "u32"),
  btf_value_type_id: f(56, "u32"),
  btf_vmlinux_value_type_id: f(60, "u32"),
  map_extra: f(64, "u64")
};
var MAP_ELEM = {
  map_fd: f(0, "u32"),
  key: f(8, "u64"),
  value: f(16, "u64"),
  next_key: f(16, "u64"),
  flags: f(24, "u64")
};
var MAP_BATCH = {
  in_batch: f(0, "u64"),
  out_batch: f(8, "u64"),
  keys: f(16, "u64"),
  values: f(24, "u64"),
  count: f(32, "u32"),
  map_fd: f(36, "u32"),
  elem_flags: f(40, "u64"),
  flags: f(48, "u64")
};
var PROG_LOAD = {
  prog_type: f(0, "u32"),
  insn_cnt: f(4, "u32"),
  insns: f(8, "u64"),
  license: f(16, "u64"),
  log_level: f(24, "u32"),
  log_size: f(28, "u32"),
  log_buf: f(32, "u64"),
  kern_version: f(40, "u32"),
  prog_flags: f(44, "u32"),
  prog_name: f(48, "name16"),
  prog_ifindex: f(64, "u32"),
  expected_attach_type: f(68, "u32"),
  prog_btf_fd: f(72, "u32"),
  func_info_rec_size: f(76, "u32"),
  func_info: f(80, "u64"),
  func_info_cnt: f(88, "u32"),
  line_info_rec_size: f(92, "u32"),
  line_info: f(96, "u64"),
  line_info_cnt: f(104, "u32"),
  attach_btf_id: f(108, "u32"),
  // attach_prog_fd and attach_btf_obj_fd are a union at 112.
  attach_prog_fd: f(112, "u32"),
  attach_btf_obj_fd: f(112, "u32"),
  core_relo_cnt: f(116, "u32"),
  fd_array: f(120, "u64"),
  core_relos: f(128, "u64"),
  core_relo_rec_size: f(136, "u32"),
  log_true_size: f(140, "u32")
};
var OBJ = {
  pathname: f(0, "u64"),
  bpf_fd: f(8, "u32"),
  file_flags: f(12, "u32")
};
var TEST_RUN = {
  prog_fd: f(0, "u32"),
  retval: f(4, "u32"),
  data_size_in: f(8, "u32"),
  data_size_out: f(12, "u32"),
  data_in: f(16, "u64"),
  data_out: f(24, "u64"),
  repeat: f(32, "u32"),
  duration: f(36, "u32"),
  ctx_size_in: f(40, "u32"),
  ctx_size_out: f(44, "u32"),
  ctx_in: f(48, "u64"),
  ctx_out: f(56, "u64"),
  flags: f(64, "u32"),
  cpu: f(68, "u32"),
  batch_size: f(72, "u32")
};
var GET_ID = {
  start_id: f(0, "u32"),
  id: f(0, "u32"),
  next_id: f(4, "u32"),
  open_flags: f(8, "u32")
};
var INFO = {
  bpf_fd: f(0, "u32"),
  info_len: f(4, "u32"),
  info: f(8, "u64")
};
var RAW_TRACEPOINT = {
  name: f(0, "u64"),
  prog_fd: f(8, "u32")
};
var BTF_LOAD = {
  btf: f(0, "u64"),
  btf_log_buf: f(8, "u64"),
  btf_size: f(16, "u32"),
  btf_log_size: f(20, "u32"),
  btf_log_level: f(24, "u32"),
  btf_log_true_size: f(28, "u32")
};
var LINK_CREATE = {
  prog_fd: f(0, "u32"),
  target_fd: f(4, "u32"),
  attach_type: f(8, "u32"),
  flags: f(12, "u32"),
  target_btf_id: f(16, "u32"),
  perf_event_bpf_cookie: f(16, "u64"),
  tracing_target_btf_id: f(16, "u32"),
  tracing_cookie: f(24, "u64"),
  iter_info: f(16, "u64"),
  iter_info_len: f(24, "u32")
};
var LINK_DETACH = {
  link_fd: f(0, "u32")
};
var ENABLE_STATS = {
  type: f(0, "u32")
};
var PROG_INFO = {
  type: f(0, "u32"),
  id: f(4, "u32"),
  tag: f(8, "u64"),
  jited_prog_len: f(16, "u32"),
  xlated_prog_len: f(20, "u32"),
  jited_prog_insns: f(24, "u64"),
  xlated_prog_insns: f(32, "u64"),
  load_time: f(40, "u64"),
  created_by_uid: f(48, "u32"),
  nr_map_ids: f(52, "u32"),
  map_ids: f(56, "u64"),
  name: f(64, "name16"),
  ifindex: f(80, "u32"),
  netns_dev: f(88, "u64"),
  netns_ino: f(96, "u64"),
  nr_jited_ksyms: f(104, "u32"),
  nr_jited_func_lens: f(108, "u32"),
  jited_ksyms: f(112, "u64"),
  jited_func_lens: f(120, "u64"),
  btf_id: f(128, "u32"),
  func_info_rec_size: f(132, "u32"),
  func_info: f(136, "u64"),
  nr_func_info: f(144, "u32"),
  nr_line_info: f(148, "u32"),
  line_info: f(152, "u64"),
  jited_line_info: f(160, "u64"),
  nr_jited_line_info: f(168, "u32"),
  line_info_rec_size: f(172, "u32"),
  jited_line_info_rec_size: f(176, "u32"),
  nr_prog_tags: f(180, "u32"),
  prog_tags: f(184, "u64"),
  run_time_ns: f(192, "u64"),
  run_cnt: f(200, "u64"),
  recursion_misses: f(208, "u64"),
  verified_insns: f(216, "u32"),
  attach_btf_obj_id: f(220, "u32"),
  attach_btf_id: f(224, "u32")
};
var MAP_INFO = {
  type: f(0, "u32"),
  id: f(4, "u32"),
  key_size: f(8, "u32"),
  value_size: f(12, "u32"),
  max_entries: f(16, "u32"),
  map_flags: f(20, "u32"),
  name: f(24, "name16"),
  ifindex: f(40, "u32"),
  btf_vmlinux_value_type_id: f(44, "u32"),
  netns_dev: f(48, "u64"),
  netns_ino: f(56, "u64"),
  btf_id: f(64, "u32"),
  btf_key_type_id: f(68, "u32"),
  btf_value_type_id: f(72, "u32"),
  map_extra: f(80, "u64")
};
var LINK_INFO = {
  type: f(0, "u32"),
  id: f(4, "u32"),
  prog_id: f(8, "u32"),
  raw_tp_name: f(16, "u64"),
  raw_tp_name_len: f(24, "u32"),
  tracing_attach_type: f(16, "u32"),
  tracing_target_obj_id: f(20, "u32"),
  tracing_target_btf_id: f(24, "u32")
};
var BTF_INFO = {
  btf: f(0, "u64"),
  btf_size: f(8, "u32"),
  id: f(12, "u32"),
  name: f(16, "u64"),
  name_len: f(24, "u32"),
  kernel_btf: f(28, "u32")
};
var PERF_EVENT_ATTR = {
  type: f(0, "u32"),
  size: f(4, "u32"),
  config: f(8, "u64"),
  sample_period: f(16, "u64"),
  sample_freq: f(16, "u64"),
  sample_type: f(24, "u64"),
  read_format: f(32, "u64"),
  flags: f(40, "u64"),
  wakeup_events: f(48, "u32"),
  wakeup_watermark: f(48, "u32"),
  bp_type: f(52, "u32"),
  config1: f(56, "u64"),
  config2: f(64, "u64"),
  branch_sample_type: f(72, "u64"),
  sample_regs_user: f(80, "u64"),
  sample_stack_user: f(88, "u32"),
  clockid: f(92, "i32"),
  sample_regs_intr: f(96, "u64"),
  aux_watermark: f(104, "u32"),
  sample_max_stack: f(108, "u16"),
  aux_sample_size: f(112, "u32"),
  sig_data: f(120, "u64"),
  config3: f(128, "u64")
};
var PERF_ATTR_SIZE = 136;
var PERF_ATTR_FLAG = {
  disabled: 0,
  inherit: 1,
  pinned: 2,
  exclusive: 3,
  exclude_user: 4,
  exclude_kernel: 5,
  exclude_hv: 6,
  exclude_idle: 7,
  mmap: 8,
  comm: 9,
  freq: 10,
  inherit_stat: 11,
  enable_on_exec: 12,
  task: 13,
  watermark: 14,
  precise_ip: 15,
  mmap_data: 17,
  sample_id_all: 18,
  exclude_host: 19,
  exclude_guest: 20,
  exclude_callchain_kernel: 21,
  exclude_callchain_user: 22,
  mmap2: 23,
  comm_exec: 24,
  use_clockid: 25,
  context_switch: 26,
  write_backward: 27,
  namespaces: 28,
  ksymbol: 29,
  bpf_event: 30,
  aux_output: 31,
  cgroup: 32,
  text_poke: 33,
  build_id: 34,
  inherit_thread: 35,
  remove_on_exec: 36,
  sigtrap: 37
};
var PERF_MMAP_PAGE = {
  data_head: f(1024, "u64"),
  data_tail: f(1032, "u64"),
  data_offset: f(1040, "u64"),
  data_size: f(1048, "u64")
};

// src/sys/bpf.ts
function bpfRaw(cmd, attr, keepAlive) {
  const ret = sysBpf(BPF_CMD[cmd], attr, attr.byteLength);
  const errno = ret < 0 ? lastErrno() : 0;
  void keepAlive?.length;
  return ret < 0 ? { ok: false, errno } : { ok: true, value: ret };
}
function bpfCall2(cmd, attr, keepAlive, detail) {
  const r = bpfRaw(cmd, attr, keepAlive);
  if (!r.ok) throw kernelError({ syscall: "bpf", command: cmd, code: r.errno, detail });
  return r.value;
}
function ptr(buf) {
  return buf ? addressOf(buf) : 0n;
}
function optFd(fd) {
  return fd === void 0 ? void 0 : rawFd(fd);
}
function sanitizeObjectName(name) {
  return name.replace(/[^A-Za-z0-9_.]/g, "_").slice(0, 15);
}
function encodeMapCreate(a) {
  return encode(MAP_CREATE, {
    map_type: a.mapType,
    key_size: a.keySize,
    value_size: a.valueSize,
    max_entries: a.maxEntries,
    map_flags: a.mapFlags,
    inner_map_fd: optFd(a.innerMapFd),
    numa_node: a.numaNode,
    map_name: a.name === void 0 ? void 0 : sanitizeObjectName(a.name),
    map_ifindex: a.mapIfindex,
    btf_fd: optFd(a.btfFd),
    btf_key_type_id: a.btfKeyTypeId,
    btf_value_type_id: a.btfValueTypeId,
    btf_vmlinux_value_type_id: a.btfVmlinuxValueTypeId,
    map_extra: a.mapExtra
  });
}
function mapCreate(a, options) {
  const label = `map ${a.name ?? "(unnamed)"}`;
  const fd = bpfCall2("MAP_CREATE", encodeMapCreate(a), void 0, a.name);
  return Fd.adopt(fd, label, options);
}
function elemAttr(map, key, value, flags) {
  return encode(MAP_ELEM, { map_fd: rawFd(map), key: ptr(key), value: ptr(value), flags });
}
function mapUpdateElem(map, key, value, flags = BPF_ANY) {
  bpfCall2("MAP_UPDATE_ELEM", elemAttr(map, key, value, flags), [key, value]);
}
function mapDeleteElem(map, key) {
  const r = bpfRaw("MAP_DELETE_ELEM", elemAttr(map, key, null, 0), [key]);
  if (r.ok) return true;
  if (r.errno === ERRNO.ENOENT) return false;
  throw kernelError({ syscall: "bpf", command: "MAP_DELETE_ELEM", code: r.errno });
}
var LOG_START = 64 * 1024;
function loadWithLog(command, label, attempt, options) {
  const wanted = options?.logLevel ?? 0;
  const maxSize = Math.min(options?.maxLogSize ?? BPF_LOG_MAX_LEGACY, BPF_LOG_MAX);
  let size = Math.max(128, Math.min(options?.logSize ?? LOG_START, maxSize));
  if (wanted === 0) {
    const quick = attempt({ level: 0, size: 0, buf: null });
    if (quick.result.ok) return { fd: Fd.adopt(quick.result.value, label, options), log: "" };
  }
  const level = wanted === 0 ? 1 : wanted;
  for (; ; ) {
    const buf = new Uint8Array(size);
    const a = attempt({ level, size, buf });
    if (a.result.ok) return { fd: Fd.adopt(a.result.value, label, options), log: a.log };
    const code = a.result.errno;
    if (code === ERRNO.ENOSPC) {
      if (a.trueSize > size && a.trueSize <= BPF_LOG_MAX) {
        size = a.trueSize;
        continue;
      }
      if (size < maxSize) {
        size = Math.min(size * 2, maxSize);
        continue;
      }
    }
    if (a.log.length === 0) throw kernelError({ syscall: "bpf", command, code, detail: label });
    throw new VerifierError({ syscall: "bpf", command, code, detail: label, log: a.log, truncated: code === ERRNO.ENOSPC });
  }
}
function cString(s) {
  const bytes = new TextEncoder().encode(s);
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}
function decodeLog(buf) {
  if (buf === null) return "";
  const nul = buf.indexOf(0);
  return new TextDecoder().decode(nul < 0 ? buf : buf.subarray(0, nul));
}
function encodeProgLoad(a, license, log) {
  if (a.insns.byteLength % 8 !== 0) throw new RangeError(`PROG_LOAD: insns length ${a.insns.byteLength} is not a multiple of 8`);
  const fdArray = a.fdArray ? new Uint8Array(a.fdArray.buffer, a.fdArray.byteOffset, a.fdArray.byteLength) : null;
  return encode(PROG_LOAD, {
    prog_type: a.progType,
    insn_cnt: a.insns.byteLength / 8,
    insns: ptr(a.insns),
    license: ptr(license),
    log_level: log.level,
    log_size: log.size,
    log_buf: ptr(log.buf),
    kern_version: a.kernVersion,
    prog_flags: a.progFlags,
    prog_name: a.name === void 0 ? void 0 : sanitizeObjectName(a.name),
    prog_ifindex: a.progIfindex,
    expected_attach_type: a.expectedAttachType,
    prog_btf_fd: optFd(a.progBtfFd),
    func_info_rec_size: a.funcInfo ? a.funcInfoRecSize : void 0,
    func_info: a.funcInfo ? ptr(a.funcInfo) : void 0,
    func_info_cnt: a.funcInfo && a.funcInfoRecSize ? a.funcInfo.byteLength / a.funcInfoRecSize : void 0,
    line_info_rec_size: a.lineInfo ? a.lineInfoRecSize : void 0,
    line_info: a.lineInfo ? ptr(a.lineInfo) : void 0,
    line_info_cnt: a.lineInfo && a.lineInfoRecSize ? a.lineInfo.byteLength / a.lineInfoRecSize : void 0,
    attach_btf_id: a.attachBtfId,
    attach_prog_fd: optFd(a.attachProgFd ?? a.attachBtfObjFd),
    fd_array: fdArray ? ptr(fdArray) : void 0
  });
}
function progLoad(a, options) {
  const license = cString(a.license);
  const label = `prog ${a.name ?? "(unnamed)"}`;
  return loadWithLog(
    "PROG_LOAD",
    label,
    (log) => {
      const attr = encodeProgLoad(a, license, log);
      const result = bpfRaw("PROG_LOAD", attr, [a.insns, license, log.buf, a.funcInfo, a.lineInfo, a.fdArray]);
      return { result, log: decodeLog(log.buf), trueSize: readU32(attr, PROG_LOAD.log_true_size) };
    },
    options
  );
}
function encodeLinkCreate(a) {
  return encode(LINK_CREATE, {
    prog_fd: rawFd(a.progFd),
    target_fd: optFd(a.targetFd),
    attach_type: a.attachType,
    flags: a.flags,
    perf_event_bpf_cookie: a.perfEventCookie,
    tracing_target_btf_id: a.perfEventCookie === void 0 ? a.tracingTargetBtfId : void 0,
    tracing_cookie: a.perfEventCookie === void 0 ? a.tracingCookie : void 0
  });
}
function linkCreate(a, options) {
  const fd = bpfCall2("LINK_CREATE", encodeLinkCreate(a));
  return Fd.adopt(fd, `link attach_type=${a.attachType}`, options);
}
function objGetInfoByFd(fd, info, keepAlive) {
  const attr = encode(INFO, { bpf_fd: rawFd(fd), info_len: info.byteLength, info: ptr(info) });
  bpfCall2("OBJ_GET_INFO_BY_FD", attr, [info, ...keepAlive ?? []]);
  return readU32(attr, INFO.info_len);
}
function infoSize(layout) {
  return layoutSize(layout);
}
function mapInfo(fd) {
  const info = new Uint8Array(infoSize(MAP_INFO));
  objGetInfoByFd(fd, info);
  return {
    type: readU32(info, MAP_INFO.type),
    id: readU32(info, MAP_INFO.id),
    keySize: readU32(info, MAP_INFO.key_size),
    valueSize: readU32(info, MAP_INFO.value_size),
    maxEntries: readU32(info, MAP_INFO.max_entries),
    mapFlags: readU32(info, MAP_INFO.map_flags),
    name: readName(info, MAP_INFO.name),
    btfId: readU32(info, MAP_INFO.btf_id),
    btfKeyTypeId: readU32(info, MAP_INFO.btf_key_type_id),
    btfValueTypeId: readU32(info, MAP_INFO.btf_value_type_id),
    mapExtra: readU64(info, MAP_INFO.map_extra)
  };
}

// src/sys/perf.ts
var PERF_TYPE = {
  HARDWARE: 0,
  SOFTWARE: 1,
  TRACEPOINT: 2,
  HW_CACHE: 3,
  RAW: 4,
  BREAKPOINT: 5
};
var PERF_COUNT_SW = {
  CPU_CLOCK: 0,
  TASK_CLOCK: 1,
  PAGE_FAULTS: 2,
  CONTEXT_SWITCHES: 3,
  CPU_MIGRATIONS: 4,
  PAGE_FAULTS_MIN: 5,
  PAGE_FAULTS_MAJ: 6,
  ALIGNMENT_FAULTS: 7,
  EMULATION_FAULTS: 8,
  DUMMY: 9,
  BPF_OUTPUT: 10,
  CGROUP_SWITCHES: 11
};
var PERF_SAMPLE = {
  IP: 1 << 0,
  TID: 1 << 1,
  TIME: 1 << 2,
  ADDR: 1 << 3,
  READ: 1 << 4,
  CALLCHAIN: 1 << 5,
  ID: 1 << 6,
  CPU: 1 << 7,
  PERIOD: 1 << 8,
  STREAM_ID: 1 << 9,
  RAW: 1 << 10,
  BRANCH_STACK: 1 << 11,
  REGS_USER: 1 << 12,
  STACK_USER: 1 << 13,
  WEIGHT: 1 << 14,
  DATA_SRC: 1 << 15,
  IDENTIFIER: 1 << 16
};
var PERF_SAMPLE_RAW = PERF_SAMPLE.RAW;
var PERF_RECORD = {
  MMAP: 1,
  LOST: 2,
  COMM: 3,
  EXIT: 4,
  THROTTLE: 5,
  UNTHROTTLE: 6,
  FORK: 7,
  READ: 8,
  SAMPLE: 9,
  LOST_SAMPLES: 13
};
var PERF_RECORD_SAMPLE = PERF_RECORD.SAMPLE;
var PERF_RECORD_LOST = PERF_RECORD.LOST;
var PERF_FLAG = {
  FD_NO_GROUP: 1 << 0,
  FD_OUTPUT: 1 << 1,
  PID_CGROUP: 1 << 2,
  FD_CLOEXEC: 1 << 3
};
var PERF_FLAG_FD_CLOEXEC = PERF_FLAG.FD_CLOEXEC;
function ioc(dir, nr, size) {
  return (dir << 30 >>> 0) + (size << 16) + (36 << 8) + nr;
}
var IOC_NONE = 0;
var IOC_WRITE = 1;
var IOC_READ = 2;
var PERF_EVENT_IOC = {
  ENABLE: ioc(IOC_NONE, 0, 0),
  DISABLE: ioc(IOC_NONE, 1, 0),
  REFRESH: ioc(IOC_NONE, 2, 0),
  RESET: ioc(IOC_NONE, 3, 0),
  PERIOD: ioc(IOC_WRITE, 4, 8),
  SET_OUTPUT: ioc(IOC_NONE, 5, 0),
  SET_FILTER: ioc(IOC_WRITE, 6, 8),
  ID: ioc(IOC_READ, 7, 8),
  SET_BPF: ioc(IOC_WRITE, 8, 4),
  PAUSE_OUTPUT: ioc(IOC_WRITE, 9, 4),
  QUERY_BPF: ioc(IOC_READ | IOC_WRITE, 10, 8)
};
function perfFlagsWord(flags) {
  let word = 0n;
  if (!flags) return word;
  for (const [name, value] of Object.entries(flags)) {
    const bit = PERF_ATTR_FLAG[name];
    if (bit === void 0) throw new Error(`perf_event_attr has no flag ${name}`);
    if (name === "precise_ip") word |= BigInt(Number(value ?? 0) & 3) << BigInt(bit);
    else if (value) word |= 1n << BigInt(bit);
  }
  return word;
}
function cString2(s) {
  const bytes = new TextEncoder().encode(s);
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}
function encodePerfEventAttr(a) {
  const keepAlive = [];
  let config1 = a.config1 ?? a.bpAddr;
  const path = a.kprobeFunc ?? a.uprobePath;
  if (path !== void 0) {
    const c = cString2(path);
    keepAlive.push(c);
    config1 = addressOf(c);
  }
  const flags = { ...a.flags };
  if (a.sampleFreq !== void 0) flags.freq = true;
  if (a.wakeupWatermark !== void 0) flags.watermark = true;
  const attr = encode(
    PERF_EVENT_ATTR,
    {
      type: a.type,
      size: PERF_ATTR_SIZE,
      config: a.config,
      sample_period: a.sampleFreq ?? a.samplePeriod,
      sample_type: a.sampleType,
      read_format: a.readFormat,
      flags: perfFlagsWord(flags),
      wakeup_events: a.wakeupWatermark ?? a.wakeupEvents,
      bp_type: a.bpType,
      config1,
      config2: a.config2 ?? a.kprobeAddr ?? a.probeOffset ?? a.bpLen,
      branch_sample_type: a.branchSampleType,
      sample_regs_user: a.sampleRegsUser,
      sample_stack_user: a.sampleStackUser,
      clockid: a.clockid,
      sample_regs_intr: a.sampleRegsIntr,
      aux_watermark: a.auxWatermark,
      sample_max_stack: a.sampleMaxStack,
      aux_sample_size: a.auxSampleSize,
      sig_data: a.sigData,
      config3: a.config3
    },
    PERF_ATTR_SIZE
  );
  return { attr, keepAlive };
}
function perfEventOpen(a, where, options) {
  const { attr, keepAlive } = encodePerfEventAttr(a);
  const groupFd = where.groupFd === void 0 ? -1 : rawFd(where.groupFd);
  const ret = sysPerfEventOpen(attr, where.pid, where.cpu, groupFd, (where.flags ?? 0) | PERF_FLAG_FD_CLOEXEC);
  const code = ret < 0 ? lastErrno() : 0;
  void keepAlive.length;
  const label = options?.label ?? `perf_event type=${a.type} config=${a.config ?? 0} cpu=${where.cpu} pid=${where.pid}`;
  if (ret < 0) throw kernelError({ syscall: "perf_event_open", code, detail: label });
  return Fd.adopt(ret, label, options);
}
function ioctl(fd, request, arg = 0, name = `0x${request.toString(16)}`) {
  const ret = sysIoctl(rawFd(fd), request, arg);
  if (ret < 0) throw kernelError({ syscall: "ioctl", command: name, code: lastErrno() });
  return ret;
}
function perfEventEnable(fd) {
  ioctl(fd, PERF_EVENT_IOC.ENABLE, 0, "PERF_EVENT_IOC_ENABLE");
}
function perfEventDisable(fd) {
  ioctl(fd, PERF_EVENT_IOC.DISABLE, 0, "PERF_EVENT_IOC_DISABLE");
}

// src/sys/mmap.ts
var PROT_READ = 1;
var PROT_WRITE = 2;
var MAP_SHARED = 1;
function pageSize() {
  return sysPageSize();
}
var MappedMemory = class {
  #buffer;
  #address;
  length;
  constructor(address, length) {
    this.#address = address;
    this.length = length;
    this.#buffer = viewMemory(address, length);
  }
  get closed() {
    return this.#buffer === void 0;
  }
  /** Zero-copy ArrayBuffer over the mapping. */
  get buffer() {
    if (this.#buffer === void 0) throw new Error("mapping already unmapped");
    return this.#buffer;
  }
  /** Address of the first byte (for diagnostics). */
  get address() {
    return this.#address;
  }
  /** A byte view over [offset, offset+length). */
  bytes(offset = 0, length = this.length - offset) {
    return new Uint8Array(this.buffer, offset, length);
  }
  /** A DataView over [offset, offset+length). */
  dataView(offset = 0, length = this.length - offset) {
    return new DataView(this.buffer, offset, length);
  }
  /** munmap; idempotent. */
  close() {
    if (this.#buffer === void 0) return;
    this.#buffer = void 0;
    sysMunmap(this.#address, this.length);
    this.#address = 0n;
  }
  [Symbol.dispose]() {
    this.close();
  }
};
function mmapFd(fd, length, options = {}) {
  const prot = options.prot ?? PROT_READ | PROT_WRITE;
  const flags = options.flags ?? MAP_SHARED;
  const addr = sysMmap(length, prot, flags, rawFd(fd), BigInt(options.offset ?? 0));
  if (addr === MAP_FAILED || addr === 0n) {
    throw kernelError({ syscall: "mmap", code: lastErrno(), detail: `${length} bytes of fd ${rawFd(fd)}` });
  }
  return new MappedMemory(addr, length);
}
function mmapPerfRing(fd, dataPages) {
  if (!Number.isInteger(dataPages) || dataPages < 1 || (dataPages & dataPages - 1) !== 0) {
    throw new RangeError(`perf ring data pages must be a power of two, got ${dataPages}`);
  }
  return mmapFd(fd, (1 + dataPages) * pageSize());
}

// src/sys/epoll.ts
var EPOLLIN = 1;
var EPOLLERR = 8;
var EPOLLRDHUP = 8192;
var EPOLLET = 1 << 31;
var EPOLL_CLOEXEC = 524288;
var EPOLL_CTL_ADD = 1;
var EPOLL_CTL_DEL = 2;
var EPOLL_CTL_MOD = 3;
var EVENT_SIZE = process.arch === "x64" ? 12 : 16;
var DATA_OFFSET = process.arch === "x64" ? 4 : 8;
var Epoll = class {
  fd;
  #maxEvents;
  #events;
  #members = /* @__PURE__ */ new Map();
  /** Readiness reported by watchers and not yet returned (data -> events). */
  #ready = /* @__PURE__ */ new Map();
  #pending;
  constructor(options) {
    const raw = sysEpollCreate1(EPOLL_CLOEXEC);
    if (raw < 0) throw kernelError({ syscall: "epoll_create1", code: lastErrno() });
    this.fd = Fd.adopt(raw, "epoll", options);
    this.#maxEvents = options?.maxEvents ?? 64;
    this.#events = new Uint8Array(EVENT_SIZE * this.#maxEvents);
  }
  #ctl(op, fd, events, data, name) {
    const ev = new Uint8Array(EVENT_SIZE);
    const dv = new DataView(ev.buffer);
    dv.setUint32(0, events >>> 0, true);
    dv.setBigUint64(DATA_OFFSET, BigInt(data), true);
    if (sysEpollCtl(this.fd.raw, op, rawFd(fd), ev) < 0) throw kernelError({ syscall: "epoll_ctl", command: name, code: lastErrno() });
  }
  /** Watch `fd` for `events` (EPOLLIN by default); `data` comes back in EpollEvent.data. */
  add(fd, events = EPOLLIN, data = rawFd(fd)) {
    this.#ctl(EPOLL_CTL_ADD, fd, events, data, "EPOLL_CTL_ADD");
    const raw = rawFd(fd);
    this.#members.set(raw, { raw, data, watcher: void 0, armed: false });
    if (this.#pending) this.#arm(this.#members.get(raw));
  }
  modify(fd, events = EPOLLIN, data = rawFd(fd)) {
    this.#ctl(EPOLL_CTL_MOD, fd, events, data, "EPOLL_CTL_MOD");
    const m = this.#members.get(rawFd(fd));
    if (m) m.data = data;
  }
  /** Stop watching `fd`. Call before closing the fd. */
  remove(fd) {
    const raw = rawFd(fd);
    const m = this.#members.get(raw);
    if (m) {
      m.watcher?.close();
      this.#members.delete(raw);
      this.#ready.delete(m.data);
    }
    this.#ctl(EPOLL_CTL_DEL, fd, 0, 0, "EPOLL_CTL_DEL");
  }
  #harvest(timeoutMs) {
    const n = sysEpollWait(this.fd.raw, this.#events, this.#maxEvents, timeoutMs);
    if (n < 0) {
      const code = lastErrno();
      if (code === ERRNO.EINTR) return [];
      throw kernelError({ syscall: "epoll_wait", code });
    }
    const dv = new DataView(this.#events.buffer);
    const out = [];
    for (let i = 0; i < n; i++) {
      const base = i * EVENT_SIZE;
      out.push({ events: dv.getUint32(base, true), data: Number(dv.getBigUint64(base + DATA_OFFSET, true)) });
    }
    return out;
  }
  /**
   * Block the calling thread until an fd is ready or `timeoutMs` passes (-1 = forever, 0 = poll).
   * Returns [] on timeout or when interrupted by a signal.
   */
  wait(timeoutMs) {
    return this.#harvest(timeoutMs);
  }
  #arm(m) {
    if (m.armed) {
      m.watcher?.ref();
      return;
    }
    const onReady = (status, ev) => this.#onReady(m, status, ev);
    if (m.watcher === void 0) m.watcher = watchFd(m.raw, onReady);
    else m.watcher.start(onReady);
    m.watcher.ref();
    m.armed = true;
  }
  #onReady(m, status, ev) {
    m.watcher?.stop();
    m.armed = false;
    let events = 0;
    if (status < 0) events |= EPOLLERR;
    if (ev.readable) events |= EPOLLIN;
    if (ev.disconnect) events |= EPOLLRDHUP;
    this.#ready.set(m.data, (this.#ready.get(m.data) ?? 0) | events);
    const pending = this.#pending;
    if (pending && !pending.flushScheduled) {
      pending.flushScheduled = true;
      setImmediate(() => {
        if (this.#pending === pending) pending.finish(this.#takeReady());
      });
    }
  }
  #takeReady() {
    const out = [...this.#ready].map(([data, events]) => ({ data, events }));
    this.#ready.clear();
    return out;
  }
  /**
   * Wait without blocking the event loop. Resolves with the ready fds, or [] on timeout, on close(),
   * or when `signal` aborts. `timeoutMs` undefined or < 0 waits indefinitely.
   */
  waitAsync(timeoutMs, signal) {
    if (this.#pending) return Promise.reject(new Error("Epoll.waitAsync: another wait is already pending"));
    if (this.fd.closed) return Promise.resolve([]);
    if (this.#ready.size > 0) return Promise.resolve(this.#takeReady());
    if (timeoutMs === 0 || signal?.aborted) return Promise.resolve([]);
    return new Promise((resolve) => {
      let timer;
      const onAbort = () => finish([]);
      const finish = (events) => {
        this.#pending = void 0;
        for (const m of this.#members.values()) m.watcher?.unref();
        if (timer !== void 0) clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        resolve(events);
      };
      this.#pending = { finish, flushScheduled: false };
      for (const m of this.#members.values()) this.#arm(m);
      if (timeoutMs !== void 0 && timeoutMs >= 0) timer = setTimeout(() => finish([]), timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
  get closed() {
    return this.fd.closed;
  }
  /** Close the epoll fd and the watchers; a pending waitAsync resolves with []. Idempotent. */
  close() {
    this.#pending?.finish([]);
    for (const m of this.#members.values()) m.watcher?.close();
    this.#members.clear();
    this.#ready.clear();
    this.fd.close();
  }
  [Symbol.dispose]() {
    this.close();
  }
};

// src/perf/cpus.ts
import { readFileSync } from "node:fs";
var readText = (path) => readFileSync(path, "utf8");
function parseCpuList2(text) {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  const ids = /* @__PURE__ */ new Set();
  for (const part of trimmed.split(",")) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (m === null) throw new Error(`malformed cpu list ${JSON.stringify(text)}: bad element ${JSON.stringify(part)}`);
    const first = Number(m[1]);
    const last = m[2] === void 0 ? first : Number(m[2]);
    if (last < first) throw new Error(`malformed cpu list ${JSON.stringify(text)}: descending range ${part}`);
    for (let cpu = first; cpu <= last; cpu++) ids.add(cpu);
  }
  return [...ids].sort((a, b) => a - b);
}
function onlineCpus2(read = readText) {
  return parseCpuList2(read("/sys/devices/system/cpu/online"));
}
function possibleCpus2(read = readText) {
  return parseCpuList2(read("/sys/devices/system/cpu/possible"));
}
function possibleCpuCount(read = readText) {
  const ids = possibleCpus2(read);
  const last = ids[ids.length - 1];
  return last === void 0 ? 0 : last + 1;
}

// src/perf/event-poller.ts
var EventPoller = class {
  epoll = new Epoll();
  sources = [];
  /** The descriptors each source had when added (a closed source reports none any more). */
  watched = /* @__PURE__ */ new Map();
  slice = Number.POSITIVE_INFINITY;
  constructor(sources = []) {
    try {
      for (const s of sources) this.add(s);
    } catch (e) {
      this.epoll.close();
      throw e;
    }
  }
  /** Adds a source; its descriptors are watched from now on. The poller does not own it. */
  add(source) {
    if (this.watched.has(source)) return;
    const fds = [...source.readyFds];
    for (const fd of fds) this.epoll.add(fd, EPOLLIN);
    this.watched.set(source, fds);
    this.sources.push(source);
    if (source.flushIntervalMs !== void 0) this.slice = Math.min(this.slice, Math.max(1, source.flushIntervalMs));
  }
  /**
   * Stops watching a source. Call it before closing the source's descriptors: a descriptor closed
   * while its file lives on (a ringbuf map still used by a program) cannot be named to epoll any
   * more and stays in the set (perf buffers are fine either way: their files die with the fds).
   */
  remove(source) {
    const i = this.sources.indexOf(source);
    if (i < 0) return;
    this.sources.splice(i, 1);
    const fds = this.watched.get(source) ?? [];
    this.watched.delete(source);
    for (const fd of fds) {
      if (typeof fd !== "number" && fd.closed) continue;
      try {
        this.epoll.remove(fd);
      } catch (e) {
        if (!(e instanceof KernelError && (e.code === ERRNO.ENOENT || e.code === ERRNO.EBADF))) throw e;
      }
    }
    this.slice = Number.POSITIVE_INFINITY;
    for (const s of this.sources) {
      if (s.flushIntervalMs !== void 0) this.slice = Math.min(this.slice, Math.max(1, s.flushIntervalMs));
    }
  }
  get closed() {
    return this.epoll.closed;
  }
  /** Reads all sources once without waiting; returns the number of records handled. */
  consume() {
    let n = 0;
    for (const s of this.sources) n += s.consume();
    return n;
  }
  /**
   * Blocks until at least one record was handled or `timeoutMs` passed (-1: no limit; 0: just
   * consume). Returns the number of records handled (0 on timeout or after close()).
   */
  poll(timeoutMs = -1) {
    const deadline = timeoutMs < 0 ? Number.POSITIVE_INFINITY : performance.now() + timeoutMs;
    for (; ; ) {
      if (this.closed) return 0;
      const n = this.consume();
      if (n > 0) return n;
      const wait = this.nextWait(deadline);
      if (wait === void 0) return 0;
      this.epoll.wait(wait);
    }
  }
  /**
   * Like poll() but waits on the event loop. Resolves with the number of records handled, 0 on
   * timeout, on close(), or when `signal` aborts. One pollAsync at a time per poller.
   */
  async pollAsync(timeoutMs = -1, signal) {
    const deadline = timeoutMs < 0 ? Number.POSITIVE_INFINITY : performance.now() + timeoutMs;
    for (; ; ) {
      if (this.closed || signal?.aborted) return 0;
      const n = this.consume();
      if (n > 0) return n;
      const wait = this.nextWait(deadline);
      if (wait === void 0) return 0;
      await this.epoll.waitAsync(wait, signal);
    }
  }
  /**
   * Delivers records from the event loop until `signal` aborts or the poller is closed; resolves
   * with the total handled. Callback errors reject the promise (the record counts as consumed).
   */
  async run(signal) {
    let total = 0;
    while (!this.closed && !signal?.aborted) total += await this.pollAsync(-1, signal);
    return total;
  }
  /** How long the next wait may last: the remaining time, cut to the flush slice; undefined at the deadline. */
  nextWait(deadline) {
    const remaining = deadline - performance.now();
    if (remaining <= 0) return void 0;
    const wait = Math.min(remaining, this.slice);
    return wait === Number.POSITIVE_INFINITY ? -1 : Math.ceil(wait);
  }
  /** Closes the epoll instance (a pending pollAsync resolves with 0). The sources stay open. */
  close() {
    this.epoll.close();
    this.sources.length = 0;
    this.watched.clear();
  }
  [Symbol.dispose]() {
    this.close();
  }
};

// src/perf/u64-cell.ts
import { endianness } from "node:os";
var TWO_32 = 4294967296;
var U64Cell = class {
  halves;
  whole;
  /** Index of the low / high u32 inside `halves` (the machine's byte order decides). */
  lo;
  hi;
  /** `byteOffset` must be 8-byte aligned (true for all the mmap fields we use). */
  constructor(buffer, byteOffset) {
    if (byteOffset % 8 !== 0) throw new RangeError(`u64 position at unaligned offset ${byteOffset}`);
    this.halves = new Uint32Array(buffer, byteOffset, 2);
    this.whole = new BigUint64Array(buffer, byteOffset, 1);
    const little = endianness() === "LE";
    this.lo = little ? 0 : 1;
    this.hi = little ? 1 : 0;
  }
  /**
   * Acquire-loads the position. Two u32 loads are enough because positions only grow: if the high
   * half reads the same before and after the low half, the pair is a value the kernel really held.
   */
  load() {
    const h = this.halves;
    for (; ; ) {
      const hi1 = Atomics.load(h, this.hi);
      const lo = Atomics.load(h, this.lo);
      const hi2 = Atomics.load(h, this.hi);
      if (hi1 === hi2) {
        if (hi1 >= 2097152) throw new RangeError("ring position exceeds 2^53 bytes");
        return hi1 * TWO_32 + lo;
      }
    }
  }
  /** Release-stores a new (larger) position. */
  store(value) {
    const h = this.halves;
    const hi = Math.floor(value / TWO_32);
    if (Atomics.load(h, this.hi) === hi) {
      Atomics.store(h, this.lo, value >>> 0);
    } else {
      Atomics.store(this.whole, 0, BigInt(value));
    }
  }
};

// src/perf/perf-ring.ts
var PERF_RECORD_LOST2 = 2;
var PERF_RECORD_SAMPLE2 = 9;
var PerfMmapPage = {
  dataHead: 1024,
  dataTail: 1032,
  dataOffset: 1040,
  dataSize: 1048
};
var PerfRingCorruptError = class extends Error {
  name = "PerfRingCorruptError";
};
var TWO_322 = 4294967296;
var PerfRing = class {
  /**
   * @param buffer the whole mmap (1 + 2^n pages), e.g. from koffi.view.
   * @param cpu passed through to callbacks.
   * @param pageSize used only when the kernel left data_offset/data_size at 0 (before 4.1).
   */
  constructor(buffer, cpu, pageSize2) {
    this.cpu = cpu;
    if (buffer.byteLength < PerfMmapPage.dataSize + 8) throw new RangeError(`perf mmap of ${buffer.byteLength} bytes is too small`);
    if (!isLittleEndianHost()) throw new Error("PerfRing supports little-endian hosts only");
    const meta = new DataView(buffer);
    let start = Number(meta.getBigUint64(PerfMmapPage.dataOffset, true));
    let size = Number(meta.getBigUint64(PerfMmapPage.dataSize, true));
    if (size === 0) {
      start = pageSize2;
      size = buffer.byteLength - pageSize2;
    }
    if ((size & size - 1) !== 0 || size < 8 || start % 8 !== 0 || start + size > buffer.byteLength) {
      throw new PerfRingCorruptError(`bad perf data area: offset ${start}, size ${size}, mmap ${buffer.byteLength}`);
    }
    this.head = new U64Cell(buffer, PerfMmapPage.dataHead);
    this.tailCell = new U64Cell(buffer, PerfMmapPage.dataTail);
    this.bytes = new Uint8Array(buffer);
    this.words = new Uint32Array(buffer, 0, buffer.byteLength >>> 2);
    this.dataStart = start;
    this.dataSize = size;
    this.mask = size - 1;
    this.tail = this.tailCell.load();
  }
  cpu;
  head;
  tailCell;
  bytes;
  words;
  /** Start of the data area in `bytes` and its size (a power of two). */
  dataStart;
  dataSize;
  mask;
  /** Our copy of data_tail: we are the only writer, so no need to read it back. */
  tail;
  /** Reused copy target for records that wrap around the end of the ring. */
  scratch = new Uint8Array(256);
  scratchWords = new Uint32Array(this.scratch.buffer);
  /** Capacity of the data area in bytes. */
  get size() {
    return this.dataSize;
  }
  /** Whether the kernel has published records we have not consumed. */
  get pending() {
    return this.head.load() !== this.tail;
  }
  /**
   * Reads every record published so far (data_head read once, at the start), then releases their
   * space by storing data_tail. Returns the number of records handled (samples + lost records +
   * skipped ones).
   *
   * Lifetime: for a contiguous record `data` is a view straight into the mmap, for a wrapped one a
   * view of a reused scratch copy. Either way it is valid only while `onSample` runs: the kernel may
   * overwrite the ring once data_tail moves, and the scratch is reused by the next wrapped record.
   * Copy (`data.slice()`) to keep it.
   *
   * If a callback throws, the records before it and the throwing one count as consumed (so a bad
   * record is not delivered forever), data_tail is stored, and the error propagates.
   */
  read(onSample, onLost) {
    const head = this.head.load();
    const bytes = this.bytes;
    const words = this.words;
    const start = this.dataStart;
    const size = this.dataSize;
    const mask = this.mask;
    const cpu = this.cpu;
    let tail = this.tail;
    let count = 0;
    try {
      while (tail < head) {
        const off = tail & mask;
        const at = start + off;
        const type = words[at >>> 2];
        const recSize = words[(at >>> 2) + 1] >>> 16;
        if (recSize < 8 || (recSize & 7) !== 0 || recSize > head - tail) {
          throw new PerfRingCorruptError(`cpu ${cpu}: record of size ${recSize} at position ${tail} (head ${head})`);
        }
        tail += recSize;
        count++;
        if (type !== PERF_RECORD_SAMPLE2 && type !== PERF_RECORD_LOST2) continue;
        let src;
        let srcWords;
        let base;
        if (off + recSize <= size) {
          src = bytes;
          srcWords = words;
          base = at;
        } else {
          src = this.copyWrapped(at, size - off, recSize);
          srcWords = this.scratchWords;
          base = 0;
        }
        if (type === PERF_RECORD_SAMPLE2) {
          const rawSize = srcWords[(base >>> 2) + 2];
          if (12 + rawSize > recSize) throw new PerfRingCorruptError(`cpu ${cpu}: raw size ${rawSize} in a ${recSize}-byte sample`);
          onSample(cpu, src.subarray(base + 12, base + 12 + rawSize));
        } else {
          if (recSize < 24) throw new PerfRingCorruptError(`cpu ${cpu}: lost record of size ${recSize}`);
          const lost = srcWords[(base >>> 2) + 4] + srcWords[(base >>> 2) + 5] * TWO_322;
          onLost(cpu, lost);
        }
      }
    } finally {
      if (tail !== this.tail) {
        this.tail = tail;
        this.tailCell.store(tail);
      }
    }
    return count;
  }
  /** Copies a record that runs past the end of the ring into the scratch buffer. */
  copyWrapped(at, firstPart, recSize) {
    if (this.scratch.length < recSize) {
      let n = this.scratch.length;
      while (n < recSize) n *= 2;
      this.scratch = new Uint8Array(n);
      this.scratchWords = new Uint32Array(this.scratch.buffer);
    }
    const s = this.scratch;
    s.set(this.bytes.subarray(at, at + firstPart), 0);
    s.set(this.bytes.subarray(this.dataStart, this.dataStart + recSize - firstPart), firstPart);
    return s;
  }
};
function isLittleEndianHost() {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

// src/perf/perf-buffer.ts
var DEFAULT_PERF_PAGE_COUNT = 64;
var DEFAULT_FLUSH_INTERVAL_MS = 10;
var PerfBuffer = class _PerfBuffer {
  flushIntervalMs;
  cpus;
  map;
  rings;
  onSample;
  onLost;
  poller;
  lostCount = 0;
  /**
   * Opens a ring per CPU and installs it in `map` (a PERF_EVENT_ARRAY with max_entries above every
   * CPU id). Close the buffer before the map; closing the map first is tolerated (the entries go
   * with it). On failure, everything opened so far is released and the KernelError propagates.
   */
  static open(map, options) {
    const pageCount = options.pageCount ?? DEFAULT_PERF_PAGE_COUNT;
    if (!Number.isInteger(pageCount) || pageCount < 1 || (pageCount & pageCount - 1) !== 0) {
      throw new RangeError(`perf buffer pageCount must be a power of two, got ${pageCount}`);
    }
    if (options.wakeupEvents !== void 0 && options.wakeupBytes !== void 0) {
      throw new RangeError("perf buffer: give wakeupEvents or wakeupBytes, not both");
    }
    const page = pageSize();
    const dataBytes = pageCount * page;
    const wakeupEvents = options.wakeupEvents;
    const wakeupBytes = wakeupEvents === void 0 ? options.wakeupBytes ?? dataBytes / 4 : void 0;
    if (wakeupEvents !== void 0 && (!Number.isInteger(wakeupEvents) || wakeupEvents < 1)) {
      throw new RangeError(`perf buffer wakeupEvents must be a positive integer, got ${wakeupEvents}`);
    }
    if (wakeupBytes !== void 0 && (!Number.isInteger(wakeupBytes) || wakeupBytes < 1 || wakeupBytes > dataBytes)) {
      throw new RangeError(`perf buffer wakeupBytes must be 1..${dataBytes}, got ${wakeupBytes}`);
    }
    const batched = wakeupEvents === void 0 || wakeupEvents > 1;
    const flush = batched ? options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS : void 0;
    const cpus = [...options.cpus ?? onlineCpus2()];
    const rings = [];
    const key = new Uint8Array(4);
    const value = new Uint8Array(4);
    try {
      for (const cpu of cpus) {
        const fd = perfEventOpen(
          {
            type: PERF_TYPE.SOFTWARE,
            config: PERF_COUNT_SW.BPF_OUTPUT,
            sampleType: PERF_SAMPLE_RAW,
            samplePeriod: 1,
            ...wakeupEvents !== void 0 ? { wakeupEvents } : { wakeupWatermark: wakeupBytes }
          },
          { pid: -1, cpu },
          { label: `perf buffer cpu ${cpu}` }
        );
        let memory;
        try {
          memory = mmapPerfRing(fd, pageCount);
        } catch (e) {
          fd.close();
          throw e;
        }
        const entry = { cpu, fd, memory, ring: new PerfRing(memory.buffer, cpu, page), inMap: false };
        rings.push(entry);
        new DataView(key.buffer).setUint32(0, cpu, true);
        new DataView(value.buffer).setUint32(0, fd.raw, true);
        mapUpdateElem(map, key, value);
        entry.inMap = true;
        perfEventEnable(fd);
      }
    } catch (e) {
      releaseRings(map, rings);
      throw e;
    }
    return new _PerfBuffer(map, cpus, rings, flush, options);
  }
  constructor(map, cpus, rings, flushIntervalMs, options) {
    this.map = map;
    this.cpus = cpus;
    this.rings = rings;
    this.flushIntervalMs = flushIntervalMs;
    this.onSample = options.onSample;
    const userLost = options.onLost;
    this.onLost = (cpu, count) => {
      this.lostCount += count;
      userLost?.(cpu, count);
    };
  }
  /** The per-CPU perf event descriptors (what an EventPoller waits on). Empty after close(). */
  get readyFds() {
    return this.rings.map((r) => r.fd);
  }
  /** Total samples the kernel reported as lost since open. */
  get lost() {
    return this.lostCount;
  }
  get closed() {
    return this.map === void 0;
  }
  /** Reads every CPU's ring once without waiting; returns the records handled (samples + lost records). */
  consume() {
    let n = 0;
    for (const r of this.rings) n += r.ring.read(this.onSample, this.onLost);
    return n;
  }
  /** Blocks up to `timeoutMs` (-1: until something arrives) like BCC's perf_buffer_poll. */
  poll(timeoutMs = -1) {
    return this.ownPoller().poll(timeoutMs);
  }
  /** Waits on the event loop; see EventPoller.pollAsync. */
  pollAsync(timeoutMs = -1, signal) {
    return this.ownPoller().pollAsync(timeoutMs, signal);
  }
  /** Delivers records from the event loop until `signal` aborts or close(). */
  run(signal) {
    return this.ownPoller().run(signal);
  }
  ownPoller() {
    if (this.closed) throw new Error("perf buffer is closed");
    this.poller ??= new EventPoller([this]);
    return this.poller;
  }
  /**
   * Removes the events from the map, disables them, unmaps the rings and closes the fds; a pending
   * pollAsync resolves with 0. Idempotent.
   */
  close() {
    const map = this.map;
    if (map === void 0) return;
    this.map = void 0;
    this.poller?.close();
    this.poller = void 0;
    releaseRings(map, this.rings);
  }
  [Symbol.dispose]() {
    this.close();
  }
};
function releaseRings(map, rings) {
  const key = new Uint8Array(4);
  let first;
  for (const r of rings) {
    try {
      if (r.inMap && (typeof map === "number" || !map.closed)) {
        new DataView(key.buffer).setUint32(0, r.cpu, true);
        mapDeleteElem(map, key);
      }
      perfEventDisable(r.fd);
    } catch (e) {
      first ??= e;
    }
    r.memory.close();
    r.fd.close();
  }
  rings.length = 0;
  if (first !== void 0) throw first;
}

// src/ringbuf/ring-reader.ts
var BPF_RINGBUF_BUSY_BIT = 2147483648;
var BPF_RINGBUF_DISCARD_BIT = 1073741824;
var BPF_RINGBUF_HDR_SZ = 8;
var RingCorruptError = class extends Error {
  name = "RingCorruptError";
};
var RingReader = class {
  /**
   * @param consumerPage the RW mapping of the first page (koffi.view of the mmap).
   * @param producerArea the RO mapping: one page + 2 × `size` bytes.
   * @param size the map's max_entries (a power-of-two multiple of the page size).
   */
  constructor(consumerPage, producerArea, size, pageSize2) {
    this.size = size;
    if (!isLittleEndianHost()) throw new Error("RingReader supports little-endian hosts only");
    if ((size & size - 1) !== 0 || size < 8) throw new RangeError(`ring size ${size} is not a power of two`);
    if (producerArea.byteLength < pageSize2 + 2 * size) {
      throw new RangeError(`producer mapping of ${producerArea.byteLength} bytes, need ${pageSize2 + 2 * size}`);
    }
    this.consumerCell = new U64Cell(consumerPage, 0);
    this.producerCell = new U64Cell(producerArea, 0);
    this.bytes = new Uint8Array(producerArea);
    this.words = new Uint32Array(producerArea, 0, producerArea.byteLength >>> 2);
    this.dataStart = pageSize2;
    this.mask = size - 1;
    this.consumer = this.consumerCell.load();
  }
  size;
  consumerCell;
  producerCell;
  bytes;
  words;
  dataStart;
  mask;
  /** Our copy of consumer_pos: user space is its only writer. */
  consumer;
  /** Whether committed-or-busy records are waiting (producer ahead of consumer). */
  get pending() {
    return this.producerCell.load() !== this.consumer;
  }
  /**
   * Delivers committed records in order until the ring is empty or a busy record is reached,
   * re-reading producer_pos after each pass so records committed meanwhile are read too. Discarded
   * records are skipped (their space is still released). consumer_pos is stored after every record,
   * so the producer can reuse space while we are still reading. At most `limit` records are
   * delivered (a fast producer could otherwise keep one call running forever).
   *
   * If `onRecord` throws, that record counts as consumed and the error propagates.
   */
  read(onRecord, limit = Number.POSITIVE_INFINITY) {
    const bytes = this.bytes;
    const words = this.words;
    const start = this.dataStart;
    const mask = this.mask;
    const cell = this.consumerCell;
    let cons = this.consumer;
    let delivered = 0;
    try {
      for (; ; ) {
        const prod = this.producerCell.load();
        if (cons === prod) break;
        let progressed = false;
        while (cons < prod && delivered < limit) {
          const at = start + (cons & mask);
          const len = Atomics.load(words, at >>> 2);
          if ((len & BPF_RINGBUF_BUSY_BIT) !== 0) return delivered;
          const dataLen = len & 1073741823;
          const recSize = dataLen + BPF_RINGBUF_HDR_SZ + 7 & ~7;
          if (recSize > prod - cons) {
            throw new RingCorruptError(`record of ${dataLen} bytes at position ${cons} runs past producer ${prod}`);
          }
          cons += recSize;
          progressed = true;
          if ((len & BPF_RINGBUF_DISCARD_BIT) === 0) {
            delivered++;
            onRecord(bytes.subarray(at + BPF_RINGBUF_HDR_SZ, at + BPF_RINGBUF_HDR_SZ + dataLen));
          }
          this.consumer = cons;
          cell.store(cons);
        }
        if (!progressed || delivered >= limit) break;
      }
    } finally {
      if (this.consumer !== cons) {
        this.consumer = cons;
        cell.store(cons);
      }
    }
    return delivered;
  }
};

// src/ringbuf/ring-buffer.ts
var RingBuffer = class _RingBuffer {
  /** Ring buffers wake us reliably; no flush slices needed. */
  flushIntervalMs = void 0;
  /** Data area size in bytes (the map's max_entries). */
  size;
  map;
  consumerPage;
  producerArea;
  reader;
  onRecord;
  batchLimit;
  poller;
  /**
   * Maps the ring of `map` (a RINGBUF map; the caller keeps owning the fd and must close this
   * RingBuffer first: the epoll registration refers to the fd number).
   */
  static open(map, options) {
    const info = mapInfo(map);
    if (info.type !== BPF_MAP_TYPE.RINGBUF) {
      throw new TypeError(`ring buffer needs a BPF_MAP_TYPE_RINGBUF map, got map type ${info.type} (${info.name})`);
    }
    const page = pageSize();
    const size = info.maxEntries;
    const consumer = mmapFd(map, page, { prot: PROT_READ | PROT_WRITE });
    let producer;
    try {
      producer = mmapFd(map, page + 2 * size, { prot: PROT_READ, offset: page });
    } catch (e) {
      consumer.close();
      throw e;
    }
    try {
      const reader = new RingReader(consumer.buffer, producer.buffer, size, page);
      return new _RingBuffer(map, consumer, producer, reader, options);
    } catch (e) {
      producer.close();
      consumer.close();
      throw e;
    }
  }
  constructor(map, consumer, producer, reader, options) {
    this.map = map;
    this.consumerPage = consumer;
    this.producerArea = producer;
    this.reader = reader;
    this.size = reader.size;
    this.onRecord = options.onRecord;
    this.batchLimit = options.batchLimit ?? Number.POSITIVE_INFINITY;
  }
  /** The map fd (what an EventPoller waits on). Empty after close(). */
  get readyFds() {
    return this.map === void 0 ? [] : [this.map];
  }
  get closed() {
    return this.map === void 0;
  }
  /** Reads committed records now, without waiting; returns how many were delivered. */
  consume() {
    if (this.map === void 0) return 0;
    return this.reader.read(this.onRecord, this.batchLimit);
  }
  /** Blocks up to `timeoutMs` (-1: until something arrives) like BCC's ring_buffer_poll. */
  poll(timeoutMs = -1) {
    return this.ownPoller().poll(timeoutMs);
  }
  /** Waits on the event loop; see EventPoller.pollAsync. */
  pollAsync(timeoutMs = -1, signal) {
    return this.ownPoller().pollAsync(timeoutMs, signal);
  }
  /** Delivers records from the event loop until `signal` aborts or close(). */
  run(signal) {
    return this.ownPoller().run(signal);
  }
  ownPoller() {
    if (this.closed) throw new Error("ring buffer is closed");
    this.poller ??= new EventPoller([this]);
    return this.poller;
  }
  /** Unmaps the ring and stops waiting on it (a pending pollAsync resolves with 0). Idempotent. */
  close() {
    if (this.map === void 0) return;
    this.map = void 0;
    this.poller?.close();
    this.poller = void 0;
    this.producerArea?.close();
    this.consumerPage?.close();
    this.producerArea = void 0;
    this.consumerPage = void 0;
  }
  [Symbol.dispose]() {
    this.close();
  }
};

// src/perf/test-support/emitter.ts
import { readFileSync as readFileSync2 } from "node:fs";
var RECORD_SIZE = 40;
var MAGIC = 0x5eed1234n;
function ins(op, dst, src, off, imm) {
  const b = new Uint8Array(8);
  const dv = new DataView(b.buffer);
  b[0] = op;
  b[1] = dst & 15 | (src & 15) << 4;
  dv.setInt16(2, off, true);
  dv.setInt32(4, imm, true);
  return [...b];
}
function ldMap(dst, fd) {
  return [...ins(24, dst, 1, 0, fd), ...ins(0, 0, 0, 0, 0)];
}
function assemble(items) {
  const slotOf = /* @__PURE__ */ new Map();
  let slot = 0;
  for (const it of items) {
    if ("label" in it) slotOf.set(it.label, slot);
    else slot += it.bytes.length / 8;
  }
  const out = [];
  slot = 0;
  for (const it of items) {
    if ("label" in it) continue;
    const bytes = [...it.bytes];
    slot += bytes.length / 8;
    if (it.jumpTo !== void 0) {
      const target = slotOf.get(it.jumpTo);
      if (target === void 0) throw new Error(`no label ${it.jumpTo}`);
      const off = target - slot;
      bytes[2] = off & 255;
      bytes[3] = off >> 8 & 255;
    }
    out.push(...bytes);
  }
  return new Uint8Array(out);
}
function emitterProgram(s) {
  const items = [
    { bytes: ins(191, 6, 1, 0, 0) },
    // r6 = ctx
    { bytes: ins(133, 0, 0, 0, 14) },
    // call get_current_pid_tgid
    { bytes: ins(191, 7, 0, 0, 0) },
    // r7 = pid_tgid
    { bytes: ins(119, 0, 0, 0, 32) },
    // r0 >>= 32
    { bytes: ins(85, 0, 0, 0, s.tgid), jumpTo: "out" },
    // if r0 != tgid goto out
    { bytes: ins(98, 10, 0, -4, 0) },
    // *(u32 *)(r10 - 4) = 0
    { bytes: ins(191, 2, 10, 0, 0) },
    { bytes: ins(7, 2, 0, 0, -4) },
    { bytes: ldMap(1, s.counterMap) },
    { bytes: ins(133, 0, 0, 0, 1) },
    // map_lookup_elem
    { bytes: ins(21, 0, 0, 0, 0), jumpTo: "out" },
    // if r0 == 0 goto out
    { bytes: ins(183, 8, 0, 0, 1) },
    // r8 = 1
    { bytes: ins(219, 0, 8, 0, 1) },
    // r8 = atomic_fetch_add((u64 *)r0, r8)
    { bytes: ins(123, 10, 8, -48, 0) },
    // rec.seq = r8
    { bytes: ins(122, 10, 0, -40, Number(MAGIC)) },
    // rec.magic
    { bytes: ins(123, 10, 7, -32, 0) },
    // rec.pid_tgid
    { bytes: ins(191, 3, 8, 0, 0) },
    { bytes: ins(39, 3, 0, 0, 3) },
    // r3 *= 3
    { bytes: ins(123, 10, 3, -24, 0) },
    // rec.triple
    { bytes: ins(122, 10, 0, -16, -1) }
    // rec.ones
  ];
  if (s.kind === "perf") {
    items.push(
      { bytes: ins(191, 1, 6, 0, 0) },
      // r1 = ctx
      { bytes: ldMap(2, s.outMap) },
      { bytes: ins(180, 3, 0, 0, -1) },
      // w3 = BPF_F_CURRENT_CPU (0xffffffff, zero-extended)
      { bytes: ins(191, 4, 10, 0, 0) },
      { bytes: ins(7, 4, 0, 0, -48) },
      { bytes: ins(183, 5, 0, 0, RECORD_SIZE) },
      { bytes: ins(133, 0, 0, 0, 25) }
      // perf_event_output
    );
  } else {
    items.push(
      { bytes: ldMap(1, s.outMap) },
      { bytes: ins(191, 2, 10, 0, 0) },
      { bytes: ins(7, 2, 0, 0, -48) },
      { bytes: ins(183, 3, 0, 0, RECORD_SIZE) },
      { bytes: ins(183, 4, 0, 0, 0) },
      // flags 0: adaptive wakeup
      { bytes: ins(133, 0, 0, 0, 130) }
      // ringbuf_output
    );
  }
  items.push(
    { bytes: ins(21, 0, 0, 0, 0), jumpTo: "out" },
    // success → out
    { bytes: ins(98, 10, 0, -4, 1) },
    // key = 1
    { bytes: ins(191, 2, 10, 0, 0) },
    { bytes: ins(7, 2, 0, 0, -4) },
    { bytes: ldMap(1, s.counterMap) },
    { bytes: ins(133, 0, 0, 0, 1) },
    { bytes: ins(21, 0, 0, 0, 0), jumpTo: "out" },
    { bytes: ins(183, 1, 0, 0, 1) },
    { bytes: ins(219, 0, 1, 0, 0) },
    // lock *(u64 *)r0 += 1
    { label: "out" },
    { bytes: ins(183, 0, 0, 0, 0) },
    { bytes: ins(149, 0, 0, 0, 0) }
  );
  return assemble(items);
}
function tracepointId(name) {
  for (const root of ["/sys/kernel/tracing", "/sys/kernel/debug/tracing"]) {
    try {
      return Number(readFileSync2(`${root}/events/${name}/id`, "utf8"));
    } catch {
    }
  }
  throw new Error(`tracepoint ${name} not found under tracefs`);
}

// ../../tmp/rdbench/kbench.ts
var kind = process.argv[2] ?? "perf";
var N = Number(process.argv[3] ?? 2e6);
var opts = JSON.parse(process.argv[4] ?? "{}");
async function main() {
  const child = spawn("/tmp/rdbench/hammer", [String(N)], { stdio: ["pipe", "inherit", "inherit"] });
  const out = kind === "perf" ? mapCreate({ mapType: BPF_MAP_TYPE.PERF_EVENT_ARRAY, keySize: 4, valueSize: 4, maxEntries: possibleCpuCount() }) : mapCreate({ mapType: BPF_MAP_TYPE.RINGBUF, keySize: 0, valueSize: 0, maxEntries: opts.size ?? 256 * 1024 });
  const counter = mapCreate({ mapType: BPF_MAP_TYPE.ARRAY, keySize: 4, valueSize: 8, maxEntries: 2 });
  const { fd: prog } = progLoad({ progType: BPF_PROG_TYPE.TRACEPOINT, insns: emitterProgram({ kind, outMap: out.raw, counterMap: counter.raw, tgid: child.pid }), license: "GPL" });
  const ev = perfEventOpen({ type: PERF_TYPE.TRACEPOINT, config: tracepointId("syscalls/sys_enter_getppid"), samplePeriod: 1 }, { pid: child.pid, cpu: -1 });
  const link = linkCreate({ progFd: prog, targetFd: ev, attachType: BPF_ATTACH_TYPE.PERF_EVENT });
  let got = 0, lost = 0;
  const src = kind === "perf" ? PerfBuffer.open(out, { ...opts, onSample: () => {
    got++;
  }, onLost: (_c, n) => {
    lost += n;
  } }) : RingBuffer.open(out, { onRecord: () => {
    got++;
  } });
  const done = new Promise((r) => child.on("exit", () => r()));
  let exited = false;
  void done.then(() => exited = true);
  const t0 = performance.now();
  child.stdin.write("g");
  const cpu0 = process.cpuUsage();
  while (!exited) await src.pollAsync(100);
  src.consume();
  const dt = (performance.now() - t0) / 1e3;
  const cpu = process.cpuUsage(cpu0);
  console.log(`${kind} ${JSON.stringify(opts)}: got ${got} lost ${lost} of ${N} in ${dt.toFixed(2)} s \u2192 ${(got / dt / 1e3).toFixed(0)}k ev/s delivered; reader cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
  src.close();
  link.close();
  ev.close();
  prog.close();
  counter.close();
  out.close();
}
main();
