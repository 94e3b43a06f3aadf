/**
 * @fileoverview The compiler fuzz harness shared by `run.mjs` (long runs) and the CI slices.
 *
 * Cases come from generate.mjs and are compiled in worker threads (a hang cannot block the parent:
 * it terminates the worker after `hangMs`, records the finding with the input, and starts a fresh
 * worker). Each worker has a heap cap, so unbounded memory shows up as ERR_WORKER_OUT_OF_MEMORY.
 * The compiler (and the loader) are bundled from the current sources with esbuild into a temp dir,
 * so no `npm run build` is needed and the TS sources are what gets fuzzed.
 *
 * Findings: { kind, signature, index, seed, label, origin, detail, ms }; kinds are
 * "ice" (InternalCompilerError), "throw" (any other exception), "violation" (result breaks the
 * contract), "slow" (> limitMs), "hang" (> hangMs, worker killed), "oom", and with `load`
 * "verifier" (an accepted program the kernel refused).
 */
import { Worker } from "node:worker_threads";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { loadCorpus, makeCase } from "./generate.mjs";
import { bundleSourcesEsm } from "../harness/esm-bundle.mjs";

const HERE = import.meta.dirname;
const ROOT = join(HERE, "..", "..");

/** Bundles bundle-entry.ts into a temp dir; returns { url, dispose }. */
export async function buildBundle() {
  // Inside node_modules so the bundle's bare imports of the native packages resolve to the repo's.
  const cache = join(ROOT, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, "bcc-ts-fuzz-"));
  const out = join(dir, "fuzz-bundle.mjs");
  await bundleSourcesEsm(join(HERE, "bundle-entry.ts"), out);
  return { url: pathToFileURL(out).href, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Normalises a message into a dedup signature (numbers and long names vary between inputs). */
function normalise(s) {
  return String(s).replace(/\d+/g, "N").replace(/'[^']{20,}'/g, "'…'").replace(/\s+/g, " ").slice(0, 200);
}

function topFrame(stack) {
  const line = String(stack ?? "").split("\n").find((l) => /^\s+at /.test(l)) ?? "";
  return line.replace(/\(.*[\\/]/, "(").replace(/:\d+:\d+\)?$/, "").trim();
}

class WorkerSlot {
  constructor(bundleUrl, heapMb) {
    this.bundleUrl = bundleUrl;
    this.heapMb = heapMb;
    this.start();
  }

  start() {
    this.worker = new Worker(join(HERE, "worker.mjs"), {
      workerData: { bundle: this.bundleUrl },
      // ~1 MB of stack like Node's main thread (where the CLI compiles), so recursion depth
      // problems show up as they would for users.
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, stackSizeMb: 1 },
      stdout: true,
      stderr: true,
    });
    this.ready = new Promise((resolve, reject) => {
      const onMsg = (m) => {
        if (m?.ready) {
          this.worker.off("message", onMsg);
          resolve();
        }
      };
      this.worker.on("message", onMsg);
      this.worker.once("error", reject);
    });
  }

  /** Compiles one source; resolves { res } or { error } (worker died) or { hang }. */
  async run(id, source, wantSpecs, hangMs) {
    await this.ready;
    const w = this.worker;
    return new Promise((resolve) => {
      let done = false;
      const finish = (v) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        w.off("message", onMsg);
        w.off("error", onErr);
        w.off("exit", onExit);
        resolve(v);
      };
      const onMsg = (m) => { if (m?.id === id) finish({ res: m }); };
      const onErr = (e) => finish({ error: e });
      const onExit = (code) => finish({ error: new Error(`worker exited with code ${code}`) });
      const timer = setTimeout(() => finish({ hang: true }), hangMs);
      w.on("message", onMsg);
      w.once("error", onErr);
      w.once("exit", onExit);
      w.postMessage({ id, source, wantSpecs });
    });
  }

  async restart() {
    await this.worker.terminate().catch(() => {});
    this.start();
  }

  async close() {
    await this.worker.terminate().catch(() => {});
  }
}

/** Kind of program the loader should use for an accepted program (the name implies it). */
export function kindFor(mod, spec) {
  const fromSection = spec.section ? mod.parseSection(spec.section) : undefined;
  const probe = fromSection ?? mod.parseProbeName(spec.name);
  if (probe) return probe.kind;
  if (/^test\d*$/.test(spec.name)) return "syscall";
  return "kprobe";
}

/**
 * Loads every program of an accepted case (maps first); returns undefined when all loaded, or a
 * { detail, signature } for the first program the kernel refused. fentry/fexit are skipped (they
 * need a BTF target id the fuzzer does not resolve).
 */
export function loadAccepted(mod, result, source) {
  const maps = new Map();
  try {
    for (const m of result.maps ?? []) {
      try {
        maps.set(m.name, mod.createMap(m));
      } catch (e) {
        return { detail: `map ${m.name}: ${e?.message ?? e}`, signature: `map: ${normalise(e?.message ?? e)}`, infra: true };
      }
    }
    for (const p of result.programs ?? []) {
      const kind = kindFor(mod, p);
      if (kind === "fentry" || kind === "fexit") continue;
      try {
        const loaded = mod.loadProgram(p, { kind, maps, sourceText: () => source });
        loaded.fd.close();
      } catch (e) {
        const msg = String(e?.message ?? e);
        const verdict = msg.replace(/^.*?: (?=[^:]*$)/, "");
        return { detail: msg.slice(0, 4000), signature: `${kind}: ${normalise(verdict)}`, log: e?.verifierLog?.slice(-6000) };
      }
    }
    return undefined;
  } finally {
    for (const fd of maps.values()) fd.close();
  }
}

