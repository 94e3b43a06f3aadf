/**
 * @fileoverview Type checking of C operators: arithmetic and comparisons with the usual
 * conversions, pointer arithmetic (scaled), assignment and compound assignment, unary operators,
 * ++/--, and the conditional operator.
 */
import type { Span } from "../diagnostics/index.ts";
import type { BinaryOp, Expr } from "../parse/ast.ts";
import type { Checker } from "./checker.ts";
import { checkExpr, checkRvalue, checkScalar, errorExpr, isLvalue, markAddressTaken } from "./check-expr.ts";
import { constOf, convert, foldArith, foldCmp, isNullConst, mkConst, promote, usualArith } from "./conversions.ts";
import type { ArithOp, CmpOp, TExpr } from "./typed-ast.ts";
import {
  type CType, type IntType, T, isArray, isComplete, isInt, isPtr, isRecord, isScalar, ptrTo, sameType, sizeOf, typeToString, unqual,
} from "./types.ts";
const ARITH: Partial<Record<BinaryOp, ArithOp>> = {
  "+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod", "<<": "shl", ">>": "shr", "&": "and", "|": "or", "^": "xor",
};
const CMP: Partial<Record<BinaryOp, CmpOp>> = { "==": "eq", "!=": "ne", "<": "lt", ">": "gt", "<=": "le", ">=": "ge" };

/** Builds `left OP right` for integer operands (converting both to the common type), folding constants. */
export function buildArith(c: Checker, op: ArithOp, left: TExpr, right: TExpr, span: Span, opSpan: Span): TExpr {
  const lt = left.type as IntType;
  const rt = right.type as IntType;
  const common = op === "shl" || op === "shr" ? promote(lt) : usualArith(lt, rt);
  const l = convert(left, common);
  const r = convert(right, op === "shl" || op === "shr" ? promote(rt) : common);
  const lv = constOf(l);
  const rv = constOf(r);
  if ((op === "div" || op === "mod") && rv === 0n) {
    c.warn("sema/division-by-zero", opSpan, "division by zero (BPF defines x/0 = 0 and x%0 = x)");
  }
  if ((op === "shl" || op === "shr") && rv !== undefined && (rv < 0n || rv >= BigInt(common.size * 8))) {
    c.warn("sema/shift-count", opSpan, `shift count ${rv} is out of range for ${typeToString(common)}`);
  }
  if (lv !== undefined && rv !== undefined) {
    const v = foldArith(op, lv, rv, common);
    if (v !== undefined) return mkConst(v, common, span);
  }
  return { k: "arith", op, signed: common.signed, left: l, right: r.type === common ? r : convert(r, op === "shl" || op === "shr" ? common : common), type: common, span };
}

export function checkBinary(c: Checker, e: Expr & { kind: "binary" }): TExpr {
  if (e.op === "&&" || e.op === "||") {
    const l = checkScalar(c, e.left, `the left operand of '${e.op}'`);
    const r = checkScalar(c, e.right, `the right operand of '${e.op}'`);
    if (l.type.kind === "error" || r.type.kind === "error") return errorExpr(e.span);
    const lv = constOf(l);
    const rv = constOf(r);
    if (lv !== undefined && rv !== undefined) {
      const v = e.op === "&&" ? lv !== 0n && rv !== 0n : lv !== 0n || rv !== 0n;
      return mkConst(v ? 1n : 0n, T.int, e.span);
    }
    return { k: "logical", op: e.op === "&&" ? "and" : "or", left: l, right: r, type: T.int, span: e.span };
  }
  const left = checkRvalue(c, e.left);
  const right = checkRvalue(c, e.right);
  if (left.type.kind === "error" || right.type.kind === "error") return errorExpr(e.span);
  const cmp = CMP[e.op];
  if (cmp) return buildCompare(c, cmp, left, right, e.span, e.opSpan);
  const op = ARITH[e.op]!;
  if ((op === "add" || op === "sub") && (isPtr(left.type) || isPtr(right.type))) {
    return buildPointerArith(c, op, left, right, e.span, e.opSpan);
  }
  if (!isInt(left.type) || !isInt(right.type)) {
    c.error("sema/type-mismatch", e.opSpan,
      `invalid operands to '${e.op}' (${typeToString(left.type)} and ${typeToString(right.type)})`);
    return errorExpr(e.span);
  }
  return buildArith(c, op, left, right, e.span, e.opSpan);
}

