/**
 * @fileoverview ELF symbol tables (.symtab, .dynsym with GNU symbol versions) and name → uprobe
 * offset resolution, the job BCC does in bcc_resolve_symname.
 */
import {
  ElfFile,
  SHT_DYNSYM,
  SHT_SYMTAB,
  cString,
  u64,
  viewOf,
  type SectionHeader,
} from "./elf-file.ts";

export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;
export const STT_FILE = 4;
export const STT_TLS = 6;
export const STT_GNU_IFUNC = 10;

export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;

const SHN_UNDEF = 0;
const SHN_ABS = 0xfff1;
const SHT_GNU_VERDEF = 0x6ffffffd;
const SHT_GNU_VERNEED = 0x6ffffffe;
const SHT_GNU_VERSYM = 0x6fffffff;
/** versym bit marking a non-default version (readelf prints `name@V` instead of `name@@V`). */
const VERSYM_HIDDEN = 0x8000;

export type SymbolTable = "symtab" | "dynsym";

export interface ElfSymbol {
  /** Name without version; a .symtab name's own `@VERSION` / `@@VERSION` suffix moves to `version`. */
  readonly name: string;
  /** GNU version from .gnu.version_d / _r (dynsym only), e.g. "GLIBC_2.2.5". */
  readonly version?: string;
  /** False for `name@VERSION` (hidden, old ABI) dynsym entries, true otherwise. */
  readonly defaultVersion: boolean;
  /** Linked virtual address (st_value). */
  readonly value: number;
  readonly size: number;
  readonly type: number;
  readonly bind: number;
  readonly sectionIndex: number;
  readonly table: SymbolTable;
}

const TYPE_NAMES: Record<number, string> = {
  [STT_NOTYPE]: "NOTYPE",
  [STT_OBJECT]: "OBJECT",
  [STT_FUNC]: "FUNC",
  [STT_SECTION]: "SECTION",
  [STT_FILE]: "FILE",
  5: "COMMON",
  [STT_TLS]: "TLS",
  [STT_GNU_IFUNC]: "IFUNC",
};

export function symbolTypeName(type: number): string {
  return TYPE_NAMES[type] ?? `TYPE${type}`;
}

/** A symbol that names code: the kinds BCC symbolises with and attaches sym_re probes to. */
export function isFunctionSymbol(s: ElfSymbol): boolean {
  return (s.type === STT_FUNC || s.type === STT_GNU_IFUNC) && isDefined(s);
}

export function isDefined(s: ElfSymbol): boolean {
  return s.sectionIndex !== SHN_UNDEF && s.sectionIndex !== SHN_ABS && s.value !== 0;
}

/** The name without any `@VERSION` / `@@VERSION` suffix. */
export function baseName(name: string): string {
  const at = name.indexOf("@");
  return at < 0 ? name : name.slice(0, at);
}

/** Reads one symbol table (both by default). Missing tables yield no symbols, not an error. */
export function readSymbols(elf: ElfFile, tables: readonly SymbolTable[] = ["symtab", "dynsym"]): ElfSymbol[] {
  const out: ElfSymbol[] = [];
  for (const table of tables) {
    const type = table === "symtab" ? SHT_SYMTAB : SHT_DYNSYM;
    const sec = elf.sections.find((s) => s.type === type);
    if (sec) readTable(elf, sec, table, out);
  }
  return out;
}

function readTable(elf: ElfFile, sec: SectionHeader, table: SymbolTable, out: ElfSymbol[]): void {
  const strSec = elf.sections[sec.link];
  if (!strSec) return;
  // One latin1 string for the whole table: slicing it is far cheaper than decoding each name
  // separately (node's .symtab has ~110k entries).
  const strings = Buffer.from(elf.readSection(strSec)).toString("latin1");
  const dv = viewOf(elf.readSection(sec));
  const count = Math.floor(sec.size / 24);
  const versions = table === "dynsym" ? readVersions(elf, count) : undefined;
  // Entry 0 is the reserved null symbol.
  for (let i = 1; i < count; i++) {
    const b = i * 24;
    const info = dv.getUint8(b + 4);
    const nameOff = dv.getUint32(b, true);
    const nameEnd = strings.indexOf("\0", nameOff);
    let name = strings.slice(nameOff, nameEnd < 0 ? strings.length : nameEnd);
    let ver = versions?.[i];
    const at = table === "symtab" ? name.indexOf("@") : -1;
    if (at > 0) {
      // .symtab spells versions into the name (from .symver): "memcpy@GLIBC_2.2.5", "f@@V2".
      const isDefault = name.startsWith("@@", at);
      ver = { name: name.slice(at + (isDefault ? 2 : 1)), hidden: !isDefault };
      name = name.slice(0, at);
    }
    out.push({
      name,
      ...(ver?.name !== undefined ? { version: ver.name } : {}),
      defaultVersion: ver ? !ver.hidden : true,
      value: u64(dv, b + 8),
      size: u64(dv, b + 16),
      type: info & 0xf,
      bind: info >> 4,
      sectionIndex: dv.getUint16(b + 6, true),
      table,
    });
  }
}

interface VersionInfo {
  name?: string;
  hidden: boolean;
}

