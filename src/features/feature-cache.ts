/**
 * FeatureCache: runs feature probes on demand and remembers conclusive answers. One instance per
 * BPF object or CLI run (no process-global cache), so tests can start fresh.
 */
import { FEATURE_PROBES, type FeatureName, type FeatureResult, type ProbeEnv } from "./probes.ts";
import { loadKernelBtf } from "../btf/kernel.ts";
import type { Btf } from "../btf/index.ts";

export class FeatureCache {
  readonly #results = new Map<FeatureName, FeatureResult>();
  readonly #env: ProbeEnv;

  constructor(env: Partial<ProbeEnv> = {}) {
    const btfPath = env.btfPath ?? "/sys/kernel/btf/vmlinux";
    // The fentry probe needs a BTF function id; read the kernel BTF only if that probe runs.
    let btf: Btf | null | undefined;
    const funcBtfId = (name: string): number | undefined => {
      if (btf === undefined) {
        try {
          btf = loadKernelBtf(btfPath);
        } catch {
          btf = null;
        }
      }
      return btf?.lookupFunc(name)?.func.id;
    };
    this.#env = { btfPath, funcBtfId, ...env };
  }

  /** The probe's verdict; conclusive verdicts are cached, inconclusive ones re-probed next time. */
  probe(name: FeatureName): FeatureResult {
    const cached = this.#results.get(name);
    if (cached) return cached;
    const result = FEATURE_PROBES[name](this.#env);
    if (result.status !== "inconclusive") this.#results.set(name, result);
    return result;
  }

  has(name: FeatureName): boolean {
    return this.probe(name).status === "available";
  }

  all(): FeatureResult[] {
    return (Object.keys(FEATURE_PROBES) as FeatureName[]).map((n) => this.probe(n));
  }
}
