/**
 * @fileoverview BCC's USDT class: choose the USDT probes of a process or a binary, name the BPF
 * function each runs, and hand the set to `new BPF({ text, usdt_contexts: [u] })`, which compiles
 * the generated bpf_usdt_readarg code with the program and attaches every probe site.
 *
 * Semaphores are enabled by the kernel (uprobe ref_ctr_offset, kernel >= 4.20) rather than by
 * writing the traced process's memory as older BCC did: the kernel raises the counter in every
 * process mapping the file while the uprobe exists, and lowers it when the uprobe goes away.
 */
import { existsSync } from "node:fs";
import {
  findExecutable,
  findLibrary,
  findUsdtProbe,
  usdtProbes,
  usdtProbesInProcess,
  type ModuleUsdtProbes,
  type UsdtProbe,
} from "../elf/index.ts";
import { ctypeName, widestCType } from "./readarg-gen.ts";

export class USDTError extends Error {
  override readonly name: string = "USDTError";
  /** The CLI prints the message alone (no stack) for errors the user caused. */
  readonly userFacing = true;
}

export interface USDTOptions {
  /** Trace this process: its program and libraries are searched, and probes fire only in it. */
  pid?: number;
  /** A binary or library (a path, or a name looked up like attach_uprobe's `name`). */
  path?: string;
}

/** One enabled probe: every site of it, in every module where it was found. */
export interface EnabledProbe {
  /** As the caller wrote it ("name" or "provider:name"). */
  readonly probe: string;
  readonly fn_name: string;
  readonly sites: readonly { readonly path: string; readonly probe: UsdtProbe }[];
}

export class USDT {
  readonly pid: number | undefined;
  readonly path: string | undefined;
  readonly #modules: ModuleUsdtProbes[];
  readonly #enabled: EnabledProbe[] = [];

  constructor(opts: USDTOptions = {}) {
    const pid = opts.pid !== undefined && opts.pid >= 0 ? opts.pid : undefined;
    if (pid === undefined && opts.path === undefined) throw new USDTError("new USDT() needs { pid } or { path }");
    if (pid !== undefined && !existsSync(`/proc/${pid}`)) throw new USDTError(`USDT: no process with pid ${pid}`);
    this.pid = pid;
    if (opts.path !== undefined) {
      const path = resolvePath(opts.path, pid);
      // Through /proc/PID/root the file is the one the process sees (its mount namespace).
      const hostPath = pid !== undefined && pid !== process.pid && path.startsWith("/") ? `/proc/${pid}/root${path}` : path;
      let probes: UsdtProbe[];
      try {
        probes = usdtProbes(hostPath);
      } catch (err) {
        throw new USDTError(`USDT: cannot read ${path}: ${(err as Error).message}`);
      }
      this.path = path;
      this.#modules = [{ path, hostPath, probes }];
    } else {
      this.path = undefined;
      this.#modules = usdtProbesInProcess(pid!);
    }
  }

  /** Every probe found, as BCC's enumerate_probes: provider, name and the file it is in. */
  enumerate_probes(): { provider: string; name: string; bin_path: string }[] {
    const out: { provider: string; name: string; bin_path: string }[] = [];
    const seen = new Set<string>();
    for (const m of this.#modules) {
      for (const p of m.probes) {
        const key = `${m.path}\0${p.provider}:${p.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ provider: p.provider, name: p.name, bin_path: m.path });
      }
    }
    return out;
  }

  /**
   * Runs BPF function `fn_name` at every site of `probe` ("name" or "provider:name"). BCC's
   * positional form `enable_probe(probe, fn_name)` works too. Throws USDTError when there is no
   * such probe.
   */
  enable_probe(opts: { probe: string; fn_name: string }): void;
  enable_probe(probe: string, fn_name: string): void;
  enable_probe(a: string | { probe: string; fn_name: string }, b?: string): void {
    const { probe, fn_name } = typeof a === "string" ? { probe: a, fn_name: b ?? "" } : a;
    if (!fn_name) throw new USDTError(`USDT: enable_probe(${probe}) needs fn_name`);
    const sites: { path: string; probe: UsdtProbe }[] = [];
    for (const m of this.#modules) {
      for (const p of findUsdtProbe(m.probes, probe)) sites.push({ path: m.hostPath, probe: p });
    }
    if (sites.length === 0) throw new USDTError(this.#noSuchProbe(probe));
    const names = new Set(sites.map((s) => `${s.probe.provider}:${s.probe.name}`));
    if (names.size > 1) throw new USDTError(`USDT: probe name ${probe} is ambiguous (${[...names].join(", ")}); write provider:name`);
    this.#enabled.push({ probe, fn_name, sites });
  }

  /** enable_probe, or one line on stderr and exit(1), as BCC's tools do on a missing probe. */
  enable_probe_or_bail(opts: { probe: string; fn_name: string }): void;
  enable_probe_or_bail(probe: string, fn_name: string): void;
  enable_probe_or_bail(a: string | { probe: string; fn_name: string }, b?: string): void {
    try {
      if (typeof a === "string") this.enable_probe(a, b ?? "");
      else this.enable_probe(a);
    } catch (err) {
      if (!(err instanceof USDTError)) throw err;
      process.stderr.write(`Error attaching USDT probes: ${err.message}\n`);
      process.exit(1);
    }
  }

  /** The enabled probes, in enable order. */
  get enabled(): readonly EnabledProbe[] {
    return this.#enabled;
  }

  /**
   * The C type to pass to bpf_usdt_readarg for each argument of `probe` (BCC's
   * get_probe_arg_ctypes): the widest among its sites.
   */
  get_probe_arg_ctypes(probe: string): string[] {
    const sites = this.#modules.flatMap((m) => findUsdtProbe(m.probes, probe));
    if (sites.length === 0) throw new USDTError(this.#noSuchProbe(probe));
    const argLists = sites.map((s) => s.args);
    const count = Math.max(...argLists.map((a) => a.length));
    const out: string[] = [];
    for (let n = 0; n < count; n++) {
      const t = widestCType(argLists, n);
      out.push(t ? ctypeName(t) : "unsigned long long");
    }
    return out;
  }

  #where(): string {
    if (this.path !== undefined) return this.path + (this.pid !== undefined ? ` (pid ${this.pid})` : "");
    return `process ${this.pid}`;
  }

  #noSuchProbe(probe: string): string {
    const all = this.enumerate_probes();
    if (all.length === 0) {
      return this.path !== undefined
        ? `USDT: ${this.path} has no USDT probes (no .note.stapsdt section)`
        : `USDT: process ${this.pid} has no USDT probes in its program or libraries`;
    }
    const shown = all.slice(0, 8).map((p) => `${p.provider}:${p.name}`);
    const more = all.length > shown.length ? `, ... (${all.length} in all)` : "";
    return `USDT: no probe ${probe} in ${this.#where()}; available: ${shown.join(", ")}${more}`;
  }
}

function resolvePath(name: string, pid: number | undefined): string {
  if (name.includes("/")) return name;
  const found = findLibrary(name, pid) ?? findExecutable(name);
  if (!found) throw new USDTError(`USDT: cannot find library or executable "${name}" (give a path)`);
  return found;
}
