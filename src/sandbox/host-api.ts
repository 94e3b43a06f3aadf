/**
 * @fileoverview The host half of the guest's BCC API: every request a sandboxed script can make,
 * checked against its Permissions. BPF objects live here, in Node; the guest holds numeric ids.
 *
 * Blocking requests (sleep, polls, trace_pipe reads) are async on the host, so Node's event loop
 * keeps running while the guest waits: Ctrl-C and --timeout abort them through `WaitControl`, and
 * the guest sees a KeyboardInterrupt at the call it was blocked in.
 */
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { isAbsolute, resolve } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { BPF, BPFError, KeyboardInterrupt } from "../bpf/index.ts";
import { USDT } from "../usdt/index.ts";
import { print_log2_hist, print_linear_hist } from "../index.ts";
import { parseTraceLine, TracePipe } from "../tracefs/index.ts";
import { PermissionError, type Permissions } from "./permissions.ts";
import { checkIncludes } from "./include-check.ts";
import { encodeValue } from "./marshal.ts";

/** Where a blocking request learns that it must stop. */
export interface WaitControl {
  /** Starts one blocking wait: the signal aborts on Ctrl-C or at the deadline. Call done() after. */
  begin(): { signal: AbortSignal; done(): void; reason(): "interrupt" | "timeout" | undefined };
}

/** A batch of perf/ring records: JSON metadata plus the records' bytes, end to end. */
export class EventBatch {
  constructor(
    readonly meta: string,
    readonly bytes: Uint8Array,
  ) {}
}

interface Record_ {
  key: string;
  cpu: number;
  data: Uint8Array;
  ev: unknown;
}

interface Entry {
  bpf: BPF;
  /** Methods the guest may call on the object and on each table (computed once). */
  methods: Set<string>;
  tableMethods: Map<string, Set<string>>;
  pipe: TracePipe | undefined;
  records: Record_[];
  lost: [string, number][];
}

export interface HostApiOptions {
  permissions: Permissions;
  scriptDir: string;
  waits: WaitControl;
  stdout: (s: string) => void;
  /** Called when the guest calls exit(code). */
  onExit: (code: number) => void;
}

/** Methods the guest reaches through its own wrappers (or must not reach at all). */
const BPF_SPECIAL = new Set(["constructor", "trace_print", "trace_fields", "trace_readline", "trace_lines", "perf_buffer_poll", "ring_buffer_poll", "poll_async", "perf_buffer_consume", "ring_buffer_consume", "close", "cleanup", "get_table", "load_func_async"]);
const TABLE_SPECIAL = new Set(["constructor", "close", "open_perf_buffer", "close_perf_buffer", "open_ring_buffer", "event"]);

/** Public method names along an object's prototype chain (not Object's). */
export function methodNames(obj: object, skip: ReadonlySet<string>): string[] {
  const names = new Set<string>();
  for (let p = Object.getPrototypeOf(obj) as object | null; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const k of Object.getOwnPropertyNames(p)) {
      if (skip.has(k) || k.startsWith("_")) continue;
      const d = Object.getOwnPropertyDescriptor(p, k);
      if (d && typeof d.value === "function") names.add(k);
    }
  }
  for (const k of Object.keys(obj)) if (typeof (obj as Record<string, unknown>)[k] === "function" && !skip.has(k) && !k.startsWith("_")) names.add(k);
  return [...names];
}

/** BPF's static helpers and numeric constants, as the guest's BPF class gets them. */
export function bpfStatics(): { functions: string[]; constants: Record<string, number> } {
  const functions: string[] = [];
  const constants: Record<string, number> = {};
  for (const k of Object.getOwnPropertyNames(BPF)) {
    const v = (BPF as unknown as Record<string, unknown>)[k];
    if (typeof v === "function" && k !== "prototype") functions.push(k);
    else if (typeof v === "number") constants[k] = v;
  }
  return { functions, constants };
}

export class HostApi {
  readonly #opts: HostApiOptions;
  readonly #bpfs = new Map<number, Entry>();
  /** The guest's USDT contexts (probe lists only: the BPF objects own the attachments). */
  readonly #usdts = new Map<number, USDT>();
  #nextId = 1;
  readonly #statics = new Set(bpfStatics().functions);
  #pendingInterrupt = false;

  constructor(opts: HostApiOptions) {
    this.#opts = opts;
  }

  get permissions(): Permissions {
    return this.#opts.permissions;
  }

  // ------------------------------------------------------------ synchronous requests

