/**
 * @fileoverview USDT probes: SystemTap SDT notes (.note.stapsdt) of an ELF file, with the file
 * offsets needed to attach them as uprobes (probe pc → uprobe offset, semaphore → ref_ctr_offset).
 *
 * Each note (owner "stapsdt", type 3) describes one probe site: pc, the link-time address of
 * .stapsdt.base, the semaphore address (0 when the probe has none), then provider, name and the
 * argument string as NUL-terminated strings. The same provider:name may occur at several sites
 * (inlined or duplicated code); every site is a separate entry here, as in BCC's Probe locations.
 */
import { ElfFile, cString, u64, viewOf } from "./elf-file.ts";
import { NT_STAPSDT, allNotes } from "./elf-notes.ts";
import { isFileMapping, readProcMaps } from "./proc-maps.ts";
import { UsdtArgParseError, parseUsdtArgs, type UsdtArg } from "./usdt-args.ts";

export interface UsdtProbe {
  readonly provider: string;
  readonly name: string;
  /** Probe site as a link-time virtual address, adjusted for prelinking (see below). */
  readonly pc: number;
  /** File offset of the probe site: the uprobe offset. */
  readonly offset: number;
  /** The .stapsdt.base address recorded in the note. */
  readonly base: number;
  /** Semaphore virtual address, 0 when the probe has no semaphore. */
  readonly semaphore: number;
  /**
   * File offset of the semaphore (perf_event_attr uprobe ref_ctr_offset, kernel >= 4.20), 0 when the
   * probe has no semaphore. The kernel increments the u16 at this offset in every process that
   * maps the file, which is what enables the probe's argument computation in the traced program.
   */
  readonly semaphoreOffset: number;
  /** The raw argument string, e.g. "-4@%edi 8@%rax". */
  readonly argsText: string;
  /** The parsed arguments; empty together with argsError set when the string was not understood. */
  readonly args: readonly UsdtArg[];
  readonly argsError?: string;
}

/** All USDT probes of an open ELF file, in note order. */
export function readUsdtProbes(elf: ElfFile): UsdtProbe[] {
  const notes = allNotes(elf, ".note.stapsdt").filter((n) => n.name === "stapsdt" && n.type === NT_STAPSDT);
  if (notes.length === 0) return [];
  // Prelink may move a library after the notes were written; the notes keep the original address of
  // .stapsdt.base, and the difference to that section's current address shifts pc and semaphore.
  const baseSection = elf.section(".stapsdt.base");
  const probesSection = elf.section(".probes");
  const firstCode = elf.firstExecutableAddress() ?? 0;
  const out: UsdtProbe[] = [];
  for (const note of notes) {
    if (note.desc.length < 24 + 3) continue;
    const dv = viewOf(note.desc);
    let pc = u64(dv, 0);
    const base = u64(dv, 8);
    let semaphore = u64(dv, 16);
    const provider = cString(note.desc, 24);
    const nameAt = 24 + provider.length + 1;
    const name = cString(note.desc, nameAt);
    const argsText = cString(note.desc, nameAt + name.length + 1);
    if (baseSection && base !== 0) {
      const shift = baseSection.addr - base;
      pc += shift;
      if (semaphore !== 0) semaphore += shift;
    }
    // Like BCC, skip sites before the first code section: corrupt notes, not real probes.
    if (pc < firstCode) continue;
    const offset = elf.vaddrToOffset(pc);
    if (offset === undefined) continue;
    let semaphoreOffset = 0;
    if (semaphore !== 0) {
      // Semaphores live in .probes (initialised data, so file-backed); fall back to the segments.
      semaphoreOffset =
        probesSection && semaphore >= probesSection.addr && semaphore < probesSection.addr + probesSection.size
          ? semaphore - probesSection.addr + probesSection.offset
          : (elf.vaddrToOffset(semaphore) ?? 0);
    }
    let args: UsdtArg[] = [];
    let argsError: string | undefined;
    try {
      args = parseUsdtArgs(argsText);
    } catch (e) {
      if (!(e instanceof UsdtArgParseError)) throw e;
      argsError = e.message;
    }
    out.push({
      provider,
      name,
      pc,
      offset,
      base,
      semaphore,
      semaphoreOffset,
      argsText,
      args,
      ...(argsError !== undefined ? { argsError } : {}),
    });
  }
  return out;
}

/** USDT probes of the file at `path`. */
export function usdtProbes(path: string): UsdtProbe[] {
  using elf = ElfFile.open(path);
  return readUsdtProbes(elf);
}

/**
 * The sites of one probe, matched by name and optionally provider (BCC's USDT.enable_probe accepts
 * "name" or "provider:name").
 */
export function findUsdtProbe(probes: readonly UsdtProbe[], spec: string): UsdtProbe[] {
  const colon = spec.indexOf(":");
  const provider = colon >= 0 ? spec.slice(0, colon) : undefined;
  const name = colon >= 0 ? spec.slice(colon + 1) : spec;
  return probes.filter((p) => p.name === name && (provider === undefined || p.provider === provider));
}

export interface ModuleUsdtProbes {
  /** The file as mapped in the process (its own mount namespace). */
  readonly path: string;
  /** A path that opens the same file from this process (through /proc/PID/root). */
  readonly hostPath: string;
  readonly probes: UsdtProbe[];
}

/**
 * USDT probes of every file `pid` has mapped executable (BCC's USDT(pid=...)): the program and its
 * libraries. Files that cannot be read or are not ELF are skipped; an exited process has none.
 */
export function usdtProbesInProcess(pid: number): ModuleUsdtProbes[] {
  let maps;
  try {
    maps = readProcMaps(pid);
  } catch {
    return [];
  }
  const out: ModuleUsdtProbes[] = [];
  const seen = new Set<string>();
  for (const m of maps) {
    if (!isFileMapping(m) || m.perms[2] !== "x" || m.path === undefined || seen.has(m.path)) continue;
    seen.add(m.path);
    const hostPath = pid === process.pid ? m.path : `/proc/${pid}/root${m.path}`;
    let probes: UsdtProbe[];
    try {
      probes = usdtProbes(hostPath);
    } catch {
      continue;
    }
    if (probes.length > 0) out.push({ path: m.path, hostPath, probes });
  }
  return out;
}
