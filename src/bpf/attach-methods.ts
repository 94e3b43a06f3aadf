/**
 * @fileoverview BCC's attach_* / detach_* methods for the BPF class, with BCC's argument names in an
 * options object. Each attachment is a Link owned by the BPF object; detach_* closes it.
 *
 * Kernels without kprobes (CONFIG_KPROBES off): a kprobe on a syscall's entry function can be served
 * by the syscall tracepoint when the BPF object supports it (see `syscallFallback`); anything else is
 * a clear AttachUnsupportedError that names tracepoints which might serve instead. Never a no-op.
 */
import { existsSync, readFileSync } from "node:fs";
import {
  attachKprobe,
  attachPerfEvent,
  attachRawTracepoint,
  attachTracepoint,
  attachTracing,
  attachUprobe,
  AttachUnsupportedError,
  type Link,
} from "../attach/index.ts";
import type { FeatureCache } from "../features/index.ts";
import { findExecutable, findLibrary, resolveIfuncTarget, resolveSymbol, STT_GNU_IFUNC, addressToOffset, symbolPattern } from "../elf/index.ts";
import type { FdTracker } from "../sys/index.ts";
import type { Tracefs } from "../tracefs/index.ts";
import type { ProgKind } from "../programs/index.ts";
import { BPFError } from "./errors.ts";
import { syscallPrefix } from "./kernel-utils.ts";

/** What the attach methods need from the BPF object. */
export abstract class AttachMixin {
  protected abstract readonly links: Map<string, Link>;
  protected abstract readonly features: FeatureCache;
  protected abstract readonly log: (line: string) => void;
  abstract readonly fdTracker: FdTracker | undefined;
  abstract get tracefs(): Tracefs;
  abstract load_func(fn_name: string, prog_type: number | ProgKind, opts?: { attachBtfId?: number }): { name: string; fd: number; kind: ProgKind };
  protected abstract assertOpen(): void;
  /** Kernel BTF function id lookup for fentry/fexit; undefined when the kernel has no BTF. */
  protected funcBtfId(_name: string): number | undefined {
    return undefined;
  }
  /**
   * Serves a kprobe on a syscall function through the syscall tracepoint on kernels without
   * kprobes. Returns false when the BPF object cannot (the default).
   */
  protected syscallFallback(_fn_name: string, _syscall: string, _ret: boolean): Link | undefined {
    return undefined;
  }

