/**
 * uprobe/uretprobe attachment at a FILE OFFSET of a binary or library: the perf uprobe PMU first,
 * then tracefs uprobe_events. Symbol resolution (name → offset) happens above this layer.
 */
import { type FdLike, type FdOptions, PERF_TYPE, perfEventOpen } from "../sys/index.ts";
import { ProbeEvents, sanitizeEventName, type Tracefs, uprobeTarget } from "../tracefs/index.ts";
import { AttachUnsupportedError } from "./errors.ts";
import { attachToPerfEvent, Link } from "./link.ts";
import { readDynamicPmu } from "./pmu.ts";
import { wrap } from "./tracepoint.ts";

export interface UprobeAttachOptions extends FdOptions {
  retprobe: boolean;
  /** Only this process (-1: every process that maps the file). */
  pid?: number;
  /** USDT semaphore file offset (the kernel increments it while the probe exists). */
  refCtrOffset?: number | bigint;
  tracefs: Tracefs | undefined;
  useLink: boolean | "auto";
  forceTracefs?: boolean;
  cookie?: bigint | number;
  /** Link kind to report (usdt probes are uprobes underneath). */
  kind?: "uprobe" | "uretprobe" | "usdt";
}

/** Attaches a BPF_PROG_TYPE_KPROBE program as a uprobe at `path`:`offset`. Returns a Link to dispose. */
export function attachUprobe(prog: FdLike, path: string, offset: number | bigint, opts: UprobeAttachOptions): Link {
  const kind = opts.kind ?? (opts.retprobe ? "uretprobe" : "uprobe");
  const target = `${path}:0x${offset.toString(16)}`;
  const pid = opts.pid ?? -1;
  // pid -1 needs a cpu; a specific pid follows the task on any cpu.
  const where = pid === -1 ? { pid: -1, cpu: 0 } : { pid, cpu: -1 };
  const pmu = readDynamicPmu("uprobe");
  if (pmu && opts.forceTracefs !== true && (opts.refCtrOffset === undefined || pmu.refCtrShift !== undefined)) {
    let config = opts.retprobe ? 1n << BigInt(pmu.retprobeBit) : 0n;
    if (opts.refCtrOffset !== undefined && pmu.refCtrShift !== undefined) config |= BigInt(opts.refCtrOffset) << BigInt(pmu.refCtrShift);
    let ev;
    try {
      ev = perfEventOpen({ type: pmu.type, config, uprobePath: path, probeOffset: offset }, where, { ...opts, label: `${kind} ${target}` });
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
  const events = opts.tracefs ? ProbeEvents.uprobes(opts.tracefs) : undefined;
  if (!events?.available()) {
    throw new AttachUnsupportedError(`cannot attach ${kind} to ${target}: this kernel has no uprobes (CONFIG_UPROBE_EVENTS is off)`, "uprobes");
  }
  const name = sanitizeEventName(`${opts.retprobe ? "r" : "p"}_${path.replace(/^.*\//, "")}_0x${offset.toString(16)}`);
  let probe;
  try {
    probe = events.create({ kind: opts.retprobe ? "r" : "p", event: name, target: uprobeTarget(path, offset, opts.refCtrOffset) });
  } catch (err) {
    throw wrap(`attach ${kind} ${target}`, err);
  }
  try {
    const ev = perfEventOpen({ type: PERF_TYPE.TRACEPOINT, config: probe.id, samplePeriod: 1, wakeupEvents: 1 }, where, { ...opts, label: `${kind} ${target}` });
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
