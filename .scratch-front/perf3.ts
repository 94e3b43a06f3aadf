import { readFileSync } from "node:fs";
import { DiagnosticSink } from "../frontend-c/diagnostics/index.ts";
import { preprocess, MemoryIncludeHost } from "../frontend-c/preprocess/index.ts";
import { CParser } from "../frontend-c/parse/parser.ts";
import { analyze } from "../frontend-c/sema/sema.ts";
import { lowerModule } from "../frontend-c/lower/lower-module.ts";
import { generateCollection } from "../frontend-c/emit/backend.ts";
import { BPF_C_DEFINES } from "../frontend-c/pipeline.ts";
const src = readFileSync("/work/main/.scratch-front/perf.ts", "utf8").split("`")[1]!.replace(/\\\\/g, "\\");
const parser = new CParser();
const host = new MemoryIncludeHost();
const acc: Record<string, number> = {};
const t = (k: string, f: () => any) => { const t0 = performance.now(); const r = f(); acc[k] = (acc[k] ?? 0) + performance.now() - t0; return r; };
for (let i = 0; i < 300; i++) {
  if (i === 100) for (const k in acc) acc[k] = 0;
  const sink = new DiagnosticSink();
  const pp = t("pp", () => preprocess(src, { file: "x.c", defines: { ...BPF_C_DEFINES }, includeHost: host }, sink));
  const tu = t("parse", () => parser.parse(pp.text, { file: "x.c", mapper: pp.map }, sink));
  const typed = t("sema", () => analyze(tu, {}, sink));
  const ir = t("lower", () => lowerModule(typed, sink));
  t("backend", () => generateCollection(ir, sink));
  if (sink.hasErrors) { console.log(sink.diagnostics); break; }
}
for (const k in acc) console.log(k, (acc[k]! / 200).toFixed(3));
