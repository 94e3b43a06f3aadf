/**
 * @fileoverview Address ↔ symbol for the kernel (/proc/kallsyms) and for processes (/proc/PID/maps
 * plus ELF symbol tables), with BCC's output formats.
 */
export {
  KernelSymbols,
  formatSymbol,
  parseKallsyms,
  type KernelSymbol,
  type KernelSymbolLookup,
  type KernelSymbolsOptions,
} from "./kallsyms.ts";
export { ModuleSymbolCache, ModuleSymbols, type SymbolHit } from "./module-symbols.ts";
export { ProcessSymbols, type ProcessSymbolsOptions, type UserSymbolLookup } from "./process-symbols.ts";
export { Symbolizer, type SymbolizerOptions } from "./symbolizer.ts";
