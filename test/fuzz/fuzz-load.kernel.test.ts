/**
 * Kernel half of the fuzz slice: generated programs (family "gen", seed 20261122) that the
 * compiler accepts are loaded into the kernel as the kind their name implies (kprobe__* as KPROBE,
 * test(struct ctx *) as SYSCALL); a verifier rejection of an accepted program is a compiler bug.
 * The generator only writes verifier-safe C (null-checked lookups, bounded loops whose counters
 * are never assigned, constant ctx offsets), so every accepted program must load.
 */
import { expect, it } from "vitest";
import { describeKernel } from "../harness/kernel.ts";
import { runFuzz } from "./harness.mjs";

const SEED = 20261122;

describeKernel("compiler fuzz slice: accepted programs load", () => {
  it("300 generated programs compile and pass the verifier", async () => {
    const { stats, findings } = await runFuzz({ cases: 300, seed: SEED, family: "gen", load: true, workers: 2, limitMs: 5000 });
    console.log(`fuzz-load: ${JSON.stringify(stats)}`);
    const verifier = findings.filter((f) => f.kind === "verifier" || f.kind === "map").map((f) => `case ${f.index}: ${f.detail.split("\n")[0]}`);
    expect(verifier).toEqual([]);
    const contract = findings.filter((f) => f.kind === "ice" || f.kind === "throw" || f.kind === "violation" || f.kind === "hang").map((f) => `case ${f.index} [${f.kind}] ${f.signature}`);
    expect(contract).toEqual([]);
    // Most generated programs compile (rejections are mostly the stack limit); the load check is
    // only meaningful when it ran on many of them.
    expect(stats.loaded).toBeGreaterThan(200);
  }, 240_000);
});
