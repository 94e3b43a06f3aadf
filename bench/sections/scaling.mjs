// Section 6: scaling. Compile time against program size (generated programs of 50 → 2,000 lines),
// and kernel BTF lookups against the number of distinct struct types looked up. A log-log slope
// near 1 is linear; clearly above 1 is flagged as super-linear.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO, BENCH_DIR } from "../lib/setup.mjs";
import { run as runCmd } from "../lib/proc.mjs";
import { table, fmt, logLogSlope } from "../lib/stats.mjs";
import { profileNode } from "../lib/profile.mjs";
import { generateProgram, probesForLines } from "../lib/gen-program.mjs";

const SUPERLINEAR = 1.25;

export async function run(ctx) {
  const { work } = ctx;
  const sizes = [50, 100, 250, 500, 1000, 2000];
  const runs = ctx.quick ? 3 : 7;
  const comp = JSON.parse(runCmd(process.execPath, [join(ctx.tree, "bench/scripts/scale.mjs"), ctx.internals, "compile", JSON.stringify(sizes), "", String(runs)], { cwd: ctx.tree }));
  const ok = comp.filter((c) => !c.error);
  const slope = logLogSlope(ok.map((c) => [c.lines, c.ms]));
  const compRows = comp.map((c) => c.error ? [String(c.lines), "failed: " + c.error, "", "", ""] : [String(c.lines), `${fmt(c.ms)} ms (${fmt(c.min)}–${fmt(c.max)})`, fmt((c.ms / c.lines) * 1000) + " µs", String(c.insns), fmt(c.insns / c.ms) + "/ms"]);

  // Distinct struct names from the kernel's BTF, via bpftool (independent of the code under test).
  const dump = runCmd("bpftool", ["btf", "dump", "file", "/sys/kernel/btf/vmlinux"], { maxBuffer: 512 << 20 });
  const names = [...new Set([...dump.matchAll(/^\[\d+\] STRUCT '([^']+)'/gm)].map((m) => m[1]))].filter((n) => n !== "(anon)");
  // Shuffle deterministically so the lookups do not walk the type table in id order.
  let seed = 12345;
  for (let i = names.length - 1; i > 0; i--) { seed = (seed * 1103515245 + 12345) & 0x7fffffff; const j = seed % (i + 1); [names[i], names[j]] = [names[j], names[i]]; }
  const namesFile = join(work, "struct-names.txt");
  writeFileSync(namesFile, names.join("\n"));
  const counts = [...[1, 10, 100, 1000, 3000].filter((n) => n < names.length), names.length];
  const btf = JSON.parse(runCmd(process.execPath, [join(ctx.tree, "bench/scripts/scale.mjs"), ctx.internals, "btf", namesFile, JSON.stringify(counts), String(ctx.quick ? 3 : 5)], { cwd: ctx.tree }));
  const load = btf[0].load;
  const lk = btf.slice(1);
  const coldSlope = logLogSlope(lk.filter((x) => x.n >= 100).map((x) => [x.n, x.cold]));
  const warmSlope = logLogSlope(lk.filter((x) => x.n >= 100).map((x) => [x.n, x.warm]));
  const btfRows = lk.map((x) => [String(x.n), fmt(x.cold) + " ms", fmt((x.cold / x.n) * 1000) + " µs", fmt(x.warm) + " ms", fmt((x.warm / x.n) * 1000) + " µs", String(x.found)]);
  const flags = [];
  if (slope > SUPERLINEAR) flags.push(`compile time grows super-linearly (log-log slope ${fmt(slope)})`);
  if (warmSlope > SUPERLINEAR) flags.push(`warm BTF lookups grow super-linearly (slope ${fmt(warmSlope)})`);
  if (coldSlope > SUPERLINEAR) flags.push(`cold BTF lookups grow super-linearly (slope ${fmt(coldSlope)})`);
  let profile = "";
  if (slope > SUPERLINEAR) {
    // Where the time goes at the large end; compare with the small programs' profile in section 2.
    const big = join(work, "scale-2000.c");
    writeFileSync(big, generateProgram(probesForLines(2000), "bcc"));
    profile = "\nProfile of in-process compile() of the 2,000-line program (5 compiles after 3 warm-ups):\n\n" + profileNode(work, [join(ctx.tree, "bench/scripts/compile-time.mjs"), ctx.internals, big, "3", "5", "fresh"], { cwd: ctx.tree });
  }
  ctx.record("scaling", { slope, coldSlope, warmSlope, missed: flags.length > 0 });
  return [
    "Compile time of generated BCC-style programs (`bench/lib/gen-program.mjs`, ~28 lines per probe), in-process, fresh context, median of " + runs + " (all sizes warmed up first, then timed round-robin):",
    "",
    table(["lines", "compile time, median (min–max)", "per line", "insns", "insns per ms"], compRows),
    "",
    `Log-log slope of time against lines: **${fmt(slope)}** (1 = linear).`,
    "",
    `Kernel BTF: \`loadKernelBtf()\` takes ${fmt(load)} ms (${names.length} distinct struct names in vmlinux). N \`lookupStruct()\` calls over N distinct names (shuffled): "cold" on a freshly loaded Btf (includes any lazy index build), "warm" repeated on the same Btf:`,
    "",
    table(["N", "cold total", "cold per lookup", "warm total", "warm per lookup", "found"], btfRows),
    "",
    `Log-log slopes (N ≥ 100): cold ${fmt(coldSlope)}, warm ${fmt(warmSlope)}.`,
    "",
    flags.length ? `- **Flagged:** ${flags.join("; ")}.` : "- Nothing super-linear (all slopes ≤ " + SUPERLINEAR + ").",
    profile,
  ].join("\n");
}