  #tracefsOrUndefined(): Tracefs | undefined {
    try {
      return this.tracefs;
    } catch {
      return undefined;
    }
  }

  /** BPF links for perf events where the kernel has them (tried at attach, no probe). */
  #useLink(): "auto" {
    return "auto";
  }

  #add(key: string, link: Link): void {
    if (this.links.has(key)) {
      link.close();
      throw new BPFError(`${key} is already attached`);
    }
    this.links.set(key, link);
  }

  #detach(prefix: string, what: string): void {
    let n = 0;
    for (const [key, link] of [...this.links]) {
      if (key === prefix || key.startsWith(`${prefix}|`)) {
        link.close();
        this.links.delete(key);
        n++;
      }
    }
    if (n === 0) throw new BPFError(`${what} is not attached`);
  }

  #kprobesAvailable(): boolean {
    return this.features.has("kprobe_pmu") || this.features.has("kprobe_events");
  }

  // ------------------------------------------------------------------ kprobes

  attach_kprobe(opts: { event?: string; fn_name: string; event_off?: number; event_re?: string | RegExp }): void {
    this.#attachK(false, opts);
  }

  attach_kretprobe(opts: { event?: string; fn_name: string; event_re?: string | RegExp; maxactive?: number }): void {
    this.#attachK(true, opts);
  }

  #attachK(ret: boolean, opts: { event?: string; fn_name: string; event_off?: number; event_re?: string | RegExp; maxactive?: number }): void {
    this.assertOpen();
    const kind = ret ? "kretprobe" : "kprobe";
    if (opts.event_re !== undefined) {
      const events = get_kprobe_functions(opts.event_re);
      if (events.length === 0) throw new BPFError(`attach_${kind}: no kernel function matches ${String(opts.event_re)}`);
      for (const event of events) this.#attachK(ret, { ...opts, event, event_re: undefined });
      return;
    }
    const event = opts.event;
    if (!event) throw new BPFError(`attach_${kind} needs event or event_re`);
    if (!this.#kprobesAvailable()) {
      const syscall = syscallNameOf(event);
      if (syscall !== undefined) {
        const link = this.syscallFallback(opts.fn_name, syscall, ret);
        if (link) {
          this.#add(`${kind}|${event}|${opts.fn_name}`, link);
          return;
        }
      }
      throw new AttachUnsupportedError(
        `cannot attach ${kind} to ${event}: this kernel has no kprobes (CONFIG_KPROBES is off)${suggestTracepoints(this.#tracefsOrUndefined(), event)}`,
        "kprobes",
      );
    }
    const prog = this.load_func(opts.fn_name, kind);
    const link = attachKprobe(prog.fd, fixSyscallFnname(event), {
      retprobe: ret,
      ...(opts.event_off ? { offset: opts.event_off } : {}),
      ...(opts.maxactive ? { maxactive: opts.maxactive } : {}),
      tracefs: this.#tracefsOrUndefined(),
      useLink: this.#useLink(),
      tracker: this.fdTracker,
    });
    this.#add(`${kind}|${event}|${opts.fn_name}`, link);
  }

  detach_kprobe(opts: { event: string; fn_name?: string }): void {
    this.#detach(opts.fn_name ? `kprobe|${opts.event}|${opts.fn_name}` : `kprobe|${opts.event}`, `kprobe ${opts.event}`);
  }

  detach_kretprobe(opts: { event: string; fn_name?: string }): void {
    this.#detach(opts.fn_name ? `kretprobe|${opts.event}|${opts.fn_name}` : `kretprobe|${opts.event}`, `kretprobe ${opts.event}`);
  }

  // ------------------------------------------------------------------ tracepoints

  attach_tracepoint(opts: { tp?: string; tp_re?: string | RegExp; fn_name: string }): void {
    this.assertOpen();
    const tracefs = this.tracefs;
    if (opts.tp_re !== undefined) {
      const re = typeof opts.tp_re === "string" ? new RegExp(`^(?:${opts.tp_re})$`) : opts.tp_re;
      const names = tracefs.listEvents(re);
      if (names.length === 0) throw new BPFError(`attach_tracepoint: no tracepoint matches ${String(opts.tp_re)}`);
      for (const tp of names) this.attach_tracepoint({ tp, fn_name: opts.fn_name });
      return;
    }
    if (!opts.tp) throw new BPFError("attach_tracepoint needs tp ('category:event') or tp_re");
    const [category, event] = splitTp(opts.tp);
    const prog = this.load_func(opts.fn_name, "tracepoint");
    const link = attachTracepoint(prog.fd, category, event, { tracefs, useLink: this.#useLink(), tracker: this.fdTracker });
    this.#add(`tracepoint|${category}:${event}|${opts.fn_name}`, link);
  }

  detach_tracepoint(opts: { tp: string; fn_name?: string }): void {
    const [c, e] = splitTp(opts.tp);
    this.#detach(opts.fn_name ? `tracepoint|${c}:${e}|${opts.fn_name}` : `tracepoint|${c}:${e}`, `tracepoint ${opts.tp}`);
  }

  attach_raw_tracepoint(opts: { tp: string; fn_name: string }): void {
    this.assertOpen();
    const prog = this.load_func(opts.fn_name, "raw_tracepoint");
    this.#add(`raw_tracepoint|${opts.tp}|${opts.fn_name}`, attachRawTracepoint(prog.fd, opts.tp, { tracker: this.fdTracker }));
  }

  detach_raw_tracepoint(opts: { tp: string; fn_name?: string }): void {
    this.#detach(opts.fn_name ? `raw_tracepoint|${opts.tp}|${opts.fn_name}` : `raw_tracepoint|${opts.tp}`, `raw tracepoint ${opts.tp}`);
  }

  // ------------------------------------------------------------------ fentry / fexit

  attach_kfunc(opts: { fn_name: string }): void {
    this.#attachTracing("fentry", opts.fn_name);
  }

  attach_kretfunc(opts: { fn_name: string }): void {
    this.#attachTracing("fexit", opts.fn_name);
  }

  #attachTracing(kind: "fentry" | "fexit", fn_name: string): void {
    this.assertOpen();
    const m = /^(?:kfunc|kretfunc|kmod_ret)__(?:vmlinux__)?(.+)$/.exec(fn_name);
    const target = m?.[1] ?? fn_name;
    const id = this.funcBtfId(target);
    if (id === undefined) {
      throw new AttachUnsupportedError(`cannot attach ${kind} ${fn_name}: no BTF for kernel function ${target} (kernel BTF missing, or the function is not traceable)`, "fentry");
    }
    let prog;
    try {
      prog = this.load_func(fn_name, kind, { attachBtfId: id });
    } catch (err) {
      if (!this.features.has("fentry")) {
        throw new AttachUnsupportedError(`cannot attach ${kind} to ${target}: this kernel refuses fentry/fexit programs (${this.features.probe("fentry").detail}); use a kprobe or tracepoint instead`, "fentry", { cause: err });
      }
      throw err;
    }
    this.#add(`${kind}|${target}|${fn_name}`, attachTracing(prog.fd, kind, target, { tracker: this.fdTracker }));
  }

  detach_kfunc(opts: { fn_name: string }): void {
    this.#detach(`fentry|${opts.fn_name.replace(/^kfunc__/, "")}`, `kfunc ${opts.fn_name}`);
  }

  detach_kretfunc(opts: { fn_name: string }): void {
    this.#detach(`fexit|${opts.fn_name.replace(/^kretfunc__/, "")}`, `kretfunc ${opts.fn_name}`);
  }

  // ------------------------------------------------------------------ uprobes

  attach_uprobe(opts: UprobeOptions): void {
    this.#attachU(false, opts);
  }

  attach_uretprobe(opts: UprobeOptions): void {
    this.#attachU(true, opts);
  }

  #attachU(ret: boolean, opts: UprobeOptions): void {
    this.assertOpen();
    const kind = ret ? "uretprobe" : "uprobe";
    if (opts.pid !== undefined && opts.pid >= 0 && !existsSync(`/proc/${opts.pid}`)) {
      throw new BPFError(`attach_${kind}: no process with pid ${opts.pid} (it may have exited); give a live pid, or omit pid to trace every process`);
    }
    const path = resolveBinary(opts.name, opts.pid);
    const targets: { offset: number; label: string }[] = [];
    if (opts.sym_re !== undefined) {
      for (const s of resolveSymbol(path, symbolPattern(opts.sym_re), { functionsOnly: true })) targets.push({ offset: s.offset, label: s.name });
      if (targets.length === 0) throw new BPFError(`attach_${kind}: no function in ${path} matches ${String(opts.sym_re)}`);
    } else if (opts.sym !== undefined && opts.sym !== "") {
      const found = resolveSymbol(path, opts.sym);
      const sym = found[0];
      if (!sym) throw new BPFError(`attach_${kind}: no symbol ${opts.sym} in ${path}`);
      let offset = sym.offset;
      if (sym.type === STT_GNU_IFUNC) {
        // An IFUNC's address is its resolver; probe the implementation this machine selected.
        const impl = resolveIfuncTarget(path, sym.address);
        if (impl) offset = impl.offset;
      }
      targets.push({ offset: offset + (opts.sym_off ?? 0), label: opts.sym });
    } else if (opts.addr !== undefined) {
      const offset = addressToOffset(path, Number(opts.addr));
      if (offset === undefined) throw new BPFError(`attach_${kind}: address 0x${opts.addr.toString(16)} is not in an executable segment of ${path}`);
      targets.push({ offset, label: `0x${opts.addr.toString(16)}` });
    } else {
      throw new BPFError(`attach_${kind} needs sym, sym_re or addr`);
    }
    const prog = this.load_func(opts.fn_name, kind);
    for (const t of targets) {
      const link = attachUprobe(prog.fd, path, t.offset, {
        retprobe: ret,
        ...(opts.pid !== undefined && opts.pid >= 0 ? { pid: opts.pid } : {}),
        tracefs: this.#tracefsOrUndefined(),
        useLink: this.#useLink(),
        tracker: this.fdTracker,
      });
      this.#add(`${kind}|${path}:0x${t.offset.toString(16)}|${opts.pid ?? -1}|${opts.fn_name}`, link);
    }
  }

  detach_uprobe(opts: { name: string; sym?: string; addr?: number; pid?: number }): void {
    this.#detachU("uprobe", opts);
  }

  detach_uretprobe(opts: { name: string; sym?: string; addr?: number; pid?: number }): void {
    this.#detachU("uretprobe", opts);
  }

  #detachU(kind: string, opts: { name: string; sym?: string; addr?: number; pid?: number }): void {
    const path = resolveBinary(opts.name, opts.pid);
    let off: number | undefined;
    if (opts.sym) {
      const s = resolveSymbol(path, opts.sym)[0];
      if (s) off = s.type === STT_GNU_IFUNC ? (resolveIfuncTarget(path, s.address)?.offset ?? s.offset) : s.offset;
    } else if (opts.addr !== undefined) off = addressToOffset(path, opts.addr);
    if (off === undefined) throw new BPFError(`${kind} ${opts.name}:${opts.sym ?? opts.addr} is not attached`);
    this.#detach(`${kind}|${path}:0x${off.toString(16)}|${opts.pid ?? -1}`, `${kind} ${opts.name}:${opts.sym ?? opts.addr}`);
  }

  // ------------------------------------------------------------------ perf events

  attach_perf_event(opts: { ev_type: number; ev_config: number; fn_name: string; sample_period?: number; sample_freq?: number; pid?: number; cpu?: number }): void {
    this.assertOpen();
    const prog = this.load_func(opts.fn_name, "perf_event");
    const link = attachPerfEvent(prog.fd, {
      type: opts.ev_type,
      config: opts.ev_config,
      ...(opts.sample_freq ? { sampleFreq: opts.sample_freq } : { samplePeriod: opts.sample_period ?? 1 }),
      pid: opts.pid ?? -1,
      cpu: opts.cpu ?? -1,
      useLink: this.#useLink(),
      tracker: this.fdTracker,
    });
    this.#add(`perf_event|${opts.ev_type}:${opts.ev_config}|${opts.fn_name}`, link);
  }

  detach_perf_event(opts: { ev_type: number; ev_config: number }): void {
    this.#detach(`perf_event|${opts.ev_type}:${opts.ev_config}`, `perf event ${opts.ev_type}:${opts.ev_config}`);
  }

  // ------------------------------------------------------------------ counts

  num_open_kprobes(): number {
    return [...this.links.keys()].filter((k) => k.startsWith("kprobe|") || k.startsWith("kretprobe|")).length;
  }

  num_open_uprobes(): number {
    return [...this.links.keys()].filter((k) => k.startsWith("uprobe|") || k.startsWith("uretprobe|")).length;
  }

  num_open_tracepoints(): number {
    return [...this.links.keys()].filter((k) => k.startsWith("tracepoint|")).length;
  }

  /** Every live attachment (for tests and debugging). */
  attachments(): { key: string; link: Link }[] {
    return [...this.links].map(([key, link]) => ({ key, link }));
  }
}

