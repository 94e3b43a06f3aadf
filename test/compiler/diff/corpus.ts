/**
 * @fileoverview The differential corpus: `cases/NNN-name.c`, each defining `int test(struct ctx *c)`
 * over the shared ctx `struct ctx { long long a[8]; }` (declared by the prelude, not the file).
 * `// input: v0 v1 ...` lines give the initial ctx->a[] (decimal or 0x hex, optionally negative;
 * missing slots are 0); a case without input lines runs once on a zeroed ctx. The result of a run is
 * the u32 return value plus the 64 ctx bytes after the call.
 *
 * Rules for case authors (both compilers must agree, and the verifier must accept):
 * no undefined behaviour (the native build uses -fwrapv, but avoid division by zero and shifts
 * ≥ the width), ctx only at constant offsets (the verifier rejects variable ctx offsets), loops
 * bounded by constants, helpers as `static inline`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const CASES_DIR = join(import.meta.dirname, "cases");

/** Declarations every case sees. The native build also gets the kernel's fixed-width typedefs. */
export const CTX_PRELUDE = "struct ctx { long long a[8]; };";
export const NATIVE_PRELUDE = [
  "typedef unsigned char u8; typedef signed char s8; typedef unsigned short u16; typedef short s16;",
  "typedef unsigned int u32; typedef int s32; typedef unsigned long long u64; typedef long long s64;",
  "typedef unsigned char __u8; typedef unsigned short __u16; typedef unsigned int __u32; typedef unsigned long long __u64;",
  CTX_PRELUDE,
].join("\n");

export interface DiffCase {
  /** File name without `.c`, e.g. "001-add-sub". */
  name: string;
  path: string;
  source: string;
  /** One entry per run: the 8 initial ctx slots as u64. */
  inputs: bigint[][];
}

export function parseValue(text: string): bigint {
  const neg = text.startsWith("-");
  const body = neg ? text.slice(1) : text;
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(body)) throw new Error(`bad input value '${text}'`);
  const v = BigInt(body);
  return BigInt.asUintN(64, neg ? -v : v);
}

export function parseCase(name: string, path: string, source: string): DiffCase {
  const inputs: bigint[][] = [];
  for (const m of source.matchAll(/^\/\/ input:(.*)$/gm)) {
    const vals = m[1]!.trim().split(/\s+/).filter((s) => s.length > 0).map(parseValue);
    if (vals.length > 8) throw new Error(`${name}: more than 8 input values`);
    while (vals.length < 8) vals.push(0n);
    inputs.push(vals);
  }
  if (inputs.length === 0) inputs.push(new Array<bigint>(8).fill(0n));
  return { name, path, source, inputs };
}

export function loadCorpus(dir: string = CASES_DIR): DiffCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".c"))
    .sort()
    .map((f) => parseCase(f.slice(0, -2), join(dir, f), readFileSync(join(dir, f), "utf8")));
}

/** Serialises a ctx (8 u64 slots) into the 64-byte buffer BPF_PROG_RUN takes. */
export function ctxBytes(values: readonly bigint[]): Uint8Array {
  const buf = new Uint8Array(64);
  const dv = new DataView(buf.buffer);
  values.forEach((v, k) => dv.setBigUint64(k * 8, BigInt.asUintN(64, v), true));
  return buf;
}

export function ctxValues(buf: Uint8Array): bigint[] {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return Array.from({ length: 8 }, (_, k) => dv.getBigUint64(k * 8, true));
}

export interface RunResult {
  ret: number;
  ctx: bigint[];
}