/**
 * Runs cases [start, start+cases) of `seed`. Options: workers (2), limitMs (2000), hangMs (10000),
 * heapMb (1024), load (false: only compile), onProgress(stats), onFinding(finding, source),
 * bundle (an existing buildBundle() result). Returns { stats, findings } (findings deduplicated by
 * signature, each with `count`).
 */
export async function runFuzz(opts) {
  const { cases, seed, start = 0, workers = 2, limitMs = 2000, hangMs = 10_000, heapMb = 1024, load = false, family = "any" } = opts;
  const skip = opts.skip ?? new Set();
  const corpus = opts.corpus ?? loadCorpus();
  const own = opts.bundle ? undefined : await buildBundle();
  const bundle = opts.bundle ?? own;
  const mod = load ? await import(bundle.url) : undefined;
  const slots = Array.from({ length: workers }, () => new WorkerSlot(bundle.url, heapMb));
  const stats = { cases: 0, accepted: 0, rejected: 0, loaded: 0, loadFailed: 0, maxMs: 0, byKind: {} };
  const findings = new Map();
  const occurrences = [];
  const record = (c, kind, signature, detail, ms, source) => {
    const key = `${kind}|${signature}`;
    occurrences.push({ index: c.index, kind, signature, lines: c.source.split("\n").length });
    const f = findings.get(key);
    if (f) { f.count++; return; }
    const finding = { kind, signature, index: c.index, caseSeed: c.seed, label: c.label, origin: c.origin, detail, ms, count: 1 };
    findings.set(key, finding);
    opts.onFinding?.(finding, source);
  };
  let next = start;
  const end = start + cases;
  try {
    await Promise.all(slots.map(async (slot) => {
      while (next < end) {
        const index = next++;
        if (skip.has(index)) continue;
        const c = makeCase(corpus, seed, index, family);
        const out = await slot.run(index, c.source, load, hangMs);
        stats.cases++;
        if (out.hang) {
          record(c, "hang", `hang: ${c.label.split(":")[0]}`, `no result after ${hangMs} ms`, hangMs, c.source);
          await slot.restart();
          continue;
        }
        if (out.error) {
          const oom = out.error.code === "ERR_WORKER_OUT_OF_MEMORY";
          record(c, oom ? "oom" : "throw", oom ? "out of memory" : normalise(out.error.message), String(out.error.message), 0, c.source);
          await slot.restart();
          continue;
        }
        const r = out.res;
        stats.maxMs = Math.max(stats.maxMs, r.ms);
        if (r.threw) {
          record(c, r.threw.ice ? "ice" : "throw", `${r.threw.name}: ${normalise(r.threw.message)} @ ${topFrame(r.threw.stack)}`, `${r.threw.message}\n${r.threw.stack}`, r.ms, c.source);
          continue;
        }
        if (r.violation) record(c, "violation", normalise(r.violation), r.violation, r.ms, c.source);
        if (r.ms > limitMs) {
          // Re-time once: on a loaded 2-core machine a single run can be unlucky.
          const again = await slot.run(index, c.source, false, hangMs);
          if (again.res) r.ms = Math.min(r.ms, again.res.ms);
          else if (again.hang) await slot.restart();
        }
        if (r.ms > limitMs) record(c, "slow", `slow: ${c.label.split(":")[0]}`, `${Math.round(r.ms)} ms (limit ${limitMs})`, r.ms, c.source);
        if (r.ok) stats.accepted++;
        else stats.rejected++;
        if (r.ok && load && r.nprograms > 0) {
          const failure = loadAccepted(mod, r, c.source);
          if (failure === undefined) stats.loaded++;
          else {
            stats.loadFailed++;
            record(c, failure.infra ? "map" : "verifier", failure.signature, failure.detail + (failure.log ? `\n--- verifier log tail ---\n${failure.log}` : ""), r.ms, c.source);
          }
        }
        stats.byKind[c.label.split(/[:+]/)[0]] = (stats.byKind[c.label.split(/[:+]/)[0]] ?? 0) + 1;
        opts.onProgress?.(stats);
      }
    }));
  } finally {
    await Promise.all(slots.map((s) => s.close()));
    own?.dispose();
  }
  return { stats, findings: [...findings.values()], occurrences };
}

/** Saves a finding's input and description under test/fuzz/findings/. */
export function saveFinding(finding, source, dir = join(HERE, "findings")) {
  mkdirSync(dir, { recursive: true });
  const base = `${finding.kind}-${finding.caseSeed.toString(16)}-${finding.index}`;
  writeFileSync(join(dir, `${base}.c`), source);
  writeFileSync(join(dir, `${base}.json`), JSON.stringify({ ...finding, count: undefined }, null, 2) + "\n");
  return join(dir, base);
}
