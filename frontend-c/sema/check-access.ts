/**
 * @fileoverview Type checking of member access (with anonymous members and bitfields),
 * subscripts (as scaled pointer arithmetic plus a dereference) and casts.
 */
import type { Span } from "../diagnostics/index.ts";
import type { Expr } from "../parse/ast.ts";
import { type Checker, didYouMean } from "./checker.ts";
import { checkExpr, checkRvalue, errorExpr, rvalue } from "./check-expr.ts";
import { syscallAbiOffset } from "./bcc-regs.ts";
import { elementScale } from "./check-operators.ts";
import { constOf, convert } from "./conversions.ts";
import { findMember, memberNames } from "./layout.ts";
import { resolveTypeName } from "./resolve-type.ts";
import type { TExpr } from "./typed-ast.ts";
import { type CType, T, isInt, isPtr, isRecord, isScalar, typeToString } from "./types.ts";
export function unknownMember(c: Checker, t: CType & { kind: "record" }, name: string, span: Span): void {
  const hint = didYouMean(name, memberNames(t.rec));
  c.error("sema/unknown-member", span, `${typeToString(t)} has no member '${name}'${hint ? ` (did you mean '${hint}'?)` : ""}`);
}

export function checkMember(c: Checker, e: Expr & { kind: "member" }): TExpr {
  let base = checkExpr(c, e.object);
  if (base.type.kind === "error") return base;
  if (e.arrow) {
    base = rvalue(base);
    if (!isPtr(base.type)) {
      c.error("sema/arrow-on-non-pointer", e.span, `'->' needs a pointer, but the operand has type ${typeToString(base.type)}; use '.'`);
      return errorExpr(e.span);
    }
    base = { k: "deref", ptr: base, type: base.type.to, span: e.object.span };
  } else if (isPtr(base.type) && isRecord(base.type.to)) {
    c.error("sema/member-on-pointer", e.span, `'${typeToString(base.type)}' is a pointer; did you mean to use '->'?`);
    return errorExpr(e.span);
  }
  const rt = base.type;
  if (rt.kind === "map") {
    // Method calls (`m.lookup(&k)`) never get here (check-call.ts); anything else is a misuse.
    c.error("sema/map-method-not-called", e.span, `'${rt.map.name}.${e.name}' is a map method; call it, e.g. '${rt.map.name}.${e.name}(...)'`);
    return errorExpr(e.span);
  }
  if (!isRecord(rt)) {
    c.error("sema/member-on-non-record", e.span, `member reference '${e.name}' on non-struct type ${typeToString(rt)}`);
    return errorExpr(e.span);
  }
  if (!rt.rec.complete) {
    c.error("sema/incomplete-type", e.span, `member access into incomplete type ${typeToString(rt)}`);
    return errorExpr(e.span);
  }
  const m = findMember(rt.rec, e.name);
  if (!m) {
    unknownMember(c, rt, e.name, e.nameSpan);
    return errorExpr(e.span);
  }
  let ft = m.field.type;
  if (rt.const) ft = { ...ft, const: true } as CType;
  const f = m.field;
  if (f.bitWidth !== undefined) {
    return { k: "member", base, offset: m.offset, bitfield: { bitOffset: f.bitOffset!, bitWidth: f.bitWidth, unitSize: f.unitSize! }, type: ft, span: e.span };
  }
  const abiOffset = syscallAbiOffset(c, rt.rec.tag, e.name);
  if (abiOffset !== undefined) return { k: "member", base, offset: abiOffset, type: ft, span: e.span };
  if (c.fn?.syscallAbi !== undefined && rt.rec.tag === "pt_regs") {
    c.error("sema/unsupported", e.nameSpan, `pt_regs member '${e.name}' has no equivalent in the syscall tracepoint record this kprobe is compiled for`);
    return errorExpr(e.span);
  }
  return { k: "member", base, offset: m.offset, type: ft, span: e.span };
}

export function checkIndex(c: Checker, e: Expr & { kind: "index" }): TExpr {
  const rawBase = checkExpr(c, e.base);
  let base = rvalue(rawBase);
  let idx = checkRvalue(c, e.index);
  if (base.type.kind === "error" || idx.type.kind === "error") return errorExpr(e.span);
  if (isInt(base.type) && isPtr(idx.type)) [base, idx] = [idx, base];
  if (!isPtr(base.type)) {
    c.error("sema/subscript-non-array", e.span, `subscripted value of type ${typeToString(base.type)} is not an array or pointer`);
    return errorExpr(e.span);
  }
  if (!isInt(idx.type)) {
    c.error("sema/type-mismatch", e.index.span, `array subscript has type ${typeToString(idx.type)}, not an integer`);
    return errorExpr(e.span);
  }
  const iv = constOf(idx);
  if (rawBase.type.kind === "array" && rawBase.type.length !== undefined && iv !== undefined &&
      (iv < 0n || iv >= BigInt(rawBase.type.length))) {
    c.error("sema/array-bounds", e.index.span, `index ${iv} is out of bounds for ${typeToString(rawBase.type)}`);
    return errorExpr(e.span);
  }
  if (base.type.to.kind === "void") {
    c.error("sema/deref-void", e.span, "cannot subscript a 'void *'");
    return errorExpr(e.span);
  }
  const scale = elementScale(c, base.type, e.span);
  if (scale === undefined) return errorExpr(e.span);
  const addr: TExpr = { k: "ptradd", ptr: base, index: convert(idx, T.long), scale, negate: false, type: base.type, span: e.span };
  return { k: "deref", ptr: addr, type: base.type.to, span: e.span };
}

export function checkCast(c: Checker, e: Expr & { kind: "cast" }): TExpr {
  const to = resolveTypeName(c, e.type);
  const v = checkRvalue(c, e.operand);
  if (to.kind === "error" || v.type.kind === "error") return errorExpr(e.span);
  if (to.kind === "void") return { k: "cast", operand: v, type: T.void, span: e.span };
  if (isRecord(to) && isRecord(v.type) && to.rec === v.type.rec) return v;
  if (!isScalar(to)) {
    c.error("sema/bad-cast", e.span, `cannot cast to non-scalar type ${typeToString(to)}`);
    return errorExpr(e.span);
  }
  if (v.type.kind === "map" && isPtr(to)) return { k: "addr", of: v, type: to, span: e.span };
  if (!isScalar(v.type)) {
    c.error("sema/bad-cast", e.span, `cannot cast ${typeToString(v.type)} to ${typeToString(to)}`);
    return errorExpr(e.span);
  }
  if (isPtr(to) && isInt(v.type) && v.type.size < 8 && v.k !== "const") {
    c.warn("sema/int-to-pointer-size", e.span, `cast to pointer from integer of different size (${typeToString(v.type)})`);
  }
  const r = convert(v, to);
  return r === v ? { ...v, type: to, span: e.span } as TExpr : { ...r, span: e.span } as TExpr;
}
