// Section 2: compile time. In-process compile() of a ~70- and a ~300-line BCC-style program after
// warm-up (fresh CompileContext per compile, as new BPF() does, and a reused one), and whole-process
// `bcc-ts compile` against `clang -O2 -target bpf -c` on the same programs in libbpf style, with and
// without vmlinux.h. Process runs are interleaved.
import { writeFileSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { REPO, BENCH_DIR, CLANG_BPF } from "../lib/setup.mjs";
import { timeProcess, run as runCmd } from "../lib/proc.mjs";
import { generateProgram, lineCount } from "../lib/gen-program.mjs";
import { summary, range, ratio, table, fmt } from "../lib/stats.mjs";
import { profileNode } from "../lib/profile.mjs";

export const FIXTURES = [
  { name: "prog70", probes: 1 },
  { name: "prog300", probes: 8 },
];

/** Writes the fixtures into bench/fixtures (kept in the tree for inspection) and returns paths. */
export function writeFixtures() {
  return FIXTURES.map((f) => {
    const bcc = join(BENCH_DIR, "fixtures", `${f.name}.c`);
    const libbpf = join(BENCH_DIR, "fixtures", `${f.name}.bpf.c`);
    const bccText = generateProgram(f.probes, "bcc");
    writeFileSync(bcc, bccText);
    writeFileSync(libbpf, generateProgram(f.probes, "libbpf"));
    return { ...f, bcc, libbpf, lines: lineCount(bccText) };
  });
}

export async function run(ctx) {
  const { work, runs, log } = ctx;
  const fixtures = writeFixtures();
  const inRows = [];
  const inProc = {};
  for (const f of fixtures) {
    for (const mode of ["fresh", "reuse"]) {
      const out = runCmd(process.execPath, [join(ctx.tree, "bench/scripts/compile-time.mjs"), ctx.internals, f.bcc, String(ctx.quick ? 5 : 20), String(ctx.quick ? 10 : 30), mode]);
      const r = JSON.parse(out);
      if (!r.ok) { inRows.push([f.name, mode, "compile failed: " + r.error, "", ""]); continue; }
      const s = summary(r.ms);
      inProc[`${f.name}/${mode}`] = s.median;
      inRows.push([`${f.name} (${f.lines} lines)`, mode === "fresh" ? "new context per compile (as new BPF())" : "reused CompileContext", range(s, " ms"), fmt(r.firstMs) + " ms", String(r.insns)]);
    }
  }

  // Whole-process comparison.
  const vmlinuxDir = ctx.vmlinuxH ? work : undefined;
  const procRows = [];
  const results = {};
  for (const f of fixtures) {
    const objA = join(work, `${f.name}.o`);
    const impls = [
      { name: "bcc-ts compile", cmd: process.execPath, args: [join(ctx.tree, "bin/bcc-ts.js"), "compile", f.bcc] },
      { name: "clang -O2 (linux/bpf.h)", cmd: "clang", args: [...CLANG_BPF, "-c", f.libbpf, "-o", objA] },
    ];
    if (vmlinuxDir) impls.push({ name: "clang -O2 (vmlinux.h)", cmd: "clang", args: [...CLANG_BPF, "-DUSE_VMLINUX", `-I${vmlinuxDir}`, "-c", f.libbpf, "-o", objA] });
    const res = new Map(impls.map((i) => [i.name, { t: [], rss: [], fail: "" }]));
    for (let round = -1; round < runs; round++) {
      for (const impl of impls) {
        const r = await timeProcess(work, impl.cmd, impl.args, { cwd: ctx.tree });
        if (round < 0) { if (!r.ok) res.get(impl.name).fail = (r.stderr || r.stdout).trim().split("\n").slice(0, 2).join(" / ").slice(0, 200); continue; }
        if (r.ok) { res.get(impl.name).t.push(r.totalMs); res.get(impl.name).rss.push(r.rssMB); }
      }
    }
    const bcc = summary(res.get("bcc-ts compile").t);
    results[f.name] = { bcc: bcc.median };
    for (const impl of impls) {
      const r = res.get(impl.name);
      const s = summary(r.t);
      if (impl.name !== "bcc-ts compile") results[f.name][impl.name] = s.median;
      procRows.push([`${f.name} (${f.lines} lines)`, impl.name, r.t.length ? range(s, " ms") : `failed: ${r.fail}`, range(summary(r.rss), " MB"), impl.name === "bcc-ts compile" ? "" : ratio(bcc.median, s.median)]);
    }
    log(`  compile ${f.name} done`);
  }
  const verdict = [];
  for (const f of fixtures) {
    const r = results[f.name];
    for (const k of Object.keys(r).filter((k) => k !== "bcc")) {
      const speedup = r[k] / r.bcc;
      verdict.push(`- ${f.name}, whole process: ${k} takes ${fmt(speedup)}× as long as bcc-ts compile → target ≥ 10× faster ${speedup >= 10 ? "**met**" : "**missed**"}.`);
    }
    const ip = inProc[`${f.name}/fresh`];
    const clang = r["clang -O2 (linux/bpf.h)"];
    if (ip !== undefined && clang !== undefined) verdict.push(`- ${f.name}, in-process compile (${fmt(ip)} ms) vs clang process (${fmt(clang)} ms): ${fmt(clang / ip)}× faster.`);
  }
  const profiles = [];
  if (verdict.some((v) => v.includes("**missed**"))) {
    const big = fixtures[fixtures.length - 1];
    profiles.push(`Profile of \`bcc-ts compile ${big.name}.c\` (whole process; target missed):`, "", profileNode(work, [join(ctx.tree, "bin/bcc-ts.js"), "compile", big.bcc], { cwd: ctx.tree }), "");
    profiles.push(`Profile of in-process compile() of ${big.name}.c, 20 compiles after warm-up:`, "", profileNode(work, [join(ctx.tree, "bench/scripts/compile-time.mjs"), ctx.internals, big.bcc, "5", "20", "fresh"], { cwd: ctx.tree }));
  }
  ctx.record("compile", { results, inProc, missed: verdict.some((v) => v.includes("**missed**")) });
  return [
    `Fixtures: \`bench/fixtures/prog70.c\`/\`prog300.c\` (BCC style) and \`*.bpf.c\` (the same probes in libbpf style), generated by \`bench/lib/gen-program.mjs\`.`,
    "",
    "In-process `compile()` (after warm-up in the same process; \"first\" is the cold first compile including parser start-up):",
    "",
    table(["program", "mode", "median (min–max)", "first", "insns"], inRows),
    "",
    "Whole process (spawn to exit); ratio = bcc-ts / clang (lower is better):",
    "",
    table(["program", "compiler", "wall time, median (min–max)", "peak RSS", "ratio bcc-ts/clang"], procRows),
    "",
    ...verdict,
    "",
    ...profiles,
  ].join("\n");
}
