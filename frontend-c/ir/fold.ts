/**
 * @fileoverview Compile-time evaluation with exactly the semantics of the BPF instructions the
 * operations select to (not C's): 64-bit wrap-around, ALU32 results zero-extended, division by zero
 * giving 0 and modulo by zero giving the dividend, shift counts masked to the width. Constant
 * folding must agree bit for bit with what the kernel would compute, or optimised code would differ
 * from unoptimised code.
 */
import type { AluOp, Cond, Width } from "./ir.ts";

const M64 = (1n << 64n) - 1n;

const u = (v: bigint, w: Width): bigint => BigInt.asUintN(w, v);
const s = (v: bigint, w: Width): bigint => BigInt.asIntN(w, v);

/** Normalises any bigint to its u64 representation. */
export const toU64 = (v: bigint): bigint => v & M64;

/** Evaluates `a OP b` at width w; inputs and result are u64 representations. */
export function evalAlu(op: AluOp, w: Width, a: bigint, b: bigint): bigint {
  const x = u(a, w);
  const y = u(b, w);
  let r: bigint;
  switch (op) {
    case "add": r = x + y; break;
    case "sub": r = x - y; break;
    case "mul": r = x * y; break;
    case "div": r = y === 0n ? 0n : x / y; break;
    case "mod": r = y === 0n ? x : x % y; break;
    case "sdiv": {
      // BigInt division truncates toward zero, like BPF's signed division (and C's).
      const sx = s(x, w);
      const sy = s(y, w);
      r = sy === 0n ? 0n : sx / sy;
      break;
    }
    case "smod": {
      const sx = s(x, w);
      const sy = s(y, w);
      r = sy === 0n ? sx : sx % sy;
      break;
    }
    case "or": r = x | y; break;
    case "and": r = x & y; break;
    case "xor": r = x ^ y; break;
    case "lsh": r = x << (y & BigInt(w - 1)); break;
    case "rsh": r = x >> (y & BigInt(w - 1)); break;
    case "arsh": r = s(x, w) >> (y & BigInt(w - 1)); break;
  }
  return u(r, w);
}

export function evalNeg(w: Width, a: bigint): bigint {
  return u(-a, w);
}

export function evalExt(a: bigint, from: 8 | 16 | 32, signed: boolean): bigint {
  return signed ? toU64(BigInt.asIntN(from, a)) : BigInt.asUintN(from, a);
}

export function evalEndian(a: bigint, kind: "be" | "le" | "swap", bits: 16 | 32 | 64): bigint {
  const v = BigInt.asUintN(bits, a);
  if (kind === "le") return v; // the host (x86_64, arm64) is little-endian: only truncation
  let r = 0n;
  for (let i = 0n; i < BigInt(bits); i += 8n) r = (r << 8n) | ((v >> i) & 0xffn);
  return r;
}

/** Evaluates a comparison at width w on u64 representations. */
export function evalCond(c: Cond, w: Width, a: bigint, b: bigint): boolean {
  const x = u(a, w);
  const y = u(b, w);
  switch (c) {
    case "eq": return x === y;
    case "ne": return x !== y;
    case "gt": return x > y;
    case "ge": return x >= y;
    case "lt": return x < y;
    case "le": return x <= y;
    case "sgt": return s(x, w) > s(y, w);
    case "sge": return s(x, w) >= s(y, w);
    case "slt": return s(x, w) < s(y, w);
    case "sle": return s(x, w) <= s(y, w);
    case "set": return (x & y) !== 0n;
  }
}

/** The condition that holds exactly when `c` does not. */
export function invertCond(c: Cond): Cond | undefined {
  switch (c) {
    case "eq": return "ne";
    case "ne": return "eq";
    case "gt": return "le";
    case "ge": return "lt";
    case "lt": return "ge";
    case "le": return "gt";
    case "sgt": return "sle";
    case "sge": return "slt";
    case "slt": return "sge";
    case "sle": return "sgt";
    case "set": return undefined; // BPF has no "jump if no bits set"
  }
}

/** The condition with operands swapped: (a c b) == (b swapCond(c) a). */
export function swapCond(c: Cond): Cond {
  switch (c) {
    case "gt": return "lt";
    case "ge": return "le";
    case "lt": return "gt";
    case "le": return "ge";
    case "sgt": return "slt";
    case "sge": return "sle";
    case "slt": return "sgt";
    case "sle": return "sge";
    default: return c;
  }
}

/** True when `v` (u64 or signed) fits the sign-extended 32-bit immediate field. */
export function fitsImm32(v: bigint): boolean {
  const sv = BigInt.asIntN(64, v);
  return sv >= -0x8000_0000n && sv <= 0x7fff_ffffn;
}

export const isCommutative = (op: AluOp): boolean => op === "add" || op === "mul" || op === "or" || op === "and" || op === "xor";
