/**
 * Parsing trace_pipe lines into fields, the counterpart of BCC's `BPF.trace_fields()` which returns
 * (task, pid, cpu, flags, ts, msg).
 *
 * The kernel builds the line in kernel/trace/trace_output.c (trace_print_context and friends):
 *
 *   "%16s-%-7d "              comm right-aligned in 16 columns, then -pid
 *   "(%7d) " or "(-------) "  only with options/record-tgid (the dashes when the tgid is unknown)
 *   "[%03d] "                 cpu
 *   "d..1. "                  latency flags, only with options/irq-info (the default): 4 chars on
 *                             older kernels, 5 since 5.16 (migrate-disable column)
 *   "%5lu.%06lu: "            timestamp (an integer for counter-like trace_clocks)
 *   then the event: "bpf_trace_printk: msg" (5.x+), "0x00000001: msg" (4.13–4.x, an unresolved ip),
 *   ": msg" (4.12 and older, empty symbol), "tracing_mark_write: msg" (trace_marker).
 *
 * The task column is not a fixed width in practice: comms may contain spaces and dashes ("Web
 * Content", "systemd-journal"; lines relayed by other tools may carry the /proc form of workqueue
 * workers, "kworker/u4:1-events_unbound", longer than 16 columns), and "<...>" stands for an unknown
 * comm. So rather than cutting at column 16 as BCC does, we anchor on the first
 * "-<pid> [(tgid)] [<cpu>]" structure.
 */

export interface TraceFields {
  /** Task comm as printed ("<...>" when the kernel no longer knows it, "<idle>" for pid 0). */
  task: string;
  pid: number;
  /** Present when the record-tgid option is on and the kernel knows the tgid. */
  tgid?: number;
  cpu: number;
  /** Latency flags ("d..1.", "...1."); "" when the irq-info option is off. */
  flags: string;
  /** Timestamp in seconds (the trace_clock's unit for counter clocks). */
  ts: number;
  /** Timestamp exactly as printed, for callers that need every digit. */
  tsText: string;
  /**
   * What precedes the message: the event name ("bpf_trace_printk", "tracing_mark_write"), an
   * unresolved address ("0x00000001"), or "" (old kernels). Undefined when the line had none.
   */
  event?: string;
  /** The message, without the trailing newline. */
  msg: string;
}

// task-pid, optional (tgid), [cpu], optional flags, timestamp ':'. Flags never contain ':', which
// keeps a short timestamp ("5.0:") from being taken for flags when the irq-info column is off.
// The task group is lazy so that it stops at the first "-pid [cpu]" structure: a message that
// happens to contain "-12 [001]" later in the line cannot pull the split to the right.
const LINE_RE =
  /^(.*?)-(\d+)\s+(?:\(\s*(\d+|-+)\s*\)\s+)?\[(\d+)\]\s+(?:([^\s\[\]:]{1,8})\s+)?(\d+(?:\.\d+)?):(?: (.*))?$/s;

// The event/symbol prefix of the message: an identifier, an address, or nothing (old kernels).
const EVENT_RE = /^([A-Za-z_][\w.]*|0x[0-9a-fA-F]+|):(?: |$)/;

/**
 * Parse one trace_pipe line. Returns undefined for lines that carry no event: "CPU:1 [LOST 12
 * EVENTS]", "##### CPU 0 buffer started ####", comments and blank lines.
 */
export function parseTraceLine(line: string): TraceFields | undefined {
  const text = line.replace(/\r?\n$/, "").trimStart();
  if (text === "" || text.startsWith("#") || text.startsWith("CPU:")) return undefined;
  const m = LINE_RE.exec(text);
  if (!m) return undefined;
  const task = (m[1] ?? "").trim();
  const tgidText = m[3];
  const tsText = m[6] ?? "";
  const rest = m[7] ?? "";
  const fields: TraceFields = {
    task,
    pid: Number(m[2]),
    cpu: Number(m[4]),
    flags: m[5] ?? "",
    ts: Number(tsText),
    tsText,
    msg: rest,
  };
  if (tgidText !== undefined && /^\d+$/.test(tgidText)) fields.tgid = Number(tgidText);
  const ev = EVENT_RE.exec(rest);
  if (ev) {
    fields.event = ev[1] ?? "";
    fields.msg = rest.slice(ev[0].length);
  }
  return fields;
}

/** A "CPU:<n> [LOST <k> EVENTS]" notice: the ring buffer overran before the reader caught up. */
export interface LostEvents {
  cpu: number;
  lost: number;
}

export function parseLostEvents(line: string): LostEvents | undefined {
  const m = /^\s*CPU:(\d+) \[LOST (\d+) EVENTS\]/.exec(line);
  return m ? { cpu: Number(m[1]), lost: Number(m[2]) } : undefined;
}

/** BCC's tuple order, for code ported from `(task, pid, cpu, flags, ts, msg) = b.trace_fields()`. */
export function traceFieldsTuple(f: TraceFields): [string, number, number, string, number, string] {
  return [f.task, f.pid, f.cpu, f.flags, f.ts, f.msg];
}
