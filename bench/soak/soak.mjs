#!/usr/bin/env node
/**
 * Soak: pushes N events (default 10M) through a perf buffer, then N through a ring buffer, and
 * watches the consumer's RSS and throughput. Events come from a tracepoint program on
 * syscalls:sys_enter_getppid filtered to a C driver (driver.c, built with gcc at run time) that
 * calls getppid in a loop. RSS is sampled every second; the run fails (exit 1) when RSS grows by
 * 10 MB or more after warm-up, or when the last third's throughput falls below half the first
 * third's. `node bench/soak/soak.mjs [--events N] [--json out.json]` (root).
 * The runtime is bundled from the current sources (esbuild), as the tests do.
 */
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const ROOT = join(import.meta.dirname, "..", "..");
const { values } = parseArgs({ options: { events: { type: "string", default: "10000000" }, json: { type: "string" }, only: { type: "string" } } });
const N = Number(values.events);

const cache = join(ROOT, "node_modules", ".cache");
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, "bcc-ts-soak-"));
const { bundleSourcesEsm } = await import("../../test/harness/esm-bundle.mjs");
await bundleSourcesEsm(join(ROOT, "src", "index.ts"), join(dir, "index.mjs"));
const { BPF } = await import(join(dir, "index.mjs"));
const driverBin = join(dir, "driver");
execFileSync("gcc", ["-O2", "-o", driverBin, join(import.meta.dirname, "driver.c")]);

const mb = (b) => Math.round((b / 1048576) * 10) / 10;

async function soak(kind) {
  const driver = spawn(driverBin, [String(N)], { stdio: ["pipe", "ignore", "inherit"] });
  const text = `
${kind === "perf" ? "BPF_PERF_OUTPUT(events);" : "BPF_RINGBUF_OUTPUT(events, 1024);"}
int on_getppid(void *ctx) {
  if ((bpf_get_current_pid_tgid() >> 32) != DRIVER_PID) return 0;
  u64 v = bpf_ktime_get_ns();
  ${kind === "perf" ? "events.perf_submit(ctx, &v, sizeof(v));" : "events.ringbuf_output(&v, sizeof(v), 0);"}
  return 0;
}`;
  const b = new BPF({ text, cflags: [`-DDRIVER_PID=${driver.pid}`] });
  let got = 0;
  let lost = 0;
  const table = b.get_table("events");
  if (kind === "perf") table.open_perf_buffer(() => { got++; }, { page_cnt: 256, lost_cb: (n) => { lost += n; } });
  else table.open_ring_buffer(() => { got++; });
  b.attach_tracepoint({ tp: "syscalls:sys_enter_getppid", fn_name: "on_getppid" });
  let exited = false;
  driver.on("exit", () => { exited = true; });
  driver.stdin.write("go\n");
  const samples = [];
  const t0 = performance.now();
  let lastT = t0, lastGot = 0, lastLost = 0;
  let idleAfterExit = 0;
  for (;;) {
    if (kind === "perf") b.perf_buffer_poll(100);
    else b.ring_buffer_poll(100);
    const now = performance.now();
    if (now - lastT >= 1000) {
      const rss = process.memoryUsage().rss;
      samples.push({ t: Math.round((now - t0) / 1000), rssMB: mb(rss), eventsPerSec: Math.round(((got - lastGot) * 1000) / (now - lastT)), lostPerSec: Math.round(((lost - lastLost) * 1000) / (now - lastT)), total: got });
      lastT = now; lastGot = got; lastLost = lost;
    }
    // Let the event loop see the driver's exit.
    await new Promise((r) => setImmediate(r));
    if (exited) {
      if (kind === "perf") idleAfterExit += b.perf_buffer_poll(0) === 0 ? 1 : 0;
      else idleAfterExit += b.ring_buffer_poll(0) === 0 ? 1 : 0;
      if (idleAfterExit > 3) break;
    }
  }
  const secs = (performance.now() - t0) / 1000;
  b.close();
  // Verdicts: RSS growth after the first 3 samples (buffers mapped, JIT warm), throughput drift.
  const warm = samples[Math.min(2, samples.length - 1)]?.rssMB ?? 0;
  const maxRss = Math.max(...samples.map((s) => s.rssMB));
  const busy = samples.filter((s) => s.eventsPerSec > 0);
  const third = Math.max(1, Math.floor(busy.length / 3));
  const avg = (a) => a.reduce((x, s) => x + s.eventsPerSec, 0) / Math.max(1, a.length);
  const first = avg(busy.slice(0, third)), last = avg(busy.slice(-third));
  return { kind, events: got, lost, seconds: Math.round(secs * 10) / 10, eventsPerSec: Math.round(got / secs), rssWarmMB: warm, rssMaxMB: maxRss, rssGrowthMB: Math.round((maxRss - warm) * 10) / 10, firstThirdEps: Math.round(first), lastThirdEps: Math.round(last), samples };
}

const results = [];
try {
  for (const kind of values.only ? [values.only] : ["perf", "ring"]) {
    const r = await soak(kind);
    results.push(r);
    console.log(`${kind}: ${r.events} events (+${r.lost} lost) in ${r.seconds} s = ${r.eventsPerSec}/s; RSS warm ${r.rssWarmMB} MB, max ${r.rssMaxMB} MB (growth ${r.rssGrowthMB} MB); throughput first third ${r.firstThirdEps}/s, last third ${r.lastThirdEps}/s`);
    console.log(`  RSS curve (MB, 1/s): ${r.samples.map((s) => s.rssMB).join(" ")}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 2) + "\n");
const bad = results.filter((r) => r.rssGrowthMB >= 10 || r.lastThirdEps < r.firstThirdEps / 2 || r.events + r.lost < N);
for (const r of bad) console.log(`FAIL ${r.kind}: growth ${r.rssGrowthMB} MB, throughput ${r.firstThirdEps} → ${r.lastThirdEps}/s, delivered ${r.events + r.lost}/${N}`);
process.exit(bad.length ? 1 : 0);