export interface UprobeOptions {
  /** Library name ("c"), path, or executable name on PATH. */
  name: string;
  sym?: string;
  sym_re?: string | RegExp;
  addr?: number;
  fn_name: string;
  pid?: number;
  sym_off?: number;
}

function splitTp(tp: string): [string, string] {
  const i = tp.indexOf(":");
  if (i <= 0) throw new BPFError(`tracepoint "${tp}" must be written category:event (e.g. syscalls:sys_enter_openat)`);
  return [tp.slice(0, i), tp.slice(i + 1)];
}

function resolveBinary(name: string, pid?: number): string {
  if (name.includes("/")) return name;
  const lib = findLibrary(name, pid !== undefined && pid >= 0 ? pid : undefined);
  if (lib) return lib;
  const exe = findExecutable(name);
  if (exe) return exe;
  throw new BPFError(`cannot find library or executable "${name}" (give a path)`);
}

/**
 * BCC's fix_syscall_fnname: "sys_clone" (what old kernels and kprobe__sys_clone name) becomes the
 * running kernel's syscall entry function ("__x64_sys_clone" on x86_64 since 4.17).
 */
export function fixSyscallFnname(event: string): string {
  const m = /^sys_(\w+)$/.exec(event);
  if (!m) return event;
  const prefix = syscallPrefix();
  return prefix === "sys_" ? event : `${prefix}${m[1]}`;
}

