// Section 3: generated code. Instruction slots and the verifier's processed-instruction count of
// bcc-ts output against clang -O2 on the compiler's differential corpus (each case wrapped as a
// libbpf SEC("syscall") program for clang) and on typical tracing programs.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { REPO, BENCH_DIR, ANCHORS, CLANG_BPF } from "../lib/setup.mjs";
import { run as runCmd } from "../lib/proc.mjs";
import { writeFixtures } from "./compile.mjs";
import { summary, ratio, table, fmt, median } from "../lib/stats.mjs";


function geomean(xs) {
  const ys = xs.filter((x) => x > 0 && Number.isFinite(x));
  return ys.length ? Math.exp(ys.reduce((s, x) => s + Math.log(x), 0) / ys.length) : NaN;
}

/** Compiles with clang and reads per-program slots/processed via anchors' prog-stats. */
function clangStats(ctx, src, obj, extra = []) {
  // -mcpu=v3: what BCC's -mcpu=probe picks on this kernel (32-bit jumps and ALU), clang at its best.
  const c = spawnSync("clang", [...CLANG_BPF, "-mcpu=v3", ...extra, "-c", src, "-o", obj], { encoding: "utf8" });
  if (c.status !== 0) return { error: "clang: " + c.stderr.trim().split("\n")[0] };
  const r = spawnSync(ctx.bins["prog-stats"], [obj], { encoding: "utf8" });
  if (r.status !== 0) return { error: "load: " + (r.stderr || r.stdout).trim().split("\n").slice(-2).join(" / ") };
  const progs = {};
  for (const line of r.stdout.trim().split("\n")) {
    const [name, slots, verified, processed] = line.split(" ");
    progs[name] = { slots: Number(slots), processed: Number(processed) >= 0 ? Number(processed) : Number(verified) };
  }
  return { progs };
}

/** Groups "id: reason" failures by reason so the list stays readable. */
function summarizeFailures(failures) {
  const groups = new Map();
  for (const f of failures) {
    const [id, ...rest] = f.split(": ");
    let reason = rest.join(": ").trim();
    if (/Unsupport signed division/.test(reason)) reason = "clang 14 cannot emit signed division (BPF ISA v4 needs clang ≥ 17)";
    else reason = reason.replace(/\/tmp\/\S+/g, "…").slice(0, 140);
    groups.set(reason, [...(groups.get(reason) ?? []), id]);
  }
  return [...groups].map(([r, ids]) => `${r}: ${ids.join(", ")}`).join("; ");
}

