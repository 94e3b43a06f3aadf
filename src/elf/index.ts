/**
 * @fileoverview ELF reading for uprobes, USDT and symbolisation (pure node:fs, no kernel access).
 */
export {
  ElfFile,
  ElfFormatError,
  ET_DYN,
  ET_EXEC,
  EM_X86_64,
  PT_LOAD,
  PF_X,
  type ElfHeader,
  type ProgramHeader,
  type SectionHeader,
} from "./elf-file.ts";
export {
  STB_GLOBAL,
  STB_LOCAL,
  STB_WEAK,
  STT_FUNC,
  STT_GNU_IFUNC,
  STT_NOTYPE,
  STT_OBJECT,
  baseName,
  findSymbols,
  isDefined,
  isFunctionSymbol,
  readSymbols,
  symbolTypeName,
  type ElfSymbol,
  type FindSymbolOptions,
  type ResolvedSymbol,
  type SymbolTable,
} from "./elf-symbols.ts";
export { allNotes, buildId, debugLink, findDebugFile, readNotes, type DebugLink, type ElfNote } from "./elf-notes.ts";
export {
  addressToOffset,
  loadSymbols,
  resolveSymbol,
  symbolPattern,
  uprobeEventName,
  type LoadSymbolsOptions,
} from "./resolve-symbol.ts";
export { followIfuncs, resolveIfuncTarget, type IfuncTarget } from "./ifunc.ts";
export {
  PT_REGS_OFFSETS,
  UsdtArgParseError,
  parseUsdtArg,
  parseUsdtArgs,
  x86Register,
  type UsdtArg,
  type UsdtArgLocation,
  type X86Register,
} from "./usdt-args.ts";
export {
  findUsdtProbe,
  readUsdtProbes,
  usdtProbes,
  usdtProbesInProcess,
  type ModuleUsdtProbes,
  type UsdtProbe,
} from "./usdt-notes.ts";
export { LdCacheFormatError, isX8664Entry, parseLdCache, readLdCache, type LdCacheEntry } from "./ld-cache.ts";
export {
  DEFAULT_LIBRARY_DIRS,
  LibraryResolver,
  findExecutable,
  findLibrary,
  findLibraryInProcess,
  type LibraryResolverOptions,
} from "./find-library.ts";
export { isFileMapping, parseProcMaps, readProcMaps, type ProcMapping } from "./proc-maps.ts";
