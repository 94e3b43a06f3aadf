/**
 * Creating and removing dynamic probe events through tracefs `kprobe_events` / `uprobe_events`, the
 * legacy path BCC falls back to when the kprobe/uprobe PMUs (perf_event_open type from
 * /sys/bus/event_source/devices/{k,u}probe/type) are unavailable.
 *
 * Each line written defines or deletes one event (Documentation/trace/{kprobetrace,uprobetracer}):
 *   p[:[GRP/]EVENT] TARGET [FETCHARGS]     entry probe
 *   r[MAXACTIVE][:[GRP/]EVENT] TARGET ...  return probe (MAXACTIVE: kprobes only)
 *   -:[GRP/]EVENT                          delete
 * TARGET is SYM[+offs] or MEMADDR for kprobes, PATH:OFFSET[(REF_CTR_OFFSET)] for uprobes, where
 * OFFSET is a file offset, not a virtual address.
 *
 * The files must be opened for append: opening them with O_TRUNC (what a plain "w" open does) makes
 * the kernel delete every probe event on the system, including other tools'.
 *
 * Our events live in group "bcc_ts_<pid>" so that a crashed process's leftovers are recognisable:
 * removeStaleProbes() deletes groups whose pid is gone. (Within a pid namespace, other namespaces'
 * pids look dead; run cleanup where the creating processes are visible.)
 */
import * as fs from "node:fs";
import { errnoCode, TracefsError } from "./errors.ts";
import type { Tracefs } from "./tracefs.ts";

export type ProbeEventsFile = "kprobe_events" | "uprobe_events";
export type ProbeKind = "p" | "r";

export interface ProbeEventEntry {
  kind: ProbeKind;
  /** kretprobe MAXACTIVE ("r16:..."), when given. */
  maxActive?: number;
  group: string;
  event: string;
  /** "do_sys_open+0", "/usr/lib/x86_64-linux-gnu/libc.so.6:0x00000000000d54e0". */
  target: string;
  /** Fetch-arg definitions after the target ("dfd=%di:s32"), if any. */
  args: string[];
  /** The line as listed by the kernel. */
  line: string;
}

export interface ProbeSpec {
  kind: ProbeKind;
  /** Default: probeGroup() (bcc_ts_<our pid>). */
  group?: string;
  event: string;
  target: string;
  args?: readonly string[];
  maxActive?: number;
}

const GROUP_PREFIX = "bcc_ts_";
// The kernel's MAX_EVENT_NAME_LEN is 64 including the NUL.
const MAX_NAME_LEN = 63;

/** Our group name for probes created by `pid`. */
export function probeGroup(pid: number = process.pid): string {
  return `${GROUP_PREFIX}${pid}`;
}

/** The pid embedded in one of our group names, or undefined for anyone else's group. */
export function pidOfProbeGroup(group: string): number | undefined {
  const m = /^bcc_ts_(\d+)$/.exec(group);
  return m ? Number(m[1]) : undefined;
}

/**
 * Make a valid event/group name: the kernel accepts [A-Za-z_][A-Za-z0-9_]* up to 63 characters.
 * BCC does the same for names derived from symbols and paths ("p_libc_so_6_0xd54e0").
 */
export function sanitizeEventName(name: string): string {
  let out = name.replace(/[^A-Za-z0-9_]/g, "_");
  if (!/^[A-Za-z_]/.test(out)) out = `_${out}`;
  return out.slice(0, MAX_NAME_LEN);
}

/** A uprobe TARGET: file offset in hex, optional USDT semaphore (reference counter) offset. */
export function uprobeTarget(path: string, offset: number | bigint, refCtrOffset?: number | bigint): string {
  if (/\s/.test(path)) throw new TracefsError(`uprobe path "${path}" contains whitespace`, "EINVAL");
  const ref = refCtrOffset === undefined ? "" : `(0x${refCtrOffset.toString(16)})`;
  return `${path}:0x${offset.toString(16)}${ref}`;
}

