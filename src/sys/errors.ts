/**
 * Typed kernel errors. Callers branch on the class or on `errno`/`code`, never on message text.
 *
 * Every message is one line: what failed (syscall and command), the errno, and what to do about it.
 * Pure module (no koffi) so that anything may import it.
 */

/** errno numbers on Linux (x86_64/arm64 share these), including kernel-internal codes that bpf() leaks. */
export const ERRNO = {
  EPERM: 1, ENOENT: 2, ESRCH: 3, EINTR: 4, EIO: 5, ENXIO: 6, E2BIG: 7, ENOEXEC: 8, EBADF: 9, ECHILD: 10,
  EAGAIN: 11, ENOMEM: 12, EACCES: 13, EFAULT: 14, EBUSY: 16, EEXIST: 17, EXDEV: 18, ENODEV: 19,
  ENOTDIR: 20, EISDIR: 21, EINVAL: 22, ENFILE: 23, EMFILE: 24, ENOTTY: 25, EFBIG: 27, ENOSPC: 28,
  ESPIPE: 29, EROFS: 30, EPIPE: 32, ERANGE: 34, EDEADLK: 35, ENAMETOOLONG: 36, ENOSYS: 38, ELOOP: 40,
  ENODATA: 61, EOVERFLOW: 75, EBADFD: 77, EILSEQ: 84, EOPNOTSUPP: 95, EAFNOSUPPORT: 97, EADDRINUSE: 98,
  ENOBUFS: 105, ETIMEDOUT: 110, EALREADY: 114, EINPROGRESS: 115, ECANCELED: 125,
  // Kernel-internal codes (include/linux/errno.h) that bpf() and perf paths can return to user space.
  ERESTARTSYS: 512, ENOTSUPP: 524, ETOOSMALL: 525,
} as const;

export type ErrnoName = keyof typeof ERRNO;

const NAME_BY_CODE: ReadonlyMap<number, string> = new Map(
  Object.entries(ERRNO).map(([name, code]) => [code, name] as [number, string]),
);

/** "EPERM" for 1; "errno 4242" for codes we have no name for. */
export function errnoName(code: number): string {
  return NAME_BY_CODE.get(code) ?? `errno ${code}`;
}

const PRIVILEGE_HINT = "needs root or CAP_BPF+CAP_PERFMON (and CAP_SYS_ADMIN on older kernels)";
const ROOT_DENIED_HINT =
  "denied even to root: kernel lockdown, an LSM, or a feature this kernel restricts or lacks (e.g. fentry without BTF)";

function runningAsRoot(): boolean {
  return typeof process !== "undefined" && typeof process.geteuid === "function" && process.geteuid() === 0;
}

/**
 * A short "what to do" for an errno, tuned to bpf()/perf_event_open(). `asRoot` picks the EPERM
 * wording: privileges cannot be the fix when we already run as root.
 */
export function errnoHint(code: number, syscall = "bpf", command = "", asRoot = runningAsRoot()): string {
  switch (code) {
    case ERRNO.EPERM:
    case ERRNO.EACCES:
      return asRoot ? ROOT_DENIED_HINT : PRIVILEGE_HINT;
    case ERRNO.E2BIG:
      return command === "PROG_LOAD"
        ? "program too large or attr has unknown non-zero fields for this kernel"
        : "a size or count is too large, or the attr has fields this kernel does not know";
    case ERRNO.ENOSPC:
      return command === "PROG_LOAD" || command === "BTF_LOAD"
        ? "verifier log buffer too small"
        : "map is full (raise max_entries)";
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

export interface KernelErrorInit {
  /** Syscall name: "bpf", "perf_event_open", "ioctl", "mmap", "epoll_wait", ... */
  syscall: string;
  /** Command within the syscall (bpf command without the BPF_ prefix, ioctl name), or "". */
  command?: string;
  /** Positive errno value. */
  code: number;
  /** Extra context for the message, e.g. the map or program name. */
  detail?: string;
}

/** A syscall failed. `errno` is the symbolic name ("EPERM"), `code` the number. */
export class KernelError extends Error {
  readonly syscall: string;
  readonly command: string;
  readonly errno: string;
  readonly code: number;
  readonly hint: string;

  constructor(init: KernelErrorInit, hint?: string) {
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
}

/** EPERM/EACCES: the caller lacks privileges (or lockdown forbids the operation). */
export class PermissionError extends KernelError {
  constructor(init: KernelErrorInit, hint?: string) {
    super(init, hint);
    this.name = "PermissionError";
  }
}

/** The kernel does not support the operation (ENOTSUPP/EOPNOTSUPP/ENOSYS, or a caller-detected gap). */
export class NotSupportedError extends KernelError {
  /** What is unsupported, e.g. "BPF_PROG_TEST_RUN for tracepoint programs". */
  readonly feature: string;
  constructor(init: KernelErrorInit & { feature?: string }, hint?: string) {
    const feature = init.feature ?? (init.command ? `${init.syscall} ${init.command}` : init.syscall);
    super(init, hint ?? `${feature} is not supported by this kernel or its configuration`);
    this.name = "NotSupportedError";
    this.feature = feature;
  }
}

/** How many trailing log lines a VerifierError's message summary keeps. */
const SUMMARY_LINES = 3;

/**
 * The verifier (or BTF loader) rejected the object. `log` is the full kernel log; `lines` its lines;
 * `summary` the last meaningful lines with a count of the omitted ones.
 */
export class VerifierError extends KernelError {
  readonly log: string;
  readonly lines: readonly string[];
  readonly summary: string;
  /** True when even the largest log buffer was too small and the head of the log was lost. */
  readonly truncated: boolean;

  constructor(init: KernelErrorInit & { log: string; truncated?: boolean }) {
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
}

function splitLog(log: string): string[] {
  const lines = log.split("\n").map((l) => l.replace(/\s+$/, ""));
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * The verifier prints its verdict last, preceded by the statistics line ("processed N insns ...")
 * which carries no information about the failure, so skip those.
 */
export function summarizeLog(lines: readonly string[]): string {
  const meaningful: number[] = [];
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

/** Build the right KernelError subclass for an errno. */
export function kernelError(init: KernelErrorInit): KernelError {
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
