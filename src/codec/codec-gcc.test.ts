/**
 * Cross-check against the C compiler: GCC fills structs with bitfields, unions, nested arrays and
 * 64-bit extremes, prints the bytes and offsets, and the codec must decode exactly those values and
 * encode exactly those bytes. (gcc is part of this machine's toolchain; the suite says so when absent.)
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CFieldDesc, CTypeDesc } from "../spec/index.ts";
import { Codec } from "./index.ts";

const C_SOURCE = String.raw`
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <stddef.h>
struct bf { unsigned a:3; int b:5; unsigned c:24; short d:1; _Bool flag:1; unsigned long long w:40; long long s:20; };
struct inner { int x; signed char tag; };
struct outer {
  unsigned char kind; struct inner in[2];
  union { uint64_t u; int32_t i[2]; } un;
  char comm[6]; int64_t big; uint64_t ubig; void *ptr;
};
static void hex(const void *p, size_t n) { const unsigned char *b = p; for (size_t i = 0; i < n; i++) printf("%02x", b[i]); }
int main(void) {
  struct bf v; memset(&v, 0, sizeof v);
  v.a = 5; v.b = -3; v.c = 0xabcdef; v.d = -1; v.flag = 1; v.w = 0xfedcba9876ULL; v.s = -12345;
  struct outer o; memset(&o, 0, sizeof o);
  o.kind = 200; o.in[0].x = -7; o.in[0].tag = -1; o.in[1].x = 2147483647; o.in[1].tag = 'z';
  o.un.i[0] = -2; o.un.i[1] = 1; memcpy(o.comm, "bash", 5);
  o.big = INT64_MIN; o.ubig = UINT64_MAX; o.ptr = (void *)0xffff888012345678ULL;
  printf("{\"bf\":{\"size\":%zu,\"hex\":\"", sizeof v); hex(&v, sizeof v);
  printf("\"},\"outer\":{\"size\":%zu,\"hex\":\"", sizeof o); hex(&o, sizeof o);
  printf("\",\"off\":[%zu,%zu,%zu,%zu,%zu,%zu,%zu,%zu]}}\n", offsetof(struct outer, kind), offsetof(struct outer, in),
         offsetof(struct outer, un), offsetof(struct outer, comm), offsetof(struct outer, big), offsetof(struct outer, ubig),
         offsetof(struct outer, ptr), sizeof(struct inner));
  return 0;
}
`;

interface GccOut { bf: { size: number; hex: string }; outer: { size: number; hex: string; off: number[] } }

function runGcc(): GccOut | undefined {
  try {
    execFileSync("gcc", ["--version"], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), "bcc-ts-codec-"));
  try {
    writeFileSync(join(dir, "t.c"), C_SOURCE);
    execFileSync("gcc", ["-O0", "-o", join(dir, "t"), join(dir, "t.c")]);
    return JSON.parse(execFileSync(join(dir, "t"), { encoding: "utf8" })) as GccOut;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const gcc = runGcc();
const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, "hex"));
const int = (name: string, size: 1 | 2 | 4 | 8, signed: boolean): CTypeDesc => ({ kind: "int", name, size, signed });
const bit = (name: string, offset: number, type: CTypeDesc, bitOffset: number, bitSize: number): CFieldDesc =>
  ({ name, offset, type, bitOffset, bitSize });

describe.skipIf(gcc === undefined)("codec agrees with GCC's layout (x86_64 SysV)", () => {
  it("bitfields: sub-word, signed, bool, 64-bit and unit-crossing", () => {
    // Absolute bit positions per the SysV ABI: a 0..2, b 3..7, c 8..31, d 32, flag 33, then w does
    // not fit the first 8-byte unit (34+40 > 64) and starts the next: w 64..103, s 104..123.
    const bf: CTypeDesc = {
      kind: "struct", name: "bf", size: 16, align: 8, fields: [
        bit("a", 0, int("unsigned int", 4, false), 0, 3), bit("b", 0, int("int", 4, true), 3, 5),
        bit("c", 0, int("unsigned int", 4, false), 8, 24), bit("d", 4, int("short", 2, true), 0, 1),
        bit("flag", 4, { kind: "bool", size: 1 }, 1, 1), bit("w", 8, int("unsigned long long", 8, false), 0, 40),
        bit("s", 8, int("long long", 8, true), 40, 20),
      ],
    };
    expect(gcc!.bf.size).toBe(16);
    const c = new Codec(bf);
    const b = bytes(gcc!.bf.hex);
    const expected = { a: 5, b: -3, c: 0xabcdef, d: -1, flag: true, w: 0xfedcba9876n, s: -12345n };
    expect(c.decode(b)).toEqual(expected);
    expect(Buffer.from(c.encode(expected)).toString("hex")).toBe(gcc!.bf.hex);
  });

  it("nested arrays of structs, unions, char arrays, 64-bit extremes, pointers", () => {
    const [kindOff, inOff, unOff, commOff, bigOff, ubigOff, ptrOff, innerSize] = gcc!.outer.off as [number, number, number, number, number, number, number, number];
    const inner: CTypeDesc = {
      kind: "struct", name: "inner", size: innerSize, align: 4,
      fields: [{ name: "x", offset: 0, type: int("int", 4, true) }, { name: "tag", offset: 4, type: int("signed char", 1, true) }],
    };
    const un: CTypeDesc = {
      kind: "union", name: "", size: 8, align: 8, fields: [
        { name: "u", offset: 0, type: int("unsigned long", 8, false) },
        { name: "i", offset: 0, type: { kind: "array", size: 8, length: 2, element: int("int", 4, true) } },
      ],
    };
    const outer: CTypeDesc = {
      kind: "struct", name: "outer", size: gcc!.outer.size, align: 8, fields: [
        { name: "kind", offset: kindOff, type: int("unsigned char", 1, false) },
        { name: "in", offset: inOff, type: { kind: "array", size: 2 * innerSize, length: 2, element: inner } },
        { name: "un", offset: unOff, type: un },
        { name: "comm", offset: commOff, type: { kind: "array", size: 6, length: 6, element: int("char", 1, true) } },
        { name: "big", offset: bigOff, type: int("long", 8, true) },
        { name: "ubig", offset: ubigOff, type: int("unsigned long", 8, false) },
        { name: "ptr", offset: ptrOff, type: { kind: "pointer", size: 8, target: "void" } },
      ],
    };
    const c = new Codec(outer);
    const expected = {
      kind: 200, in: [{ x: -7, tag: -1 }, { x: 2147483647, tag: 122 }],
      un: { u: 0x00000001fffffffen, i: [-2, 1] }, comm: "bash",
      big: -(2n ** 63n), ubig: 2n ** 64n - 1n, ptr: 0xffff888012345678n,
    };
    expect(c.decode(bytes(gcc!.outer.hex))).toEqual(expected);
    // Encoding one union member is enough; the other views the same bytes.
    const { un: _un, ...rest } = expected;
    expect(Buffer.from(c.encode({ ...rest, un: { i: [-2, 1] } })).toString("hex")).toBe(gcc!.outer.hex);
  });
});
