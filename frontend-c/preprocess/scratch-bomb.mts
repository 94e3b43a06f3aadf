import { preprocess, MemoryIncludeHost } from "./index.ts";
import { DiagnosticSink } from "../diagnostics/index.ts";
const defs = ["#define X0(a) a a"];
for (let i = 1; i <= 40; i++) defs.push(`#define X${i}(a) X${i - 1}(X${i - 1}(a))`);
const t0 = performance.now();
const s = new DiagnosticSink();
preprocess(`${defs.join("\n")}\nX40(boom)\nint after;`, { file: "m.c", includeHost: new MemoryIncludeHost() }, s);
console.log(performance.now() - t0, s.diagnostics.map(d => d.code));
