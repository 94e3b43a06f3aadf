import { readdirSync, readFileSync } from "node:fs";
import { compile, CompileContext } from "../frontend-c/index.ts";
const dir = "/work/main/test/compiler/negative";
const ctx = new CompileContext();
for (const f of readdirSync(dir).filter(f => f.endsWith(".c")).sort()) {
  const src = readFileSync(`${dir}/${f}`, "utf8");
  try {
    const r = compile(src, { file: f, context: ctx });
    const errs = r.diagnostics.filter(d => d.severity === "error");
    console.log(f.padEnd(40), r.ok ? "OK!!" : "", errs.map(d => `${d.span.line}:${d.span.col} ${d.code} — ${d.message}`).join("\n" + " ".repeat(41)));
  } catch (e) { console.log(f, "THROW", (e as Error).stack?.split("\n").slice(0,4).join(" ")); }
}
