import { compile, CompileContext } from "../frontend-c/index.ts";
import { loadCorpus, CTX_PRELUDE } from "../test/compiler/diff/corpus.ts";
const ctx = new CompileContext();
let fails = 0;
for (const c of loadCorpus("/work/main/test/compiler/diff/cases")) {
  if (process.env.TRACE) console.log("case", c.name);
  try {
    const r = compile(CTX_PRELUDE + "\n" + c.source, { file: c.name + ".c", context: ctx });
    if (!r.ok) { fails++; console.log("FAIL", c.name, r.diagnostics.filter(d => d.severity === "error").map(d => `${d.span.line - 1}:${d.span.col} ${d.code} ${d.message}`).join(" | ")); }
  } catch (e) { fails++; console.log("THROW", c.name, (e as Error).message); }
}
console.log("fails", fails);
