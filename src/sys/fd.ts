/**
 * `Fd`: ownership of one kernel file descriptor (map, program, link, perf event, epoll, BTF, ...).
 *
 * - close() is idempotent; `using fd = ...` closes at scope exit.
 * - take() transfers ownership out (the Fd stops closing it); adopt() transfers it in.
 * - Never holds fd 0: the bpf uapi reads 0 in many fd fields as "absent" (e.g. inner_map_fd,
 *   btf_fd), so a descriptor that happens to be 0 (stdin closed) is dup'ed to >= 3 and 0 is closed.
 * - Leaks are only *reported* (a FinalizationRegistry warns when an open Fd is garbage-collected);
 *   closing is always explicit, because GC timing must not decide when a probe detaches.
 */
import { kernelError } from "./errors.ts";
import { lastErrno, sysClose, sysFcntl } from "./ffi.ts";

const F_DUPFD_CLOEXEC = 1030;

/** Records where each open Fd was created, so tests can assert that nothing leaked. */
export class FdTracker {
  readonly #open = new Map<Fd, string>();

  /** Called by Fd; not for general use. */
  add(fd: Fd, stack: string): void {
    this.#open.set(fd, stack);
  }

  /** Called by Fd; not for general use. */
  delete(fd: Fd): void {
    this.#open.delete(fd);
  }

  /** Currently open descriptors with their label and creation stack. */
  openFds(): { label: string; raw: number; stack: string }[] {
    return [...this.#open].map(([fd, stack]) => ({ label: fd.label, raw: fd.peek(), stack }));
  }

  /** Throws listing every still-open descriptor and where it was created. */
  assertNoLeaks(): void {
    const open = this.openFds();
    if (open.length === 0) return;
    const list = open.map((o) => `  fd ${o.raw} (${o.label}) created at\n${o.stack}`).join("\n");
    throw new Error(`${open.length} file descriptor(s) still open:\n${list}`);
  }
}

interface LeakRecord {
  raw: number;
  label: string;
}

// Process-wide by necessity (one registry serves all Fds); it holds no state of ours beyond the
// weak registrations the engine manages, and it only reports.
const leakReporter = new FinalizationRegistry<LeakRecord>((rec) => {
  process.emitWarning(
    `bcc-ts: ${rec.label} (fd ${rec.raw}) was garbage-collected without close(); it stays open until exit`,
    { code: "BCC_TS_FD_LEAK" },
  );
});

export interface FdOptions {
  /** Debug tracker that records the creation site. */
  tracker?: FdTracker | undefined;
}

/** An owned kernel file descriptor. */
export class Fd implements Disposable {
  #raw: number;
  readonly label: string;
  readonly #tracker: FdTracker | undefined;

  private constructor(raw: number, label: string, tracker: FdTracker | undefined) {
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
  static adopt(raw: number, label: string, options?: FdOptions): Fd {
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
    return new Fd(raw, label, options?.tracker);
  }

  /** The descriptor number. Throws after close()/take(): using a stale number could hit a reused fd. */
  get raw(): number {
    if (this.#raw < 0) throw new Error(`${this.label}: file descriptor already closed`);
    return this.#raw;
  }

  /** The descriptor number or -1, without throwing (for diagnostics). */
  peek(): number {
    return this.#raw;
  }

  get closed(): boolean {
    return this.#raw < 0;
  }

  /** A second, independently owned descriptor for the same kernel object. */
  dup(label = this.label, options?: FdOptions): Fd {
    const raw = sysFcntl(this.raw, F_DUPFD_CLOEXEC, 3);
    if (raw < 0) throw kernelError({ syscall: "fcntl", command: "F_DUPFD_CLOEXEC", code: lastErrno(), detail: label });
    return new Fd(raw, label, options?.tracker ?? this.#tracker);
  }

  /** Transfer ownership out: returns the number, and this Fd no longer closes it. */
  take(): number {
    const raw = this.raw;
    this.#forget();
    return raw;
  }

  /** Alias of take() for readers who think in terms of ownership. */
  disown(): number {
    return this.take();
  }

  /** Close the descriptor. Idempotent. close(2) errors are ignored: the fd is released regardless. */
  close(): void {
    const raw = this.#raw;
    if (raw < 0) return;
    this.#forget();
    sysClose(raw);
  }

  [Symbol.dispose](): void {
    this.close();
  }

  toString(): string {
    return `Fd(${this.#raw}, ${this.label})`;
  }

  #forget(): void {
    this.#raw = -1;
    leakReporter.unregister(this);
    this.#tracker?.delete(this);
  }
}

/** Anything that names a descriptor: an Fd or a raw number (borrowed, not owned). */
export type FdLike = Fd | number;

/** The raw number of an Fd or a borrowed number. */
export function rawFd(fd: FdLike): number {
  return typeof fd === "number" ? fd : fd.raw;
}
