/**
 * CI slice of the compiler fuzzer: cases 0..1999 of seed 20261122 (mutations of the fixture
 * corpora, generated programs, pathological inputs), each compiled in a worker thread with a 1 MB
 * stack and a heap cap. Invariants: compile() returns (no throw, no InternalCompilerError), a
 * rejection carries an error with file:line:col, ≤ 2 s per case, no hang, no heap exhaustion.
 * Findings already reported are listed in known-findings.json (slow/hang ones are not re-run);
 * any other finding fails the test with the case index (reproduce with
 * `node test/fuzz/run.mjs --seed 20261122 --start <index> --cases 1`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runFuzz } from "./harness.mjs";

interface Known { seed: number; cases: number; findings: { index: number; kind: string; reason: string }[] }
const known = JSON.parse(readFileSync(join(import.meta.dirname, "known-findings.json"), "utf8")) as Known;

describe("compiler fuzz slice", () => {
  it(`${known.cases} fixed-seed cases keep the compile() contract`, async () => {
    const skip = new Set(known.findings.filter((f) => f.kind === "slow" || f.kind === "hang").map((f) => f.index));
    const { stats, occurrences } = await runFuzz({ cases: known.cases, seed: known.seed, workers: 2, skip, hangMs: 10_000 });
    const isKnown = (o: { index: number; kind: string }) =>
      known.findings.some((k) => k.index === o.index && (k.kind === o.kind || (k.kind === "hang" && o.kind === "slow") || (k.kind === "slow" && o.kind === "hang")));
    const fresh = occurrences.filter((o) => !isKnown(o)).map((o) => `case ${o.index} [${o.kind}] ${o.signature}`);
    expect(fresh).toEqual([]);
    expect(stats.cases).toBe(known.cases - skip.size);
    // The generator must keep producing valid programs, or the slice tests little beyond the parser.
    expect(stats.accepted).toBeGreaterThan(known.cases * 0.2);
  }, 180_000);
});
