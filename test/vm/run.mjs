#!/usr/bin/env node
/**
 * `npm run test:kernels`: the guest suite (every *.vm.kernel.test.ts) in a qemu guest running
 * Debian's kprobe-capable kernel, as root, with BCC_TS_IN_GUEST=1 (a missing kprobe/fentry feature
 * fails instead of skipping) and BCC_TS_REQUIRE_KERNEL=1. Exits with vitest's exit code, 124 when
 * the run timed out, 125 when the guest could not run it. Extra arguments go to vitest (e.g. a file filter).
 *
 * Environment: BCC_TS_VM_TIMEOUT (s, whole run, default 720), BCC_TS_VM_BOOT_TIMEOUT (s, default
 * 90), BCC_TS_VM_KEEP=1 (keep the run dir with the guest console log), BCC_TS_VM_CACHE (kernel cache).
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runInVm } from "./run-in-vm.mjs";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const seconds = (name, fallback) => {
  const v = Number(process.env[name]);
  return (Number.isFinite(v) && v > 0 ? v : fallback) * 1000;
};
const fmt = (ms) => `${(ms / 1000).toFixed(1)} s`;

const t0 = Date.now();
let firstResultMs;
let pending = "";
// vitest's verbose reporter prints one line per finished test, starting with its status mark.
const onOutput = (chunk) => {
  process.stdout.write(chunk);
  if (firstResultMs !== undefined) return;
  pending += chunk.toString("utf8");
  const lines = pending.split("\n");
  pending = lines.pop() ?? "";
  // Colours are on whenever CI is set (vitest's rule), so strip SGR sequences before matching.
  if (lines.some((l) => /^\s*[✓✗×↓]\s/.test(l.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "")))) firstResultMs = Date.now() - t0;
};

let code = 125;
try {
  const r = await runInVm({
    command: [process.execPath, join(repo, "node_modules/vitest/vitest.mjs"), "run", "--config", "test/vm/vitest.guest.config.ts", ...process.argv.slice(2)],
    cwd: repo,
    env: { BCC_TS_IN_GUEST: "1", BCC_TS_REQUIRE_KERNEL: "1" },
    bootTimeoutMs: seconds("BCC_TS_VM_BOOT_TIMEOUT", 90),
    totalTimeoutMs: seconds("BCC_TS_VM_TIMEOUT", 720),
    keep: process.env.BCC_TS_VM_KEEP === "1",
    onOutput,
  });
  const first = firstResultMs === undefined ? "none" : fmt(firstResultMs);
  process.stderr.write(
    `test:kernels: kernel ${r.kernel}, boot ${r.bootMs === undefined ? "n/a" : fmt(r.bootMs)}, first test result ${first}, total ${fmt(r.totalMs)}` +
      `${r.attempts > 1 ? ` (${r.attempts} boots)` : ""}, exit ${r.code ?? "none"}\n`,
  );
  if (r.failure) process.stderr.write(`test:kernels: FAILED: ${r.failure}\n`);
  code = r.code ?? (r.timedOut ? 124 : 125);
} catch (err) {
  process.stderr.write(`test:kernels: FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
}
process.exit(code);
