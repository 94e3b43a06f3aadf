/**
 * @fileoverview The USDT contexts of one BPF program: numbers every enabled probe site (its attach
 * cookie), generates the bpf_usdt_readarg C for them, serves that C to the compiler as a forced
 * include (so the user's line numbers stay as written), and attaches the sites once the program's
 * maps exist.
 */
import { attachUprobe, type Link } from "../attach/index.ts";
import { resolveSymbol } from "../elf/index.ts";
import type { IncludedFile, IncludeHost } from "../../frontend-c/preprocess/index.ts";
import type { FdTracker } from "../sys/index.ts";
import type { Tracefs } from "../tracefs/index.ts";
import { generateReadargC, widestCType, type CType, type ReadargSite } from "./readarg-gen.ts";
import { USDTError, type USDT } from "./usdt.ts";

/** The file name the generated C has in diagnostics and in the `-include` flag. */
export const USDT_INCLUDE_NAME = "<bcc-ts-usdt>";

/** What attaching needs from the BPF object. */
export interface UsdtAttachTarget {
  /** Loads `fn_name` as a uprobe (kprobe-type) program; returns its fd. */
  loadUprobe(fn_name: string): number;
  /** Hands a link to the BPF object, which owns it from then on. */
  addLink(key: string, link: Link): void;
  /** BPF perf links are usable (kernel >= 5.15): needed to give each site its cookie. */
  useLink: boolean;
  tracefs: Tracefs | undefined;
  tracker?: FdTracker | undefined;
}

interface BoundSite {
  readonly cookie: number;
  readonly fn_name: string;
  readonly path: string;
  readonly offset: number;
  readonly semaphoreOffset: number;
  readonly pid: number | undefined;
}

export class UsdtBinding {
  /** The generated C (bpf_usdt_readarg and bpf_usdt_readarg_p for every enabled site). */
  readonly text: string;
  readonly #sites: BoundSite[] = [];

  constructor(contexts: readonly USDT[]) {
    const readargSites: ReadargSite[] = [];
    let cookie = 1;
    for (const ctx of contexts) {
      for (const enabled of ctx.enabled) {
        const argLists = enabled.sites.map((s) => s.probe.args);
        const count = Math.max(0, ...argLists.map((a) => a.length));
        const ctypes: CType[] = [];
        for (let n = 0; n < count; n++) ctypes.push(widestCType(argLists, n) ?? { size: 8, signed: false });
        for (const site of enabled.sites) {
          const p = site.probe;
          readargSites.push({
            cookie,
            label: `${p.provider}:${p.name} @ ${site.path}:0x${p.offset.toString(16)}`,
            pc: p.pc,
            args: p.args,
            ctypes,
            symbols: symbolsOf(site.path, p.args.flatMap((a) => (a.location.kind === "memory" && a.location.symbol !== undefined ? [a.location.symbol] : []))),
            ...(p.argsError !== undefined ? { argsError: p.argsError } : {}),
          });
          this.#sites.push({ cookie, fn_name: enabled.fn_name, path: site.path, offset: p.offset, semaphoreOffset: p.semaphoreOffset, pid: ctx.pid });
          cookie++;
        }
      }
    }
    this.text = generateReadargC(readargSites);
  }

  /** The cflags that make the compiler read the generated C before the program. */
  get cflags(): string[] {
    return ["-include", USDT_INCLUDE_NAME];
  }

  /** `host`, also serving the generated C under USDT_INCLUDE_NAME. */
  includeHost(host: IncludeHost): IncludeHost {
    const own: IncludedFile = { file: USDT_INCLUDE_NAME, text: this.text };
    return {
      resolveQuote: (fromFile, name, dirs) => (name === USDT_INCLUDE_NAME ? own : host.resolveQuote(fromFile, name, dirs)),
      resolveAngle: (name, dirs) => host.resolveAngle(name, dirs),
    };
  }

  /** Attaches every enabled site (uprobe with semaphore and cookie, pid-scoped for a pid context). */
  attachAll(target: UsdtAttachTarget): void {
    if (this.#sites.length === 0) return;
    if (!target.useLink) {
      // Without links the ioctl attach cannot carry a cookie, and bpf_usdt_readarg selects the
      // site by cookie.
      throw new USDTError("USDT probes need BPF perf links (bpf_get_attach_cookie, kernel >= 5.15), which this kernel lacks");
    }
    for (const s of this.#sites) {
      const prog = target.loadUprobe(s.fn_name);
      const link = attachUprobe(prog, s.path, s.offset, {
        retprobe: false,
        ...(s.pid !== undefined ? { pid: s.pid } : {}),
        ...(s.semaphoreOffset !== 0 ? { refCtrOffset: s.semaphoreOffset } : {}),
        tracefs: target.tracefs,
        useLink: true,
        cookie: s.cookie,
        kind: "usdt",
        tracker: target.tracker,
      });
      target.addLink(`usdt|${s.path}:0x${s.offset.toString(16)}|${s.pid ?? -1}|${s.fn_name}`, link);
    }
  }
}

/** Link-time addresses of `names` in `path` (RIP-relative USDT arguments); missing ones are left out. */
function symbolsOf(path: string, names: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const name of new Set(names)) {
    try {
      const sym = resolveSymbol(path, name)[0];
      if (sym) out.set(name, sym.address);
    } catch {
      // Unreadable symbol tables leave the argument unreadable; the generated code says why.
    }
  }
  return out;
}
