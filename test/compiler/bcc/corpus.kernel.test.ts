/**
 * Every program of every BCC fixture loads into the real kernel (the verifier accepts it) as the
 * program type BCC would give it: from its attach call (kprobe/uprobe/tracepoint/perf_event) or its
 * name (kprobe__X, tracepoint__cat__evt, raw_tracepoint__X). Kprobe-type programs load here even
 * though this kernel cannot attach them. kfunc/kretfunc (fentry/fexit) programs need an attach BTF
 * id and a kernel with trampolines, so they are compiled but not loaded here. Fixtures listed in
 * known-failures.json are exactly the ones that fail.
 */
import { afterAll, expect, it } from "vitest";
import { describeKernel } from "../../harness/kernel.ts";
import { loadKernelBtf } from "../../../src/btf/kernel.ts";
import { Tracefs } from "../../../src/tracefs/index.ts";
import { type Fd, FdTracker } from "../../../src/sys/index.ts";
import { createMap } from "../../../src/maps/index.ts";
import { type ProgKind, loadProgram, parseProbeName } from "../../../src/programs/index.ts";
import { BtfExternalTypes, KernelTypes } from "../../../frontend-c/kernel-types/index.ts";
import { CompileContext, compile } from "../../../frontend-c/index.ts";
import { GROUPS, knownFailures, loadCorpus } from "./corpus.ts";

const ATTACH_KINDS: Record<string, ProgKind> = {
  kprobe: "kprobe", kretprobe: "kretprobe", uprobe: "uprobe", uretprobe: "uretprobe", usdt: "uprobe",
  tracepoint: "tracepoint", raw_tracepoint: "raw_tracepoint", perf_event: "perf_event",
};

describeKernel("BCC corpus: the verifier accepts every program", () => {
  const tracker = new FdTracker();
  afterAll(() => tracker.assertNoLeaks());

  it("loads exactly the fixtures not listed as known failures", () => {
    const types = new KernelTypes({ btf: new BtfExternalTypes(loadKernelBtf()), tracefs: Tracefs.open() });
    const ctx = new CompileContext();
    const corpus = loadCorpus();
    const failures = new Map<string, string>();
    let programs = 0;
    let notLoaded = 0;
    for (const f of corpus) {
      const r = compile(f.source, { file: f.id, cflags: f.cflags, externalTypes: types, context: ctx });
      if (!r.ok) {
        failures.set(f.id, `compile: ${r.diagnostics.find((d) => d.severity === "error")?.message ?? "?"}`);
        continue;
      }
      const maps = new Map<string, Fd>();
      const errors: string[] = [];
      try {
        for (const m of r.maps) maps.set(m.name, createMap(m, { tracker }));
        for (const p of r.programs) {
          const att = f.attach.find((a) => a.fn_name === p.name);
          const kind = (att ? ATTACH_KINDS[att.type] : undefined) ?? (parseProbeName(p.name)?.kind as ProgKind | undefined);
          if (kind === undefined) continue; // not attached by this tool (a variant's unused function)
          if (kind === "fentry" || kind === "fexit") {
            notLoaded++;
            continue;
          }
          programs++;
          try {
            loadProgram(p, { kind, maps, tracker, sourceText: () => f.source }).fd.close();
          } catch (e) {
            errors.push(`${p.name}: ${(e as Error).message.split("\n")[0]}`);
          }
        }
      } catch (e) {
        errors.push((e as Error).message.split("\n")[0]!);
      } finally {
        for (const fd of maps.values()) fd.close();
      }
      if (errors.length > 0) failures.set(f.id, `load: ${errors.join("; ")}`);
    }
    const failing = [...failures.keys()].sort();
    const expected = Object.keys(knownFailures()).sort();
    expect(failing, [...failures].map(([id, why]) => `${id}: ${why}`).join("\n")).toEqual(expected);
    for (const g of GROUPS) {
      const all = corpus.filter((f) => f.group === g);
      console.log(`load ${g}: ${all.filter((f) => !failures.has(f.id)).length}/${all.length}`);
    }
    console.log(`${programs} programs loaded by the verifier; ${notLoaded} fentry/fexit programs compiled only`);
    expect(programs).toBeGreaterThan(100);
  });
});
