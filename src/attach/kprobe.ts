/**
 * kprobe/kretprobe attachment: the perf kprobe PMU first (owned by an fd, kernel >= 4.17), then
 * tracefs kprobe_events (the legacy path; also the only one that takes MAXACTIVE for kretprobes).
 */
import { type FdLike, type FdOptions, PERF_TYPE, perfEventOpen } from "../sys/index.ts";
import { kprobeTarget, ProbeEvents, sanitizeEventName, type Tracefs } from "../tracefs/index.ts";
import { AttachUnsupportedError } from "./errors.ts";
import { attachToPerfEvent, Link } from "./link.ts";
import { readDynamicPmu } from "./pmu.ts";
import { wrap } from "./tracepoint.ts";

export interface KprobeAttachOptions extends FdOptions {
  retprobe: boolean;
  /** Offset into the function (kprobes only). */
  offset?: number;
  /** kretprobe instances to reserve; forces the tracefs path, the PMU cannot take it. */
  maxactive?: number;
  tracefs: Tracefs | undefined;
  useLink: boolean | "auto";
  /** Skip the PMU (tests use this to prove the tracefs path). */
  forceTracefs?: boolean;
  cookie?: bigint | number;
}

/** Attaches a BPF_PROG_TYPE_KPROBE program to kernel function `func`. Returns a Link to dispose. */
export function attachKprobe(prog: FdLike, func: string, opts: KprobeAttachOptions): Link {
  const kind = opts.retprobe ? "kretprobe" : "kprobe";
  const offset = opts.offset ?? 0;
  const target = offset ? `${func}+0x${offset.toString(16)}` : func;
  const pmu = readDynamicPmu("kprobe");
  const wantTracefs = opts.forceTracefs === true || (opts.maxactive ?? 0) > 0;
  if (pmu && !wantTracefs) {
    const config = opts.retprobe ? 1n << BigInt(pmu.retprobeBit) : 0n;
    let ev;
    try {
      ev = perfEventOpen({ type: pmu.type, config, kprobeFunc: func, probeOffset: offset }, { pid: -1, cpu: 0 }, { ...opts, label: `${kind} ${target}` });
    } catch (err) {
      throw wrap(`attach ${kind} ${target}`, err);
    }
    try {
      const { fds, method } = attachToPerfEvent(prog, ev, opts);
      return new Link(kind, target, method, "pmu", fds);
    } catch (err) {
      ev.close();
      throw wrap(`attach ${kind} ${target}`, err);
    }
  }
  const events = opts.tracefs ? ProbeEvents.kprobes(opts.tracefs) : undefined;
  if (!events?.available()) {
    throw new AttachUnsupportedError(
      `cannot attach ${kind} to ${target}: this kernel has no kprobes (no kprobe PMU and no kprobe_events; CONFIG_KPROBES is off)`,
      "kprobes",
    );
  }
  const name = sanitizeEventName(`${opts.retprobe ? "r" : "p"}_${func}_${offset}`);
  let probe;
  try {
    probe = events.create({ kind: opts.retprobe ? "r" : "p", event: name, target: kprobeTarget(func, offset), ...(opts.maxactive ? { maxActive: opts.maxactive } : {}) });
  } catch (err) {
    throw wrap(`attach ${kind} ${target}`, err);
  }
  try {
    const ev = perfEventOpen({ type: PERF_TYPE.TRACEPOINT, config: probe.id, samplePeriod: 1, wakeupEvents: 1 }, { pid: -1, cpu: 0 }, { ...opts, label: `${kind} ${target}` });
    try {
      const { fds, method } = attachToPerfEvent(prog, ev, opts);
      return new Link(kind, target, method, "tracefs", fds, probe);
    } catch (err) {
      ev.close();
      throw err;
    }
  } catch (err) {
    probe.remove();
    throw wrap(`attach ${kind} ${target}`, err);
  }
}
