// Times in-process compile() of one file: node compile-time.mjs INTERNALS FILE WARMUP RUNS fresh|reuse
// Prints {ok, firstMs, ms[], insns} as JSON.
import { readFileSync } from "node:fs";

const [internals, file, warmup, runs, mode] = process.argv.slice(2);
const { compile, CompileContext } = await import(internals);
const text = readFileSync(file, "utf8");
const shared = new CompileContext();
const once = () => {
  const t0 = performance.now();
  const r = compile(text, { file, ...(mode === "reuse" ? { context: shared } : {}) });
  return { r, ms: performance.now() - t0 };
};
const first = once();
if (!first.r.ok) {
  console.log(JSON.stringify({ ok: false, error: first.r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.span?.line}: ${d.message}`).slice(0, 3).join("; ") }));
  process.exit(0);
}
for (let i = 0; i < Number(warmup); i++) once();
const ms = [];
for (let i = 0; i < Number(runs); i++) ms.push(once().ms);
const insns = first.r.programs.reduce((n, p) => n + p.instructions.length, 0);
console.log(JSON.stringify({ ok: true, firstMs: first.ms, ms, insns }));
