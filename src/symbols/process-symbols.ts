/**
 * @fileoverview User-space symbolisation for one process (BCC's ProcSyms / BPF.sym(addr, pid)).
 *
 * An address is attributed to the executable mapping that contains it in /proc/PID/maps; the file
 * offset (address - mapping start + mapping offset) goes through the file's PT_LOAD segments back to
 * a link-time address, which is looked up among the file's function symbols. This works the same
 * for PIE and non-PIE executables and shared objects, without knowing load bases. Anonymous
 * executable memory (JIT code) is looked up in /tmp/perf-PID.map when the runtime writes one
 * (node --perf-basic-prof, JVM agents), as BCC does.
 *
 * Files are opened through /proc/PID/root so processes in other mount namespaces (containers)
 * resolve against their own files. C++ names are returned mangled (no demangler here).
 */
import { readFileSync } from "node:fs";
import { isFileMapping, readProcMaps, type ProcMapping } from "../elf/index.ts";
import { formatSymbol } from "./kallsyms.ts";
import { ModuleSymbolCache } from "./module-symbols.ts";

export interface UserSymbolLookup {
  /** Function name, undefined when the address is in a known module without a covering symbol. */
  readonly name?: string;
  /**
   * With a name: bytes into the function. Without a name but with a module: the file offset within
   * the module. With neither: the address itself (BCC's convention).
   */
  readonly offset: number;
  /** The module's path as mapped (or the perf map path for JIT code), if the address is in one. */
  readonly module?: string;
}

interface PerfMapEntry {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

export interface ProcessSymbolsOptions {
  /** Share parsed files between processes (one cache per BPF instance is typical). */
  readonly cache?: ModuleSymbolCache;
  /** Directory holding perf-PID.map files (default /tmp). */
  readonly perfMapDir?: string;
}

export class ProcessSymbols {
  readonly #cache: ModuleSymbolCache;
  #maps: ProcMapping[] | undefined;
  #perfMap: PerfMapEntry[] | undefined;

  constructor(
    readonly pid: number,
    private readonly options: ProcessSymbolsOptions = {},
  ) {
    this.#cache = options.cache ?? new ModuleSymbolCache();
  }

  /** Forget the memory map (call after the process loaded new libraries). File symbols stay cached. */
  refresh(): void {
    this.#maps = undefined;
    this.#perfMap = undefined;
  }

  /** Executable mappings; empty when the process has exited (everything then resolves unknown). */
  get mappings(): readonly ProcMapping[] {
    if (this.#maps === undefined) {
      try {
        this.#maps = readProcMaps(this.pid).filter((m) => m.perms[2] === "x");
      } catch {
        this.#maps = [];
      }
    }
    return this.#maps;
  }

  resolve(address: number | bigint): UserSymbolLookup {
    const addr = Number(address);
    const mapping = this.#mappingAt(addr);
    if (mapping && isFileMapping(mapping) && mapping.path !== undefined) {
      const fileOffset = addr - mapping.start + mapping.pgoff;
      const mod = this.#cache.get(this.#fileOf(mapping));
      const vaddr = mod?.offsetToVaddr(fileOffset);
      const hit = vaddr !== undefined ? mod?.lookup(vaddr) : undefined;
      if (hit) return { name: hit.name, offset: hit.offset, module: mapping.path };
      return { offset: fileOffset, module: mapping.path };
    }
    if (mapping?.path === "[vdso]") {
      const offset = addr - mapping.start;
      const vdso = this.#cache.vdso();
      const vaddr = vdso?.offsetToVaddr(offset);
      const hit = vaddr !== undefined ? vdso?.lookup(vaddr) : undefined;
      return hit ? { name: hit.name, offset: hit.offset, module: "[vdso]" } : { offset, module: "[vdso]" };
    }
    const jit = this.#lookupPerfMap(addr);
    if (jit) return jit;
    if (mapping?.path !== undefined) return { offset: addr - mapping.start, module: mapping.path };
    return { offset: addr };
  }

  /** Binary search: /proc/PID/maps lists mappings sorted by address, without overlaps. */
  #mappingAt(addr: number): ProcMapping | undefined {
    const maps = this.mappings;
    let lo = 0;
    let hi = maps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = maps[mid]!;
      if (addr < m.start) hi = mid;
      else if (addr >= m.end) lo = mid + 1;
      else return m;
    }
    return undefined;
  }

  /**
   * BCC's BPF.sym(addr, pid, show_module, show_offset): "main", "strlen+0x5",
   * "readline+0x0 [bash]", "[unknown]", "[unknown] [libc.so.6]".
   */
  sym(address: number | bigint, showModule = false, showOffset = false): string {
    const r = this.resolve(address);
    return formatSymbol(r.name, r.offset, r.module, showModule, showOffset);
  }

  /**
   * The runtime address of function `name` in this process, searching the module whose path or
   * basename is `module` (all file mappings when omitted). BCC's SymbolCache.resolve_name.
   */
  resolveName(module: string | undefined, name: string): number | undefined {
    const seen = new Set<string>();
    for (const m of this.mappings) {
      if (!isFileMapping(m) || m.path === undefined || seen.has(m.path)) continue;
      seen.add(m.path);
      if (module !== undefined && m.path !== module && !m.path.endsWith(`/${module}`)) continue;
      const mod = this.#cache.get(this.#fileOf(m));
      const vaddr = mod?.addressOf(name);
      const off = vaddr !== undefined ? mod?.vaddrToOffset(vaddr) : undefined;
      if (off === undefined) continue;
      // Find the mapping of this file that covers the offset (the text mapping, usually).
      const text = this.mappings.find(
        (x) => x.path === m.path && off >= x.pgoff && off < x.pgoff + (x.end - x.start),
      );
      if (text) return text.start + (off - text.pgoff);
    }
    return undefined;
  }

  /**
   * A path that opens the mapped file from this process: through /proc/PID/root for other mount
   * namespaces, and through map_files (root only) when the file was deleted or replaced since it was
   * mapped, e.g. by a package upgrade of a running daemon.
   */
  #fileOf(m: ProcMapping): string {
    const hex = (n: number) => n.toString(16);
    if (m.deleted) return `/proc/${this.pid}/map_files/${hex(m.start)}-${hex(m.end)}`;
    return this.pid === process.pid ? (m.path ?? "") : `/proc/${this.pid}/root${m.path ?? ""}`;
  }

  #lookupPerfMap(addr: number): UserSymbolLookup | undefined {
    if (this.#perfMap === undefined) this.#perfMap = this.#readPerfMap();
    const e = this.#perfMap.find((x) => addr >= x.start && addr < x.end);
    return e ? { name: e.name, offset: addr - e.start, module: this.#perfMapPath() } : undefined;
  }

  #perfMapPath(): string {
    return `${this.options.perfMapDir ?? "/tmp"}/perf-${this.pid}.map`;
  }

  #readPerfMap(): PerfMapEntry[] {
    let text: string;
    try {
      text = readFileSync(this.#perfMapPath(), "utf8");
    } catch {
      return [];
    }
    return parsePerfMap(text);
  }
}

/** perf map lines: "<start hex> <size hex> <name with spaces>"; later lines win for overlaps. */
function parsePerfMap(text: string): PerfMapEntry[] {
  const out: PerfMapEntry[] = [];
  for (const line of text.split("\n")) {
    const m = /^(?:0x)?([0-9a-fA-F]+)\s+(?:0x)?([0-9a-fA-F]+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const start = parseInt(m[1] ?? "0", 16);
    out.push({ start, end: start + parseInt(m[2] ?? "0", 16), name: m[3] ?? "" });
  }
  return out.reverse();
}
