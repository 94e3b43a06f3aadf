/**
 * @fileoverview The BPF class: Python BCC's API in TypeScript. Compile C in-process, create maps,
 * load programs lazily, attach them, and read what they produce. The only module that composes the
 * compiler, the loader, attach, maps and the event readers.
 *
 * Ownership: a BPF object owns every map, program, link, reader and probe it creates; close()
 * (also `using`, and automatic at process exit/SIGINT/SIGTERM) releases them in reverse order:
 * readers → links → programs → maps.
 */
import { existsSync, readFileSync } from "node:fs";
import { release } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "../../frontend-c/index.ts";
import { renderDiagnostics } from "../../frontend-c/diagnostics/index.ts";
import { NodeIncludeHost } from "../../frontend-c/preprocess/node-include-host.ts";
import { BtfExternalTypes, KernelTypes } from "../../frontend-c/kernel-types/index.ts";
import type { CollectionSpec, MapSpec, ProgramSpec } from "../spec/index.ts";
import { type Fd, FdTracker } from "../sys/index.ts";
import { CodecCache } from "../codec/index.ts";
import { createMap, tableFor, PerCpuArray, type AnyTable } from "../maps/index.ts";
import { DROP_COUNTER_MAP } from "../spec/map-spec.ts";
import { FeatureCache } from "../features/index.ts";
import { Tracefs, removeStaleProbes } from "../tracefs/index.ts";
import { loadProgram, type LoadedProgram, parseProbeName, ProgramBtfCache, type ProgKind, ProgramLoadError } from "../programs/index.ts";
import { disassembleLines } from "../isa/index.ts";
import { attachTracepoint, type Link } from "../attach/index.ts";
import { BPFError, CompileError } from "./errors.ts";
import { registerForCleanup, unregisterForCleanup } from "./cleanup.ts";
import { AttachMixin, get_kprobe_functions } from "./attach-methods.ts";
import { OutputState, wrapEventTable } from "./output.ts";
import { kernelUtils } from "./kernel-utils.ts";
import { loadKernelBtf } from "../btf/kernel.ts";
import type { Btf } from "../btf/index.ts";
import { UsdtBinding, type USDT } from "../usdt/index.ts";
import { openCompileCache, RecordingIncludeHost } from "./compile-cache.ts";

export interface BPFOptions {
  /** The C program. */
  text?: string;
  /** Or a file holding it (relative includes resolve from its directory). */
  src_file?: string;
  /** BCC's cflags: -DNAME=VALUE, -UNAME, -Idir. */
  cflags?: readonly string[];
  /** BCC's debug flags: DEBUG_BPF (0x2) dumps each program's instructions with source lines. */
  debug?: number;
  /** USDT contexts whose probes this program attaches to (their bpf_usdt_readarg code is compiled in). */
  usdt_contexts?: readonly USDT[];
  /** Records where each fd was created (tests). */
  fdTracker?: FdTracker;
  /** Where debug output and notices go (default: stderr). */
  log?: (line: string) => void;
}

/** A loaded function, as BCC's load_func returns it. */
export interface BPFFunction {
  name: string;
  fd: number;
  kind: ProgKind;
}

/** compat/include, from the source tree (src/bpf/) or the bundle (dist/). */
const COMPAT_INCLUDE = [resolve(dirname(fileURLToPath(import.meta.url)), "../../compat/include"), resolve(dirname(fileURLToPath(import.meta.url)), "../compat/include")].find((d) => existsSync(d));

export class BPF extends AttachMixin implements Disposable {
  // Program types under BCC's names (BPF.KPROBE, ...), for load_func.
  static readonly SOCKET_FILTER = 1;
  static readonly KPROBE = 2;
  static readonly SCHED_CLS = 3;
  static readonly SCHED_ACT = 4;
  static readonly TRACEPOINT = 5;
  static readonly XDP = 6;
  static readonly PERF_EVENT = 7;
  static readonly RAW_TRACEPOINT = 17;
  static readonly TRACING = 26;
  static readonly LSM = 29;
  static readonly SYSCALL = 31;
  // Debug flags.
  static readonly DEBUG_LLVM_IR = 0x1;
  static readonly DEBUG_BPF = 0x2;
  static readonly DEBUG_PREPROCESSOR = 0x4;
  static readonly DEBUG_SOURCE = 0x8;
  static readonly DEBUG_BPF_REGISTER_STATE = 0x10;
  static readonly DEBUG_BTF = 0x20;

