import { describe, expect, it } from "vitest";
import { Btf, decodeFuncInfo, decodeLineInfo } from "../btf/index.ts";
import type { Instruction } from "../isa/index.ts";
import type { SourceLocation } from "../spec/index.ts";
import { buildProgramBtf, logSourceLine, ProgramBtfCache, subprogramStarts } from "./btf-info.ts";

const mov0: Instruction = { code: 0xb7, dst: 0, src: 0, off: 0, imm: 0 };
const ld64: Instruction = { code: 0x18, dst: 1, src: 0, off: 0, imm: 5, imm64: 5n };
const exit: Instruction = { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 };
const at = (line: number, col = 3, file = "p.c"): SourceLocation => ({ file, line, col, endLine: line, endCol: col + 1 });
const SOURCE = ["int p(void *ctx) {", "  u64 a = 5;", "  int b = 0;", "  return b;\t ", "}"].join("\n");

describe("buildProgramBtf", () => {
  it("emits a record where the (file, line) changes, at slot offsets, with the source text", () => {
    // insn 0: line 2 (ld_imm64, two slots), 1: line 2, 2: line 3, 3: synthesized, 4: line 4
    const insns = [ld64, mov0, mov0, mov0, exit];
    const spans = [at(2), at(2, 7), at(3), undefined, at(4)];
    const r = buildProgramBtf("p", insns, spans, (f) => (f === "p.c" ? SOURCE : undefined));
    const btf = new Btf(r.blob);
    const lines = decodeLineInfo(r.lineInfo).map((l) => [l.insnOff, btf.string(l.fileNameOff), btf.string(l.lineOff), l.line, l.col]);
    expect(lines).toEqual([
      [0, "p.c", "  u64 a = 5;", 2, 3],
      [3, "p.c", "  int b = 0;", 3, 3],
      [5, "p.c", "  return b;", 4, 3],
    ]);
    const funcs = decodeFuncInfo(r.funcInfo);
    expect(funcs).toEqual([{ insnOff: 0, typeId: expect.any(Number) }]);
    const func = btf.typeById(funcs[0]!.typeId);
    expect(func).toMatchObject({ kind: "func", name: "p", linkage: 1 });
    expect([r.funcCount, r.lineCount]).toEqual([1, 3]);
  });

  it("starts at instruction 0 even when the first instructions have no span, and quotes nothing for unknown files", () => {
    const r = buildProgramBtf("p", [mov0, mov0, exit], [undefined, at(3, 1, "other.c"), at(3, 1, "other.c")], () => undefined);
    const btf = new Btf(r.blob);
    expect(decodeLineInfo(r.lineInfo).map((l) => [l.insnOff, btf.string(l.fileNameOff), btf.string(l.lineOff), l.line])).toEqual([[0, "other.c", "", 3]]);
  });

  it("gives every BPF-to-BPF call target a static FUNC and a line record", () => {
    // 0: call +1 → 2; 1: exit; 2: mov; 3: exit — all on line 2
    const call: Instruction = { code: 0x85, dst: 0, src: 1, off: 0, imm: 1 };
    const insns = [call, exit, mov0, exit];
    expect(subprogramStarts(insns)).toEqual([0, 2]);
    const r = buildProgramBtf("p", insns, insns.map(() => at(2)), () => SOURCE);
    const btf = new Btf(r.blob);
    const funcs = decodeFuncInfo(r.funcInfo);
    expect(funcs.map((f) => [f.insnOff, btf.typeById(f.typeId)])).toEqual([
      [0, expect.objectContaining({ name: "p", linkage: 1 })],
      [2, expect.objectContaining({ name: "p_sub1", linkage: 0 })],
    ]);
    expect(decodeLineInfo(r.lineInfo).map((l) => l.insnOff)).toEqual([0, 2]);
  });

  it("has no line info without any span", () => {
    const r = buildProgramBtf("p", [mov0, exit], [undefined, undefined], undefined);
    expect([r.lineCount, r.lineInfo.byteLength, r.funcCount]).toEqual([0, 0, 1]);
  });

  it("reads each source file once per cache", () => {
    const cache = new ProgramBtfCache();
    let reads = 0;
    const text = (): string => (reads++, SOURCE);
    buildProgramBtf("p", [mov0, exit], [at(2), at(3)], text, cache);
    buildProgramBtf("q", [mov0, exit], [at(3), at(4)], text, cache);
    expect(reads).toBe(1);
  });
});

describe("logSourceLine", () => {
  it("finds the verifier's line_info annotation before the failing instruction", () => {
    const log = ["0: R1=ctx() R10=fp0", "; int x = 1; @ bad.c:2", "0: (b7) r0 = 1", "; x += *(int *)ctx; @ bad.c:3", "1: (61) r0 = *(u32 *)(r1 +10000)", "invalid bpf_context access"];
    expect(logSourceLine(log, 4)).toEqual({ text: "x += *(int *)ctx;", file: "bad.c", line: 3 });
    expect(logSourceLine(log, 2)).toEqual({ text: "int x = 1;", file: "bad.c", line: 2 });
    expect(logSourceLine(log, 1)).toBeUndefined();
  });
});