export function elementScale(c: Checker, ptrType: CType, span: Span): number | undefined {
  if (!isPtr(ptrType)) return undefined;
  const to = ptrType.to;
  if (to.kind === "void" || to.kind === "func") return 1;
  if (!isComplete(to)) {
    c.error("sema/incomplete-type", span, `arithmetic on a pointer to incomplete type ${typeToString(to)}`);
    return undefined;
  }
  return sizeOf(to);
}

function buildPointerArith(c: Checker, op: "add" | "sub", left: TExpr, right: TExpr, span: Span, opSpan: Span): TExpr {
  if (isPtr(left.type) && isPtr(right.type)) {
    if (op === "add" || !sameType(unqual(left.type.to), unqual(right.type.to))) {
      c.error("sema/type-mismatch", opSpan, `invalid operands to '${op === "add" ? "+" : "-"}' (${typeToString(left.type)} and ${typeToString(right.type)})`);
      return errorExpr(span);
    }
    const scale = elementScale(c, left.type, span);
    if (scale === undefined) return errorExpr(span);
    return { k: "ptrdiff", left, right, scale, type: T.long, span };
  }
  const [ptr, idx] = isPtr(left.type) ? [left, right] : [right, left];
  if (op === "sub" && ptr === right) {
    c.error("sema/type-mismatch", opSpan, "cannot subtract a pointer from an integer");
    return errorExpr(span);
  }
  if (!isInt(idx.type)) {
    c.error("sema/type-mismatch", opSpan, `pointer arithmetic needs an integer operand, not ${typeToString(idx.type)}`);
    return errorExpr(span);
  }
  const scale = elementScale(c, ptr.type, span);
  if (scale === undefined) return errorExpr(span);
  return { k: "ptradd", ptr, index: convert(idx, T.long), scale, negate: op === "sub", type: ptr.type, span };
}

export function buildCompare(c: Checker, op: CmpOp, left: TExpr, right: TExpr, span: Span, opSpan: Span): TExpr {
  if (isInt(left.type) && isInt(right.type)) {
    const common = usualArith(left.type, right.type);
    const l = convert(left, common);
    const r = convert(right, common);
    const lv = constOf(l);
    const rv = constOf(r);
    if (lv !== undefined && rv !== undefined) return mkConst(foldCmp(op, lv, rv) ? 1n : 0n, T.int, span);
    return { k: "cmp", op, signed: common.signed, left: l, right: r, type: T.int, span };
  }
  if (isPtr(left.type) || isPtr(right.type)) {
    const okPair = (isPtr(left.type) && isPtr(right.type)) || isNullConst(left) || isNullConst(right);
    if (!okPair) {
      c.warn("sema/pointer-int-compare", opSpan, `comparison between ${typeToString(left.type)} and ${typeToString(right.type)}`);
    }
    if (!isScalar(left.type) || !isScalar(right.type)) {
      c.error("sema/type-mismatch", opSpan, `invalid operands to comparison (${typeToString(left.type)} and ${typeToString(right.type)})`);
      return errorExpr(span);
    }
    return { k: "cmp", op, signed: false, left: convert(left, T.ulong), right: convert(right, T.ulong), type: T.int, span };
  }
  c.error("sema/type-mismatch", opSpan, `invalid operands to comparison (${typeToString(left.type)} and ${typeToString(right.type)})`);
  return errorExpr(span);
}

/** Checks that `target` can be assigned to; reports why not. */
export function checkModifiable(c: Checker, target: TExpr, span: Span): boolean {
  if (target.type.kind === "error") return false;
  if (!isLvalue(target) || target.k === "string") {
    c.error("sema/not-lvalue", span, "expression is not assignable (not an lvalue)");
    return false;
  }
  if (isArray(target.type)) {
    c.error("sema/not-assignable", span, `array type ${typeToString(target.type)} is not assignable; copy it with __builtin_memcpy`);
    return false;
  }
  if ((target.type as { const?: boolean }).const) {
    c.error("sema/assign-to-const", span, `cannot assign to an object of const-qualified type '${typeToString(target.type)}'`);
    return false;
  }
  return true;
}

