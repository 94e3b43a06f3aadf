#!/usr/bin/env node
// bcc-ts benchmark suite (`npm run bench`; not part of `npm test`). Needs root and a kernel with
// BPF tracepoints. Installs its anchors (bpftrace, clang, llvm, libbpf-dev, bpftool, gcc, time)
// from Debian when missing, builds dist/, and writes bench/RESULTS.md.
//
//   node bench/run.mjs [--quick] [--only=startup,compile,code,cost,throughput,scaling] [--runs=N] [--keep]
//
// The code measured is a snapshot of the working tree taken at start (sources copied to a scratch
// directory and built there; --keep keeps it), so concurrent edits cannot mix into one run.
//
// Every comparison runs its contenders interleaved (A B A B ...) after a warm-up round, so drift
// in machine load affects both sides alike; tables give median (min–max) and ratio bcc-ts/anchor.
import { writeFileSync, readFileSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { BENCH_DIR, ensurePackages, snapshotTree, bundleInternals, compileAnchors, generateVmlinuxH, makeWorkDir, loadAverage, machineInfo } from "./lib/setup.mjs";

const SECTIONS = [
  { id: "startup", title: "1. Start-up: spawn → first event", file: "./sections/startup.mjs" },
  { id: "compile", title: "2. Compile time", file: "./sections/compile.mjs" },
  { id: "code", title: "3. Generated code: instruction counts", file: "./sections/code.mjs" },
  { id: "cost", title: "4. In-kernel cost per run", file: "./sections/cost.mjs" },
  { id: "throughput", title: "5. Event throughput", file: "./sections/throughput.mjs" },
  { id: "scaling", title: "6. Scaling", file: "./sections/scaling.mjs" },
];

function gitHead() {
  return spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: BENCH_DIR, encoding: "utf8" }).stdout.trim() || "unknown";
}
function gitDirty() {
  return spawnSync("git", ["status", "--porcelain", "--", "src", "frontend-c", "compat"], { cwd: BENCH_DIR, encoding: "utf8" }).stdout.trim() !== "";
}

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.find((a) => a.startsWith("--only="))?.slice(7).split(",");
const runsArg = args.find((a) => a.startsWith("--runs="));
const runs = runsArg ? Number(runsArg.slice(7)) : quick ? 3 : 5;
const out = args.find((a) => a.startsWith("--out="))?.slice(6) ?? join(BENCH_DIR, "RESULTS.md");
const log = (m) => process.stderr.write(`[bench] ${m}\n`);

if (process.getuid?.() !== 0) {
  log("needs root (BPF programs are loaded and attached); run it with sudo");
  process.exit(1);
}

// This machine's environment sets NODE_EXTRA_CA_CERTS, and Node then reads and parses every CA
// certificate at each start (~50 ms, more than `node -e 0` costs without it). No user of a tracing
// tool pays that, so measured processes run without it; the start-up section shows its cost.
const extraCaCerts = process.env.NODE_EXTRA_CA_CERTS;
delete process.env.NODE_EXTRA_CA_CERTS;

const started = Date.now();
const loadBefore = loadAverage();
const missingTools = ensurePackages(log);
const work = makeWorkDir();
// bcc-ts's compile cache (src/bpf/compile-cache.ts) lives in the run's scratch directory: the
// warm-up rounds fill it, as a user's first run of a tool does.
process.env.BCC_TS_CACHE_DIR = join(work, "compile-cache");
const { tree, built } = snapshotTree(work, log);
const internals = await bundleInternals(tree);
const bins = compileAnchors(work, log);
const vmlinuxH = generateVmlinuxH(work, log);
const have = (tool) => spawnSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" }).status === 0;
const records = {};
const ctx = { work, tree, internals, bins, runs, quick, log, vmlinuxH, have, extraCaCerts, record: (k, v) => (records[k] = v) };

const parts = [];
for (const s of SECTIONS) {
  if (only && !only.includes(s.id)) continue;
  log(`${s.title} ...`);
  const t0 = Date.now();
  const load0 = loadAverage();
  let body;
  try {
    const mod = await import(s.file);
    body = await mod.run(ctx);
  } catch (err) {
    body = `Could not run: ${String(err?.stack ?? err).split("\n").slice(0, 4).join(" / ")}`;
    log(`${s.id} failed: ${err?.message ?? err}`);
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(0);
  parts.push({ id: s.id, text: `## ${s.title}\n\n${body}\n\n_Load average at start: ${load0}; took ${secs} s._\n` });
  log(`${s.title}: ${secs} s`);
}

// With --only, keep the other sections of an existing RESULTS.md.
let previous = {};
if (only && existsSync(out)) {
  for (const chunk of readFileSync(out, "utf8").split(/^(?=## \d\. )/m).slice(1)) {
    const s = SECTIONS.find((x) => chunk.startsWith(`## ${x.title}`));
    if (s) previous[s.id] = chunk.replace(/\n*$/, "\n");
  }
}
const m = machineInfo();
// The verdict lines of every section, gathered at the top.
const sectionTexts = SECTIONS.map((s) => ({ id: s.id, text: parts.find((p) => p.id === s.id)?.text ?? previous[s.id] })).filter((p) => p.text);
const summaryLines = sectionTexts.flatMap((p) => p.text.split("\n").filter((l) => /\*\*(met|missed)\*\*|\*\*Flagged/.test(l)).map((l) => `${l.replace(/^- /, `- ${p.id}: `)}`));
const doc = [
  "# bcc-ts benchmarks",
  "",
  `Generated by \`npm run bench${quick ? " -- --quick" : ""}\` (bench/run.mjs) on ${new Date().toISOString()}: kernel ${m.kernel}, ${m.cpus} CPUs, Node ${m.node}, ${m.clang}, ${m.bpftrace}. Runs per measurement: ${runs} (after a warm-up round), interleaved between contenders. Load average before: ${loadBefore}; after: ${loadAverage()}. Total time: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  only ? `This run re-measured only: ${only.join(", ")}; the other sections are from an earlier run (their own load averages are given).` : "",
  `Code measured: a snapshot of the working tree at ${new Date(started).toISOString()} (git ${gitHead()}${gitDirty() ? " plus uncommitted changes" : ""}).`,
  built ? "" : "\n**The snapshot did not build; these figures are for the repo's previous dist/.**",
  missingTools.length ? `\nMissing tools: ${missingTools.join(", ")}.` : "",
  extraCaCerts ? "\nEvery measured process runs without this machine's `NODE_EXTRA_CA_CERTS` (with it, each Node start-up first parses the whole CA bundle: see the reference row in section 1)." : "",
  "",
  ...(summaryLines.length ? ["## Targets (this run)", "", ...summaryLines, ""] : []),
  ...sectionTexts.map((p) => p.text),
].join("\n");
writeFileSync(out, doc);
log(`wrote ${out}`);
if (!args.includes("--keep")) rmSync(work, { recursive: true, force: true });
else log(`kept ${work}`);
