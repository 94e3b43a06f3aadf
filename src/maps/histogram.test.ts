/**
 * Golden tests: the expected texts come from Python BCC's own `_print_log2_hist`/`_print_linear_hist`
 * (fixtures/gen-hist-fixtures.py, run against Debian's python3-bpfcc), so no Python is needed here.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  formatJsonHist, PyStr, formatLinearHist, formatLog2Hist, formatSectionedHist, pythonRepr, slotsFromEntries, stars, STARS_MAX,
  type HistCount,
} from "./histogram.ts";

interface Case { name: string; kind: "log2" | "linear"; vals: string[]; valType: string; strip: boolean; expected: string }
interface Section { header: string; bucket: number[] | string; isBytes: boolean; expected: string }
interface JsonCase {
  name: string; vals: string[]; valType: string; section: [string, unknown] | null; sectionKind: "bytes" | "str" | "int" | null; expected: string;
}
const fixture = JSON.parse(readFileSync(new URL("./fixtures/hist-bcc.json", import.meta.url), "utf8")) as {
  starsMax: number; cases: Case[]; sections: Section[]; json: JsonCase[];
};

/** Counts as the map layer hands them over: numbers when safe, bigints beyond. */
function counts(vals: string[]): HistCount[] {
  return vals.map((s) => {
    const b = BigInt(s);
    return b <= BigInt(Number.MAX_SAFE_INTEGER) && b >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
  });
}

describe("histograms match Python BCC byte for byte", () => {
  it("uses BCC's bar width", () => expect(STARS_MAX).toBe(fixture.starsMax));
  it.each(fixture.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const vals = counts(c.vals);
    const text = c.kind === "log2" ? formatLog2Hist(vals, c.valType, c.strip) : formatLinearHist(vals, c.valType, c.strip);
    expect(text).toBe(c.expected);
  });
  it("gives the same text for bigint and number counts", () => {
    const c = fixture.cases.find((x) => x.name === "log2 usecs typical")!;
    expect(formatLog2Hist(c.vals.map((s) => BigInt(s)), c.valType)).toBe(c.expected);
  });
  it.each(fixture.sections.map((s) => [s.header, s] as const))("section line for %s", (_h, s) => {
    const bucket = s.isBytes ? new Uint8Array(s.bucket as number[]) : BigInt(s.bucket as string);
    expect(`\n${s.header} = ${pythonRepr(bucket)}\n`).toBe(s.expected);
  });
});

describe("print_json_hist matches Python BCC", () => {
  const now = new Date(2026, 10, 22, 4, 5, 6);
  it.each(fixture.json.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    let section: [string, unknown] | undefined;
    if (c.section) {
      const [h, v] = c.section;
      section = [h, c.sectionKind === "bytes" ? new Uint8Array(v as number[]) : c.sectionKind === "str" ? new PyStr(v as string) : v];
    }
    expect(formatJsonHist(counts(c.vals), c.valType, section, now)).toBe(c.expected.replace("'@TS@'", "'2026-11-22 04:05:06'"));
  });
});

describe("hand-computed layouts", () => {
  it("prints the narrow log2 row format", () => {
    expect(formatLog2Hist([0, 5])).toBe(
      "     value               : count     distribution\n" +
      "         0 -> 1          : 5        |****************************************|\n",
    );
  });
  it("ends the bar with + when a value exceeds the maximum", () => {
    expect(stars(50, 10, 10)).toBe("*********+");
    expect(stars(5, 10, 10)).toBe("*****");
  });
  it("sections struct-keyed histograms in first-seen order, with a sort hook", () => {
    const entries = [
      { bucket: "sdb", slot: 2, value: 4 },
      { bucket: "sda", slot: 1, value: 1 },
      { bucket: "sdb", slot: 1, value: 2 },
    ];
    const text = formatSectionedHist(entries, false, { sectionHeader: "disk", valType: "usecs" });
    expect(text).toBe(
      "\ndisk = b'sdb'\n" +
      "     usecs               : count     distribution\n" +
      "         0 -> 1          : 2        |********************                    |\n" +
      "         2 -> 3          : 4        |****************************************|\n" +
      "\ndisk = b'sda'\n" +
      "     usecs               : count     distribution\n" +
      "         0 -> 1          : 1        |****************************************|\n",
    );
    const sorted = formatSectionedHist(entries, true, {
      sectionHeader: "disk", sectionPrintFn: (b) => String(b), bucketSortFn: (bs) => [...bs].sort(),
    });
    expect(sorted.startsWith("\ndisk = sda\n     value         : count     distribution\n        0          : 0")).toBe(true);
    expect(sorted.indexOf("disk = sda")).toBeLessThan(sorted.indexOf("disk = sdb"));
  });
  it("rejects slots beyond BCC's limits with BCC's message", () => {
    expect(() => slotsFromEntries([[1025, 1]], true)).toThrow("Index in print_linear_hist() of 1025 exceeds max of 1025.");
    expect(slotsFromEntries([[3, 7]], false)[3]).toBe(7);
  });
});
