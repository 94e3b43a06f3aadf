/**
 * @fileoverview One object for all symbolisation a BPF instance does: BCC keeps per-pid symbol
 * caches in a class-level dict; here they live on a Symbolizer the caller owns.
 */
import { KernelSymbols, type KernelSymbolsOptions } from "./kallsyms.ts";
import { ModuleSymbolCache } from "./module-symbols.ts";
import { ProcessSymbols } from "./process-symbols.ts";

export interface SymbolizerOptions {
  readonly kernel?: KernelSymbolsOptions;
  /** Read separate debug files (/usr/lib/debug) for stripped binaries (default true). */
  readonly useDebugFiles?: boolean;
  readonly perfMapDir?: string;
}

export class Symbolizer {
  readonly kernel: KernelSymbols;
  readonly modules: ModuleSymbolCache;
  readonly #processes = new Map<number, ProcessSymbols>();

  constructor(private readonly options: SymbolizerOptions = {}) {
    this.kernel = new KernelSymbols(options.kernel);
    this.modules = new ModuleSymbolCache(options.useDebugFiles ?? true);
  }

  /** The symbol cache of one process, created on first use. */
  process(pid: number): ProcessSymbols {
    let p = this.#processes.get(pid);
    if (!p) {
      p = new ProcessSymbols(pid, {
        cache: this.modules,
        ...(this.options.perfMapDir !== undefined ? { perfMapDir: this.options.perfMapDir } : {}),
      });
      this.#processes.set(pid, p);
    }
    return p;
  }

  /** BCC's BPF.sym(addr, pid, show_module, show_offset); a negative pid means the kernel. */
  sym(address: number | bigint, pid: number, showModule = false, showOffset = false): string {
    if (pid < 0) return this.kernel.ksym(address, showModule, showOffset);
    return this.process(pid).sym(address, showModule, showOffset);
  }

  /** BCC's BPF.ksym(addr, show_module, show_offset). */
  ksym(address: number | bigint, showModule = false, showOffset = false): string {
    return this.kernel.ksym(address, showModule, showOffset);
  }

  /** BCC's BPF.ksymname(name): the address, or -1n when unknown (BCC returns -1). */
  ksymname(name: string): bigint {
    return this.kernel.ksymname(name) ?? -1n;
  }

  /** Drop a process's cached memory map (e.g. when it exits or execs). */
  forget(pid: number): void {
    this.#processes.delete(pid);
  }
}
