/**
 * Program kinds as BCC users name them, and how each maps to the kernel's program type and
 * expected attach type. BCC derives the kind from the function name prefix (kprobe__vfs_read,
 * tracepoint__sched__sched_switch, ...) or from the attach call; so do we.
 */
import { BPF_ATTACH_TYPE, BPF_PROG_FLAG, BPF_PROG_TYPE } from "../sys/index.ts";

export type ProgKind =
  | "kprobe" | "kretprobe" | "uprobe" | "uretprobe" | "tracepoint" | "raw_tracepoint"
  | "perf_event" | "fentry" | "fexit" | "socket_filter" | "xdp" | "sched_cls" | "syscall";

export interface ProgTypeInfo {
  progType: number;
  expectedAttachType?: number;
  /** BPF_F_* load flags the type requires. */
  progFlags?: number;
}

export function progTypeOf(kind: ProgKind): ProgTypeInfo {
  switch (kind) {
    case "kprobe": case "kretprobe": case "uprobe": case "uretprobe": return { progType: BPF_PROG_TYPE.KPROBE };
    case "tracepoint": return { progType: BPF_PROG_TYPE.TRACEPOINT };
    case "raw_tracepoint": return { progType: BPF_PROG_TYPE.RAW_TRACEPOINT };
    case "perf_event": return { progType: BPF_PROG_TYPE.PERF_EVENT };
    case "fentry": return { progType: BPF_PROG_TYPE.TRACING, expectedAttachType: BPF_ATTACH_TYPE.TRACE_FENTRY };
    case "fexit": return { progType: BPF_PROG_TYPE.TRACING, expectedAttachType: BPF_ATTACH_TYPE.TRACE_FEXIT };
    case "socket_filter": return { progType: BPF_PROG_TYPE.SOCKET_FILTER };
    case "xdp": return { progType: BPF_PROG_TYPE.XDP };
    case "sched_cls": return { progType: BPF_PROG_TYPE.SCHED_CLS };
    // The kernel only accepts sleepable SYSCALL programs ("Syscall programs can only be sleepable").
    case "syscall": return { progType: BPF_PROG_TYPE.SYSCALL, progFlags: BPF_PROG_FLAG.SLEEPABLE };
  }
}

/** A probe function name's meaning under BCC's naming conventions, if it follows one. */
export interface ProbeName {
  kind: ProgKind;
  /** kprobe/kretprobe/fentry/fexit: the kernel function; raw_tracepoint: the tracepoint name. */
  target: string;
  /** tracepoint: category and event. */
  category?: string;
  event?: string;
}

/**
 * Parses BCC's auto-attach prefixes: kprobe__X, kretprobe__X, tracepoint__cat__evt,
 * raw_tracepoint__X, kfunc__X / kretfunc__X (BCC's names for fentry/fexit), and the section form
 * our compiler records ("tracepoint/cat/evt", "kprobe/X", ...).
 */
export function parseProbeName(name: string): ProbeName | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^kprobe__(.+)$/.exec(name))) return { kind: "kprobe", target: m[1]! };
  if ((m = /^kretprobe__(.+)$/.exec(name))) return { kind: "kretprobe", target: m[1]! };
  if ((m = /^tracepoint__(.+?)__(.+)$/.exec(name))) return { kind: "tracepoint", target: `${m[1]}:${m[2]}`, category: m[1]!, event: m[2]! };
  if ((m = /^raw_tracepoint__(.+)$/.exec(name))) return { kind: "raw_tracepoint", target: m[1]! };
  if ((m = /^kfunc__(?:vmlinux__)?(.+)$/.exec(name))) return { kind: "fentry", target: m[1]! };
  if ((m = /^kretfunc__(?:vmlinux__)?(.+)$/.exec(name))) return { kind: "fexit", target: m[1]! };
  return undefined;
}

/** The same from a section string ("tracepoint/syscalls/sys_enter_openat", "kprobe/vfs_read"). */
export function parseSection(section: string): ProbeName | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^(?:tp|tracepoint)\/([^/]+)\/(.+)$/.exec(section))) return { kind: "tracepoint", target: `${m[1]}:${m[2]}`, category: m[1]!, event: m[2]! };
  if ((m = /^kprobe\/(.+)$/.exec(section))) return { kind: "kprobe", target: m[1]! };
  if ((m = /^kretprobe\/(.+)$/.exec(section))) return { kind: "kretprobe", target: m[1]! };
  if ((m = /^(?:raw_tp|raw_tracepoint)\/(.+)$/.exec(section))) return { kind: "raw_tracepoint", target: m[1]! };
  if ((m = /^fentry\/(.+)$/.exec(section))) return { kind: "fentry", target: m[1]! };
  if ((m = /^fexit\/(.+)$/.exec(section))) return { kind: "fexit", target: m[1]! };
  if ((m = /^uprobe\/(.*)$/.exec(section))) return { kind: "uprobe", target: m[1]! };
  if ((m = /^uretprobe\/(.*)$/.exec(section))) return { kind: "uretprobe", target: m[1]! };
  if (section === "perf_event") return { kind: "perf_event", target: "" };
  if (section === "syscall") return { kind: "syscall", target: "" };
  return undefined;
}
