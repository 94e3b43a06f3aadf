// Section 4: in-kernel cost per program run (BPF_ENABLE_STATS run_time_ns / run_cnt) of the same
// tracing program built by bcc-ts and by clang, on the same tracepoint, rounds interleaved.
import { join } from "node:path";
import { REPO, BENCH_DIR } from "../lib/setup.mjs";
import { run as runCmd } from "../lib/proc.mjs";
import { summary, range, ratio, table, fmt } from "../lib/stats.mjs";

export async function run(ctx) {
  const { bins } = ctx;
  if (!bins["prog-stats"] || !bins["cost.bpf.o"]) return "Not measured: the clang anchor (anchors/cost.bpf.c or prog-stats.c) did not build.";
  const rounds = ctx.quick ? 3 : 7;
  const out = JSON.parse(runCmd(process.execPath, [join(ctx.tree, "bench/scripts/cost.mjs"), ctx.internals, join(BENCH_DIR, "fixtures/cost.c"), bins["prog-stats"], bins["cost.bpf.o"], bins.driver, String(rounds), ctx.quick ? "0.3" : "0.5"], { cwd: ctx.tree }));
  const b = summary(out.bcc);
  const c = summary(out.clang);
  const r = b.median / c.median;
  ctx.record("cost", { bccNs: b.median, clangNs: c.median, ratio: r, missed: !(r <= 1.1) });
  return [
    "Program: `bench/fixtures/cost.c` (bcc-ts) and its twin `bench/anchors/cost.bpf.c` (clang -O2): per-(pid, slot) counter in a hash map plus a log2 histogram, on `syscalls:sys_enter_getppid`. Rounds alternate bcc-ts, clang, bcc-ts, ... with only one program attached, each while a driver pinned to CPU 1 floods getppid(); figures are run_time_ns / run_cnt deltas (BPF_ENABLE_STATS).",
    "",
    table(["build", "ns per run, median (min–max)", "rounds", "ratio bcc-ts/clang"], [
      ["bcc-ts", range(b, " ns"), String(b.n), ratio(b.median, c.median)],
      ["clang -O2", range(c, " ns"), String(c.n), ""],
    ]),
    "",
    `Program runs per round: ~${fmt(out.calls)}.`,
    "",
    `- Target ≤ 1.1× clang: ${fmt(r)}× → ${r <= 1.1 ? "**met**" : "**missed**"}.`,
  ].join("\n");
}