/** A kprobe TARGET: symbol with optional offset. */
export function kprobeTarget(symbol: string, offset = 0): string {
  return offset === 0 ? symbol : `${symbol}+${offset}`;
}

/** Parse one line of kprobe_events/uprobe_events as the kernel lists it. */
export function parseProbeEventLine(line: string): ProbeEventEntry | undefined {
  const m = /^([pr])(\d*):([^/\s]+)\/(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(line.trim());
  if (!m) return undefined;
  const entry: ProbeEventEntry = {
    kind: m[1] as ProbeKind,
    group: m[3] ?? "",
    event: m[4] ?? "",
    target: m[5] ?? "",
    args: (m[6] ?? "").split(/\s+/).filter((a) => a !== ""),
    line: line.trim(),
  };
  if (m[2]) entry.maxActive = Number(m[2]);
  return entry;
}

/** Is a process alive? kill(pid, 0): ESRCH means gone, EPERM means alive but not ours. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) !== "ESRCH";
  }
}

/** kprobe_events or uprobe_events of one tracefs mount. */
export class ProbeEvents {
  readonly path: string;

  constructor(
    readonly tracefs: Tracefs,
    readonly file: ProbeEventsFile,
  ) {
    this.path = tracefs.path(file);
  }

  static kprobes(tracefs: Tracefs): ProbeEvents {
    return new ProbeEvents(tracefs, "kprobe_events");
  }

  static uprobes(tracefs: Tracefs): ProbeEvents {
    return new ProbeEvents(tracefs, "uprobe_events");
  }

  /** False when the kernel lacks this interface (e.g. CONFIG_KPROBE_EVENTS off: no kprobe_events). */
  available(): boolean {
    return fs.existsSync(this.path);
  }

  list(): ProbeEventEntry[] {
    let text: string;
    try {
      text = fs.readFileSync(this.path, "utf8");
    } catch (err) {
      throw this.#error("read", err);
    }
    const out: ProbeEventEntry[] = [];
    for (const line of text.split("\n")) {
      const entry = parseProbeEventLine(line);
      if (entry) out.push(entry);
    }
    return out;
  }

  /** Our entries (group bcc_ts_<pid>), by default this process's. */
  listOwn(pid: number = process.pid): ProbeEventEntry[] {
    const group = probeGroup(pid);
    return this.list().filter((e) => e.group === group);
  }

  /** Define an event. Its tracepoint id is then `tracefs.eventId(group, event)`. */
  add(spec: ProbeSpec): { group: string; event: string } {
    const group = spec.group ?? probeGroup();
    checkProbeName("group", group);
    checkProbeName("event", spec.event);
    if (spec.maxActive !== undefined && spec.kind !== "r") {
      throw new TracefsError("maxActive only applies to return probes", "EINVAL");
    }
    const head = `${spec.kind}${spec.maxActive ?? ""}:${group}/${spec.event}`;
    const line = [head, spec.target, ...(spec.args ?? [])].join(" ");
    this.#write(line);
    return { group, event: spec.event };
  }

  /**
   * Define an event and get a handle that deletes it on dispose. Close perf events opened on it
   * first: the kernel refuses (EBUSY) to delete an event in use.
   */
  create(spec: ProbeSpec): OwnedProbeEvent {
    const { group, event } = this.add(spec);
    return new OwnedProbeEvent(this, group, event);
  }

  /** Delete an event. Returns false when it did not exist. */
  remove(group: string, event: string): boolean {
    checkProbeName("group", group);
    checkProbeName("event", event);
    // Without the file, ENOENT would mean "no such interface", not "no such event".
    if (!this.available()) throw this.#error("open", Object.assign(new Error("ENOENT"), { code: "ENOENT" }));
    try {
      this.#write(`-:${group}/${event}`);
      return true;
    } catch (err) {
      if (err instanceof TracefsError && err.code === "ENOENT") return false;
      throw err;
    }
  }

  /**
   * Delete entries of bcc_ts_<pid> groups whose process is gone. Entries still in use (EBUSY: some
   * perf event holds them) are skipped. Returns what was removed.
   */
  removeStale(isAlive: (pid: number) => boolean = pidAlive): ProbeEventEntry[] {
    const removed: ProbeEventEntry[] = [];
    for (const entry of this.list()) {
      const pid = pidOfProbeGroup(entry.group);
      if (pid === undefined || pid === process.pid || isAlive(pid)) continue;
      try {
        if (this.remove(entry.group, entry.event)) removed.push(entry);
      } catch (err) {
        if (!(err instanceof TracefsError && err.code === "EBUSY")) throw err;
      }
    }
    return removed;
  }

  #write(line: string): void {
    const before = this.#errorLog();
    let fd: number;
    try {
      // O_APPEND and never O_TRUNC: truncating would delete every probe event on the system.
      fd = fs.openSync(this.path, fs.constants.O_WRONLY | fs.constants.O_APPEND);
    } catch (err) {
      throw this.#error("open", err);
    }
    try {
      fs.writeSync(fd, `${line}\n`);
    } catch (err) {
      throw this.#error(`write "${line}" to`, err, this.#newErrorLogLine(before));
    } finally {
      fs.closeSync(fd);
    }
  }

  #error(action: string, err: unknown, detail?: string): TracefsError {
    const code = errnoCode(err) ?? "EIO";
    let hint = "";
    if (code === "ENOENT" && action === "open") hint = `: this kernel has no ${this.file} (CONFIG_${this.file === "kprobe_events" ? "KPROBE" : "UPROBE"}_EVENTS off?)`;
    else if (code === "EACCES" || code === "EPERM") hint = ": run as root";
    else if (code === "EEXIST") hint = ": an event of that name already exists (remove it first)";
    else if (code === "EBUSY") hint = ": the event is in use (close perf events attached to it first)";
    const why = detail ? ` (kernel: ${detail})` : "";
    return new TracefsError(`cannot ${action} ${this.path}: ${code}${why}${hint}`, code, this.path, { cause: err });
  }

  // The kernel explains rejected definitions in error_log (5.5+); we report the newest line that
  // appeared during our write. It is a ring shared with other writers, hence the before/after diff.
  #errorLog(): string {
    try {
      return fs.readFileSync(this.tracefs.path("error_log"), "utf8");
    } catch {
      return "";
    }
  }

  #newErrorLogLine(before: string): string | undefined {
    const after = this.#errorLog();
    if (after === before || after === "") return undefined;
    const lines = after.split("\n").filter((l) => /error:/.test(l) && !before.includes(l));
    return lines.at(-1)?.replace(/^\[\s*[\d.]+\]\s*/, "").trim();
  }
}