export async function run(ctx) {
  const { work, log } = ctx;
  const dir = join(work, "code");
  mkdirSync(dir, { recursive: true });
  const { NATIVE_PRELUDE } = await import(ctx.internals);
  const CASES = join(ctx.tree, "test/compiler/diff/cases");
  const cases = readdirSync(CASES).filter((f) => f.endsWith(".c")).sort();
  const jobs = [];
  const clang = {};
  for (const f of cases) {
    const id = f.slice(0, -2);
    const source = readFileSync(join(CASES, f), "utf8");
    jobs.push({ id, kind: "corpus", source, isa: "v3" }, { id, kind: "corpus", source, isa: "v4" });
    const wrapped = `#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n${NATIVE_PRELUDE}\n#line 1 "${f}"\n${source.replace(/^int test\(/m, 'SEC("syscall") int test(')}\nchar LICENSE[] SEC("license") = "GPL";\n`;
    const src = join(dir, `${id}.bpf.c`);
    writeFileSync(src, wrapped);
    const s = clangStats(ctx, src, join(dir, `${id}.o`));
    clang[id] = s.error ? { error: s.error } : s.progs.test ?? { error: "no test program" };
  }
  log(`  code: clang corpus done (${cases.length} cases)`);

  // Tracing programs: BCC-style fixture vs the libbpf twin, paired by program name.
  const fx = writeFixtures();
  const tracing = [
    { id: "hello", bcc: join(BENCH_DIR, "fixtures/hello.c"), libbpf: join(ANCHORS, "hello.bpf.c") },
    { id: "cost", bcc: join(BENCH_DIR, "fixtures/cost.c"), libbpf: join(ANCHORS, "cost.bpf.c") },
    ...fx.map((f) => ({ id: f.name, bcc: f.bcc, libbpf: f.libbpf })),
  ];
  for (const t of tracing) {
    jobs.push({ id: t.id, kind: "tracing", file: t.bcc });
    const s = clangStats(ctx, t.libbpf, join(dir, `${t.id}.o`));
    clang[t.id] = s;
  }
  const jobsFile = join(dir, "jobs.json");
  writeFileSync(jobsFile, JSON.stringify(jobs));
  const bcc = JSON.parse(runCmd(process.execPath, [join(ctx.tree, "bench/scripts/code-bcc.mjs"), ctx.internals, jobsFile], { cwd: ctx.tree }));
  log("  code: bcc-ts side done");

  // Corpus comparison, once per bcc-ts instruction set level (clang stays at -mcpu=v3).
  const compare = (isa) => {
    const pairs = [];
    const failures = [];
    for (const f of cases) {
      const id = f.slice(0, -2);
      const b = bcc.find((r) => r.id === id && r.isa === isa);
      const c = clang[id];
      if (!b || b.error || c.error) { failures.push(`${id}: ${b?.error ? "bcc-ts " + b.error : ""}${c.error ? " clang " + c.error : ""}`); continue; }
      pairs.push({ id, bs: b.slots, cs: c.slots, bp: b.processed, cp: c.processed });
    }
    const slotRatios = pairs.map((p) => p.bs / p.cs);
    const procRatios = pairs.filter((p) => p.bp > 0 && p.cp > 0).map((p) => p.bp / p.cp);
    const sum = (k) => pairs.reduce((s, p) => s + p[k], 0);
    const worst = [...pairs].sort((a, b) => b.bs / b.cs - a.bs / a.cs).slice(0, 10);
    const rows = [
      [`instruction slots (bcc-ts cpu ${isa})`, String(sum("bs")), String(sum("cs")), ratio(sum("bs"), sum("cs")), fmt(geomean(slotRatios)) + "×", fmt(median(slotRatios)) + "×", `${fmt(Math.min(...slotRatios))}–${fmt(Math.max(...slotRatios))}`],
      [`verifier processed insns (cpu ${isa})`, String(sum("bp")), String(sum("cp")), ratio(sum("bp"), sum("cp")), fmt(geomean(procRatios)) + "×", fmt(median(procRatios)) + "×", `${fmt(Math.min(...procRatios))}–${fmt(Math.max(...procRatios))}`],
    ];
    return { pairs, failures, slotRatios, sum, worst, rows };
  };
  const v3 = compare("v3");
  const v4 = compare("v4");
  const { pairs, failures, slotRatios, sum, worst } = v3;
  const corpusRows = [v3.rows[0], v4.rows[0], v3.rows[1], v4.rows[1]];

  const traceRows = [];
  const traceRatios = [];
  for (const t of tracing) {
    const c = clang[t.id];
    for (const b of bcc.filter((r) => r.id === t.id)) {
      if (b.error) { traceRows.push([t.id, "", `bcc-ts: ${b.error}`, "", "", "", ""]); continue; }
      const cp = c.progs?.[b.program];
      if (!cp) { traceRows.push([t.id, b.program, String(b.slots), c.error ?? "no clang program", String(b.processed), "", ""]); continue; }
      traceRatios.push(b.slots / cp.slots);
      traceRows.push([t.id, b.program, String(b.slots), String(cp.slots), ratio(b.slots, cp.slots), `${b.processed} / ${cp.processed}`, ratio(b.processed, cp.processed)]);
    }
    if (c.error) traceRows.push([t.id, "", "", `clang: ${c.error}`, "", "", ""]);
  }
  const g = geomean(slotRatios);
  const tg = geomean(traceRatios);
  const g4 = geomean(v4.slotRatios);
  ctx.record("code", { corpusGeomean: g, corpusTotal: sum("bs") / sum("cs"), corpusGeomeanV4: g4, corpusTotalV4: v4.sum("bs") / v4.sum("cs"), tracingGeomean: tg, missed: !(g <= 1.2) || !(tg <= 1.2) });
  return [
    `Differential corpus (\`test/compiler/diff/cases\`, ${cases.length} cases; ${pairs.length} compiled and loaded by both). bcc-ts: \`compile()\` with cpu v3 (its default; loads on any kernel) and with cpu v4 (what the BPF class uses on kernels ≥ 6.6, as here), then BPF_PROG_LOAD as SYSCALL with log level 1. clang: the case with \`SEC("syscall")\` on \`test\`, \`clang -O2 -mcpu=v3 -target bpf\`, loaded by libbpf (\`bench/anchors/prog-stats.c\`; slots are after libbpf's subprogram linking). Slots count ld_imm64 as 2.`,
    "",
    table(["measure", "bcc-ts total", "clang total", "ratio of totals", "geomean of ratios", "median ratio", "per-case range"], corpusRows),
    "",
    `Largest slot ratios (cpu v3): ${worst.map((p) => `${p.id} ${p.bs}/${p.cs}`).join(", ")}.`,
    failures.length ? `\nNot compared (${failures.length}): ${summarizeFailures(failures)}` : "",
    "",
    "Tracing programs (BCC-style fixture vs its libbpf twin; processed = bpf_prog_info verified_insns / verifier log):",
    "",
    table(["program", "function", "bcc-ts slots", "clang slots", "ratio", "processed bcc-ts / clang", "ratio"], traceRows),
    "",
    `- Target ≤ 1.2× clang: corpus geomean ${fmt(g)}× (total ${ratio(sum("bs"), sum("cs"))}) with cpu v3, ${fmt(g4)}× (total ${ratio(v4.sum("bs"), v4.sum("cs"))}) with cpu v4; tracing programs geomean ${fmt(tg)}× → ${g <= 1.2 && tg <= 1.2 ? "**met**" : "**missed**"} (judged on cpu v3).`,
  ].join("\n");
}