  call(req: unknown[]): unknown {
    const [op, ...a] = req;
    switch (op) {
      case "exit": this.#opts.onExit(Number(a[0]) | 0); return undefined;
      case "bpf.new": return this.#newBpf((a[0] ?? {}) as Record<string, unknown>);
      case "bpf.call": {
        const e = this.#entry(a[0]);
        const m = String(a[1]);
        if (!e.methods.has(m)) throw new BPFError(`BPF has no method ${m}`);
        return (e.bpf as unknown as Record<string, (...x: unknown[]) => unknown>)[m]!(...a.slice(2));
      }
      case "bpf.static": {
        const m = String(a[0]);
        if (!this.#statics.has(m)) throw new BPFError(`BPF has no static method ${m}`);
        return (BPF as unknown as Record<string, (...x: unknown[]) => unknown>)[m]!(...a.slice(1));
      }
      case "bpf.close": {
        const e = this.#bpfs.get(Number(a[0]));
        if (e) {
          this.#bpfs.delete(Number(a[0]));
          e.pipe?.close();
          e.bpf.close();
        }
        return undefined;
      }
      case "bcc.static": {
        const f = a[0] === "print_log2_hist" ? print_log2_hist : a[0] === "print_linear_hist" ? print_linear_hist : undefined;
        if (!f) throw new BPFError(`bcc-ts has no function ${String(a[0])}`);
        return (f as (...x: unknown[]) => unknown)(...a.slice(1));
      }
      case "usdt.new": {
        const o = (a[0] ?? {}) as { pid?: unknown; path?: unknown };
        // Like attach_uprobe's binary, the USDT's program and libraries are read as tracing: no flag.
        const u = new USDT({ ...(o.pid !== undefined ? { pid: Number(o.pid) } : {}), ...(o.path !== undefined ? { path: String(o.path) } : {}) });
        const id = this.#nextId++;
        this.#usdts.set(id, u);
        return { id, pid: u.pid, path: u.path };
      }
      case "usdt.call": {
        const u = this.#usdts.get(Number(a[0]));
        if (!u) throw new BPFError("no such USDT object");
        switch (a[1]) {
          case "enable_probe":
            if (typeof a[2] === "string") u.enable_probe(a[2], String(a[3] ?? ""));
            else u.enable_probe(a[2] as { probe: string; fn_name: string });
            return undefined;
          case "enumerate_probes": return u.enumerate_probes();
          case "get_probe_arg_ctypes": return u.get_probe_arg_ctypes(String(a[2]));
          case "enabled": return u.enabled;
          default: throw new BPFError(`USDT has no method ${String(a[1])}`);
        }
      }
      case "table.info": {
        const t = this.#table(a[0], a[1]);
        return { kind: t.constructor.name, methods: [...this.#tableMethods(a[0], String(a[1]), t)] };
      }
      case "table.call": {
        const t = this.#table(a[0], a[1]) as unknown as Record<string, (...x: unknown[]) => unknown>;
        const m = String(a[2]);
        if (m !== "event" && !this.#tableMethods(a[0], String(a[1]), t).has(m)) throw new BPFError(`table ${String(a[1])} has no method ${m}`);
        return t[m]!(...a.slice(3));
      }
      case "table.open": return this.#openBuffer(a[0], String(a[1]), a[2] === "ring" ? "ring" : "perf", (a[3] ?? {}) as { page_cnt?: number; wakeup_events?: number });
      case "table.close": {
        const t = this.#table(a[0], a[1]) as unknown as { close_perf_buffer?: () => void };
        t.close_perf_buffer?.();
        return undefined;
      }
      case "consume": {
        const e = this.#entry(a[0]);
        e.records = [];
        e.lost = [];
        const n = a[1] === "ring" ? e.bpf.ring_buffer_consume() : e.bpf.perf_buffer_consume();
        return this.#batch(e, n);
      }
      case "fs.read": {
        const path = this.permissions.checkRead(String(a[0]));
        const enc = a[1] === undefined ? undefined : String(a[1]);
        return enc === undefined ? new Uint8Array(readFileSync(path)) : readFileSync(path, enc as BufferEncoding);
      }
      case "fs.write": {
        const path = this.permissions.checkWrite(String(a[0]));
        const data = a[1] instanceof Uint8Array ? a[1] : String(a[1]);
        if (a[2] === true) appendFileSync(path, data);
        else writeFileSync(path, data);
        return undefined;
      }
      case "fs.exists": return existsSync(this.permissions.checkRead(String(a[0])));
      case "fs.readdir": return readdirSync(this.permissions.checkRead(String(a[0])));
      case "run": {
        const file = String(a[0]);
        this.permissions.checkRun(file);
        const args = Array.isArray(a[1]) ? a[1].map(String) : [];
        const out = execFileSync(file, args, { input: a[2] === undefined ? undefined : String(a[2]), stdio: ["pipe", "pipe", "inherit"], maxBuffer: 64 << 20 });
        return a[3] === "buffer" ? new Uint8Array(out) : out.toString(a[3] === undefined ? "utf8" : String(a[3]) as BufferEncoding);
      }
      default: throw new BPFError(`unknown sandbox request ${String(op)}`);
    }
  }

  // ------------------------------------------------------------ blocking requests

  async wait(req: unknown[]): Promise<unknown> {
    const [op, ...a] = req;
    if (this.#pendingInterrupt) {
      this.#pendingInterrupt = false;
      throw new KeyboardInterrupt();
    }
    const w = this.#opts.waits.begin();
    try {
      const fail = (): never => {
        if (w.reason() === "timeout") throw new SandboxTimeout();
        throw new KeyboardInterrupt();
      };
      if (w.signal.aborted) fail();
      switch (op) {
        case "sleep": {
          // Node timers overflow past 2^31-1 ms (and then fire at once): sleep in chunks.
          const until = Date.now() + Math.max(0, Number(a[0]) || 0);
          for (let left = until - Date.now(); left > 0; left = until - Date.now()) {
            await delay(Math.min(left, 0x7fffffff), undefined, { signal: w.signal }).catch(() => undefined);
            if (w.signal.aborted) fail();
          }
          return undefined;
        }
        case "poll": {
          const e = this.#entry(a[0]);
          e.records = [];
          e.lost = [];
          const timeout = Number(a[2]);
          const n = await e.bpf.poll_async(Number.isFinite(timeout) ? timeout : -1, w.signal);
          if (w.signal.aborted) {
            if (e.records.length === 0 && e.lost.length === 0) fail();
            // Records arrived with the Ctrl-C: deliver them, and the interrupt at the next wait.
            if (w.reason() === "interrupt") this.#pendingInterrupt = true;
          }
          return this.#batch(e, n);
        }
        case "trace_print": {
          const pipe = this.#pipe(a[0]);
          const fmt = a[1] === undefined ? undefined : String(a[1]);
          for (;;) {
            const line = await pipe.nextLine(undefined, w.signal);
            if (w.signal.aborted) fail();
            if (line === undefined) throw new BPFError("trace_pipe was closed");
            if (fmt === undefined) {
              this.#opts.stdout(`${line}\n`);
              continue;
            }
            const f = parseTraceLine(line);
            if (!f) continue;
            const fields: (string | number)[] = [f.task, f.pid, f.cpu, f.flags, f.ts, f.msg];
            this.#opts.stdout(`${fmt.replace(/\{(\d+)\}/g, (_, i: string) => String(fields[Number(i)] ?? ""))}\n`);
          }
        }
        case "trace_readline": {
          const line = await this.#pipe(a[0]).nextLine(a[1] === true ? 0 : undefined, w.signal);
          if (w.signal.aborted) fail();
          return line;
        }
        case "trace_fields": {
          const pipe = this.#pipe(a[0]);
          for (;;) {
            const line = await pipe.nextLine(a[1] === true ? 0 : undefined, w.signal);
            if (w.signal.aborted) fail();
            if (line === undefined) return undefined;
            const f = parseTraceLine(line);
            if (f) return [f.task, f.pid, f.cpu, f.flags, f.ts, f.msg];
          }
        }
        default: throw new BPFError(`unknown sandbox request ${String(op)}`);
      }
    } finally {
      w.done();
    }
  }

  /** Closes every BPF object the guest created. */
  closeAll(): void {
    for (const e of this.#bpfs.values()) {
      try {
        e.pipe?.close();
        e.bpf.close();
      } catch {
        // Cleanup continues over a failing object; the kernel reclaims fd-owned objects.
      }
    }
    this.#bpfs.clear();
    this.#usdts.clear();
  }

  // ------------------------------------------------------------ helpers

  #newBpf(o: Record<string, unknown>): { id: number; methods: string[]; tables: string[] } {
    const opts: { text?: string; src_file?: string; cflags?: string[]; debug?: number; usdt_contexts?: USDT[] } = {};
    if (o.text !== undefined) opts.text = String(o.text);
    if (o.src_file !== undefined && opts.text === undefined) opts.src_file = this.#srcFile(String(o.src_file));
    if (Array.isArray(o.cflags)) opts.cflags = o.cflags.map(String);
    if (o.debug !== undefined) opts.debug = Number(o.debug);
    if (o.usdt_contexts !== undefined) {
      if (!Array.isArray(o.usdt_contexts)) throw new BPFError("new BPF(): usdt_contexts must be an array of USDT objects");
      opts.usdt_contexts = o.usdt_contexts.map((c: unknown) => {
        const u = this.#usdts.get(Number((c as { usdt?: unknown } | null)?.usdt));
        if (!u) throw new BPFError("new BPF(): usdt_contexts must hold USDT objects (new USDT({ pid }) or new USDT({ path }))");
        return u;
      });
    }
    if (opts.text === undefined && opts.src_file === undefined) throw new BPFError("new BPF() needs { text } or { src_file }");
    // The compiler reads #include files on the host: they must be readable by the script too.
    const text = opts.text ?? readFileSync(opts.src_file!, "utf8");
    checkIncludes(text, opts.src_file ?? resolve(this.permissions.cwd, "<text>"), opts.cflags ?? [], this.permissions);
    const bpf = new BPF({ ...opts, log: (line) => process.stderr.write(`${line}\n`) });
    const id = this.#nextId++;
    const methods = new Set(methodNames(bpf, BPF_SPECIAL));
    this.#bpfs.set(id, { bpf, methods, tableMethods: new Map(), pipe: undefined, records: [], lost: [] });
    return { id, methods: [...methods], tables: bpf.spec.maps.map((m) => m.name) };
  }

  /** BCC's lookup: the path as given (from the working directory), else next to the script. */
  #srcFile(given: string): string {
    const fromCwd = resolve(this.permissions.cwd, given);
    const path = isAbsolute(given) || existsSync(fromCwd) ? fromCwd : resolve(this.#opts.scriptDir, given);
    return this.permissions.checkRead(path);
  }

  #entry(id: unknown): Entry {
    const e = this.#bpfs.get(Number(id));
    if (!e) throw new BPFError("this BPF object is closed");
    return e;
  }

  #table(id: unknown, name: unknown): object {
    return this.#entry(id).bpf.get_table(String(name)) as object;
  }

  #tableMethods(id: unknown, name: string, table: object): Set<string> {
    const e = this.#entry(id);
    let m = e.tableMethods.get(name);
    if (!m) {
      m = new Set(methodNames(table, TABLE_SPECIAL));
      e.tableMethods.set(name, m);
    }
    return m;
  }

