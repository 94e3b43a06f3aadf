#!/usr/bin/env node
/**
 * Compiler fuzzer: `node test/fuzz/run.mjs [--cases N] [--seed S] [--start I] [--workers W]
 * [--load] [--no-save]`. Prints progress and one line per distinct finding; saves each finding's
 * input under test/fuzz/findings/ (kind-caseSeed-index.c + .json). Exit code 1 when anything was
 * found. `--load` (root) also loads every accepted program into the kernel.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { runFuzz, saveFinding } from "./harness.mjs";

const { values } = parseArgs({
  options: {
    cases: { type: "string", default: "2000" },
    seed: { type: "string", default: String(Date.now() % 2 ** 31) },
    start: { type: "string", default: "0" },
    workers: { type: "string", default: "2" },
    load: { type: "boolean", default: false },
    "no-save": { type: "boolean", default: false },
    "limit-ms": { type: "string", default: "2000" },
    "hang-ms": { type: "string", default: "10000" },
    family: { type: "string", default: "any" },
    // Writes every occurrence as known-findings.json entries (to refresh the CI list).
    "known-out": { type: "string" },
  },
});
const cases = Number(values.cases), seed = Number(values.seed), start = Number(values.start);
console.log(`fuzz: seed ${seed}, cases ${start}..${start + cases - 1}, ${values.workers} workers${values.load ? ", loading accepted programs" : ""}`);
const t0 = Date.now();
let last = 0;
const { stats, findings, occurrences } = await runFuzz({
  cases, seed, start, workers: Number(values.workers), load: values.load, limitMs: Number(values["limit-ms"]),
  hangMs: Number(values["hang-ms"]), family: values.family,
  onProgress(s) {
    if (Date.now() - last < 10_000) return;
    last = Date.now();
    const secs = (Date.now() - t0) / 1000;
    console.log(`  ${s.cases} cases (${(s.cases / secs).toFixed(0)}/s), accepted ${s.accepted}, rejected ${s.rejected}${values.load ? `, loaded ${s.loaded}, load failed ${s.loadFailed}` : ""}, max ${Math.round(s.maxMs)} ms`);
  },
  onFinding(f, source) {
    const where = values["no-save"] ? "" : ` → ${saveFinding(f, source)}.c`;
    console.log(`FINDING [${f.kind}] ${f.signature} (case ${f.index}, ${f.label}, from ${f.origin})${where}`);
  },
});
const secs = ((Date.now() - t0) / 1000).toFixed(1);
console.log(`done: ${stats.cases} cases in ${secs} s; accepted ${stats.accepted}, rejected ${stats.rejected}${values.load ? `, loaded ${stats.loaded}, load failed ${stats.loadFailed}` : ""}; max compile ${Math.round(stats.maxMs)} ms`);
console.log(`mix: ${JSON.stringify(stats.byKind)}`);
console.log(`${findings.length} distinct findings`);
for (const f of findings) console.log(`  [${f.kind}] x${f.count} ${f.signature} (first: case ${f.index})`);
if (values["known-out"]) {
  const entries = occurrences.sort((a, b) => a.index - b.index).map((o) => ({ index: o.index, kind: o.kind, reason: o.signature }));
  writeFileSync(values["known-out"], JSON.stringify({ seed, cases, findings: entries }, null, 2) + "\n");
}
process.exit(findings.length > 0 ? 1 : 0);
