/**
 * CI slice of the compiler fuzzer: cases 0..1999 of seed 20261122 (mutations of the fixture
 * corpora, generated programs, pathological inputs), each compiled in a worker thread with a 1 MB
 * stack and a heap cap. Invariants: compile() returns (no throw, no InternalCompilerError), a
 * rejection carries an error with file:line:col, ≤ 2 s per case, no hang, no heap exhaustion.
 * Findings of an already reported root cause match a class in known-findings.json (its slow cases
 * are not re-run); any other finding fails the test with the case index (reproduce with
 * `node test/fuzz/run.mjs --seed 20261122 --start <index> --cases 1`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runFuzz } from "./harness.mjs";

interface KnownClass { kind: string; match?: string; minLines?: number; reason: string }
interface Known { seed: number; cases: number; classes: KnownClass[]; findings: { index: number; kind: string; reason: string }[] }
const known = JSON.parse(readFileSync(join(import.meta.dirname, "known-findings.json"), "utf8")) as Known;

describe("compiler fuzz slice", () => {
  it(`${known.cases} fixed-seed cases keep the compile() contract`, async () => {
    const skip = new Set(known.findings.filter((f) => f.kind === "slow" || f.kind === "hang").map((f) => f.index));
    const { stats, occurrences } = await runFuzz({ cases: known.cases, seed: known.seed, workers: 2, skip, hangMs: 10_000 });
    const isKnown = (o: { kind: string; signature: string; lines: number }) =>
      known.classes.some((k) => k.kind === o.kind && (k.match === undefined || new RegExp(k.match).test(o.signature)) && o.lines >= (k.minLines ?? 0));
    const fresh = occurrences.filter((o) => !isKnown(o)).map((o) => `case ${o.index} [${o.kind}] ${o.signature}`);
    expect(fresh).toEqual([]);
    expect(stats.cases).toBe(known.cases - skip.size);
    // The generator must keep producing valid programs, or the slice tests little beyond the parser.
    expect(stats.accepted).toBeGreaterThan(known.cases * 0.2);
  }, 180_000);
});
