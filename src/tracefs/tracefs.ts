/**
 * Finding (and if need be mounting) tracefs, and reading the static parts of it: the list of events,
 * their ids and their `format` files.
 *
 * tracefs lives at /sys/kernel/tracing since 4.1; older setups only expose it through debugfs at
 * /sys/kernel/debug/tracing (where the kernel automounts it on first access). Minimal systems and
 * containers often have neither mounted, so as root we mount it ourselves, as `perf` does.
 */
import { createRequire } from "node:module";
import * as fs from "node:fs";
import * as path from "node:path";
import { errnoCode, TracefsError, TracefsEventNotFoundError, TracefsUnavailableError } from "./errors.ts";
import { parseFormat, type EventFormat } from "./format.ts";
import { TracePipe, type TracePipeOptions } from "./trace-pipe.ts";

export const TRACEFS_PATH = "/sys/kernel/tracing";
export const DEBUGFS_TRACING_PATH = "/sys/kernel/debug/tracing";

export interface FindTracefsOptions {
  /** Try `mount -t tracefs nodev /sys/kernel/tracing` when nothing is mounted (root only). Default true. */
  mount?: boolean;
  /** Directories to try, in order. Default: /sys/kernel/tracing, /sys/kernel/debug/tracing. */
  candidates?: readonly string[];
}

/** A directory is a usable tracefs when it has the events/ tree (an unmounted mount point is empty). */
function isTracefsRoot(dir: string): boolean {
  try {
    return fs.statSync(path.join(dir, "events")).isDirectory();
  } catch {
    return false;
  }
}

/** Mount points of tracefs filesystems, from /proc/self/mounts (octal escapes decoded). */
export function tracefsMountPoints(mountsText?: string): string[] {
  let text = mountsText;
  if (text === undefined) {
    try {
      text = fs.readFileSync("/proc/self/mounts", "utf8");
    } catch {
      return [];
    }
  }
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const [, mountPoint, fsType] = line.split(" ");
    if (fsType === "tracefs" && mountPoint !== undefined) {
      out.push(mountPoint.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(Number.parseInt(oct, 8))));
    }
  }
  return out;
}

/**
 * Path of a mounted tracefs. Mounts it at /sys/kernel/tracing when nothing is mounted and we may
 * (root, `mount` option not false). Throws TracefsUnavailableError otherwise.
 */
export function findTracefs(options: FindTracefsOptions = {}): string {
  const candidates = options.candidates ?? [TRACEFS_PATH, DEBUGFS_TRACING_PATH];
  for (const dir of candidates) if (isTracefsRoot(dir)) return dir;
  // Mounted somewhere unusual (a container runtime's choice, an admin's): /proc/self/mounts knows.
  if (options.candidates === undefined) {
    const elsewhere = tracefsMountPoints().find(isTracefsRoot);
    if (elsewhere !== undefined) return elsewhere;
  }

  const target = candidates[0] ?? TRACEFS_PATH;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  let mountFailure = "";
  if (options.mount !== false && isRoot) {
    // Mount on the first candidate whose directory exists (sysfs provides /sys/kernel/tracing
    // since 4.1; /sys/kernel/debug/tracing exists only while debugfs is mounted).
    for (const dir of candidates) {
      if (!fs.existsSync(dir)) continue;
      try {
        // Required here: node:child_process costs ~2 ms to load and is needed only to mount.
        const { execFileSync } = createRequire(import.meta.url)("node:child_process") as typeof import("node:child_process");
        execFileSync("mount", ["-t", "tracefs", "nodev", dir], { stdio: ["ignore", "ignore", "pipe"], timeout: 10_000 });
        if (isTracefsRoot(dir)) return dir;
        mountFailure = ` (mounted ${dir} but it has no events/)`;
      } catch (err) {
        const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
        mountFailure = ` (mount on ${dir} failed: ${stderr || (err as Error).message})`;
      }
      break;
    }
  }
  const hint = isRoot
    ? `mount it with \`mount -t tracefs nodev ${target}\` (needs CONFIG_TRACING)`
    : `run as root, or have root mount it with \`mount -t tracefs nodev ${target}\``;
  throw new TracefsUnavailableError(
    `tracefs is not mounted at ${candidates.join(" or ")}${mountFailure}: ${hint}`,
    "TRACEFS_UNAVAILABLE",
    target,
  );
}