/** Converts `value` for storing into an object of type `to` (C11 6.5.16.1), reporting mismatches. */
export function assignConvert(c: Checker, to: CType, value: TExpr, span: Span, what: string): TExpr {
  const from = value.type;
  if (to.kind === "error" || from.kind === "error") return errorExpr(span);
  const t = unqual(to);
  if (isInt(t) && isInt(from)) return convert(value, to);
  if (isRecord(t)) {
    if (isRecord(from) && from.rec === t.rec) return value;
  } else if (isPtr(t)) {
    if (isPtr(from)) {
      const compatible = from.to.kind === "void" || t.to.kind === "void" || sameType(unqual(from.to), unqual(t.to));
      if (!compatible) {
        c.warn("sema/incompatible-pointer", span, `${what}: converting ${typeToString(from)} to ${typeToString(to)}`);
      }
      return convert(value, to);
    }
    if (isNullConst(value)) return convert(value, to);
    if (from.kind === "map" && t.to.kind === "void") return { k: "addr", of: value, type: to, span };
  } else if (isInt(t) && t.bool && isPtr(from)) {
    return convert(value, to);
  }
  c.error("sema/type-mismatch", span, `${what}: cannot convert ${typeToString(from)} to ${typeToString(to)}`);
  return errorExpr(span);
}

export function checkAssign(c: Checker, e: Expr & { kind: "assign" }): TExpr {
  const target = checkExpr(c, e.target);
  const value = checkRvalue(c, e.value);
  if (!checkModifiable(c, target, e.target.span) || value.type.kind === "error") return errorExpr(e.span);
  if (e.op === "=") {
    const v = assignConvert(c, target.type, value, e.value.span, "assignment");
    if (v.type.kind === "error") return v;
    return { k: "assign", target, value: v, type: unqual(target.type), span: e.span };
  }
  const bop = e.op.slice(0, -1) as BinaryOp;
  const op = ARITH[bop]!;
  if (isPtr(target.type)) {
    if ((op !== "add" && op !== "sub") || !isInt(value.type)) {
      c.error("sema/type-mismatch", e.opSpan, `invalid operands to '${e.op}' (${typeToString(target.type)} and ${typeToString(value.type)})`);
      return errorExpr(e.span);
    }
    const scale = elementScale(c, target.type, e.span);
    if (scale === undefined) return errorExpr(e.span);
    return { k: "compound", target, op, opType: T.long, signed: true, rhs: convert(value, T.long), scale, type: unqual(target.type), span: e.span };
  }
  if (!isInt(target.type) || !isInt(value.type)) {
    c.error("sema/type-mismatch", e.opSpan, `invalid operands to '${e.op}' (${typeToString(target.type)} and ${typeToString(value.type)})`);
    return errorExpr(e.span);
  }
  const opType = op === "shl" || op === "shr" ? promote(target.type) : usualArith(target.type, value.type);
  const rhsType = op === "shl" || op === "shr" ? opType : opType;
  if ((op === "div" || op === "mod") && constOf(value) === 0n) c.warn("sema/division-by-zero", e.opSpan, "division by zero");
  return { k: "compound", target, op, opType, signed: opType.signed, rhs: convert(value, rhsType), scale: 1, type: unqual(target.type), span: e.span };
}

