/**
 * @fileoverview `Link`: one attachment of a program to a hook, owning every kernel object that
 * keeps it alive (BPF link fd, perf event fd, tracefs probe entry). Disposing it detaches.
 *
 * Where the kernel allows it, the attachment is owned by an fd (perf-event PMU probes, BPF links,
 * raw tracepoint fds), so it disappears even when the process is killed with SIGKILL. Only the
 * tracefs probe entries (kprobe_events/uprobe_events, the legacy path) outlive a killed process;
 * they carry the owner's pid in their group name and are removed by removeStaleProbes at start-up.
 */
import {
  BPF_ATTACH_TYPE,
  type Fd,
  type FdLike,
  type FdOptions,
  KernelError,
  linkCreate,
  perfEventEnable,
  perfEventSetBpf,
} from "../sys/index.ts";
import type { OwnedProbeEvent } from "../tracefs/index.ts";

export type LinkKind = "tracepoint" | "raw_tracepoint" | "kprobe" | "kretprobe" | "uprobe" | "uretprobe" | "perf_event" | "fentry" | "fexit" | "usdt";

/** How a perf-event based attachment was made (for tests and `--debug`). */
export type AttachMethod = "bpf_link" | "ioctl" | "raw_tracepoint_open" | "link_create";

export class Link implements Disposable {
  #fds: Fd[];
  #probe: OwnedProbeEvent | undefined;
  #closed = false;

  constructor(
    readonly kind: LinkKind,
    /** What it is attached to, e.g. "syscalls:sys_enter_openat", "vfs_read", "/lib/libc.so.6:0x9d8a0". */
    readonly target: string,
    /** How the program was attached, and whether through the kernel's PMU or tracefs. */
    readonly method: AttachMethod,
    readonly via: "pmu" | "tracefs" | "tracepoint" | "btf" | "software",
    fds: Fd[],
    probe?: OwnedProbeEvent,
  ) {
    this.#fds = fds;
    this.#probe = probe;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Detaches: closes the link before the perf event, then deletes any tracefs probe (which the
   * kernel refuses with EBUSY while a perf event still uses it). Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    let first: unknown;
    for (const fd of [...this.#fds].reverse()) {
      try {
        fd.close();
      } catch (err) {
        first ??= err;
      }
    }
    this.#fds = [];
    try {
      this.#probe?.remove();
    } catch (err) {
      first ??= err;
    }
    if (first !== undefined) throw first;
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

export interface PerfAttachOptions extends FdOptions {
  /**
   * Use a BPF link (kernel >= 5.15) when true, PERF_EVENT_IOC_SET_BPF when false; "auto" tries the
   * link and falls back to the ioctl when the kernel refuses it (no separate feature probe: the
   * probe itself costs a perf event open/close, ~50 ms of RCU waits at start-up).
   */
  useLink: boolean | "auto";
  /** bpf_get_attach_cookie() value (links only). */
  cookie?: bigint | number;
}

/**
 * Attaches `prog` to an open perf event, by BPF link when possible (owned by an fd, detaches on
 * close even when the perf event fd is shared) or by the ioctl. Returns the fds to own, in
 * creation order (the perf event first).
 */
export function attachToPerfEvent(prog: FdLike, event: Fd, opts: PerfAttachOptions): { fds: Fd[]; method: AttachMethod } {
  if (opts.useLink !== false) {
    try {
      const link = linkCreate({ progFd: prog, targetFd: event, attachType: BPF_ATTACH_TYPE.PERF_EVENT, perfEventCookie: opts.cookie ?? 0 }, opts);
      return { fds: [event, link], method: "bpf_link" };
    } catch (err) {
      // Kernels before 5.15 do not know BPF_PERF_EVENT links: EINVAL (unknown attach type) or
      // EOPNOTSUPP/ENOTSUPP. Anything else is a real failure.
      const fallback = err instanceof KernelError && (err.errno === "EINVAL" || err.errno === "EOPNOTSUPP" || err.errno === "ENOTSUPP");
      if (opts.useLink === true || !fallback) throw err;
    }
  }
  perfEventSetBpf(event, prog);
  perfEventEnable(event);
  return { fds: [event], method: "ioctl" };
}