  /** Tables by map name: `b["counts"]` works like BCC's `b["counts"]`. */
  [table: string]: unknown;

  readonly spec: CollectionSpec;
  readonly debug: number;
  readonly sourceText: string;
  readonly sourceFile: string;
  readonly fdTracker: FdTracker | undefined;

  protected readonly maps = new Map<string, Fd>();
  protected readonly tables = new Map<string, AnyTable>();
  protected readonly funcs = new Map<string, LoadedProgram>();
  protected readonly links = new Map<string, Link>();
  protected readonly output: OutputState;
  protected readonly features: FeatureCache;
  protected readonly log: (line: string) => void;
  readonly #codecs = new CodecCache();
  /** Program BTF (func/line info) state shared by this object's loads. */
  readonly #progBtf = new ProgramBtfCache();
  #tracefs: Tracefs | undefined;
  #closed = false;
  /** USDT: the contexts' generated readarg C and their probe sites (src/usdt/). */
  #usdt: UsdtBinding | undefined;

  constructor(options: BPFOptions) {
    super();
    this.debug = options.debug ?? 0;
    this.fdTracker = options.fdTracker;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    if (options.text === undefined && options.src_file === undefined) {
      throw new BPFError("new BPF() needs { text } or { src_file }");
    }
    if (options.text !== undefined) {
      this.sourceText = options.text;
      this.sourceFile = "<text>";
    } else {
      this.sourceFile = resolve(options.src_file!);
      try {
        this.sourceText = readFileSync(this.sourceFile, "utf8");
      } catch (err) {
        throw new BPFError(`cannot read ${options.src_file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
    }
    // USDT: number the probe sites and generate their bpf_usdt_readarg C before compiling (#compile
    // reads it as a forced include).
    if (options.usdt_contexts && options.usdt_contexts.length > 0) this.#usdt = new UsdtBinding(options.usdt_contexts);
    this.features = new FeatureCache({ tracefs: this.#tracefsRootOrUndefined() });
    this.spec = this.#compile([kernelVersionDefine(), ...(options.cflags ?? [])]);
    this.output = new OutputState(this);
    registerForCleanup(this);
    try {
      this.#createMaps();
      // USDT: attach every enabled probe site now that the maps exist (the BPF object owns the links).
      this.#usdt?.attachAll({
        loadUprobe: (fn) => this.load_func(fn, "uprobe").fd,
        addLink: (key, link) => {
          if (this.links.has(key)) {
            link.close();
            throw new BPFError(`${key} is already attached`);
          }
          this.links.set(key, link);
        },
        useLink: this.features.has("perf_link"),
        tracefs: this.#tracefsRootOrUndefined() !== undefined ? this.tracefs : undefined,
        tracker: this.fdTracker,
      });
      this.autoAttach();
    } catch (err) {
      this.close();
      throw err;
    }
  }

  // ---------------------------------------------------------------- compile and load

  #cflags: readonly string[] = [];
  #types: KernelTypes | undefined;

  /** Kernel types for the compiler: tracepoint structs from tracefs, everything else from BTF. */
  #kernelTypes(): KernelTypes {
    if (!this.#types) {
      let tracefs: Tracefs | undefined;
      try {
        tracefs = this.tracefs;
      } catch {
        tracefs = undefined;
      }
      // BTF is read on the first lookup that needs it: programs that name no kernel type (hello
      // world) never pay for loading and indexing vmlinux BTF.
      this.#types = new KernelTypes({ btf: lazyBtfTypes(() => this.kernelBtf), ...(tracefs ? { tracefs } : {}) });
    }
    return this.#types;
  }

  #compile(cflags: readonly string[], variant?: Record<string, "enter" | "exit">): CollectionSpec {
    this.#cflags = cflags;
    const nodeHost = new NodeIncludeHost({ virtualDir: COMPAT_INCLUDE });
    // USDT: the generated readarg C comes first, as a forced include, so user line numbers stay.
    const recording = new RecordingIncludeHost(this.#usdt ? this.#usdt.includeHost(nodeHost) : nodeHost, COMPAT_INCLUDE);
    if (this.#usdt) cflags = [...this.#usdt.cflags, ...cflags];
    // cpu v4 instructions (Linux 6.6+) make smaller code; older kernels get v3.
    const backend = { isa: this.features.has("isa_v4") ? "v4" : "v3" } as const;
    const lookup = (file: string) => (file === this.sourceFile ? this.sourceText : tryRead(file));
    // A program compiled before by this build on this boot comes from the compile cache (USDT
    // programs carry per-process probe sites; -I directories could gain headers: never cached).
    const cache = this.#usdt || cflags.some((f) => /^-(I|isystem|iquote|idirafter)/.test(f)) ? undefined : openCompileCache();
    const cacheKey = cache?.key({ sourceText: this.sourceText, sourceFile: this.sourceFile, cflags, backend, variant });
    const hit = cacheKey !== undefined ? cache!.get(cacheKey) : undefined;
    if (hit) {
      if (hit.warnings.length > 0 && this.debug !== 0) this.log(renderDiagnostics(hit.warnings, lookup));
      return hit.collection;
    }
    // Quoted includes in inline text ("<text>") resolve from the working directory, as with BCC.
    const r = compile(this.sourceText, {
      file: this.sourceFile,
      cflags,
      includeHost: recording,
      externalTypes: this.#kernelTypes(),
      backend,
      ...(variant ? { syscallTracepointAbi: variant } : {}),
    } as Parameters<typeof compile>[1]);
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    if (!r.ok || errors.length > 0) {
      const text = renderDiagnostics(r.diagnostics, lookup);
      throw new CompileError(`${errors.length || 1} error${errors.length === 1 ? "" : "s"} compiling the BPF program:\n${text}`, r.diagnostics);
    }
    const warnings = r.diagnostics.filter((d) => d.severity === "warning");
    if (warnings.length > 0 && this.debug !== 0) this.log(renderDiagnostics(warnings, lookup));
    const collection: CollectionSpec = { programs: r.programs, maps: r.maps, license: r.license };
    if (cacheKey !== undefined && !recording.foreign) cache!.put(cacheKey, { collection, warnings });
    return collection;
  }

  #createMaps(): void {
    for (const spec of this.spec.maps) {
      const fd = createMap(spec, { tracker: this.fdTracker });
      this.maps.set(spec.name, fd);
      const table = tableFor(spec, fd, { owned: false, codecs: this.#codecs, ...(spec.eventType ? { eventType: spec.eventType } : {}) });
      const wrapped = wrapEventTable(table, this);
      this.tables.set(spec.name, wrapped);
      if (!(spec.name in this)) {
        Object.defineProperty(this, spec.name, { get: () => this.get_table(spec.name), enumerable: false, configurable: true });
      }
    }
  }

  /** The program spec for a function name. */
  programSpec(name: string): ProgramSpec {
    const spec = this.spec.programs.find((p) => p.name === name);
    if (!spec) {
      const names = this.spec.programs.map((p) => p.name);
      throw new BPFError(`no function named ${name} in the BPF program (functions: ${names.join(", ") || "none"})`);
    }
    return spec;
  }

  /**
   * Loads function `fn_name` as a program of `prog_type` (a BPF.* type number or a kind name).
   * Loading is lazy: attach_* calls this; a function loads once per kind.
   */
  load_func(fn_name: string, prog_type: number | ProgKind, opts: { attachBtfId?: number } = {}): BPFFunction {
    const kind = typeof prog_type === "string" ? prog_type : kindOfType(prog_type);
    const existing = this.funcs.get(fn_name);
    if (existing) {
      if (existing.kind === kind || sameProgType(existing.kind, kind)) return { name: fn_name, fd: existing.fd.raw, kind: existing.kind };
      throw new BPFError(`function ${fn_name} is already loaded as a ${existing.kind} program; it cannot also be a ${kind} program`);
    }
    const spec = this.programSpec(fn_name);
    const loaded = loadProgram(spec, {
      kind,
      maps: this.maps,
      tracker: this.fdTracker,
      btf: this.#progBtf,
      sourceText: (file) => (file === this.sourceFile ? this.sourceText : tryRead(file)),
      ...(opts.attachBtfId !== undefined ? { attachBtfId: opts.attachBtfId } : {}),
      ...(this.debug & BPF.DEBUG_BPF_REGISTER_STATE ? { logLevel: 2 } : {}),
    });
    this.funcs.set(fn_name, loaded);
    if (this.debug & BPF.DEBUG_BPF) this.log(this.dump_func(fn_name));
    return { name: fn_name, fd: loaded.fd.raw, kind };
  }

  /** The function's instructions, disassembled, with the C line each group came from. */
  dump_func(fn_name: string): string {
    const spec = this.programSpec(fn_name);
    const lines = disassembleLines(spec.instructions, { style: "verifier" });
    const src = this.sourceText.split("\n");
    const out: string[] = [`; ${fn_name}`];
    let lastLine = -1;
    spec.instructions.forEach((_, i) => {
      const span = spec.spans[i];
      if (span && span.line !== lastLine && span.file === this.sourceFile) {
        lastLine = span.line;
        out.push(`; ${(src[span.line - 1] ?? "").trim()} // ${span.file}:${span.line}`);
      }
      out.push(lines[i] ?? "");
    });
    return out.join("\n");
  }

