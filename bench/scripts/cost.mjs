// In-kernel cost benchmark: node cost.mjs INTERNALS COST_C PROG_STATS COST_BPF_O DRIVER ROUNDS SECONDS
// Loads the bcc-ts build of fixtures/cost.c and the clang build of anchors/cost.bpf.c, turns on
// BPF_ENABLE_STATS, and alternates rounds (bcc-ts, clang, bcc-ts, ...) in which only one of them is
// attached to the tracepoint while a pinned driver floods getppid(); each round's
// run_time_ns/run_cnt delta gives ns per run. (With both attached at once, whichever runs first
// pays ~50% more for cold caches, which would measure attach order, not code.) Prints JSON.
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";

const [internals, costC, progStats, costObj, driver, rounds, seconds] = process.argv.slice(2);
const { BPF, sys } = await import(internals);
const TP = "syscalls:sys_enter_getppid";

const b = new BPF({ src_file: costC });
const ours = b.load_func("cost", BPF.TRACEPOINT);

const anchor = spawn(progStats, [costObj, "attach", "cost"], { stdio: ["pipe", "pipe", "inherit"] });
const acks = [];
const tell = (cmd) => new Promise((resolve) => { acks.push(resolve); anchor.stdin.write(cmd + "\n"); });
const lines = createInterface({ input: anchor.stdout });
const id = await new Promise((resolve, reject) => {
  lines.on("line", (l) => {
    const m = /^id (\d+)$/.exec(l);
    if (m) resolve(Number(m[1]));
    else if (l === "ok") acks.shift()?.();
  });
  anchor.on("close", () => reject(new Error("prog-stats exited")));
});
const theirs = sys.getFdById("PROG", id);
const stats = sys.enableStats();
const snap = () => [sys.progInfo(ours.fd), sys.progInfo(theirs)].map((i) => ({ ns: i.runTimeNs, cnt: i.runCnt }));
const out = { bcc: [], clang: [] };
const flood = () => spawnSync("taskset", ["-c", "1", driver, "flood", seconds], { input: "go\n" });
try {
  for (let r = 0; r < Number(rounds); r++) {
    for (const who of ["bcc", "clang"]) {
      if (who === "bcc") b.attach_tracepoint({ tp: TP, fn_name: "cost" });
      else await tell("on");
      const before = snap();
      flood();
      const after = snap();
      if (who === "bcc") b.detach_tracepoint({ tp: TP, fn_name: "cost" });
      else await tell("off");
      const k = who === "bcc" ? 0 : 1;
      const runs = Number(after[k].cnt - before[k].cnt);
      out[who].push(Number(after[k].ns - before[k].ns) / runs);
      out.calls = runs;
    }
  }
} finally {
  stats.close();
  theirs.close();
  anchor.stdin.end("done\n");
  b.close();
}
console.log(JSON.stringify(out));