/** The syscall a kernel entry function implements ("__x64_sys_clone" → "clone"), if it is one. */
export function syscallNameOf(fn: string): string | undefined {
  const m = /^(?:__x64_sys_|__ia32_sys_|__se_sys_|__do_sys_|__arm64_sys_|ksys_|sys_)(\w+)$/.exec(fn);
  return m?.[1];
}

/** ", tracepoints that might serve instead: a, b, c" or "". */
function suggestTracepoints(tracefs: Tracefs | undefined, fn: string): string {
  if (!tracefs) return "";
  const word = fn.replace(/^(?:__x64_sys_|__se_sys_|__do_sys_|sys_|do_|vfs_|__)+/, "");
  if (word.length < 3) return "";
  let names: string[] = [];
  try {
    names = tracefs.listEvents(new RegExp(word.replace(/[^A-Za-z0-9_]/g, "")));
  } catch {
    return "";
  }
  const preferred = names.filter((n) => n.startsWith("syscalls:sys_enter_") || n.startsWith("syscalls:sys_exit_"));
  const shown = (preferred.length > 0 ? preferred : names).slice(0, 5);
  return shown.length > 0 ? `; tracepoints that might serve instead: ${shown.join(", ")}` : "";
}

/** Kernel functions whose names match `re` (BCC reads available_filter_functions; kallsyms here). */
export function get_kprobe_functions(re: string | RegExp): string[] {
  const rx = typeof re === "string" ? new RegExp(re) : re;
  const out = new Set<string>();
  let text = "";
  try {
    text = readFileSync("/proc/kallsyms", "utf8");
  } catch {
    return [];
  }
  // Local (static) functions must also be in available_filter_functions, as BCC requires: kallsyms
  // lists static functions whose body was partly inlined elsewhere (e.g. blk_account_io_done on
  // 6.1), where a kprobe fails with EINVAL. Global functions are probeable without ftrace (the
  // __x64_sys_* wrappers are not in available_filter_functions on 6.1, yet take kprobes).
  // available_filter_functions is not readable on every kernel (EPERM here); then kallsyms decides.
  let traceable: Set<string> | undefined;
  for (const path of ["/sys/kernel/tracing/available_filter_functions", "/sys/kernel/debug/tracing/available_filter_functions"]) {
    try {
      traceable = new Set(readFileSync(path, "utf8").split("\n").map((l) => l.split(" ")[0]!).filter((n) => n !== ""));
      break;
    } catch {
      // Try the next location, or go without.
    }
  }
  for (const line of text.split("\n")) {
    const parts = line.split(" ");
    if (parts.length < 3 || (parts[1] !== "t" && parts[1] !== "T")) continue;
    const name = parts[2]!.split("\t")[0]!;
    // Cold split-off parts and internal symbols are not function entries; compiler clones such as
    // finish_task_switch.isra.0 are, and BCC's event_re finds them too.
    if (name.includes(".cold") || name.startsWith("__pfx_") || name.startsWith("__ftrace") || name.startsWith("_eil_addr")) continue;
    if (traceable && parts[1] === "t" && !traceable.has(name)) continue;
    if (rx.test(name)) out.add(name);
  }
  return [...out];
}

export { syscallPrefix };
