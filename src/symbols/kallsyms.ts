/**
 * @fileoverview Kernel symbols from /proc/kallsyms: address → "func+0x10 [module]" (BCC's ksym),
 * name → address (ksymname), and the list of kprobe-able functions (get_kprobe_functions).
 *
 * Addresses are bigint: kernel text lives at 0xffffffff8…, beyond 2^53. kallsyms prints all-zero
 * addresses to readers without CAP_SYSLOG under kptr_restrict; `addressesHidden` reports that case
 * instead of resolving every address to one symbol.
 */
import { readFileSync } from "node:fs";

export interface KernelSymbol {
  readonly name: string;
  readonly address: bigint;
  /** The nm-style type letter: t/T text, w/W weak, d/D data, ... */
  readonly type: string;
  /** Module name for module symbols, "kernel" for the core kernel (as BCC reports it). */
  readonly module: string;
}

export interface KernelSymbolLookup {
  readonly name: string;
  readonly offset: bigint;
  readonly module: string;
}

export interface KernelSymbolsOptions {
  /** Where to read kallsyms from (default /proc/kallsyms), or its text directly (for tests). */
  readonly path?: string;
  readonly text?: string;
  /** Files consulted by kprobeFunctions; missing or unreadable (EPERM) ones are skipped. */
  readonly availableFilterFunctionsPath?: string;
  readonly kprobeBlacklistPath?: string;
}

/** Data symbols are skipped for symbolisation, like BCC (stacks hold code addresses). */
const DATA_TYPES = new Set(["b", "B", "d", "D", "r", "R"]);

/** Kernel symbol table, read once per instance on first use. */
export class KernelSymbols {
  #all: KernelSymbol[] | undefined;
  #code: KernelSymbol[] | undefined;
  #byName: Map<string, bigint> | undefined;

  constructor(private readonly options: KernelSymbolsOptions = {}) {}

  /** Every symbol in file order (which is not address order for modules). */
  get all(): readonly KernelSymbol[] {
    this.#all ??= parseKallsyms(this.options.text ?? readFileSync(this.options.path ?? "/proc/kallsyms", "latin1"));
    return this.#all;
  }

  /** True when kallsyms shows only zero addresses (no CAP_SYSLOG / kptr_restrict). */
  get addressesHidden(): boolean {
    return !this.all.some((s) => s.address !== 0n);
  }

  /** Non-data symbols with a real address, sorted by address. */
  get code(): readonly KernelSymbol[] {
    this.#code ??= this.all
      .filter((s) => s.address !== 0n && !DATA_TYPES.has(s.type))
      .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
    return this.#code;
  }

