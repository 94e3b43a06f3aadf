import { describe, expect, it } from "vitest";
import { declare, formatEnum, formatFunc, formatRecord } from "./c-format.ts";
import { Btf } from "./reader.ts";
import { BtfTypeDescriber, type KType } from "./types.ts";
import { BtfBuilder } from "./writer.ts";

function sample() {
  const b = new BtfBuilder();
  const int = b.addInt("int", 4, { signed: true });
  const uint = b.addInt("unsigned int", 4);
  const char = b.addInt("char", 1);
  const row = b.addArray(char, 3, uint);
  const rec = b.nextId;
  const recPtr = rec + 1;
  const anon = rec + 2;
  const grid = rec + 3;
  const fnPtr = rec + 5;
  b.addStruct("ev", 40, [
    { name: "next", type: recPtr, bitOffset: 0, bitSize: 0 },
    { name: "flags", type: uint, bitOffset: 64, bitSize: 3 },
    { name: "mode", type: uint, bitOffset: 67, bitSize: 5 },
    { name: undefined, type: anon, bitOffset: 96, bitSize: 0 },
    { name: "grid", type: grid, bitOffset: 128, bitSize: 0 },
    { name: "cb", type: fnPtr, bitOffset: 256, bitSize: 0 },
  ]);
  b.addPtr(rec);
  b.addUnion("", 4, [{ name: "x", type: int, bitOffset: 0, bitSize: 0 }, { name: "y", type: uint, bitOffset: 0, bitSize: 0 }]);
  expect(b.addArray(row, 4, uint)).toBe(grid); // char grid[4][3]
  const proto = b.addFuncProto(int, [{ name: "e", type: recPtr }, { name: "n", type: uint }], true);
  expect(b.addPtr(proto)).toBe(fnPtr);
  const d = new BtfTypeDescriber(new Btf(b.build()));
  return { d, rec, proto };
}

describe("C formatting", () => {
  it("prints a struct with offsets, bitfields, anonymous unions, arrays and function pointers", () => {
    const { d, rec } = sample();
    expect(formatRecord(d, rec).split("\n").map((l) => l.replace(/\s+\/\*/, " /*"))).toEqual([
      "struct ev {",
      "\tstruct ev *next; /* 0 8 */",
      "\tunsigned int flags:3; /* 8:0 3 bits */",
      "\tunsigned int mode:5; /* 8:3 5 bits */",
      "\tunion {",
      "\t\tint x; /* 12 4 */",
      "\t\tunsigned int y; /* 12 4 */",
      "\t};",
      "\tchar grid[4][3]; /* 16 12 */",
      "\tint (*cb)(struct ev *e, unsigned int n, ...); /* 32 8 */",
      "}; /* size 40, align 8 */",
    ]);
  });

  it("prints prototypes and enums", () => {
    const { d, proto } = sample();
    expect(formatFunc("handle", d.type(proto) as KType & { kind: "func" })).toBe("int handle(struct ev *e, unsigned int n, ...)");
    expect(declare(d.type(proto + 1), "fp")).toBe("int (*fp)(struct ev *e, unsigned int n, ...)");
    expect(formatEnum({ kind: "enum", name: "e", id: 1, size: 4, signed: false, values: [{ name: "A", value: 0n }, { name: "B", value: 7n }] }))
      .toBe("enum e {\n\tA = 0,\n\tB = 7,\n};");
  });
});
