/**
 * @fileoverview The JavaScript that runs inside QuickJS before the script: the guest half of the
 * BCC API. It is written here as an ordinary function so the type checker sees it, and shipped to
 * the guest as its source text (`GUEST_PRELUDE`), so it must not use anything from its module scope.
 *
 * The host exposes three functions (removed from the global object before the script runs):
 *   call(json, fns)  synchronous request → tagged-JSON reply {ok} | {err}
 *   wait(json)       the same for blocking requests (sleep, polls, trace_pipe): async on the host,
 *                    synchronous to the guest (QuickJS asyncify), so Ctrl-C can interrupt them
 *   write(fd, text)  stdout/stderr
 * Event batches come back from wait/call as [json, ArrayBuffer]: one transition per poll, and the
 * guest views each record's bytes in place.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyFn = (...args: any[]) => any;

interface GuestHost {
  call(json: string, fns: AnyFn[]): any;
  wait(json: string): any;
  write(fd: number, text: string): void;
}

export interface GuestConfig {
  argv: string[];
  pid: number;
  cwd: string;
  bpfStatics: string[];
  bpfConstants: Record<string, number>;
  columns: number;
}

function guestPrelude(host: GuestHost, config: GuestConfig): void {
  const G = globalThis as any;
  const TAG = "\u0001";

  // ------------------------------------------------------------ codec (twin of marshal.ts)
  function enc(value: unknown, fns: AnyFn[]): string {
    const text = JSON.stringify(value, function (this: any, key: string) {
      const raw = this[key];
      switch (typeof raw) {
        case "bigint": return TAG + "b" + raw.toString();
        case "undefined": return TAG + "U";
        case "number": return Number.isFinite(raw) ? raw : TAG + "n" + String(raw);
        case "string": return raw.charCodeAt(0) === 1 ? TAG + "s" + raw : raw;
        case "function": fns.push(raw); return TAG + "f" + (fns.length - 1);
        case "symbol": return undefined;
        default: break;
      }
      if (raw instanceof Uint8Array) {
        let s = "";
        for (let i = 0; i < raw.length; i++) s += String.fromCharCode(raw[i]!);
        return TAG + "u" + s;
      }
      if (raw instanceof RegExp) return TAG + "r" + raw.flags + "/" + raw.source;
      if (raw instanceof Map) return [...raw.entries()];
      if (raw instanceof Set) return [...raw.values()];
      return raw;
    });
    return text === undefined ? JSON.stringify(TAG + "U") : text;
  }
  function revive(_k: string, v: unknown): unknown {
    if (typeof v !== "string" || v.charCodeAt(0) !== 1) return v;
    const body = v.slice(2);
    switch (v[1]) {
      case "b": return BigInt(body);
      case "U": return undefined;
      case "n": return Number(body);
      case "s": return body;
      case "r": {
        const slash = body.indexOf("/");
        return new RegExp(body.slice(slash + 1), body.slice(0, slash));
      }
      case "u": {
        const out = new Uint8Array(body.length);
        for (let i = 0; i < body.length; i++) out[i] = body.charCodeAt(i) & 0xff;
        return out;
      }
      default: return v;
    }
  }
  function dec(text: string): any {
    return text.indexOf("\\u0001") < 0 ? JSON.parse(text) : JSON.parse(text, revive);
  }

  // ------------------------------------------------------------ errors
  class BPFError extends Error { constructor(m?: string) { super(m); this.name = "BPFError"; } }
  class CompileError extends BPFError { constructor(m?: string) { super(m); this.name = "CompileError"; } }
  class PermissionError extends Error { constructor(m?: string) { super(m); this.name = "PermissionError"; } }
  class KeyboardInterrupt extends Error { constructor(m?: string) { super(m ?? "interrupted"); this.name = "KeyboardInterrupt"; } }
  class USDTError extends Error { constructor(m?: string) { super(m); this.name = "USDTError"; } }
  class SystemExit extends Error {
    declare code: number;
    constructor(code: number) { super("exit " + code); this.name = "SystemExit"; this.code = code; }
  }
  const errorTypes: Record<string, new (m?: string) => Error> = { BPFError, CompileError, PermissionError, KeyboardInterrupt, USDTError, TypeError, RangeError };
  function toError(e: { name: string; message: string; code?: number; base?: string; userFacing?: boolean }): Error {
    if (e.name === "SystemExit") return new SystemExit(e.code ?? 0);
    const C = errorTypes[e.name] ?? (e.base ? errorTypes[e.base] : undefined);
    const err = C ? new C(e.message) : new Error(e.message);
    err.name = e.name;
    // A bcc-ts error that explains itself: reported uncaught as its message alone (sandbox.ts).
    if (e.userFacing) (err as any).userFacing = true;
    return err;
  }
  function reply(r: any): any {
    if (Array.isArray(r)) return r; // an event batch: [json, ArrayBuffer]
    const m = dec(r);
    if (m.err) throw toError(m.err);
    return m.ok;
  }
  function call(...req: unknown[]): any {
    const fns: AnyFn[] = [];
    return reply(host.call(enc(req, fns), fns));
  }
  function wait(...req: unknown[]): any {
    return reply(host.wait(enc(req, [])));
  }
  function write(fd: number, text: string): void {
    host.write(fd, text);
  }

  // ------------------------------------------------------------ console
  function inspect(v: unknown, depth: number, top: boolean): string {
    switch (typeof v) {
      case "string": return top ? v : "'" + v + "'";
      case "bigint": return v.toString() + "n";
      case "function": return "[Function: " + (v.name || "(anonymous)") + "]";
      case "undefined": return "undefined";
      case "object": break;
      default: return String(v);
    }
    if (v === null) return "null";
    if (v instanceof Error) return v.stack ? v.name + ": " + v.message + "\n" + v.stack : v.name + ": " + v.message;
    if (depth > 3) return Array.isArray(v) ? "[Array]" : "[Object]";
    if (v instanceof Uint8Array) return "Uint8Array(" + v.length + ") [ " + Array.from(v.slice(0, 50)).join(", ") + (v.length > 50 ? ", ..." : "") + " ]";
    if (Array.isArray(v)) return v.length === 0 ? "[]" : "[ " + v.map((x) => inspect(x, depth + 1, false)).join(", ") + " ]";
    if (v instanceof Map) return "Map(" + v.size + ") { " + [...v].map(([k, x]) => inspect(k, depth + 1, false) + " => " + inspect(x, depth + 1, false)).join(", ") + " }";
    const keys = Object.keys(v);
    if (keys.length === 0) return "{}";
    return "{ " + keys.map((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : "'" + k + "'") + ": " + inspect((v as any)[k], depth + 1, false)).join(", ") + " }";
  }
  function format(args: unknown[]): string {
    let i = 0;
    let head = "";
    if (typeof args[0] === "string" && args.length > 1 && args[0].indexOf("%") >= 0) {
      i = 1;
      head = args[0].replace(/%([sdifjoO%])/g, (m, c: string) => {
        if (c === "%") return "%";
        if (i >= args.length) return m;
        const a = args[i++];
        switch (c) {
          case "s": return typeof a === "string" ? a : inspect(a, 1, false);
          case "d": case "i": return typeof a === "bigint" ? a.toString() + "n" : String(c === "i" ? Math.trunc(Number(a)) : Number(a));
          case "f": return String(Number(a));
          case "j": return JSON.stringify(a);
          default: return inspect(a, 0, false);
        }
      });
    }
    const rest = args.slice(i).map((a) => inspect(a, 0, true));
    return (i > 0 ? [head, ...rest] : rest).join(" ");
  }
  const out = (fd: number) => (...args: unknown[]) => write(fd, format(args) + "\n");
  G.console = { log: out(1), info: out(1), debug: out(1), warn: out(2), error: out(2), trace: out(2) };

  // ------------------------------------------------------------ time
  function sleep(seconds: number): void {
    wait("sleep", Number(seconds) * 1000);
  }
  interface Timer { id: number; at: number; fn: AnyFn; args: unknown[]; every?: number }
  const timers = new Map<number, Timer>();
  let nextTimer = 1;
  function addTimer(fn: AnyFn, ms: unknown, args: unknown[], repeat: boolean): number {
    if (typeof fn !== "function") throw new TypeError("the callback must be a function");
    const delay = Math.max(0, Number(ms) || 0);
    const t: Timer = { id: nextTimer++, at: Date.now() + delay, fn, args };
    if (repeat) t.every = Math.max(1, delay);
    timers.set(t.id, t);
    return t.id;
  }
  G.setTimeout = (fn: AnyFn, ms?: number, ...args: unknown[]) => addTimer(fn, ms, args, false);
  G.setInterval = (fn: AnyFn, ms?: number, ...args: unknown[]) => addTimer(fn, ms, args, true);
  G.clearTimeout = G.clearInterval = (id: number) => void timers.delete(id);
  G.setImmediate = (fn: AnyFn, ...args: unknown[]) => addTimer(fn, 0, args, false);
  G.queueMicrotask = (fn: AnyFn) => void Promise.resolve().then(fn);
  const t0 = Date.now();
  G.performance = { now: () => Date.now() - t0, timeOrigin: t0 };
  /** Runs the next due timer (sleeping until it is due); false when none are left. The host loops. */
  G.__bccRunTimer = (): boolean => {
    let next: Timer | undefined;
    for (const t of timers.values()) if (!next || t.at < next.at) next = t;
    if (!next) return false;
    const delay = next.at - Date.now();
    if (delay > 0) sleep(delay / 1000);
    if (!timers.has(next.id)) return timers.size > 0;
    if (next.every !== undefined) next.at += next.every;
    else timers.delete(next.id);
    next.fn(...next.args);
    return timers.size > 0;
  };

  // ------------------------------------------------------------ process
  const stream = (fd: number) => ({ write: (s: unknown) => { write(fd, typeof s === "string" ? s : s instanceof Uint8Array ? String.fromCharCode(...s) : String(s)); return true; }, isTTY: false, columns: config.columns, fd });
  function exit(code?: number): never {
    const c = code === undefined ? (G.process.exitCode ?? 0) : Number(code) | 0;
    call("exit", c);
    throw new SystemExit(c);
  }
  G.process = {
    argv: config.argv.slice(),
    env: {},
    pid: config.pid,
    platform: "linux",
    arch: "x64",
    versions: {},
    version: "",
    exitCode: undefined,
    exit,
    cwd: () => config.cwd,
    stdout: stream(1),
    stderr: stream(2),
    hrtime: Object.assign((prev?: [number, number]) => {
      const ns = BigInt(Math.round(G.performance.now() * 1e6));
      const s = Number(ns / 1000000000n), n = Number(ns % 1000000000n);
      return prev ? [s - prev[0], n - prev[1]] : [s, n];
    }, { bigint: () => BigInt(Math.round(G.performance.now() * 1e6)) }),
    on: () => G.process,
    once: () => G.process,
    off: () => G.process,
    nextTick: (fn: AnyFn, ...args: unknown[]) => void Promise.resolve().then(() => fn(...args)),
  };
  G.require = (name: string) => { throw new PermissionError("permission denied: require(" + JSON.stringify(String(name)) + ") is not available in the sandbox"); };
  G.fetch = () => { throw new PermissionError("permission denied: the sandbox has no network access"); };

  // ------------------------------------------------------------ perf / ring buffer batches
  interface Handler { kind: "perf" | "ring"; cb: AnyFn; lost?: AnyFn }
  const handlers = new Map<string, Handler>();
  const decoded = new WeakMap<Uint8Array, unknown>();
  function dispatch(r: [string, ArrayBuffer]): number {
    const m = dec(r[0]);
    if (m.err) throw toError(m.err);
    const batch = m.ok as { records: [string, number, number, number, unknown?][]; lost: [string, number][]; count: number };
    for (const [key, cpu, off, len, ev] of batch.records) {
      const h = handlers.get(key);
      if (!h) continue;
      const data = new Uint8Array(r[1], off, len);
      if (ev !== undefined) decoded.set(data, ev);
      if (h.kind === "perf") h.cb(cpu, data, len);
      else h.cb(null, data, len);
    }
    for (const [key, n] of batch.lost) {
      const h = handlers.get(key);
      if (h?.lost) h.lost(n);
      else write(2, "bcc-ts: lost " + n + " samples from perf buffer " + key.split("\u0000")[1] + " (pass lost_cb to handle them, or a larger page_cnt)\n");
    }
    return batch.count;
  }

  // ------------------------------------------------------------ tables and the BPF class
  const hidden = (o: object, k: string, v: unknown) => Object.defineProperty(o, k, { value: v, enumerable: false, configurable: true, writable: true });

  class Table {
    declare readonly __bpf: number;
    declare readonly name: string;
    declare readonly kind: string;
    constructor(bpf: number, name: string, info: { kind: string; methods: string[] }) {
      hidden(this, "__bpf", bpf);
      hidden(this, "name", name);
      hidden(this, "kind", info.kind);
      for (const m of info.methods) {
        if (m in Table.prototype) continue;
        hidden(this, m, (...args: unknown[]) => call("table.call", bpf, name, m, ...args));
      }
    }
    open_perf_buffer(cb: AnyFn, opts: { page_cnt?: number; lost_cb?: AnyFn; wakeup_events?: number } = {}): void {
      const key = this.__bpf + "\u0000" + this.name;
      call("table.open", this.__bpf, this.name, "perf", { page_cnt: opts.page_cnt, wakeup_events: opts.wakeup_events });
      handlers.set(key, { kind: "perf", cb, ...(opts.lost_cb ? { lost: opts.lost_cb } : {}) });
    }
    close_perf_buffer(): void {
      call("table.close", this.__bpf, this.name);
      handlers.delete(this.__bpf + "\u0000" + this.name);
    }
    open_ring_buffer(cb: AnyFn): void {
      call("table.open", this.__bpf, this.name, "ring", {});
      handlers.set(this.__bpf + "\u0000" + this.name, { kind: "ring", cb });
    }
    event(data: Uint8Array): unknown {
      const ev = decoded.get(data);
      if (ev !== undefined) return ev;
      return call("table.call", this.__bpf, this.name, "event", data);
    }
    [Symbol.iterator](): Iterator<unknown> {
      return (call("table.call", this.__bpf, this.name, "keys") as unknown[])[Symbol.iterator]();
    }
  }

  class BPF {
    declare readonly __id: number;
    constructor(opts: Record<string, unknown>) {
      // USDT objects live on the host: send their ids.
      const ctxs = opts && opts.usdt_contexts;
      if (Array.isArray(ctxs)) opts = { ...opts, usdt_contexts: ctxs.map((u) => (u instanceof USDT ? { usdt: u.__id } : u)) };
      const info = call("bpf.new", opts) as { id: number; methods: string[]; tables: string[] };
      hidden(this, "__id", info.id);
      hidden(this, "__tables", new Map<string, Table>());
      for (const m of info.methods) {
        if (m in BPF.prototype) continue;
        hidden(this, m, (...args: unknown[]) => call("bpf.call", info.id, m, ...args));
      }
      for (const t of info.tables) {
        if (t in this) continue;
        Object.defineProperty(this, t, { get: () => this.get_table(t), enumerable: false, configurable: true });
      }
    }
    get_table(name: string): Table {
      const cache = (this as any).__tables as Map<string, Table>;
      let t = cache.get(name);
      if (!t) {
        t = new Table(this.__id, name, call("table.info", this.__id, name));
        cache.set(name, t);
      }
      return t;
    }
    trace_print(opts: { fmt?: string } = {}): never {
      wait("trace_print", this.__id, opts.fmt);
      throw new BPFError("trace_print ended");
    }
    trace_readline(opts: { nonblocking?: boolean } = {}): string | undefined {
      return wait("trace_readline", this.__id, Boolean(opts.nonblocking));
    }
    trace_fields(opts: { nonblocking?: boolean } = {}): unknown[] {
      const f = wait("trace_fields", this.__id, Boolean(opts.nonblocking));
      return f ?? [undefined, undefined, undefined, undefined, undefined, undefined];
    }
    perf_buffer_poll(timeout = -1): number {
      return dispatch(wait("poll", this.__id, "perf", timeout));
    }
    ring_buffer_poll(timeout = -1): number {
      return dispatch(wait("poll", this.__id, "ring", timeout));
    }
    perf_buffer_consume(): number {
      return dispatch(call("consume", this.__id, "perf"));
    }
    ring_buffer_consume(): number {
      return dispatch(call("consume", this.__id, "ring"));
    }
    close(): void {
      call("bpf.close", this.__id);
      for (const k of [...handlers.keys()]) if (k.startsWith(this.__id + "\u0000")) handlers.delete(k);
    }
    cleanup(): void {
      this.close();
    }
  }
  /** BCC's USDT context; the probes are found and kept on the host (host-api.ts). */
  class USDT {
    declare readonly __id: number;
    readonly pid: number | undefined;
    readonly path: string | undefined;
    constructor(opts: { pid?: number; path?: string } = {}) {
      const info = call("usdt.new", opts) as { id: number; pid?: number; path?: string };
      hidden(this, "__id", info.id);
      this.pid = info.pid;
      this.path = info.path;
    }
    enable_probe(a: unknown, b?: unknown): void {
      call("usdt.call", this.__id, "enable_probe", a, b);
    }
    enable_probe_or_bail(a: unknown, b?: unknown): void {
      try {
        this.enable_probe(a, b);
      } catch (e) {
        if (!(e instanceof USDTError)) throw e;
        write(2, "Error attaching USDT probes: " + e.message + "\n");
        exit(1);
      }
    }
    enumerate_probes(): { provider: string; name: string; bin_path: string }[] {
      return call("usdt.call", this.__id, "enumerate_probes");
    }
    get_probe_arg_ctypes(probe: string): string[] {
      return call("usdt.call", this.__id, "get_probe_arg_ctypes", probe);
    }
    get enabled(): unknown[] {
      return call("usdt.call", this.__id, "enabled");
    }
  }

  for (const s of config.bpfStatics) (BPF as any)[s] = (...args: unknown[]) => call("bpf.static", s, ...args);
  for (const [k, v] of Object.entries(config.bpfConstants)) (BPF as any)[k] = v;

  // ------------------------------------------------------------ optional modules (permission-checked on the host)
  const fs = {
    readFileSync: (path: string, opts?: string | { encoding?: string }) => call("fs.read", String(path), typeof opts === "string" ? opts : opts?.encoding),
    writeFileSync: (path: string, data: unknown) => void call("fs.write", String(path), data instanceof Uint8Array ? data : String(data), false),
    appendFileSync: (path: string, data: unknown) => void call("fs.write", String(path), data instanceof Uint8Array ? data : String(data), true),
    existsSync: (path: string) => call("fs.exists", String(path)) as boolean,
    readdirSync: (path: string) => call("fs.readdir", String(path)) as string[],
  };
  const childProcess = {
    execFileSync: (file: string, args: string[] = [], opts: { input?: string; encoding?: string } = {}) => call("run", String(file), (args ?? []).map(String), opts.input, opts.encoding),
    execSync: (cmd: string, opts: { input?: string; encoding?: string } = {}) => call("run", "/bin/sh", ["-c", String(cmd)], opts.input, opts.encoding),
  };

  G.sleep = sleep;
  G.KeyboardInterrupt = KeyboardInterrupt;
  G.PermissionError = PermissionError;
  G.__bcc = {
    BPF, BPFError, CompileError, KeyboardInterrupt, PermissionError, USDT, USDTError, sleep,
    print_log2_hist: (...args: unknown[]) => call("bcc.static", "print_log2_hist", ...args),
    print_linear_hist: (...args: unknown[]) => call("bcc.static", "print_linear_hist", ...args),
    fs, childProcess,
    denied: (m: string) => { throw new PermissionError(m); },
    isExit: (e: unknown) => e instanceof SystemExit,
    apply: (fn: AnyFn, json: string) => enc(fn(...(dec(json) as unknown[])), []),
  };
}

/** Source of a function expression the host calls with (host, config). */
export const GUEST_PRELUDE = `(${guestPrelude.toString()})`;
