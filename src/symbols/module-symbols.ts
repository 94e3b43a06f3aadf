/**
 * @fileoverview Function symbols of one ELF file, sorted for address lookup, and a cache of them
 * keyed on file identity (device, inode, mtime), so a library shared by many processes is read once
 * and a rebuilt binary at the same path is read again.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { ElfFile, isFunctionSymbol, loadSymbols, readProcMaps, type ProgramHeader } from "../elf/index.ts";

export interface SymbolHit {
  readonly name: string;
  /** Bytes from the symbol's start. */
  readonly offset: number;
}

interface FunctionRange {
  readonly name: string;
  readonly start: number;
  readonly size: number;
}

/** A file's function symbols (FUNC and IFUNC, as BCC) and its PT_LOAD layout. */
export class ModuleSymbols {
  readonly #functions: FunctionRange[];
  readonly #segments: ProgramHeader[];
  readonly #byName = new Map<string, number>();

  constructor(
    readonly path: string,
    elf: ElfFile,
    useDebugFile = true,
  ) {
    this.#segments = elf.loadSegments;
    const seen = new Set<string>();
    const functions: FunctionRange[] = [];
    for (const s of loadSymbols(elf, { useDebugFile })) {
      if (!isFunctionSymbol(s)) continue;
      // .symtab and .dynsym repeat exported functions; keep one entry per (name, address).
      const key = `${s.name}\0${s.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      functions.push({ name: s.name, start: s.value, size: s.size });
      if (!this.#byName.has(s.name)) this.#byName.set(s.name, s.value);
    }
    // By start, then larger first so an enclosing function precedes the ones nested in it. Among
    // aliases of one range the lookup walks back from the last, so the public spelling goes last
    // (getpid rather than __getpid / __GI___getpid).
    const keyed = functions.map((f) => ({ f, u: underscores(f.name) }));
    keyed.sort(
      (a, b) => a.f.start - b.f.start || b.f.size - a.f.size || b.u - a.u || (a.f.name < b.f.name ? 1 : -1),
    );
    functions.length = 0;
    for (const k of keyed) functions.push(k.f);
    this.#functions = functions;
  }

  static load(path: string, useDebugFile = true): ModuleSymbols {
    using elf = ElfFile.open(path);
    return new ModuleSymbols(path, elf, useDebugFile);
  }

  get functionCount(): number {
    return this.#functions.length;
  }

  /** File offset → link-time address, through the PT_LOAD segments. */
  offsetToVaddr(offset: number): number | undefined {
    for (const p of this.#segments) {
      if (offset >= p.offset && offset < p.offset + p.filesz) return offset - p.offset + p.vaddr;
    }
    return undefined;
  }

  /** Link-time address → file offset. */
  vaddrToOffset(vaddr: number): number | undefined {
    for (const p of this.#segments) {
      if (vaddr >= p.vaddr && vaddr < p.vaddr + p.filesz) return vaddr - p.vaddr + p.offset;
    }
    return undefined;
  }

  /**
   * The function containing link-time address `vaddr`. Functions may nest (a cold part inside an
   * enclosing range, aliases of different sizes), so walk back from the last start ≤ vaddr while
   * an enclosing function could still cover it; stop at the first gap, like BCC, so that unknown
   * addresses do not scan the whole table.
   */
  lookup(vaddr: number): SymbolHit | undefined {
    const fns = this.#functions;
    let lo = 0;
    let hi = fns.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((fns[mid]?.start ?? 0) <= vaddr) lo = mid + 1;
      else hi = mid;
    }
    let i = lo - 1;
    const first = fns[i];
    if (!first) return undefined;
    const limit = first.start;
    for (; i >= 0; i--) {
      const f = fns[i];
      if (!f) break;
      if (vaddr < f.start + f.size) return { name: f.name, offset: vaddr - f.start };
      if (limit > f.start + f.size) break;
    }
    return undefined;
  }

  /** Link-time address of a function by name. */
  addressOf(name: string): number | undefined {
    return this.#byName.get(name);
  }
}

function underscores(name: string): number {
  let n = 0;
  while (name[n] === "_") n++;
  return n + (name.startsWith("__GI_") ? 10 : 0);
}

/** ModuleSymbols per file identity; owned by whoever symbolises (e.g. one per BPF instance). */
export class ModuleSymbolCache {
  readonly #modules = new Map<string, ModuleSymbols | null>();

  constructor(private readonly useDebugFile = true) {}

  /**
   * Symbols of the file at `path` (opened as given; pass /proc/PID/root/... for other mount
   * namespaces). Undefined when the file is missing or not a readable ELF file; that answer is
   * cached too, per identity.
   */
  get(path: string): ModuleSymbols | undefined {
    let key: string;
    try {
      const st = statSync(path);
      key = `${st.dev}:${st.ino}:${st.mtimeMs}:${st.size}`;
    } catch {
      return undefined;
    }
    let mod = this.#modules.get(key);
    if (mod === undefined) {
      try {
        mod = ModuleSymbols.load(path, this.useDebugFile);
      } catch {
        // Not ELF, truncated, unreadable: symbolise as "[unknown]" rather than fail a stack dump.
        mod = null;
      }
      this.#modules.set(key, mod);
    }
    return mod ?? undefined;
  }

  /**
   * Symbols of the vDSO (clock_gettime, gettimeofday, ... live there). It has no file; the kernel
   * maps one image into every 64-bit process, so this process's copy (read from /proc/self/mem)
   * symbolises anyone's [vdso] addresses.
   */
  vdso(): ModuleSymbols | undefined {
    let mod = this.#modules.get("[vdso]");
    if (mod === undefined) {
      mod = null;
      const m = readProcMaps("self").find((x) => x.path === "[vdso]");
      if (m) {
        const image = new Uint8Array(m.end - m.start);
        const fd = openSync("/proc/self/mem", "r");
        try {
          if (readSync(fd, image, 0, image.length, m.start) === image.length) {
            mod = new ModuleSymbols("[vdso]", ElfFile.fromBytes("[vdso]", image), this.useDebugFile);
          }
        } catch {
          // Not readable or not ELF: [vdso] addresses stay unnamed.
        } finally {
          closeSync(fd);
        }
      }
      this.#modules.set("[vdso]", mod);
    }
    return mod ?? undefined;
  }

  get size(): number {
    return this.#modules.size;
  }

  clear(): void {
    this.#modules.clear();
  }
}
