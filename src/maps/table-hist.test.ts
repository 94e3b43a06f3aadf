import { describe, expect, it } from "vitest";
import type { CTypeDesc } from "../spec/index.ts";
import { histogramText } from "./table-hist.ts";

const u32: CTypeDesc = { kind: "int", name: "unsigned int", size: 4, signed: false };
const u64: CTypeDesc = { kind: "int", name: "unsigned long long", size: 8, signed: false };
const char8: CTypeDesc = { kind: "array", size: 8, length: 8, element: { kind: "int", name: "char", size: 1, signed: true } };

describe("histogramText", () => {
  it("scalar keys are slots; per-CPU arrays are summed", () => {
    const text = histogramText([[2, 3], [1, [1n, 1n]]], u32, false, ["usecs"]);
    expect(text).toBe(
      "     usecs               : count     distribution\n" +
      "         0 -> 1          : 2        |**************************              |\n" +
      "         2 -> 3          : 3        |****************************************|\n",
    );
  });

  it("struct keys section by the first field and slot by the second, skipping __pad_1", () => {
    const key: CTypeDesc = {
      kind: "struct", name: "hist_key", size: 24, align: 8,
      fields: [{ name: "disk", offset: 0, type: char8 }, { name: "__pad_1", offset: 8, type: u32 }, { name: "slot", offset: 16, type: u64 }],
    };
    const items: [unknown, unknown][] = [[{ disk: "sda", __pad_1: 0, slot: 1n }, 4], [{ disk: "sda", __pad_1: 0, slot: 0n }, 2]];
    const text = histogramText(items, key, true, ["kbytes", "disk", (b) => String(b)]);
    expect(text).toBe(
      "\ndisk = sda\n" +
      "     kbytes        : count     distribution\n" +
      "        0          : 2        |********************                    |\n" +
      "        1          : 4        |****************************************|\n",
    );
    expect(histogramText(items, key, false, [{ sectionHeader: "dev" }])).toContain("\ndev = b'sda'\n");
  });

  it("rejects non-integer keys", () => {
    expect(() => histogramText([["x", 1]], char8, false, [])).toThrow(TypeError);
  });
});
