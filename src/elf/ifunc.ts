/**
 * @fileoverview Finding the implementation an IFUNC symbol resolves to on this machine.
 *
 * glibc exports strlen, memcpy, strcmp, ... as STT_GNU_IFUNC: the symbol's address is a resolver
 * that the dynamic loader calls once, at relocation time, to pick a CPU-specific variant
 * (__strlen_avx2, __strlen_evex, ...). BCC attaches uprobes at the symbol address as it is, so
 * `attach_uprobe(name="c", sym="strlen")` probes the resolver and fires about never. The variant
 * names only exist in .symtab, which distributions strip (Debian's libc6 has only .dynsym; the
 * symbols are in libc6-dbg's debug file).
 *
 * What works without debug info: glibc's own internal calls to an IFUNC go through a GOT slot with an
 * R_X86_64_IRELATIVE relocation whose addend is the resolver address. The loader has already run the
 * resolver for this very process, so reading that slot through /proc/self/mem gives the chosen
 * variant's address, which maps back to a file offset of the same library. The choice depends only
 * on the CPU (and GLIBC_TUNABLES), so it is the one other processes on this machine use too.
 * Only libraries this process has mapped can be resolved this way; libc always is.
 */
import { closeSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import { ElfFile, PF_X, PT_LOAD, u64, viewOf } from "./elf-file.ts";
import { isFunctionSymbol } from "./elf-symbols.ts";
import { readProcMaps } from "./proc-maps.ts";
import { loadSymbols } from "./resolve-symbol.ts";

const SHT_RELA = 4;
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
  const slot = irelativeSlot(elf, resolver);
  if (slot === undefined) return undefined;
  const base = loadBaseInSelf(elf, path);
  if (base === undefined) return undefined;
  const absolute = readSelfU64(base + slot);
  if (absolute === undefined) return undefined;
  const address = absolute - base;
  const segment = elf.programHeaders.find(
    (p) => p.type === PT_LOAD && (p.flags & PF_X) !== 0 && address >= p.vaddr && address < p.vaddr + p.filesz,
  );
  if (!segment) return undefined;
  const offset = address - segment.vaddr + segment.offset;
  const named = loadSymbols(elf).find((s) => s.value === address && isFunctionSymbol(s));
  return { resolver, address, offset, ...(named ? { name: named.name } : {}) };
}

/** The GOT slot (link-time address) of the IRELATIVE relocation that calls `resolver`. */
function irelativeSlot(elf: ElfFile, resolver: number): number | undefined {
  for (const sec of elf.sections) {
    if (sec.type !== SHT_RELA || sec.size === 0) continue;
    const dv = viewOf(elf.readSection(sec));
    for (let b = 0; b + 24 <= dv.byteLength; b += 24) {
      const type = dv.getUint32(b + 8, true);
      if (type === R_X86_64_IRELATIVE && Number(dv.getBigInt64(b + 16, true)) === resolver) return u64(dv, b);
    }
  }
  return undefined;
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
