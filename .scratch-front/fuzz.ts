import { readFileSync, readdirSync } from "node:fs";
import { compile, CompileContext } from "../frontend-c/index.ts";
const ctx = new CompileContext();
const dir = "/work/main/test/compiler/diff/cases";
const files = readdirSync(dir).filter(f => f.endsWith(".c")).slice(0, 60);
const toks = ["(", ")", "{", "}", ";", "*", "&", "[", "]", "0", "x", ",", "struct", "->", ".", "=", "-", "if", "return", "\"s\"", "'c'", "sizeof", "int"];
let n = 0, fails = 0;
let seed = 12345; const rnd = (m: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % m; };
for (const f of files) {
  const src = "struct ctx { long long a[8]; };\n" + readFileSync(`${dir}/${f}`, "utf8");
  for (let k = 0; k < 40; k++) {
    const i = rnd(src.length);
    const mode = rnd(3);
    const m = mode === 0 ? src.slice(0, i) + src.slice(i + 1 + rnd(5)) : mode === 1 ? src.slice(0, i) + " " + toks[rnd(toks.length)] + " " + src.slice(i) : src.slice(0, i) + toks[rnd(toks.length)] + src.slice(i + 1 + rnd(3));
    n++;
    try { compile(m, { context: ctx }); } catch (e) { fails++; if (fails < 15) console.log(f, i, (e as Error).message.slice(0, 150), JSON.stringify(m.slice(Math.max(0, i - 30), i + 30))); }
  }
}
console.log("runs", n, "throws", fails);
