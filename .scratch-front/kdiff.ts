import { compile, CompileContext } from "../frontend-c/index.ts";
import { loadCorpus, CTX_PRELUDE } from "../test/compiler/diff/corpus.ts";
import { runNative } from "../test/compiler/diff/native.ts";
import { loadSyscall, runSyscall } from "../test/compiler/diff/syscall-runner.ts";
const only = process.argv[3];
const cases = loadCorpus("/work/main/test/compiler/diff/cases").filter(c => !only || c.name.includes(only));
const native = runNative(cases);
const ctx = new CompileContext();
let fails = 0;
cases.forEach((c, i) => {
  const r = compile(CTX_PRELUDE + "\n" + c.source, { file: c.name + ".c", context: ctx });
  if (!r.ok) { fails++; console.log("COMPILE", c.name, r.diagnostics.map(d => d.code + " " + d.message).join(" | ")); return; }
  let prog;
  try { prog = loadSyscall(r.programs[0]!); } catch (e) { fails++; const m = String((e as any).log ?? (e as Error).message); console.log("LOAD", c.name, m.split("\n").slice(-6).join(" / ")); return; }
  c.inputs.forEach((inp, j) => {
    const buf = new Uint8Array(64); const dv = new DataView(buf.buffer);
    inp.forEach((v, k) => dv.setBigUint64(k * 8, v, true));
    const ret = runSyscall(prog, buf);
    const out = Array.from({ length: 8 }, (_, k) => dv.getBigUint64(k * 8, true));
    const want = native[i]![j]!;
    if (ret !== want.ret || out.some((v, k) => v !== want.ctx[k])) {
      fails++;
      console.log("DIFF", c.name, j, "got", ret, out.join(","), "want", want.ret, want.ctx.join(","));
    }
  });
  prog[Symbol.dispose]?.();
});
console.log("cases", cases.length, "fails", fails);
