/** Perf event attachment (software events, sampling): one event per CPU, or one per task. */
import { type Fd, type FdLike, type FdOptions, onlineCpus, perfEventOpen } from "../sys/index.ts";
import { type AttachMethod, attachToPerfEvent, Link } from "./link.ts";
import { wrap } from "./tracepoint.ts";

export interface PerfEventAttachOptions extends FdOptions {
  type: number;
  config: number | bigint;
  samplePeriod?: number | bigint;
  sampleFreq?: number | bigint;
  /** -1 (default): every task. */
  pid?: number;
  /** -1 (default): every online CPU (one event each). */
  cpu?: number;
  useLink: boolean | "auto";
}

/** Attaches a BPF_PROG_TYPE_PERF_EVENT program. Returns one Link owning all per-CPU events. */
export function attachPerfEvent(prog: FdLike, opts: PerfEventAttachOptions): Link {
  const pid = opts.pid ?? -1;
  const cpus = opts.cpu !== undefined && opts.cpu >= 0 ? [opts.cpu] : pid === -1 ? onlineCpus() : [-1];
  const owned: Fd[] = [];
  let method: AttachMethod = "ioctl";
  const sampling = opts.sampleFreq !== undefined ? { sampleFreq: opts.sampleFreq } : { samplePeriod: opts.samplePeriod ?? 1 };
  const target = `perf type=${opts.type} config=${opts.config}`;
  try {
    for (const cpu of cpus) {
      const ev = perfEventOpen({ type: opts.type, config: opts.config, ...sampling }, { pid, cpu }, { ...opts, label: `${target} cpu=${cpu}` });
      try {
        const r = attachToPerfEvent(prog, ev, opts);
        owned.push(...r.fds);
        method = r.method;
      } catch (err) {
        ev.close();
        throw err;
      }
    }
  } catch (err) {
    for (const fd of owned.reverse()) fd.close();
    throw wrap(`attach perf event (${target})`, err);
  }
  return new Link("perf_event", target, method, "software", owned);
}
