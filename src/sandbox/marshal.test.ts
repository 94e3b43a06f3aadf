import { describe, expect, it } from "vitest";
import { decodeValue, encodeValue } from "./marshal.ts";

describe("marshal", () => {
  it("round-trips bigints, bytes, undefined, non-finite numbers and tag-like strings", () => {
    const v = { a: 1n << 70n, b: new Uint8Array([0, 1, 255]), c: [undefined, 1], d: Number.NaN, e: -Infinity, f: "\u0001b12", g: { h: "plain" } };
    const back = decodeValue(encodeValue(v)) as typeof v;
    expect(back.a).toBe(1n << 70n);
    expect([...back.b]).toEqual([0, 1, 255]);
    expect(back.c[0]).toBeUndefined();
    expect(back.c[1]).toBe(1);
    expect(back.d).toBeNaN();
    expect(back.e).toBe(-Infinity);
    expect(back.f).toBe("\u0001b12");
    expect(back.g).toEqual({ h: "plain" });
  });

  it("encodes a top-level undefined and drops functions", () => {
    expect(decodeValue(encodeValue(undefined))).toBeUndefined();
    expect(decodeValue(encodeValue({ f: () => 1, x: 2 }))).toEqual({ x: 2 });
  });

  it("turns guest function references into callables only where allowed", () => {
    const text = JSON.stringify(["op", "\u0001f0"]);
    expect(() => decodeValue(text)).toThrow(/function/);
    const out = decodeValue(text, (i) => `fn#${i}`);
    expect(out).toEqual(["op", "fn#0"]);
  });

  it("encodes Maps and Sets as arrays", () => {
    expect(decodeValue(encodeValue(new Map([[1, 2]])))).toEqual([[1, 2]]);
    expect(decodeValue(encodeValue(new Set([3])))).toEqual([3]);
  });

  it("round-trips RegExps with their flags (event_re, tp_re, sym_re)", () => {
    const back = decodeValue(encodeValue({ re: /^sys_(read|write)\/x$/gi, s: "/not a regexp/" })) as { re: RegExp; s: string };
    expect(back.re).toBeInstanceOf(RegExp);
    expect(back.re.source).toBe("^sys_(read|write)\\/x$");
    expect(back.re.flags).toBe("gi");
    expect(back.s).toBe("/not a regexp/");
  });
});
