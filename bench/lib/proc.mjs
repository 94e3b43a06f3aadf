// Process helpers: run a command and time it, or time how long it takes to print a given line,
// with peak RSS from GNU time (its %M is the child's ru_maxrss from wait4, in KiB).
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

let counter = 0;

/**
 * Spawns `cmd args` under /usr/bin/time and resolves when it exits, with the time from spawn to the
 * first stdout line matching `marker` (or to exit when marker is undefined) and the peak RSS.
 */
export function timeProcess(work, cmd, args, { marker, timeoutMs = 30000, env, cwd, stdin } = {}) {
  const rssFile = join(work, `rss-${process.pid}-${counter++}`);
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn("/usr/bin/time", ["-f", "%M", "-o", rssFile, cmd, ...args], { env: env ?? process.env, cwd, stdio: [stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    if (stdin !== undefined) child.stdin.end(stdin);
    let tMark;
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (tMark === undefined && marker !== undefined && out.split("\n").some((l) => marker.test(l))) tMark = process.hrtime.bigint();
    });
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      const tEnd = process.hrtime.bigint();
      let rssKiB = NaN;
      try {
        const lines = readFileSync(rssFile, "utf8").trim().split("\n");
        rssKiB = Number(lines[lines.length - 1]);
        rmSync(rssFile);
      } catch { /* killed before time wrote it */ }
      const ms = (t) => Number(t - t0) / 1e6;
      resolve({ code, ok: code === 0 && (marker === undefined || tMark !== undefined), markMs: tMark === undefined ? NaN : ms(tMark), totalMs: ms(tEnd), rssMB: rssKiB / 1024, stdout: out, stderr: err });
    });
  });
}

/** Runs a command to completion and returns its stdout (throws with stderr on failure). */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")}: ${(r.stderr || r.stdout || "").trim().split("\n").slice(-3).join(" / ")}`);
  return r.stdout;
}

/** The first meaningful lines of a child's stderr (an uncaught error's message, not its dump). */
function errSummary(err) {
  const lines = err.split("\n").map((l) => l.trim()).filter((l) => l && !/^at |^\^|^[{}\]]|^Node\.js v/.test(l));
  const msg = lines.find((l) => /Error\b|error:/.test(l)) ?? lines[0] ?? "";
  return msg.slice(0, 300);
}

/** Starts a long-running helper and returns it with a line-waiting helper. */
export function startLineProcess(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"], ...opts });
  let buf = "";
  let err = "";
  const waiters = [];
  const lines = [];
  child.stdout.on("data", (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      lines.push(line);
      for (const w of [...waiters]) if (w.test(line)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(line); }
    }
  });
  child.stderr.on("data", (d) => (err += d));
  const exited = new Promise((r) => child.on("close", (code) => r(code)));
  return {
    child,
    exited,
    stderr: () => err,
    /** Resolves with the first line (already seen or future) matching `re`; rejects on exit or timeout. */
    waitLine(re, timeoutMs = 20000) {
      const seen = lines.find((l) => re.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = { test: (l) => re.test(l), resolve: (l) => { clearTimeout(t); resolve(l); } };
        const t = setTimeout(() => { waiters.splice(waiters.indexOf(w), 1); reject(new Error(`timeout waiting for ${re} (stderr: ${errSummary(err)})`)); }, timeoutMs);
        waiters.push(w);
        exited.then(() => { if (waiters.includes(w)) { clearTimeout(t); waiters.splice(waiters.indexOf(w), 1); reject(new Error(`exited before ${re}: ${errSummary(err)}`)); } });
      });
    },
  };
}
