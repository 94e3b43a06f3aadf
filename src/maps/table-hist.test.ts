import { describe, expect, it } from "vitest";
import type { CTypeDesc } from "../spec/index.ts";
import { histogramText, jsonHistogramText } from "./table-hist.ts";

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

describe("jsonHistogramText", () => {
  it("prints one dict per section with the print function's str", () => {
    const key: CTypeDesc = {
      kind: "struct", name: "k", size: 16, align: 8,
      fields: [{ name: "pid", offset: 0, type: u32 }, { name: "slot", offset: 8, type: u64 }],
    };
    const now = new Date(2026, 0, 2, 3, 4, 5);
    const text = jsonHistogramText([[{ pid: 7, slot: 2n }, 3]], key, ["usecs", "pid", (b) => `#${String(b)}`], now);
    expect(text).toBe(
      "{'ts': '2026-01-02 03:04:05', 'val_type': 'usecs', 'data': [{'interval-start': 0, 'interval-end': 1, 'count': 0}, " +
      "{'interval-start': 2, 'interval-end': 3, 'count': 3}], 'pid': '#7'}\n",
    );
    expect(jsonHistogramText([[1, 2]], u32, [], now)).toBe(
      "{'ts': '2026-01-02 03:04:05', 'val_type': 'value', 'data': [{'interval-start': 0, 'interval-end': 1, 'count': 2}]}\n",
    );
  });
});
