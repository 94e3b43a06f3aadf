/**
 * Fuzz worker thread: compiles the sources the harness sends and checks the compiler's contract on
 * each result (never throws; a rejection carries at least one error with file:line:col). Timing
 * and memory are the parent's job: it kills this thread when a case hangs or it runs out of heap.
 */
import { parentPort, workerData } from "node:worker_threads";

const mod = await import(workerData.bundle);
const ctx = new mod.CompileContext();

function checkSpan(d, file) {
  const s = d?.span;
  if (!s || typeof s.file !== "string" || s.file !== file) return `diagnostic without file (${JSON.stringify(s)})`;
  for (const k of ["line", "col"]) if (!Number.isInteger(s[k]) || s[k] < 1) return `diagnostic with bad ${k}: ${JSON.stringify(s)}`;
  if (typeof d.message !== "string" || d.message.length === 0) return "diagnostic without message";
  return undefined;
}

parentPort.on("message", (msg) => {
  const file = "fuzz.c";
  const t0 = performance.now();
  let res;
  try {
    const r = mod.compile(msg.source, { file, context: ctx });
    const ms = performance.now() - t0;
    let violation;
    if (!r || typeof r.ok !== "boolean" || !Array.isArray(r.diagnostics)) violation = "malformed result";
    else if (!r.ok && !r.diagnostics.some((d) => d.severity === "error")) violation = "rejected without an error diagnostic";
    else for (const d of r.diagnostics) { violation = checkSpan(d, file); if (violation) break; }
    const programs = r.ok && msg.wantSpecs ? r.programs : undefined;
    const maps = r.ok && msg.wantSpecs ? r.maps : undefined;
    res = {
      id: msg.id, ms, ok: r.ok, violation, programs, maps, license: r.license,
      nprograms: r.programs?.length ?? 0,
      firstError: r.diagnostics.find((d) => d.severity === "error")?.code,
    };
  } catch (e) {
    const ms = performance.now() - t0;
    const ice = e instanceof mod.InternalCompilerError;
    res = { id: msg.id, ms, ok: false, threw: { ice, name: e?.name ?? typeof e, message: String(e?.message ?? e).slice(0, 2000), stack: String(e?.stack ?? "").split("\n").slice(0, 8).join("\n") } };
  }
  parentPort.postMessage(res);
});
parentPort.postMessage({ ready: true });