  /** Auto-attach by BCC's function-name conventions (kprobe__X, tracepoint__cat__evt, ...). */
  protected autoAttach(): void {
    for (const p of this.spec.programs) {
      const probe = parseProbeName(p.name);
      if (!probe) continue;
      switch (probe.kind) {
        case "kprobe": this.attach_kprobe({ event: probe.target, fn_name: p.name }); break;
        case "kretprobe": this.attach_kretprobe({ event: probe.target, fn_name: p.name }); break;
        case "tracepoint": this.attach_tracepoint({ tp: probe.target, fn_name: p.name }); break;
        case "raw_tracepoint": this.attach_raw_tracepoint({ tp: probe.target, fn_name: p.name }); break;
        case "fentry": this.attach_kfunc({ fn_name: p.name }); break;
        case "fexit": this.attach_kretfunc({ fn_name: p.name }); break;
        default: break;
      }
    }
  }

  // ---------------------------------------------------------------- kprobe → syscall tracepoint

  /**
   * On kernels without kprobes: serve a kprobe/kretprobe on a syscall's entry function with the
   * syscall's tracepoint. The function is recompiled so that PT_REGS_PARMn/syscall__ parameters and
   * PT_REGS_RC read the tracepoint record, loaded as a tracepoint program, and attached; one notice
   * line on stderr says so.
   */
  protected override syscallFallback(fn_name: string, syscall: string, ret: boolean): Link | undefined {
    const event = `${ret ? "sys_exit_" : "sys_enter_"}${syscall}`;
    let tracefs: Tracefs;
    try {
      tracefs = this.tracefs;
    } catch {
      return undefined;
    }
    if (!tracefs.eventExists("syscalls", event)) return undefined;
    const variant = this.#compile(this.#cflags, { [fn_name]: ret ? "exit" : "enter" });
    const spec = variant.programs.find((p) => p.name === fn_name);
    if (!spec) return undefined;
    const key = `${fn_name}@syscalls:${event}`;
    let loaded = this.funcs.get(key);
    if (!loaded) {
      loaded = loadProgram(spec, {
        kind: "tracepoint",
        maps: this.maps,
        tracker: this.fdTracker,
        btf: this.#progBtf,
        sourceText: (file) => (file === this.sourceFile ? this.sourceText : tryRead(file)),
      });
      this.funcs.set(key, loaded);
    }
    const link = attachTracepoint(loaded.fd, "syscalls", event, { tracefs, useLink: "auto", tracker: this.fdTracker });
    this.log(`bcc-ts: this kernel has no kprobes; ${ret ? "kretprobe" : "kprobe"} on syscall ${syscall} (${fn_name}) attached to tracepoint syscalls:${event} instead`);
    return link;
  }

