// The examples print through a Python-%-style printf; BCC's column layouts depend on it.
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain JS helper without type declarations
import { sprintf, cstr } from "../../examples/lib/fmt.js";

describe("examples/lib/fmt sprintf", () => {
  it("pads and aligns like Python's % operator", () => {
    expect(sprintf("%-18s %-16s %-6s %s", "TIME(s)", "COMM", "PID", "MESSAGE")).toBe("TIME(s)            COMM             PID    MESSAGE");
    expect(sprintf("%-6d|%6d|%06d", 42, 42, 42)).toBe("42    |    42|000042");
    expect(sprintf("%-18.9f|%.2f|%8.2f", 1.5, 2.005, -3.14159)).toBe("1.500000000       |2.00|   -3.14");
    expect(sprintf("%10d \"%s\"", 12n, "x")).toBe('        12 "x"');
    expect(sprintf("%x %08o %%", 255, 8)).toBe("ff 00000010 %");
    expect(sprintf("%-12.12s|", "averyveryverylongname")).toBe("averyveryver|");
  });

  it("formats 64-bit counters given as bigint exactly", () => {
    expect(sprintf("%d", 18446744073709551615n)).toBe("18446744073709551615");
    expect(sprintf("%d", -5)).toBe("-5");
  });

  it("cuts char arrays at the NUL", () => {
    expect(cstr(new Uint8Array([104, 105, 0, 120]))).toBe("hi");
    expect(cstr("already")).toBe("already");
  });
});
