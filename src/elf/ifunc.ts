/**
 * @fileoverview Finding the implementation an IFUNC symbol resolves to on this machine.
 *
 * glibc exports strlen, memcpy, strcmp, ... as STT_GNU_IFUNC: the symbol's address is a resolver
 * that the dynamic loader calls once, at relocation time, to pick a CPU-specific variant
 * (__strlen_avx2, __strlen_evex, ...). BCC attaches uprobes at the symbol address as it is, so
 * `attach_uprobe(name="c", sym="strlen")` probes the resolver, which fires only while a process
 * starts (measured here: about two hits per new process, against thousands at the implementation). The variant
 * names only exist in .symtab, which distributions strip (Debian's libc6 has only .dynsym; the
 * symbols are in libc6-dbg's debug file).
 *
 * What works without debug info: glibc's own internal calls to an IFUNC go through a GOT slot with an
 * R_X86_64_IRELATIVE relocation whose addend is the resolver address. The loader has already run the
 * resolver for this very process, so reading that slot through /proc/self/mem gives the chosen
 * variant's address, which maps back to a file offset of the same library. The choice depends only
 * on the CPU (and GLIBC_TUNABLES), so it is the one other processes on this machine use too.
 * When the library has no such slot for a resolver (12 of the 47 in this machine's libc), GOT slots
 * bound to the IFUNC's name are read instead: in the library itself and in the other modules of
 * this process (the node binary imports many libc functions and is linked with BIND_NOW). Here that
 * recovers strstr and strncat; the 10 left are *_chk and wide-character variants nobody in this
 * process calls, and time/gettimeofday, whose resolvers return vDSO code no uprobe can reach.
 * Only libraries this process has mapped can be resolved this way; libc always is.
 */
import { closeSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import { ElfFile, PF_X, PT_LOAD, u64, viewOf } from "./elf-file.ts";
import {
  STT_FUNC,
  STT_GNU_IFUNC,
  isFunctionSymbol,
  readSymbols,
  type ElfSymbol,
  type ResolvedSymbol,
} from "./elf-symbols.ts";
import { readProcMaps } from "./proc-maps.ts";
import { loadSymbols } from "./resolve-symbol.ts";

const SHT_RELA = 4;
const R_X86_64_64 = 1;
const R_X86_64_GLOB_DAT = 6;
const R_X86_64_JUMP_SLOT = 7;
const R_X86_64_IRELATIVE = 37;
const PAGE = 4096;

export interface IfuncTarget {
  /** Link-time address of the resolver (the IFUNC symbol's value). */
  readonly resolver: number;
  /** Link-time address of the selected implementation. */
  readonly address: number;
  /** File offset of the implementation: where a uprobe must go to see the calls. */
  readonly offset: number;
  /** The implementation's name when .symtab (or a debug file) has it, e.g. "__strlen_avx2". */
  readonly name?: string;
}

/**
 * The implementation selected for the IFUNC whose resolver is at `resolver` in `path`, or undefined
 * when it cannot be determined (library not mapped in this process, no IRELATIVE slot for it).
 */
export function resolveIfuncTarget(path: string, resolver: number): IfuncTarget | undefined {
  using elf = ElfFile.open(path);
  return ifuncTargetIn(elf, path, resolver);
}

/**
 * `resolved` with every IFUNC entry replaced by the implementation this machine selects (name,
 * address, offset, size of the variant; `ifuncResolver` keeps the resolver address). Entries whose
 * target cannot be determined stay as they are. This is the opt-in alternative to BCC's behaviour of
 * probing the resolver.
 */
export function followIfuncs(path: string, resolved: readonly ResolvedSymbol[]): ResolvedSymbol[] {
  if (!resolved.some((r) => r.type === STT_GNU_IFUNC)) return [...resolved];
  using elf = ElfFile.open(path);
  const symbols = loadSymbols(elf);
  return resolved.map((r) => {
    if (r.type !== STT_GNU_IFUNC) return r;
    const t = ifuncTargetIn(elf, path, r.address, symbols);
    if (!t) return r;
    const sym = symbols.find((s) => s.value === t.address && isFunctionSymbol(s));
    return {
      name: t.name ?? r.name,
      address: t.address,
      offset: t.offset,
      size: sym?.size ?? 0,
      type: STT_FUNC,
      bind: sym?.bind ?? r.bind,
      ifuncResolver: r.address,
    };
  });
}

function ifuncTargetIn(
  elf: ElfFile,
  path: string,
  resolver: number,
  symbols?: readonly ElfSymbol[],
): IfuncTarget | undefined {
  const base = loadBaseInSelf(elf, path);
  if (base === undefined) return undefined;
  const accept = (absolute: number | undefined): IfuncTarget | undefined => {
    if (absolute === undefined) return undefined;
    const address = absolute - base;
    if (address === resolver) return undefined;
    const segment = elf.programHeaders.find(
      (p) => p.type === PT_LOAD && (p.flags & PF_X) !== 0 && address >= p.vaddr && address < p.vaddr + p.filesz,
    );
    // A lazily bound slot still points at a PLT stub; .plt lies in the executable segment too, so
    // also require that no PLT section contains the address.
    if (!segment || inPlt(elf, address)) return undefined;
    const offset = address - segment.vaddr + segment.offset;
    const named = (symbols ?? loadSymbols(elf)).find((s) => s.value === address && isFunctionSymbol(s));
    return { resolver, address, offset, ...(named ? { name: named.name } : {}) };
  };
  // 1. The library's own IRELATIVE slot for this resolver (glibc's internal calls).
  for (const slot of relocationSlots(elf, (r) => r.type === R_X86_64_IRELATIVE && r.addend === resolver)) {
    const t = accept(readSelfU64(base + slot));
    if (t) return t;
  }
  // 2. GOT slots bound by symbol to the IFUNC, in the library itself and then in every other module
  //    of this process (node imports many libc string functions; it is linked with BIND_NOW).
  const names = new Set(
    readSymbols(elf, ["dynsym"])
      .filter((s) => s.type === STT_GNU_IFUNC && s.value === resolver)
      .map((s) => s.name),
  );
  if (names.size === 0) return undefined;
  const modules = [{ path, base, elf }, ...otherModules(path)];
  try {
    for (const m of modules) {
      const dynsym = readSymbols(m.elf, ["dynsym"]);
      const slots = relocationSlots(m.elf, (r) => {
        if (r.type !== R_X86_64_GLOB_DAT && r.type !== R_X86_64_JUMP_SLOT && r.type !== R_X86_64_64) return false;
        const sym = dynsym[r.symbol - 1];
        return sym !== undefined && names.has(sym.name) && r.addend === 0;
      });
      for (const slot of slots) {
        const t = accept(readSelfU64(m.base + slot));
        if (t) return t;
      }
    }
  } finally {
    for (const m of modules) if (m.elf !== elf) m.elf.close();
  }
  return undefined;
}

interface Relocation {
  readonly offset: number;
  readonly type: number;
  readonly symbol: number;
  readonly addend: number;
}

/** r_offset (GOT slot, link-time address) of the SHT_RELA entries that satisfy `want`. */
function relocationSlots(elf: ElfFile, want: (r: Relocation) => boolean): number[] {
  const out: number[] = [];
  for (const sec of elf.sections) {
    if (sec.type !== SHT_RELA || sec.size === 0) continue;
    const dv = viewOf(elf.readSection(sec));
    for (let b = 0; b + 24 <= dv.byteLength; b += 24) {
      const r = {
        offset: u64(dv, b),
        type: dv.getUint32(b + 8, true),
        symbol: dv.getUint32(b + 12, true),
        addend: Number(dv.getBigInt64(b + 16, true)),
      };
      if (want(r)) out.push(r.offset);
    }
  }
  return out;
}

function inPlt(elf: ElfFile, address: number): boolean {
  return elf.sections.some(
    (s) => s.name.startsWith(".plt") && address >= s.addr && address < s.addr + s.size,
  );
}

/** The other ELF files mapped in this process, opened, with their load bases. */
function otherModules(except: string): { path: string; base: number; elf: ElfFile }[] {
  const out: { path: string; base: number; elf: ElfFile }[] = [];
  const seen = new Set<string>([realpathSync(except)]);
  for (const m of readProcMaps("self")) {
    if (m.pgoff !== 0 || m.path === undefined || !m.path.startsWith("/") || m.deleted) continue;
    let real: string;
    try {
      real = realpathSync(m.path);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    let elf: ElfFile;
    try {
      elf = ElfFile.open(m.path);
    } catch {
      continue;
    }
    const base = loadBaseInSelf(elf, m.path);
    if (base === undefined) elf.close();
    else out.push({ path: m.path, base, elf });
  }
  return out;
}

/** Where this process loaded `path`: mapping start minus the page-aligned link address of offset 0. */
function loadBaseInSelf(elf: ElfFile, path: string): number | undefined {
  const first = elf.programHeaders.find((p) => p.type === PT_LOAD);
  if (!first) return undefined;
  const st = statSync(path);
  const real = realpathSync(path);
  const pgoff = first.offset - (first.offset % PAGE);
  for (const m of readProcMaps("self")) {
    if (m.inode !== st.ino || m.pgoff !== pgoff || m.path === undefined) continue;
    let mappedReal: string;
    try {
      mappedReal = realpathSync(m.path);
    } catch {
      continue;
    }
    if (mappedReal === real) return m.start - (first.vaddr - (first.vaddr % PAGE));
  }
  return undefined;
}

function readSelfU64(address: number): number | undefined {
  const fd = openSync("/proc/self/mem", "r");
  try {
    const buf = new Uint8Array(8);
    if (readSync(fd, buf, 0, 8, address) !== 8) return undefined;
    return u64(viewOf(buf), 0);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