  // ---------------------------------------------------------------- kernel BTF

  #btf: Btf | null | undefined;

  /** The running kernel's BTF, loaded on first use; undefined when the kernel has none. */
  get kernelBtf(): Btf | undefined {
    if (this.#btf === undefined) {
      try {
        this.#btf = loadKernelBtf();
      } catch {
        this.#btf = null;
      }
    }
    return this.#btf ?? undefined;
  }

  protected override funcBtfId(name: string): number | undefined {
    return this.kernelBtf?.lookupFunc(name)?.func.id;
  }

  // ---------------------------------------------------------------- BCC's static helpers

  static get_syscall_prefix = kernelUtils.get_syscall_prefix;
  static get_syscall_fnname = kernelUtils.get_syscall_fnname;
  static ksym = kernelUtils.ksym;
  static ksymname = kernelUtils.ksymname;
  static tracepoint_exists = kernelUtils.tracepoint_exists;
  static support_raw_tracepoint = kernelUtils.support_raw_tracepoint;
  static support_raw_tracepoint_in_module = kernelUtils.support_raw_tracepoint_in_module;
  static support_kfunc = kernelUtils.support_kfunc;
  static support_lsm = kernelUtils.support_lsm;
  static support_ringbuf = kernelUtils.support_ringbuf;
  static find_library = kernelUtils.find_library;
  static find_exe = kernelUtils.find_exe;
  static get_kprobe_functions = get_kprobe_functions;

