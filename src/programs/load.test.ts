import { describe, expect, it } from "vitest";
import type { Instruction } from "../isa/index.ts";
import type { SourceLocation } from "../spec/index.ts";
import { failingInstruction, failingSource } from "./load.ts";

const mov0: Instruction = { code: 0xb7, dst: 0, src: 0, off: 0, imm: 0 };
const ld64: Instruction = { code: 0x18, dst: 1, src: 0, off: 0, imm: 5, imm64: 5n };
const at = (line: number): SourceLocation => ({ file: "p.c", line, col: 5, endLine: line, endCol: 9 });
const LOG = [
  "0: R1=ctx() R10=fp0",
  "; u64 a = 5; @ p.c:2",
  "0: (18) r1 = 0x5",
  "; x += *(int *)ctx; @ p.c:3",
  "2: (61) r0 = *(u32 *)(r1 +10000)",
  "invalid bpf_context access off=10000 size=4",
];

describe("failingInstruction / failingSource", () => {
  it("maps the failing slot back to an instruction index", () => {
    expect(failingInstruction(LOG, [ld64, mov0])).toBe(1);
  });

  it("prefers the instruction's span, quoting the source when it is at hand", () => {
    const src = failingSource(LOG, [ld64, mov0], [at(2), at(3)], () => "a\nb\n  from source;\n");
    expect(src).toEqual({ location: at(3), text: "from source;" });
  });

  it("quotes the log's line_info annotation when the source is not at hand", () => {
    expect(failingSource(LOG, [ld64, mov0], [at(2), at(3)])).toEqual({ location: at(3), text: "x += *(int *)ctx;" });
  });

  it("falls back to the annotation's place for instructions without a span", () => {
    expect(failingSource(LOG, [ld64, mov0], [at(2), undefined])).toEqual({
      location: { file: "p.c", line: 3, col: 0, endLine: 3, endCol: 0 }, text: "x += *(int *)ctx;",
    });
  });

  it("knows nothing without spans or annotations", () => {
    expect(failingSource(LOG.filter((l) => !l.startsWith(";")), [ld64, mov0], [undefined, undefined])).toBeUndefined();
  });
});
