import { describe, expect, it } from "vitest";
import type { CFieldDesc, CTypeDesc } from "../spec/index.ts";
import { Codec, CodecCache, describeType, enumName } from "./index.ts";

const int = (size: 1 | 2 | 4 | 8, signed: boolean, name?: string): CTypeDesc =>
  ({ kind: "int", name: name ?? `${signed ? "s" : "u"}${size * 8}`, size, signed });
const u8 = int(1, false, "unsigned char"), s8 = int(1, true, "signed char"), char = int(1, true, "char");
const u16 = int(2, false), s16 = int(2, true), u32 = int(4, false), s32 = int(4, true);
const u64 = int(8, false), s64 = int(8, true);
const arr = (element: CTypeDesc, length: number): CTypeDesc => ({ kind: "array", element, length, size: element.size * length });
const struct = (name: string, size: number, align: number, fields: CFieldDesc[], kind: "struct" | "union" = "struct"): CTypeDesc =>
  ({ kind, name, size, align, fields });
const f = (name: string, offset: number, type: CTypeDesc, bits?: [number, number]): CFieldDesc =>
  (bits ? { name, offset, type, bitOffset: bits[0], bitSize: bits[1] } : { name, offset, type });

function roundTrip(t: CTypeDesc, value: unknown): unknown {
  const c = new Codec(t);
  const bytes = c.encode(value);
  expect(bytes.length).toBe(t.size);
  return c.decode(bytes);
}