/** "category:event" split into its parts. */
export interface EventName {
  category: string;
  event: string;
}

/**
 * Pattern for listEvents: a RegExp tested against "category:event", or a glob (`*`, `?`, `[...]`).
 * A glob with a ':' is matched against "category:event" and its wildcards do not cross the ':'; a
 * glob without one is matched against the event name alone, in every category.
 */
export type EventPattern = string | RegExp;

export function globToRegExp(glob: string): RegExp {
  const hasColon = glob.includes(":");
  const any = "[^:]";
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? "";
    if (c === "*") re += `${any}*`;
    else if (c === "?") re += any;
    else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) re += "\\[";
      else {
        let set = glob.slice(i + 1, close);
        if (set.startsWith("!")) set = `^${set.slice(1)}`;
        re += `[${set.replace(/\\/g, "\\\\")}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\\/]/g, "\\$&");
  }
  return hasColon ? new RegExp(`^${re}$`) : new RegExp(`^[^:]+:${re}$`);
}

/**
 * One tracefs mount. Holds no kernel resources (every read opens and closes its file), so it needs no
 * disposal; the format cache lives here so that callers decide its lifetime.
 */
export class Tracefs {
  readonly #formats = new Map<string, EventFormat>();

  constructor(readonly root: string) {}

  /** Find or mount tracefs (see findTracefs). */
  static open(options: FindTracefsOptions = {}): Tracefs {
    return new Tracefs(findTracefs(options));
  }

  /** Absolute path of a file under the mount. */
  path(...parts: string[]): string {
    return path.join(this.root, ...parts);
  }

  eventDir(category: string, event: string): string {
    checkName("category", category);
    checkName("event", event);
    return this.path("events", category, event);
  }

  eventExists(category: string, event: string): boolean {
    const dir = this.eventDir(category, event);
    // The ftrace/* internal events have a format but no id file.
    return fs.existsSync(path.join(dir, "id")) || fs.existsSync(path.join(dir, "format"));
  }

  /** The event's id (what perf_event_attr.config takes for PERF_TYPE_TRACEPOINT). */
  eventId(category: string, event: string): number {
    const file = path.join(this.eventDir(category, event), "id");
    if (!fs.existsSync(file) && fs.existsSync(path.join(this.eventDir(category, event), "format"))) {
      // ftrace/* events expose their id only in the format file.
      return this.format(category, event).id;
    }
    const text = this.#readEventFile(file, category, event);
    const id = Number(text.trim());
    if (!Number.isInteger(id) || id < 0) {
      throw new TracefsError(`unexpected content "${text.trim()}" in ${file}`, "TRACEFS_BAD_ID", file);
    }
    return id;
  }

  /** Parsed `format` of an event; cached on this instance (formats do not change while an event exists). */
  format(category: string, event: string): EventFormat {
    const key = `${category}:${event}`;
    const cached = this.#formats.get(key);
    if (cached) return cached;
    const file = path.join(this.eventDir(category, event), "format");
    const parsed = parseFormat(this.#readEventFile(file, category, event), file);
    this.#formats.set(key, parsed);
    return parsed;
  }

  /** Open this mount's trace_pipe (see TracePipe). */
  tracePipe(options?: TracePipeOptions): TracePipe {
    return new TracePipe(this.path("trace_pipe"), options);
  }

  /** Drop cached formats (e.g. after removing and re-adding a dynamic probe event of the same name). */
  clearCache(): void {
    this.#formats.clear();
  }

  /**
   * All events, as "category:event", sorted; filtered by `pattern` when given. Reads
   * available_events (one read) and falls back to walking events/ when that file is unreadable.
   */
  listEvents(pattern?: EventPattern): string[] {
    let names: string[];
    try {
      names = fs
        .readFileSync(this.path("available_events"), "utf8")
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l.includes(":"));
    } catch {
      names = this.#walkEvents();
    }
    const re = pattern === undefined ? undefined : typeof pattern === "string" ? globToRegExp(pattern) : pattern;
    const out = re === undefined ? names : names.filter((n) => {
      re.lastIndex = 0;
      return re.test(n);
    });
    return [...new Set(out)].sort();
  }

  /** listEvents, split into category and event. */
  listEventNames(pattern?: EventPattern): EventName[] {
    return this.listEvents(pattern).map((n) => {
      const i = n.indexOf(":");
      return { category: n.slice(0, i), event: n.slice(i + 1) };
    });
  }

  /** Event categories (directories under events/). */
  categories(): string[] {
    return fs
      .readdirSync(this.path("events"), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  }

  /**
   * Create a tracing instance (instances/<name>): a private ring buffer with its own trace_pipe,
   * trace_marker and event enables, so a reader does not compete with other trace_pipe readers on
   * the machine. Removed on dispose.
   */
  createInstance(name: string): TracefsInstance {
    checkName("instance", name);
    const dir = this.path("instances", name);
    try {
      fs.mkdirSync(dir);
    } catch (err) {
      const code = errnoCode(err) ?? "EIO";
      throw new TracefsError(`cannot create tracing instance ${dir}: ${code}`, code, dir, { cause: err });
    }
    return new TracefsInstance(dir);
  }

  #walkEvents(): string[] {
    const out: string[] = [];
    for (const category of this.categories()) {
      for (const d of fs.readdirSync(this.path("events", category), { withFileTypes: true })) {
        if (d.isDirectory()) out.push(`${category}:${d.name}`);
      }
    }
    return out;
  }

  #readEventFile(file: string, category: string, event: string): string {
    try {
      return fs.readFileSync(file, "utf8");
    } catch (err) {
      const code = errnoCode(err);
      if (code === "ENOENT") throw new TracefsEventNotFoundError(category, event, file);
      throw new TracefsError(
        `cannot read ${file}: ${code ?? (err as Error).message}${code === "EACCES" ? " (tracefs files need root)" : ""}`,
        code ?? "EIO",
        file,
        { cause: err },
      );
    }
  }
}

/** Category and event names are path components: refuse anything that could escape events/. */
function checkName(what: string, name: string): void {
  if (name === "" || name === "." || name === ".." || name.includes("/") || name.includes("\0")) {
    throw new TracefsError(`invalid tracepoint ${what} name "${name}"`, "EINVAL");
  }
}

/** Split "category:event" (BCC's tp="sched:sched_switch" spelling). */
export function splitEventName(name: string): EventName {
  const i = name.indexOf(":");
  if (i <= 0 || i === name.length - 1) {
    throw new TracefsError(`tracepoint name "${name}" is not "category:event"`, "EINVAL");
  }
  return { category: name.slice(0, i), event: name.slice(i + 1) };
}

/** A tracefs instance directory; its event tree shares ids and formats with the top level. */
export class TracefsInstance implements Disposable {
  #removed = false;

  constructor(readonly root: string) {}

  path(...parts: string[]): string {
    return path.join(this.root, ...parts);
  }

  /** Write a line into this instance's buffer through its trace_marker. */
  mark(text: string): void {
    fs.writeFileSync(this.path("trace_marker"), text, { flag: "a" });
  }

  /** Enable or disable an event in this instance only. */
  setEventEnabled(category: string, event: string, enabled: boolean): void {
    checkName("category", category);
    checkName("event", event);
    fs.writeFileSync(this.path("events", category, event, "enable"), enabled ? "1" : "0", { flag: "a" });
  }

  /** rmdir the instance (the kernel refuses with EBUSY while a reader has its trace_pipe open). */
  remove(): void {
    if (this.#removed) return;
    try {
      fs.rmdirSync(this.root);
    } catch (err) {
      if (errnoCode(err) !== "ENOENT") throw err;
    }
    this.#removed = true;
  }

  [Symbol.dispose](): void {
    this.remove();
  }
}
