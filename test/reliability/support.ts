/**
 * @fileoverview Shared helpers of the reliability tests: bundle a test script from the current
 * sources (esbuild; Node 20 has no TS loader), run it as a child process and wait for the phases it
 * announces, and look for anything a dead script left in the kernel (programs, maps, links by name
 * suffix; tracefs probe entries by the owner's pid group).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { getFdById, linkInfo, listIds, mapInfo, progInfo } from "../../src/sys/index.ts";
import { Tracefs } from "../../src/tracefs/index.ts";
import { bundleSourcesEsm } from "../harness/esm-bundle.mjs";

const ROOT = join(import.meta.dirname, "..", "..");

/** Bundles scripts/<name>.ts into an .mjs under node_modules/.cache (so bare imports resolve). */
export async function bundleScript(name: string): Promise<{ path: string; dispose(): void }> {
  const cache = join(ROOT, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, "bcc-ts-rel-"));
  // Readable by the unprivileged user of the not-root scenarios.
  chmodSync(dir, 0o755);
  const out = join(dir, `${name}.mjs`);
  await bundleSourcesEsm(join(import.meta.dirname, "scripts", `${name}.ts`), out);
  return { path: out, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the script printed `phase:<name>` (rejects if it exits first or after ms). */
  phase(name: string, ms?: number): Promise<void>;
  /** Resolves with { code, signal } when it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

export function runScript(cmd: string, args: readonly string[], env: Record<string, string> = {}): Running {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let out = "";
  let err = "";
  const waiters: { name: string; resolve(): void }[] = [];
  child.stdout!.on("data", (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) if (out.includes(`phase:${w.name}\n`)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
  });
  child.stderr!.on("data", (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal, at: performance.now() }));
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    phase(name, ms = 30_000) {
      if (out.includes(`phase:${name}\n`)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no phase:${name} after ${ms} ms; stdout: ${out}; stderr: ${err}`)), ms);
        waiters.push({ name, resolve: () => { clearTimeout(timer); resolve(); } });
        void exited.then((e) => { clearTimeout(timer); reject(new Error(`exited (${e.code ?? e.signal}) before phase:${name}; stderr: ${err}`)); });
      });
    },
  };
}

export interface Leftovers {
  progs: string[];
  maps: string[];
  links: number[];
  probes: string[];
}

/** Kernel objects whose name contains `suffix`, links to such programs, and probe entries of `pid`. */
export function leftovers(suffix: string, pid: number | undefined): Leftovers {
  const progs: string[] = [];
  const progIds = new Set<number>();
  for (const id of listIds("PROG")) {
    const fd = getFdById("PROG", id);
    if (!fd) continue;
    try {
      const info = progInfo(fd);
      if (info.name.includes(suffix)) { progs.push(info.name); progIds.add(id); }
    } finally { fd.close(); }
  }
  const maps: string[] = [];
  for (const id of listIds("MAP")) {
    const fd = getFdById("MAP", id);
    if (!fd) continue;
    try {
      const info = mapInfo(fd);
      if (info.name.includes(suffix)) maps.push(info.name);
    } finally { fd.close(); }
  }
  const links: number[] = [];
  for (const id of listIds("LINK")) {
    const fd = getFdById("LINK", id);
    if (!fd) continue;
    try {
      if (progIds.has(linkInfo(fd).progId)) links.push(id);
    } finally { fd.close(); }
  }
  const probes: string[] = [];
  if (pid !== undefined) {
    const tf = Tracefs.open();
    for (const file of ["uprobe_events", "kprobe_events"]) {
      let text = "";
      try { text = readFileSync(join(tf.root, file), "utf8"); } catch { continue; }
      for (const line of text.split("\n")) if (line.includes(`bcc_ts_${pid}/`)) probes.push(line);
    }
  }
  return { progs, maps, links, probes };
}

/** Polls leftovers() until none (the kernel frees programs after an RCU grace period) or ms pass. */
export async function waitForNoLeftovers(suffix: string, pid: number | undefined, ms = 3000): Promise<Leftovers> {
  const until = performance.now() + ms;
  for (;;) {
    const l = leftovers(suffix, pid);
    const empty = l.progs.length + l.maps.length + l.links.length + l.probes.length === 0;
    if (empty || performance.now() > until) return l;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 8).padEnd(6, "0");
}

/**
 * Sends `signal` and spins (synchronously, so the test's own event loop cannot add delay) until the
 * process has ended: /proc/<pid>/stat shows a zombie (its files, hence its kernel objects, are
 * released before that) or is gone. Returns the milliseconds taken, or Infinity after `maxMs`.
 */
export function killAndTimeEnd(pid: number, signal: NodeJS.Signals, maxMs = 5000): number {
  const t0 = performance.now();
  process.kill(pid, signal);
  for (;;) {
    const ms = performance.now() - t0;
    let state: string | undefined;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    } catch {
      return ms;
    }
    if (state === "Z" || state === "X") return ms;
    if (ms > maxMs) return Infinity;
  }
}
