/**
 * @fileoverview One-call symbol resolution for uprobes: path + name (or RegExp) → file offsets.
 */
import { ElfFile, ElfFormatError } from "./elf-file.ts";
import { findDebugFile } from "./elf-notes.ts";
import { findSymbols, readSymbols, type ElfSymbol, type ResolvedSymbol } from "./elf-symbols.ts";

export interface LoadSymbolsOptions {
  /** Also read .symtab from the separate debug file when the binary has none (default true). */
  readonly useDebugFile?: boolean;
}

/**
 * All symbols of an open file, plus the debug file's .symtab when the file is stripped. The debug
 * file's symbol values are link-time addresses of the same layout, so they map through the
 * original file's PT_LOAD segments.
 */
export function loadSymbols(elf: ElfFile, options: LoadSymbolsOptions = {}): ElfSymbol[] {
  const symbols = readSymbols(elf);
  if ((options.useDebugFile ?? true) && !symbols.some((s) => s.table === "symtab")) {
    const debugPath = findDebugFile(elf);
    if (debugPath !== undefined) {
      try {
        using debug = ElfFile.open(debugPath);
        symbols.push(...readSymbols(debug, ["symtab"]));
      } catch (e) {
        // A broken debug file must not hide the binary's own .dynsym.
        if (!(e instanceof ElfFormatError)) throw e;
      }
    }
  }
  return symbols;
}

/**
 * BCC's symbol resolution for attach_uprobe(name=path, sym=...) / sym_re: symbols of `path` named
 * `query`, or matching the RegExp (a string is an exact name, as in BCC's `sym`), with the file
 * offset a uprobe needs. Empty when nothing matches. Throws for unreadable or non-ELF files.
 *
 * IFUNC symbols (e.g. glibc's strlen, memcpy) resolve to the resolver function, which runs once per
 * process at relocation time, exactly like BCC; pass the result through followIfuncs (ifunc.ts) to
 * probe the implementation that actually runs.
 */
export function resolveSymbol(
  path: string,
  query: string | RegExp,
  options: LoadSymbolsOptions & { readonly functionsOnly?: boolean } = {},
): ResolvedSymbol[] {
  using elf = ElfFile.open(path);
  return findSymbols(elf, loadSymbols(elf, options), query, options);
}

/**
 * A linked virtual address of `path` → file offset (BCC's attach_uprobe(addr=...) translation).
 * Undefined when no PT_LOAD segment backs the address with file bytes.
 */
export function addressToOffset(path: string, address: number): number | undefined {
  using elf = ElfFile.open(path);
  return elf.vaddrToOffset(address);
}

/**
 * Turns a BCC-style `sym_re` string into a RegExp with Python's re.match semantics (anchored at the
 * start only). RegExp objects are used as given.
 */
export function symbolPattern(re: string | RegExp): RegExp {
  return typeof re === "string" ? new RegExp(`^(?:${re})`) : re;
}

/**
 * BCC's uprobe event name (_get_uprobe_evname): "p_<basename>_0x<offset>" plus "_<pid>" when the
 * probe is filtered to one pid, with every character outside [A-Za-z0-9_] of the basename turned
 * into "_". Prefix "p" for uprobes, "r" for uretprobes.
 */
export function uprobeEventName(prefix: string, path: string, offset: number, pid = -1): string {
  const base = path.slice(path.lastIndexOf("/") + 1).replace(/[^a-zA-Z0-9_]/g, "_");
  const name = `${prefix}_${base}_0x${offset.toString(16)}`;
  return pid === -1 ? name : `${name}_${pid}`;
}