/** Per-dynsym-index version names from .gnu.version + .gnu.version_d/.gnu.version_r. */
function readVersions(elf: ElfFile, count: number): VersionInfo[] | undefined {
  const versym = elf.sections.find((s) => s.type === SHT_GNU_VERSYM);
  if (!versym) return undefined;
  const names = new Map<number, string>();
  for (const sec of elf.sections) {
    if (sec.type !== SHT_GNU_VERDEF && sec.type !== SHT_GNU_VERNEED) continue;
    const strSec = elf.sections[sec.link];
    if (!strSec) continue;
    const strings = elf.readSection(strSec);
    const dv = viewOf(elf.readSection(sec));
    // sh_info holds the number of entries in both kinds of sections.
    let at = 0;
    for (let n = 0; n < sec.info && at + 16 <= dv.byteLength; n++) {
      if (sec.type === SHT_GNU_VERDEF) {
        // Verdef{version u16, flags u16, ndx u16, cnt u16, hash u32, aux u32, next u32};
        // the first Verdaux{name u32, next u32} names the version itself.
        const ndx = dv.getUint16(at + 4, true);
        const aux = dv.getUint32(at + 12, true);
        names.set(ndx, cString(strings, dv.getUint32(at + aux, true)));
      } else {
        // Verneed{version u16, cnt u16, file u32, aux u32, next u32}, then cnt
        // Vernaux{hash u32, flags u16, other u16 (the version index), name u32, next u32}.
        const cnt = dv.getUint16(at + 2, true);
        let aux = at + dv.getUint32(at + 8, true);
        for (let k = 0; k < cnt && aux + 16 <= dv.byteLength; k++) {
          names.set(dv.getUint16(aux + 6, true), cString(strings, dv.getUint32(aux + 8, true)));
          const next = dv.getUint32(aux + 12, true);
          if (next === 0) break;
          aux += next;
        }
      }
      const next = dv.getUint32(at + (sec.type === SHT_GNU_VERDEF ? 16 : 12), true);
      if (next === 0) break;
      at += next;
    }
  }
  const dv = viewOf(elf.readSection(versym));
  const out: VersionInfo[] = [];
  for (let i = 0; i < count && i * 2 + 2 <= dv.byteLength; i++) {
    const v = dv.getUint16(i * 2, true);
    const idx = v & 0x7fff;
    // Indices 0 (local) and 1 (global, unversioned) carry no name.
    const name = idx > 1 ? names.get(idx) : undefined;
    out.push({ ...(name !== undefined ? { name } : {}), hidden: (v & VERSYM_HIDDEN) !== 0 });
  }
  return out;
}

export interface ResolvedSymbol {
  readonly name: string;
  readonly version?: string;
  /** Linked virtual address (st_value). */
  readonly address: number;
  /** File offset of the address: what a uprobe is attached at. */
  readonly offset: number;
  readonly size: number;
  readonly type: number;
  readonly bind: number;
  /** Set by followIfuncs: the IFUNC resolver this implementation was selected by. */
  readonly ifuncResolver?: number;
}

export interface FindSymbolOptions {
  /** Only FUNC and IFUNC symbols (default: true for RegExp queries, false for names, like BCC). */
  readonly functionsOnly?: boolean;
}

/**
 * Symbols named `query` (exact name; `name@VER` / `name@@VER` select a version) or matching a
 * RegExp, with their file offsets. Undefined and absolute symbols are skipped, and duplicates at one
 * address (the same function in .symtab and .dynsym, or aliases when matching a RegExp) collapse.
 * For a name, the best candidate comes first: default version, then functions, then GLOBAL binding.
 */
export function findSymbols(
  elf: ElfFile,
  symbols: readonly ElfSymbol[],
  query: string | RegExp,
  options: FindSymbolOptions = {},
): ResolvedSymbol[] {
  const functionsOnly = options.functionsOnly ?? typeof query !== "string";
  const matches = symbols.filter(
    (s) => isDefined(s) && (!functionsOnly || isFunctionSymbol(s)) && symbolMatches(s, query),
  );
  if (typeof query === "string") matches.sort((a, b) => rank(a) - rank(b));
  const seen = new Set<number>();
  const out: ResolvedSymbol[] = [];
  for (const s of matches) {
    if (seen.has(s.value)) continue;
    seen.add(s.value);
    const offset = elf.vaddrToOffset(s.value);
    if (offset === undefined) continue;
    out.push({
      name: s.name,
      ...(s.version !== undefined ? { version: s.version } : {}),
      address: s.value,
      offset,
      size: s.size,
      type: s.type,
      bind: s.bind,
    });
  }
  return out;
}

function symbolMatches(s: ElfSymbol, query: string | RegExp): boolean {
  if (typeof query !== "string") {
    query.lastIndex = 0;
    return query.test(s.name);
  }
  const at = query.indexOf("@");
  if (at < 0) return s.name === query;
  // "name@@VER" asks for the default version, "name@VER" for that exact version.
  const want = query.slice(0, at);
  const wantDefault = query.startsWith("@@", at);
  const wantVer = query.slice(at + (wantDefault ? 2 : 1));
  return s.name === want && s.version === wantVer && (!wantDefault || s.defaultVersion);
}

function rank(s: ElfSymbol): number {
  let r = 0;
  if (!s.defaultVersion) r += 4;
  if (s.type !== STT_FUNC && s.type !== STT_GNU_IFUNC) r += 2;
  if (s.bind !== STB_GLOBAL) r += 1;
  return r;
}
