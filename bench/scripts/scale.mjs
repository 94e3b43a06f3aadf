// Scaling benchmark: node scale.mjs INTERNALS compile SIZES_JSON RUNS | INTERNALS btf NAMES_FILE COUNTS_JSON RUNS
// compile: in-process compile time of generated programs of the given line counts (fresh context,
//          after warm-up compiles of all of them, timed round-robin).
// btf:     loadKernelBtf() time, then N lookupStruct() calls over N distinct struct names, each on a
//          freshly loaded Btf (so the first-lookup index build is included) and again warm
//          (the same N lookups repeated for ≥ 50 ms; time per round of N).
import { readFileSync } from "node:fs";
import { generateProgram, probesForLines, lineCount } from "../lib/gen-program.mjs";

const [internals, mode, arg, counts, runsArg] = process.argv.slice(2);
const lib = await import(internals);
const runs = Number(runsArg);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const out = [];
if (mode === "compile") {
  // Warm every size first, then time round-robin across sizes: otherwise the JIT warms up during
  // the small programs and the large ones look cheaper than they are.
  const progs = JSON.parse(arg).map((lines) => generateProgram(probesForLines(lines), "bcc"));
  const firsts = progs.map((text) => lib.compile(text));
  for (let w = 0; w < 3; w++) progs.forEach((text) => lib.compile(text));
  const ms = progs.map(() => []);
  for (let i = 0; i < runs; i++) {
    progs.forEach((text, k) => {
      const t0 = performance.now();
      lib.compile(text);
      ms[k].push(performance.now() - t0);
    });
  }
  progs.forEach((text, k) => {
    const first = firsts[k];
    if (!first.ok) out.push({ lines: lineCount(text), error: first.diagnostics[0]?.message });
    else out.push({ lines: lineCount(text), ms: median(ms[k]), min: Math.min(...ms[k]), max: Math.max(...ms[k]), insns: first.programs.reduce((n, p) => n + p.instructions.length, 0) });
  });
} else {
  const names = readFileSync(arg, "utf8").trim().split("\n");
  const loadMs = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    lib.loadKernelBtf();
    loadMs.push(performance.now() - t0);
  }
  out.push({ load: median(loadMs) });
  for (const n of JSON.parse(counts)) {
    const cold = [];
    const warm = [];
    let found = 0;
    for (let i = 0; i < runs; i++) {
      const btf = lib.loadKernelBtf();
      const t0 = performance.now();
      for (let k = 0; k < n; k++) if (btf.lookupStruct(names[k])) found++;
      const t1 = performance.now();
      // Warm: repeat the same N lookups for at least 50 ms, so small N are not timer noise.
      let reps = 0;
      let t2 = t1;
      do {
        for (let k = 0; k < n; k++) btf.lookupStruct(names[k]);
        reps++;
        t2 = performance.now();
      } while (t2 - t1 < 50);
      cold.push(t1 - t0);
      warm.push((t2 - t1) / reps);
    }
    out.push({ n, cold: median(cold), warm: median(warm), found: found / runs });
  }
}
console.log(JSON.stringify(out));