  /** BCC lets scripts call these on the instance too (b.get_syscall_fnname("clone")). */
  get_syscall_fnname(name: string): string {
    return kernelUtils.get_syscall_fnname(name);
  }

  get_syscall_prefix(): string {
    return kernelUtils.get_syscall_prefix();
  }

  ksym(addr: number | bigint, show_module = false, show_offset = false): string {
    return kernelUtils.ksym(addr, show_module, show_offset);
  }

  ksymname(name: string): bigint {
    return kernelUtils.ksymname(name);
  }

  /** A user-space address of process `pid` as "symbol", "symbol+0xoff" or "[unknown]". */
  sym(addr: number | bigint, pid: number, show_module = false, show_offset = false): string {
    return kernelUtils.sym(addr, pid, show_module, show_offset);
  }

  // ---------------------------------------------------------------- tables

  /** BCC's get_table: the map object for `name`. */
  get_table(name: string): AnyTable {
    const t = this.tables.get(name);
    if (!t) {
      const names = [...this.tables.keys()];
      throw new BPFError(`no map named ${name} in the BPF program (maps: ${names.join(", ") || "none"})`);
    }
    return t;
  }

  /**
   * Sum over CPUs of a slot of the hidden failed-submission counter (MapSpec.dropCounterIndex);
   * used by the perf/ring buffer readers to report lost events. 0 when the program has none.
   */
  dropCount(slot: number): bigint {
    const t = this.tables.get(DROP_COUNTER_MAP);
    if (!(t instanceof PerCpuArray)) return 0n;
    const values = (t.getvalue(slot) ?? []) as (number | bigint)[];
    return values.reduce<bigint>((acc, v) => acc + BigInt(v), 0n);
  }

  /** Map specs by name (for tools that inspect key/value types). */
  mapSpec(name: string): MapSpec | undefined {
    return this.spec.maps.find((m) => m.name === name);
  }

  // ---------------------------------------------------------------- kernel facts

  get tracefs(): Tracefs {
    if (!this.#tracefs) {
      this.#tracefs = Tracefs.open();
      // Probe entries left by a crashed bcc-ts (their owner pid is dead) are removed once here.
      try {
        removeStaleProbes(this.#tracefs);
      } catch {
        // Best effort: a busy or foreign entry must not stop this program.
      }
    }
    return this.#tracefs;
  }

  #tracefsRootOrUndefined(): string | undefined {
    try {
      return this.tracefs.root;
    } catch {
      return undefined;
    }
  }

  protected codecs(): CodecCache {
    return this.#codecs;
  }

  // ---------------------------------------------------------------- output (delegated)

  trace_print(opts: { fmt?: string } = {}): never {
    return this.output.tracePrint(opts.fmt);
  }

  trace_fields(opts: { nonblocking?: boolean } = {}): [string, number, number, string, number, string] | [undefined, undefined, undefined, undefined, undefined, undefined] {
    return this.output.traceFields(opts.nonblocking ?? false);
  }

  trace_readline(opts: { nonblocking?: boolean } = {}): string | undefined {
    return this.output.traceReadline(opts.nonblocking ?? false);
  }

