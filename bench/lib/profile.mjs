// Profiles a Node process with --cpu-prof and summarises where the time went: top functions by
// self time and totals per source file (the bundle's sourcemap is not applied; dist/ chunk names
// and function names are enough to find the code).
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, basename } from "node:path";
import { table, fmt } from "./stats.mjs";

function shortUrl(url) {
  if (!url) return "(native/VM)";
  const u = url.replace(/^file:\/\//, "");
  const nm = u.lastIndexOf("node_modules/");
  if (nm >= 0) return u.slice(nm + 13).split("/").slice(0, 2).join("/");
  if (u.startsWith("node:")) return u;
  return basename(u);
}

/** Runs `node ...nodeArgs` under the CPU profiler; returns markdown with the top costs. */
export function profileNode(work, nodeArgs, { cwd, env, input, top = 12 } = {}) {
  const dir = join(work, `prof-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(process.execPath, [...profilerFlags(dir), ...nodeArgs], { cwd, env, input, encoding: "utf8", timeout: 60000 });
  return summarizeProfileDir(dir, top) ?? `(profile failed: exit ${r.status}: ${(r.stderr || "").trim().split("\n").pop()})`;
}

/** Node flags that write a CPU profile into `dir`. */
export function profilerFlags(dir) {
  return ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=250"];
}

/** Summarises the first .cpuprofile in `dir` (and deletes the directory); undefined if none. */
export function summarizeProfileDir(dir, top = 12) {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  if (files.length === 0) return undefined;
  const prof = JSON.parse(readFileSync(join(dir, files[0]), "utf8"));
  rmSync(dir, { recursive: true, force: true });
  const totalUs = prof.endTime - prof.startTime;
  const dt = new Map();
  // Sample i lasts timeDeltas[i+1]; attribute each sample's duration to its node's self time.
  for (let i = 0; i < prof.samples.length; i++) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i + 1] ?? 0));
  const byFn = new Map();
  const byFile = new Map();
  for (const n of prof.nodes) {
    const self = dt.get(n.id) ?? 0;
    if (self === 0) continue;
    const cf = n.callFrame;
    const file = shortUrl(cf.url);
    const key = `${cf.functionName || "(anonymous)"} ${file}${cf.url ? ":" + (cf.lineNumber + 1) : ""}`;
    byFn.set(key, (byFn.get(key) ?? 0) + self);
    byFile.set(file, (byFile.get(file) ?? 0) + self);
  }
  const rows = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => [k.replace(/\|/g, "\\|"), `${fmt(us / 1000)} ms`, `${fmt((100 * us) / totalUs)}%`]);
  return [
    `Profiled wall time ${fmt(totalUs / 1000)} ms (\`node --cpu-prof\`, main thread only). Top self time by function:`,
    "",
    table(["function (file:line)", "self", "share"], rows(byFn)),
    "",
    "By file / package:",
    "",
    table(["file", "self", "share"], rows(byFile).slice(0, 8)),
  ].join("\n");
}
