import { compile } from "../frontend-c/index.ts";
import { disassembleLines } from "../src/isa/disasm.ts";
const src = process.argv[3] ?? `int f(void *ctx) { return 1 + 2; }`;
const t0 = performance.now();
const r = compile(src, { file: "t.c" });
console.log("ms", performance.now() - t0);
console.log(r.ok, JSON.stringify(r.diagnostics, null, 0));
for (const p of r.programs) { console.log(p.name, p.section, p.instructions.length); try { console.log(disassembleLines(p.instructions).join("\n")); } catch (e) { console.log(e); } }
