/**
 * @fileoverview C's implicit conversions (C11 6.3): integer promotions, usual arithmetic
 * conversions, and building explicit `cast` nodes, folding constants as it goes so integer
 * constant expressions come out as `const` nodes.
 */
import type { Span } from "../diagnostics/index.ts";
import type { ArithOp, CmpOp, TExpr } from "./typed-ast.ts";
import { type CType, type IntType, T, isInt, normalizeConst, sameType, unqual } from "./types.ts";

/** Integer promotion: everything of rank below int becomes int (all their values fit). */
export function promote(t: IntType): IntType {
  if (t.rank < 3) return T.int;
  if (t.enumTag !== undefined || t.const || t.volatile) {
    return t.size === 4 ? (t.signed ? T.int : T.uint) : t.signed ? T.long : T.ulong;
  }
  return t;
}

const bySizeSign = (size: number, signed: boolean, rank: number): IntType => {
  if (size === 8) return rank >= 5 ? (signed ? T.llong : T.ullong) : signed ? T.long : T.ulong;
  return signed ? T.int : T.uint;
};

/** The common type of two integer operands (C11 6.3.1.8). */
export function usualArith(a: IntType, b: IntType): IntType {
  const x = promote(a);
  const y = promote(b);
  if (x.size === y.size && x.signed === y.signed) return x.rank >= y.rank ? x : y;
  if (x.signed === y.signed) return x.size > y.size ? x : y;
  const [s, u] = x.signed ? [x, y] : [y, x];
  if (u.size >= s.size) return bySizeSign(u.size, false, Math.max(u.rank, s.rank));
  return s; // the signed type is wider and represents every value of the unsigned one
}

export function constOf(e: TExpr): bigint | undefined {
  return e.k === "const" ? e.value : undefined;
}

export function mkConst(value: bigint, type: CType, span: Span): TExpr {
  return { k: "const", value: normalizeConst(value, type), type, span };
}

/** Converts a scalar expression to `to`, folding constants. No diagnostics: callers check first. */
export function convert(e: TExpr, to: CType): TExpr {
  if (e.type.kind === "error" || to.kind === "error") return e;
  const target = unqual(to);
  if (sameType(unqual(e.type), target) && (e.type.kind !== "int" || target.kind !== "int" ||
      (e.type.size === target.size && e.type.signed === target.signed && !!e.type.bool === !!target.bool))) {
    return e.type === to ? e : { ...e, type: to } as TExpr;
  }
  if (e.k === "const" && (target.kind === "int" || target.kind === "ptr")) {
    return mkConst(e.value, to, e.span);
  }
  return { k: "cast", operand: e, type: to, span: e.span };
}

function divTrunc(a: bigint, b: bigint): bigint {
  return a / b; // BigInt division truncates toward zero, as C does
}

/** Folds an arithmetic op on two constants of `type` (BPF semantics for division by zero). */
export function foldArith(op: ArithOp, a: bigint, b: bigint, type: IntType): bigint | undefined {
  const bits = BigInt(type.size * 8);
  switch (op) {
    case "add": return a + b;
    case "sub": return a - b;
    case "mul": return a * b;
    case "div": return b === 0n ? undefined : divTrunc(a, b);
    case "mod": return b === 0n ? undefined : a % b;
    case "shl": return b < 0n || b >= bits ? undefined : a << b;
    case "shr": {
      if (b < 0n || b >= bits) return undefined;
      return a >> b; // a is already normalised: signed values are negative, unsigned are not
    }
    case "and": return a & b;
    case "or": return a | b;
    case "xor": return a ^ b;
  }
}

export function foldCmp(op: CmpOp, a: bigint, b: bigint): boolean {
  switch (op) {
    case "eq": return a === b;
    case "ne": return a !== b;
    case "lt": return a < b;
    case "gt": return a > b;
    case "le": return a <= b;
    case "ge": return a >= b;
  }
}

export function isNullConst(e: TExpr): boolean {
  return e.k === "const" && e.value === 0n && isInt(e.type);
}
