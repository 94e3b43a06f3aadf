/**
 * Every BCC fixture compiles with its cflags against this machine's kernel types (BTF + tracefs),
 * except exactly the ones listed in known-failures.json with stage "compile". Needs the kernel's
 * BTF and tracefs (root): skipped without them.
 */
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { loadKernelBtf } from "../../../src/btf/kernel.ts";
import { Tracefs } from "../../../src/tracefs/index.ts";
import { BtfExternalTypes, KernelTypes } from "../../../frontend-c/kernel-types/index.ts";
import { CompileContext, compile } from "../../../frontend-c/index.ts";
import { GROUPS, knownFailures, loadCorpus } from "./corpus.ts";

function kernelTypes(): KernelTypes | undefined {
  if (!existsSync("/sys/kernel/btf/vmlinux")) return undefined;
  try {
    return new KernelTypes({ btf: new BtfExternalTypes(loadKernelBtf()), tracefs: Tracefs.open() });
  } catch {
    return undefined;
  }
}

const types = kernelTypes();

describe.skipIf(types === undefined)("BCC corpus: compile", () => {
  const corpus = loadCorpus();
  const ctx = new CompileContext();
  const results = new Map<string, { ok: boolean; ms: number; errors: string[] }>();
  for (const f of corpus) {
    const t0 = performance.now();
    const r = compile(f.source, { file: f.id, cflags: f.cflags, externalTypes: types!, context: ctx });
    const errors = r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.span.file}:${d.span.line}:${d.span.col}: ${d.message}`);
    results.set(f.id, { ok: r.ok, ms: performance.now() - t0, errors });
  }

  it("compiles exactly the fixtures not listed as compile failures", () => {
    const known = knownFailures();
    const failing = [...results].filter(([, r]) => !r.ok).map(([id]) => id).sort();
    const expected = Object.entries(known).filter(([, k]) => k.stage === "compile").map(([id]) => id).sort();
    const report = failing.map((id) => `${id}\n    ${results.get(id)!.errors.slice(0, 3).join("\n    ")}`).join("\n");
    expect(failing, `failing fixtures:\n${report}`).toEqual(expected);
    for (const g of GROUPS) {
      const all = corpus.filter((f) => f.group === g);
      const ok = all.filter((f) => results.get(f.id)!.ok).length;
      console.log(`compile ${g}: ${ok}/${all.length}`);
    }
    const slowest = [...results].sort((a, b) => b[1].ms - a[1].ms)[0]!;
    console.log(`slowest compile: ${slowest[0]} ${slowest[1].ms.toFixed(0)} ms`);
  });

  it("every compiled fixture has a program for each function its explicit attach calls name", () => {
    for (const f of corpus) {
      if (!results.get(f.id)!.ok) continue;
      const r = compile(f.source, { file: f.id, cflags: f.cflags, externalTypes: types!, context: ctx });
      const names = new Set(r.programs.map((p) => p.name));
      for (const a of f.attach) {
        // "auto" entries list every probe-named function of the tool, some behind #ifdefs it did not set.
        if (a.fn_name && a.type !== "usdt" && a.type !== "auto") expect(names.has(a.fn_name), `${f.id}: ${a.fn_name}`).toBe(true);
      }
    }
  });

  it("the known-failure list names only fixtures that exist, each with a reason", () => {
    const ids = new Set(corpus.map((f) => f.id));
    for (const [id, k] of Object.entries(knownFailures())) {
      expect(ids.has(id), id).toBe(true);
      expect(k.reason.length, id).toBeGreaterThan(10);
    }
  });
});
