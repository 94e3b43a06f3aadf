import { describe, expect, it } from "vitest";
import { Btf } from "./reader.ts";
import { BtfBuilder } from "./writer.ts";
import { ExtInfoBuilder, decodeFuncInfo, decodeLineInfo, encodeFuncInfo, encodeLineInfo, lineCol } from "./ext-info.ts";

describe("func_info / line_info records", () => {
  it("encodes func_info as {insn_off, type_id} u32 pairs", () => {
    const bytes = encodeFuncInfo([{ insnOff: 0, typeId: 3 }, { insnOff: 10, typeId: 5 }]);
    expect(bytes.byteLength).toBe(16);
    expect([...new Uint32Array(bytes.buffer)]).toEqual([0, 3, 10, 5]);
    expect(decodeFuncInfo(bytes)).toEqual([{ insnOff: 0, typeId: 3 }, { insnOff: 10, typeId: 5 }]);
  });

  it("packs line_col as line << 10 | col and saturates the column", () => {
    expect(lineCol(12, 5)).toBe((12 << 10) | 5);
    expect(lineCol(1, 5000)).toBe((1 << 10) | 1023);
    expect(() => lineCol(1 << 22, 0)).toThrow(RangeError);
    const bytes = encodeLineInfo([{ insnOff: 0, fileNameOff: 1, lineOff: 7, line: 3, col: 2 }]);
    expect([...new Uint32Array(bytes.buffer)]).toEqual([0, 1, 7, (3 << 10) | 2]);
    expect(decodeLineInfo(bytes)).toEqual([{ insnOff: 0, fileNameOff: 1, lineOff: 7, line: 3, col: 2 }]);
  });

  it("rejects unsorted records", () => {
    expect(() => encodeFuncInfo([{ insnOff: 4, typeId: 1 }, { insnOff: 4, typeId: 2 }])).toThrow(/increasing/);
  });

  it("ExtInfoBuilder interns file names and source lines in the program BTF", () => {
    const b = new BtfBuilder();
    const ext = new ExtInfoBuilder(b);
    ext.addLine(5, "prog.c", "  return 0;", 4, 3);
    ext.addLine(0, "prog.c", "int f(void *ctx) {", 1, 1);
    ext.addFunc(0, 2);
    const lines = decodeLineInfo(ext.lineInfo());
    expect(lines.map((l) => l.insnOff)).toEqual([0, 5]);
    const btf = new Btf(b.build());
    expect(btf.string(lines[0]!.fileNameOff)).toBe("prog.c");
    expect(lines[1]!.fileNameOff).toBe(lines[0]!.fileNameOff);
    expect(btf.string(lines[0]!.lineOff)).toBe("int f(void *ctx) {");
    expect(btf.string(lines[1]!.lineOff)).toBe("  return 0;");
    expect(lines[1]).toMatchObject({ line: 4, col: 3 });
    expect(decodeFuncInfo(ext.funcInfo())).toEqual([{ insnOff: 0, typeId: 2 }]);
  });
});
