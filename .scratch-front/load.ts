import { readFileSync } from "node:fs";
import { compile } from "../frontend-c/index.ts";
import { MAP_TYPE_IDS } from "../src/spec/map-spec.ts";
import { mapCreate, progLoad, BPF_PROG_TYPE } from "../src/sys/index.ts";
import { encode } from "../src/isa/index.ts";
import { patchMaps } from "../test/compiler/diff/syscall-runner.ts";
import { disassembleLines } from "../src/isa/disasm.ts";
const src = readFileSync(process.argv[3]!, "utf8");
const r = compile(src, { file: process.argv[3] });
console.log(r.ok, r.diagnostics.map(d => `${d.span.line}:${d.span.col} ${d.code} ${d.message}`));
const fds = new Map<string, number>();
for (const m of r.maps) fds.set(m.name, mapCreate({ mapType: MAP_TYPE_IDS[m.kind], keySize: m.keySize, valueSize: m.valueSize, maxEntries: m.maxEntries || 2, name: m.name }).peek());
for (const p of r.programs) {
  const type = p.section.startsWith("raw_tp") ? BPF_PROG_TYPE.RAW_TRACEPOINT : BPF_PROG_TYPE.TRACEPOINT;
  try { progLoad({ progType: type, insns: encode(patchMaps(p, fds)), license: "GPL", name: p.name, logLevel: 1 } as any); console.log("LOADED", p.name, p.instructions.length); }
  catch (e) { console.log("FAIL", p.name, String((e as any).log ?? e).split("\n").slice(-12).join("\n")); if (process.env.DIS) console.log(disassembleLines(p.instructions).join("\n")); }
}