  /**
   * The symbol at or below `address`, with the offset into it. Like BCC there is no size check
   * (kallsyms has no sizes): an address past the last function still resolves to it.
   */
  resolve(address: bigint | number): KernelSymbolLookup | undefined {
    const addr = BigInt(address);
    const syms = this.code;
    let lo = 0;
    let hi = syms.length;
    // Upper bound: first symbol with address > addr.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((syms[mid]?.address ?? 0n) <= addr) lo = mid + 1;
      else hi = mid;
    }
    const sym = syms[lo - 1];
    if (!sym) return undefined;
    return { name: sym.name, offset: addr - sym.address, module: sym.module };
  }

  /**
   * BCC's BPF.ksym(addr, show_module, show_offset): "vfs_read", "vfs_read+0x1c",
   * "vfs_read+0x1c [kernel]", "ext4_file_read_iter [ext4]"; "[unknown]" when nothing matches.
   */
  ksym(address: bigint | number, showModule = false, showOffset = false): string {
    const hit = this.resolve(address);
    return formatSymbol(hit?.name, hit?.offset, hit?.module, showModule, showOffset);
  }

  /** BCC's BPF.ksymname(name): the address of a kernel symbol (any type), or undefined. */
  ksymname(name: string): bigint | undefined {
    if (!this.#byName) {
      this.#byName = new Map();
      // The first definition wins for duplicated static names, as in file order.
      for (const s of this.all) if (!this.#byName.has(s.name)) this.#byName.set(s.name, s.address);
    }
    return this.#byName.get(name);
  }

  /**
   * BCC's BPF.get_kprobe_functions(regex): text symbols whose whole name matches, minus what cannot be
   * probed: the init and irqentry text ranges, NOKPROBE_SYMBOL (`_kbl_addr_` markers), perf
   * internals, static-call trampolines (__SCT__), gcc .cold fragments, and the debugfs kprobe
   * blacklist. BCC also requires membership in tracing/available_filter_functions; that file is
   * EPERM on some systems (it is here), in which case this filter is skipped and the result is a
   * best-effort superset. Unique names, sorted.
   */
  kprobeFunctions(pattern: RegExp | string): string[] {
    const re = typeof pattern === "string" ? new RegExp(`^(?:${pattern})$`) : pattern;
    const fullMatch = (name: string) => {
      re.lastIndex = 0;
      const m = re.exec(name);
      return m !== null && m.index === 0 && m[0].length === name.length;
    };
    const blacklist = readNameSet(this.options.kprobeBlacklistPath ?? "/sys/kernel/debug/kprobes/blacklist", 1);
    const available = readNameSet(
      this.options.availableFilterFunctionsPath ?? "/sys/kernel/tracing/available_filter_functions",
      0,
    );
    const out = new Set<string>();
    let initState = 0;
    let irqState = 0;
    for (const s of this.all) {
      const fn = s.name;
      // Symbols between the begin/end markers are in file (= address) order for the core kernel.
      if (initState === 0 && fn === "__init_begin") { initState = 1; continue; }
      if (initState === 1) { if (fn === "__init_end") initState = 2; continue; }
      if (irqState === 0 && fn === "__irqentry_text_start") { irqState = 1; continue; }
      if (irqState === 0 && fn === "__irqentry_text_end") { irqState = 2; continue; }
      if (irqState === 1) { if (fn === "__irqentry_text_end") irqState = 2; continue; }
      if (fn.startsWith("_kbl_addr_") || fn.startsWith("__perf") || fn.startsWith("perf_")) continue;
      if (fn.startsWith("__SCT__") || /\.cold(\.\d+)?$/.test(fn)) continue;
      if (!"tTwW".includes(s.type)) continue;
      if (!fullMatch(fn)) continue;
      if (blacklist?.has(fn)) continue;
      if (available && !available.has(fn)) continue;
      out.add(fn);
    }
    return [...out].sort();
  }
}

/** Parses kallsyms text: "ffffffff81000000 T _stext" or "ffffffffc0201000 t fn\t[module]". */
export function parseKallsyms(text: string): KernelSymbol[] {
  const out: KernelSymbol[] = [];
  for (const line of text.split("\n")) {
    const sp1 = line.indexOf(" ");
    const sp2 = line.indexOf(" ", sp1 + 1);
    if (sp1 <= 0 || sp2 < 0) continue;
    const rest = line.slice(sp2 + 1);
    const tab = rest.indexOf("\t");
    const name = tab < 0 ? rest.trimEnd() : rest.slice(0, tab);
    const mod = tab < 0 ? undefined : /\[([^\]]+)\]/.exec(rest.slice(tab))?.[1];
    out.push({
      name,
      address: BigInt(`0x${line.slice(0, sp1)}`),
      type: line.slice(sp1 + 1, sp2),
      module: mod ?? "kernel",
    });
  }
  return out;
}

/**
 * BCC's output format for sym/ksym: name, then "+0x<hex offset>" when asked and the name is known,
 * then " [<module basename>]" when asked and the module is known; "[unknown]" stands in for the name.
 */
export function formatSymbol(
  name: string | undefined,
  offset: bigint | number | undefined,
  module: string | undefined,
  showModule: boolean,
  showOffset: boolean,
): string {
  let out = name ?? "[unknown]";
  if (showOffset && name !== undefined && offset !== undefined) out += `+0x${offset.toString(16)}`;
  if (showModule && module !== undefined) out += ` [${module.slice(module.lastIndexOf("/") + 1)}]`;
  return out;
}

/** Whitespace-separated column `column` of each line, or undefined when the file cannot be read. */
function readNameSet(path: string, column: number): Set<string> | undefined {
  let text: string;
  try {
    text = readFileSync(path, "latin1");
  } catch {
    return undefined;
  }
  const out = new Set<string>();
  for (const line of text.split("\n")) {
    const name = line.trim().split(/\s+/)[column];
    if (name) out.add(name);
  }
  return out;
}