describe("scalars", () => {
  it.each([
    [u8, 255, 255], [u8, -1, 255], [s8, -128, -128], [s8, 200, -56], [char, -5, -5],
    [u16, 65535, 65535], [s16, -32768, -32768], [u32, 4294967295, 4294967295], [u32, -1, 4294967295],
    [s32, -2147483648, -2147483648], [s32, 2147483647, 2147483647],
  ] as const)("%o stores %d as %d", (t, input, out) => {
    expect(roundTrip(t, input)).toBe(out);
  });

  it("keeps 64-bit extremes exact as bigints", () => {
    expect(roundTrip(u64, 2n ** 64n - 1n)).toBe(18446744073709551615n);
    expect(roundTrip(u64, -1n)).toBe(18446744073709551615n);
    expect(roundTrip(s64, -(2n ** 63n))).toBe(-9223372036854775808n);
    expect(roundTrip(s64, 2n ** 63n - 1n)).toBe(9223372036854775807n);
    expect(roundTrip(u64, 12345)).toBe(12345n);
    expect(roundTrip(u64, "0xffffffffffffffff")).toBe(2n ** 64n - 1n);
    const p: CTypeDesc = { kind: "pointer", size: 8, target: "void" };
    expect(roundTrip(p, 0xffff888012345678n)).toBe(0xffff888012345678n);
  });

  it("decodes little-endian bytes", () => {
    const c = new Codec<number>(u32);
    expect(c.decode(new Uint8Array([0x78, 0x56, 0x34, 0x12]))).toBe(0x12345678);
    expect(new Codec<bigint>(s64).decode(new Uint8Array([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toBe(-2n);
  });

  it("handles bool, float, enum (names accepted on encode)", () => {
    expect(roundTrip({ kind: "bool", size: 1 }, true)).toBe(true);
    expect(roundTrip({ kind: "float", name: "double", size: 8 }, 1.5)).toBe(1.5);
    expect(roundTrip({ kind: "float", name: "float", size: 4 }, 0.1)).toBeCloseTo(0.1, 6);
    const e: CTypeDesc = { kind: "enum", name: "state", size: 4, signed: true, values: [{ name: "RUN", value: 0n }, { name: "SLEEP", value: 1n }, { name: "NEG", value: -3n }] };
    expect(roundTrip(e, "SLEEP")).toBe(1);
    expect(roundTrip(e, "NEG")).toBe(-3);
    expect(roundTrip(e, 7)).toBe(7);
    expect(enumName(e, 1)).toBe("SLEEP");
    expect(() => new Codec(e).encode("NOPE")).toThrow(/not an enumerator of enum state/);
  });

  it("accepts ctypes-style holders and rejects garbage", () => {
    expect(roundTrip(u32, { value: 9 })).toBe(9);
    expect(() => new Codec(u32).encode({})).toThrow(TypeError);
    expect(() => new Codec(u32).encode("abc")).toThrow(/cannot encode "abc" as u32/);
  });
});

describe("structs, unions, arrays", () => {
  const key = struct("key_t", 40, 8, [
    f("pid", 0, u32), f("tgid", 4, s32), f("ts", 8, u64), f("comm", 16, arr(char, 16)), f("delta", 32, s64),
  ]);

  it("round-trips a struct, missing fields zero", () => {
    expect(roundTrip(key, { pid: 1, ts: 5n, comm: "bash" })).toEqual({ pid: 1, tgid: 0, ts: 5n, comm: "bash", delta: 0n });
  });

  it("decodes char arrays up to the first NUL, UTF-8, full-length without NUL", () => {
    const c = new Codec<{ comm: string }>(key);
    const b = c.encode({ comm: "héllo" });
    expect(c.decode(b).comm).toBe("héllo");
    const full = c.encode({ comm: "0123456789abcdefXYZ" });
    expect(c.decode(full).comm).toBe("0123456789abcdef");
    b.set([0x61, 0x62, 0, 0x63], 16);
    expect(c.decode(b).comm).toBe("ab");
  });

  it("decodes non-char byte arrays as numbers, and accepts bytes for them", () => {
    expect(roundTrip(arr(u8, 4), [1, 2, 300])).toEqual([1, 2, 44, 0]);
    expect(roundTrip(arr(u8, 4), new Uint8Array([9, 8, 7, 6]))).toEqual([9, 8, 7, 6]);
    expect(roundTrip(arr(s8, 3), [-1, 127, -128])).toEqual([-1, 127, -128]);
    expect(roundTrip(arr(u64, 2), [1n, 2n ** 64n - 1n])).toEqual([1n, 2n ** 64n - 1n]);
  });

  it("handles nested structs and arrays of structs", () => {
    const inner = struct("pt", 8, 4, [f("x", 0, s32), f("y", 4, s32)]);
    const outer = struct("poly", 28, 4, [f("n", 0, u32), f("pts", 4, arr(inner, 3))]);
    const v = { n: 2, pts: [{ x: -1, y: 2 }, { x: 3 }] };
    expect(roundTrip(outer, v)).toEqual({ n: 2, pts: [{ x: -1, y: 2 }, { x: 3, y: 0 }, { x: 0, y: 0 }] });
  });

  it("decodes every union member over the same bytes", () => {
    const u = struct("u", 8, 8, [f("whole", 0, u64), f("half", 0, arr(u32, 2)), f("b", 0, u8)], "union");
    expect(roundTrip(u, { whole: 0x0000000200000001n })).toEqual({ whole: 0x200000001n, half: [1, 2], b: 1 });
  });

  it("treats a raw Uint8Array of the right size as the encoding", () => {
    const c = new Codec(key);
    const raw = new Uint8Array(40).fill(1);
    expect(c.encode(raw)).toEqual(raw);
  });

  it("encodes into a caller's buffer at an offset, zeroing only that region", () => {
    const c = new Codec(struct("s", 4, 4, [f("a", 0, u16)]));
    const out = new Uint8Array(10).fill(0xee);
    c.encode({ a: 0x0102 }, out, 3);
    expect([...out]).toEqual([0xee, 0xee, 0xee, 2, 1, 0, 0, 0xee, 0xee, 0xee]);
    expect(() => c.decode(out, 8)).toThrow(RangeError);
  });
});

describe("bitfields", () => {
  // struct { unsigned a:3; int b:5; unsigned c:24; } as GCC lays it out on x86_64: one 4-byte unit.
  const bf = struct("bf", 8, 4, [
    f("a", 0, u32, [0, 3]), f("b", 0, s32, [3, 5]), f("c", 0, u32, [8, 24]), f("d", 4, s16, [0, 1]), f("flag", 4, { kind: "bool", size: 1 }, [1, 1]),
  ]);

  it("masks and sign-extends", () => {
    const c = new Codec(bf);
    // a=5 (101), b=-3 (11101), c=0xabcdef: word = 0xabcdef<<8 | 0b11101<<3 | 0b101 = 0xabcdefED
    const bytes = new Uint8Array([0xed, 0xef, 0xcd, 0xab, 0b11, 0, 0, 0]);
    expect(c.decode(bytes)).toEqual({ a: 5, b: -3, c: 0xabcdef, d: -1, flag: true });
    expect([...c.encode({ a: 5, b: -3, c: 0xabcdef, d: -1, flag: true })]).toEqual([...bytes]);
  });

  it("keeps neighbouring bits when fields are written separately and truncates wide input", () => {
    expect(roundTrip(bf, { a: 9, c: 0x1ffffff })).toEqual({ a: 1, b: 0, c: 0xffffff, d: 0, flag: false });
    expect(roundTrip(bf, { b: 15 })).toEqual({ a: 0, b: 15, c: 0, d: 0, flag: false });
    expect(roundTrip(bf, { b: 16 })).toEqual({ a: 0, b: -16, c: 0, d: 0, flag: false });
  });

  it("handles 64-bit and unit-straddling bitfields as bigints", () => {
    const wide = struct("w", 8, 8, [f("lo", 0, u64, [0, 12]), f("mid", 0, s64, [12, 40]), f("hi", 0, u64, [52, 12])]);
    const v = { lo: 0xabcn, mid: -(2n ** 39n), hi: 0xfffn };
    expect(roundTrip(wide, v)).toEqual(v);
    // A packed field crossing 5 bytes of a 4-byte type falls back to the bigint path but stays a number.
    const packed = struct("p", 5, 1, [f("x", 0, u32, [6, 32])]);
    expect(roundTrip(packed, { x: 0xdeadbeef })).toEqual({ x: 0xdeadbeef });
  });
});

describe("helpers", () => {
  it("make() completes partial values (BCC's Key()/Leaf())", () => {
    const c = new Codec(struct("k", 8, 4, [f("pid", 0, u32), f("cpu", 4, u32)]));
    expect(c.make({ cpu: 3 })).toEqual({ pid: 0, cpu: 3 });
    expect(c.zero()).toEqual({ pid: 0, cpu: 0 });
    expect(new Codec(u32).make(7)).toBe(7);
  });

  it("describes types", () => {
    expect(describeType(struct("k", 8, 4, [f("pid", 0, u32), f("x", 4, u32, [2, 3])]))).toBe("struct k { u32 pid @0; u32 x:3 @4+2b } (8 bytes)");
  });

  it("compiles each shape once per cache", () => {
    const cache = new CodecCache();
    const a = cache.get(struct("k", 4, 4, [f("pid", 0, u32)]));
    const b = cache.get(struct("k", 4, 4, [f("pid", 0, u32)]));
    expect(a).toBe(b);
    expect(cache.size).toBe(1);
  });

  it("decodes a 40-byte, 5-field struct fast (printed, not asserted)", () => {
    const c = new Codec(struct("event", 40, 8, [
      f("pid", 0, u32), f("tid", 4, u32), f("ts", 8, u64), f("comm", 16, arr(char, 16)), f("ret", 32, s64),
    ]));
    const n = 1000;
    const buf = new Uint8Array(40 * n);
    for (let i = 0; i < n; i++) c.encode({ pid: i, tid: i + 1, ts: BigInt(i) * 1000n, comm: "node", ret: -i }, buf, i * 40);
    let sink = 0;
    const rounds = 2000;
    const t0 = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) for (let i = 0; i < n; i++) sink += (c.decode(buf, i * 40) as { pid: number }).pid;
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(`codec: ${((rounds * n) / secs / 1e6).toFixed(2)}M decodes/s of a 40-byte struct (5 fields)`);
    expect(sink).toBe(rounds * ((n * (n - 1)) / 2));
  });
});

describe("ctypes holders", () => {
  it("wrap like ctypes and encode wherever a number is expected", async () => {
    const { ct } = await import("./index.ts");
    expect(ct.c_int(2 ** 31).value).toBe(-(2 ** 31));
    expect(ct.c_uint(-1).value).toBe(4294967295);
    expect(ct.c_ulonglong(-1).value).toBe(2n ** 64n - 1n);
    expect(ct.c_ubyte(257).value).toBe(1);
    expect(roundTrip(u32, ct.c_int(-1))).toBe(4294967295);
    expect(roundTrip(u64, ct.c_ulonglong(5))).toBe(5n);
    expect(roundTrip(struct("k", 8, 4, [f("pid", 0, u32)]), { pid: ct.c_uint(3) })).toEqual({ pid: 3 });
  });
});