/** A probe event we defined; deleting it is the dispose action. */
export class OwnedProbeEvent implements Disposable {
  #removed = false;

  constructor(
    readonly events: ProbeEvents,
    readonly group: string,
    readonly event: string,
  ) {}

  /** Tracepoint id of the event, for perf_event_open(PERF_TYPE_TRACEPOINT). */
  get id(): number {
    return this.events.tracefs.eventId(this.group, this.event);
  }

  /** Delete the event (idempotent; a concurrent deletion by someone else is fine). */
  remove(): void {
    if (this.#removed) return;
    this.events.remove(this.group, this.event);
    this.#removed = true;
  }

  [Symbol.dispose](): void {
    this.remove();
  }
}

/** removeStale on both kprobe_events and uprobe_events (whichever exist). */
export function removeStaleProbes(tracefs: Tracefs, isAlive: (pid: number) => boolean = pidAlive): ProbeEventEntry[] {
  const removed: ProbeEventEntry[] = [];
  for (const events of [ProbeEvents.kprobes(tracefs), ProbeEvents.uprobes(tracefs)]) {
    if (events.available()) removed.push(...events.removeStale(isAlive));
  }
  return removed;
}

function checkProbeName(what: string, name: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name.length > MAX_NAME_LEN) {
    throw new TracefsError(
      `invalid probe ${what} name "${name}": use [A-Za-z_][A-Za-z0-9_]* up to ${MAX_NAME_LEN} characters (sanitizeEventName)`,
      "EINVAL",
    );
  }
}