  #pipe(id: unknown): TracePipe {
    const e = this.#entry(id);
    e.pipe ??= new TracePipe(e.bpf.tracefs);
    return e.pipe;
  }

  #openBuffer(id: unknown, name: string, kind: "perf" | "ring", o: { page_cnt?: number; wakeup_events?: number }): undefined {
    const e = this.#entry(id);
    const table = e.bpf.get_table(name) as unknown as {
      event(d: Uint8Array): unknown;
      open_perf_buffer?: (cb: (cpu: number, data: Uint8Array) => void, opts: object) => void;
      open_ring_buffer?: (cb: (ctx: unknown, data: Uint8Array) => void) => void;
    };
    const key = `${String(id)}\u0000${name}`;
    // Records are decoded here, where the codec is, while they are collected: the guest's
    // table.event(data) then finds the object without another host call.
    // A table without a recorded event type throws on every decode: find out once, not per record.
    let decodable = true;
    const push = (cpu: number, data: Uint8Array) => {
      let ev: unknown;
      if (decodable) {
        try {
          ev = table.event(data);
        } catch {
          decodable = false;
        }
      }
      e.records.push({ key, cpu, data: data.slice(), ev });
    };
    if (kind === "perf") {
      if (!table.open_perf_buffer) throw new BPFError(`${name} is not a perf event array`);
      table.open_perf_buffer(push, {
        ...(o.page_cnt !== undefined ? { page_cnt: o.page_cnt } : {}),
        ...(o.wakeup_events !== undefined ? { wakeup_events: o.wakeup_events } : {}),
        lost_cb: (n: number) => e.lost.push([key, n]),
      });
    } else {
      if (!table.open_ring_buffer) throw new BPFError(`${name} is not a ring buffer`);
      table.open_ring_buffer((_ctx, data) => push(0, data));
    }
    return undefined;
  }

  #batch(e: Entry, count: number): EventBatch {
    let total = 0;
    for (const r of e.records) total += r.data.length;
    const bytes = new Uint8Array(total);
    // Built as text directly: JSON.stringify with a replacer costs a call per value, and a batch can
    // hold tens of thousands of records. Only decoded events need the tagged encoding.
    const parts: string[] = [];
    let off = 0;
    for (const r of e.records) {
      bytes.set(r.data, off);
      const head = `${JSON.stringify(r.key)},${r.cpu},${off},${r.data.length}`;
      parts.push(r.ev === undefined ? `[${head}]` : `[${head},${encodeValue(r.ev)}]`);
      off += r.data.length;
    }
    const meta = `{"ok":{"records":[${parts.join(",")}],"lost":${JSON.stringify(e.lost)},"count":${JSON.stringify(count)}}}`;
    e.records = [];
    e.lost = [];
    return new EventBatch(meta, bytes);
  }
}

/** The --timeout deadline passed while the guest was blocked. */
export class SandboxTimeout extends Error {
  override readonly name = "SandboxTimeout";
}

export { PermissionError };
