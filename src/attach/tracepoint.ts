/** Tracepoint and raw tracepoint attachment. */
import { type FdLike, type FdOptions, PERF_TYPE, perfEventOpen, rawTracepointOpen, KernelError } from "../sys/index.ts";
import type { Tracefs } from "../tracefs/index.ts";
import { AttachError } from "./errors.ts";
import { attachToPerfEvent, Link } from "./link.ts";

export interface TracepointAttachOptions extends FdOptions {
  tracefs: Tracefs;
  useLink: boolean | "auto";
  cookie?: bigint | number;
}

/**
 * Attaches a BPF_PROG_TYPE_TRACEPOINT program to `category:event`. One perf event suffices: the
 * program hangs off the tracepoint and runs on every CPU for every task, so programs filter by pid
 * themselves. Returns a Link the caller must dispose.
 */
export function attachTracepoint(prog: FdLike, category: string, event: string, opts: TracepointAttachOptions): Link {
  const name = `${category}:${event}`;
  if (!opts.tracefs.eventExists(category, event)) {
    throw new AttachError(`tracepoint ${name} does not exist on this kernel (see: bcc-ts tplist '${category}:*')`);
  }
  const id = opts.tracefs.eventId(category, event);
  const ev = perfEventOpen({ type: PERF_TYPE.TRACEPOINT, config: id, samplePeriod: 1, wakeupEvents: 1 }, { pid: -1, cpu: 0 }, { ...opts, label: `tracepoint ${name}` });
  try {
    const { fds, method } = attachToPerfEvent(prog, ev, opts);
    return new Link("tracepoint", name, method, "tracepoint", fds);
  } catch (err) {
    ev.close();
    throw wrap(`attach tracepoint ${name}`, err);
  }
}

/** Attaches a BPF_PROG_TYPE_RAW_TRACEPOINT program to the raw tracepoint `name` (e.g. "sched_switch"). */
export function attachRawTracepoint(prog: FdLike, name: string, opts: FdOptions = {}): Link {
  try {
    const fd = rawTracepointOpen(name, prog, opts);
    return new Link("raw_tracepoint", name, "raw_tracepoint_open", "tracepoint", [fd]);
  } catch (err) {
    throw wrap(`attach raw tracepoint ${name}`, err);
  }
}

export function wrap(what: string, err: unknown): unknown {
  if (err instanceof KernelError) return new AttachError(`${what}: ${err.message}`, { cause: err });
  return err;
}