export function checkUnary(c: Checker, e: Expr & { kind: "unary" }): TExpr {
  if (e.op === "&") {
    const of = checkExpr(c, e.operand);
    if (of.type.kind === "error") return of;
    if (of.k === "map") return { k: "addr", of, type: ptrTo(of.type), span: e.span };
    if (!isLvalue(of)) {
      c.error("sema/not-lvalue", e.operand.span, "cannot take the address of an rvalue");
      return errorExpr(e.span);
    }
    if (of.k === "member" && of.bitfield) {
      c.error("sema/address-of-bitfield", e.operand.span, "cannot take the address of a bitfield");
      return errorExpr(e.span);
    }
    markAddressTaken(of);
    return { k: "addr", of, type: ptrTo(of.type), span: e.span };
  }
  if (e.op === "*") {
    const p = checkRvalue(c, e.operand);
    if (p.type.kind === "error") return p;
    if (!isPtr(p.type)) {
      c.error("sema/deref-non-pointer", e.span, `cannot dereference a non-pointer of type ${typeToString(p.type)}`);
      return errorExpr(e.span);
    }
    if (p.type.to.kind === "void") {
      c.error("sema/deref-void", e.span, "cannot dereference a 'void *'; cast it to a typed pointer first");
      return errorExpr(e.span);
    }
    return { k: "deref", ptr: p, type: p.type.to, span: e.span };
  }
  const v = checkRvalue(c, e.operand);
  if (v.type.kind === "error") return v;
  if (e.op === "!") {
    if (!isScalar(v.type)) {
      c.error("sema/type-mismatch", e.span, `invalid operand to '!' (${typeToString(v.type)})`);
      return errorExpr(e.span);
    }
    const cv = constOf(v);
    if (cv !== undefined) return mkConst(cv === 0n ? 1n : 0n, T.int, e.span);
    return { k: "not", operand: v, type: T.int, span: e.span };
  }
  if (!isInt(v.type)) {
    c.error("sema/type-mismatch", e.span, `invalid operand to unary '${e.op}' (${typeToString(v.type)})`);
    return errorExpr(e.span);
  }
  const t = promote(v.type);
  const pv = convert(v, t);
  const cv = constOf(pv);
  if (e.op === "+") return pv;
  if (cv !== undefined) return mkConst(e.op === "-" ? -cv : ~cv, t, e.span);
  return { k: e.op === "-" ? "neg" : "bitnot", operand: pv, type: t, span: e.span };
}

export function checkUpdate(c: Checker, e: Expr & { kind: "update" }): TExpr {
  const target = checkExpr(c, e.operand);
  if (!checkModifiable(c, target, e.operand.span)) return errorExpr(e.span);
  let delta = 1n;
  if (isPtr(target.type)) {
    const s = elementScale(c, target.type, e.span);
    if (s === undefined) return errorExpr(e.span);
    delta = BigInt(s);
  } else if (!isInt(target.type)) {
    c.error("sema/type-mismatch", e.span, `cannot apply '${e.op}' to ${typeToString(target.type)}`);
    return errorExpr(e.span);
  }
  return { k: "incdec", target, delta: e.op === "++" ? delta : -delta, prefix: e.prefix, type: unqual(target.type), span: e.span };
}

export function checkCond(c: Checker, e: Expr & { kind: "cond" }): TExpr {
  const cond = checkScalar(c, e.cond, "the condition of '?:'");
  const a = checkRvalue(c, e.then);
  const b = checkRvalue(c, e.else);
  if (cond.type.kind === "error" || a.type.kind === "error" || b.type.kind === "error") return errorExpr(e.span);
  let t: CType;
  if (isInt(a.type) && isInt(b.type)) t = usualArith(a.type, b.type);
  else if (isPtr(a.type) && (isPtr(b.type) || isNullConst(b))) t = isPtr(b.type) && a.type.to.kind === "void" ? b.type : a.type;
  else if (isPtr(b.type) && isNullConst(a)) t = b.type;
  else if (a.type.kind === "void" && b.type.kind === "void") t = T.void;
  else if (isRecord(a.type) && isRecord(b.type) && a.type.rec === b.type.rec) {
    return { k: "cond", cond, then: a, else: b, type: a.type, span: e.span };
  } else {
    c.error("sema/type-mismatch", e.span, `'?:' operands have incompatible types ${typeToString(a.type)} and ${typeToString(b.type)}`);
    return errorExpr(e.span);
  }
  const ca = t.kind === "void" ? a : convert(a, t);
  const cb = t.kind === "void" ? b : convert(b, t);
  const cv = constOf(cond);
  if (cv !== undefined && ca.k === "const" && cb.k === "const") return cv !== 0n ? { ...ca, span: e.span } : { ...cb, span: e.span };
  return { k: "cond", cond, then: ca, else: cb, type: t, span: e.span };
}