  /** Async iterator over parsed trace_pipe lines, for Node code that must not block. */
  trace_lines(): AsyncIterable<{ task: string; pid: number; cpu: number; flags: string; ts: number; msg: string }> {
    return this.output.traceLines();
  }

  perf_buffer_poll(timeout = -1): number {
    return this.output.poll("perf", timeout);
  }

  perf_buffer_consume(): number {
    return this.output.consume("perf");
  }

  ring_buffer_poll(timeout = -1): number {
    return this.output.poll("ring", timeout);
  }

  ring_buffer_consume(): number {
    return this.output.consume("ring");
  }

  /** Waits for events from every open perf/ring buffer without blocking the event loop. */
  poll_async(timeout = -1, signal?: AbortSignal): Promise<number> {
    return this.output.pollAsync(timeout, signal);
  }

  // ---------------------------------------------------------------- lifetime

  get closed(): boolean {
    return this.#closed;
  }

  /** Detaches and frees everything this object created (readers → links → programs → maps). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    unregisterForCleanup(this);
    const errors: unknown[] = [];
    const attempt = (f: () => void) => {
      try {
        f();
      } catch (err) {
        errors.push(err);
      }
    };
    attempt(() => this.output.close());
    for (const link of [...this.links.values()].reverse()) attempt(() => link.close());
    this.links.clear();
    for (const f of [...this.funcs.values()].reverse()) attempt(() => f.fd.close());
    this.funcs.clear();
    for (const t of this.tables.values()) attempt(() => t.close());
    this.tables.clear();
    for (const fd of [...this.maps.values()].reverse()) attempt(() => fd.close());
    this.maps.clear();
    if (errors.length > 0) throw errors[0];
  }

  /** BCC's name for close(). */
  cleanup(): void {
    this.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  protected assertOpen(): void {
    if (this.#closed) throw new BPFError("this BPF object is closed");
  }
}

/** -DLINUX_VERSION_CODE for the running kernel, as BCC defines it (KERNEL_VERSION(a, b, c)). */
function kernelVersionDefine(): string {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(release());
  const code = m ? (Number(m[1]) << 16) + (Number(m[2]) << 8) + Math.min(255, Number(m[3] ?? 0)) : (6 << 16) + (18 << 8);
  return `-DLINUX_VERSION_CODE=${code}`;
}

/** A BtfExternalTypes that loads the kernel BTF on first use (and answers "unknown" without one). */
function lazyBtfTypes(load: () => Btf | undefined): BtfExternalTypes {
  let real: BtfExternalTypes | null | undefined;
  const get = (): BtfExternalTypes | null => {
    if (real === undefined) {
      const btf = load();
      real = btf ? new BtfExternalTypes(btf) : null;
    }
    return real;
  };
  const lazy = {
    lookupStruct: (name: string, union: boolean) => get()?.lookupStruct(name, union),
    lookupTypedef: (name: string) => get()?.lookupTypedef(name),
    lookupEnumConst: (name: string) => get()?.lookupEnumConst(name),
    lookupEnum: (name: string) => get()?.lookupEnum(name),
  };
  return lazy as unknown as BtfExternalTypes;
}

function tryRead(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function kindOfType(type: number): ProgKind {
  switch (type) {
    case BPF.KPROBE: return "kprobe";
    case BPF.TRACEPOINT: return "tracepoint";
    case BPF.RAW_TRACEPOINT: return "raw_tracepoint";
    case BPF.PERF_EVENT: return "perf_event";
    case BPF.TRACING: return "fentry";
    case BPF.SOCKET_FILTER: return "socket_filter";
    case BPF.XDP: return "xdp";
    case BPF.SCHED_CLS: return "sched_cls";
    case BPF.SYSCALL: return "syscall";
    default: throw new BPFError(`program type ${type} is not supported by bcc-ts`);
  }
}

/** kprobe/kretprobe/uprobe/uretprobe programs are all BPF_PROG_TYPE_KPROBE: one load serves all. */
function sameProgType(a: ProgKind, b: ProgKind): boolean {
  const kp = new Set<ProgKind>(["kprobe", "kretprobe", "uprobe", "uretprobe"]);
  return kp.has(a) && kp.has(b);
}

export { ProgramLoadError };
