/**
 * @fileoverview Type checking of expressions: AST Expr → typed TExpr with C's conversions made
 * explicit. Errors are reported once and produce an `error`-typed node that every later check
 * accepts silently, so one mistake does not cascade.
 */
import type { Span } from "../diagnostics/index.ts";
import type { Expr } from "../parse/ast.ts";
import { type Checker, didYouMean } from "./checker.ts";
import { checkCast, checkIndex, checkMember, unknownMember } from "./check-access.ts";
import { checkAssign, checkBinary, checkCond, checkUnary, checkUpdate } from "./check-operators.ts";
import { checkCall } from "./check-call.ts";
import { checkInitializer } from "./check-init.ts";
import { checkBlockItems } from "./check-stmt.ts";
import { constOf, mkConst } from "./conversions.ts";
import { findMember } from "./layout.ts";
import { resolveTypeName } from "./resolve-type.ts";
import type { TExpr } from "./typed-ast.ts";
import { type CType, type IntType, T, alignOf, isArray, isComplete, isRecord, isScalar, ptrTo, sizeOf, typeToString } from "./types.ts";

export const errorExpr = (span: Span): TExpr => ({ k: "error", type: T.error, span });

export function isLvalue(e: TExpr): boolean {
  switch (e.k) {
    case "local": case "deref": case "temp": case "string": case "global": return true;
    case "member": return isLvalue(e.base);
    default: return false;
  }
}

/** Records that an object's address escapes, so lowering keeps it in memory. */
export function markAddressTaken(e: TExpr): void {
  if (e.k === "local") e.sym.addressTaken = true;
  else if (e.k === "member") markAddressTaken(e.base);
  else if (e.k === "temp") e.sym.addressTaken = true;
}

/** Value of an expression as an operand: arrays decay to pointers to their first element. */
export function rvalue(e: TExpr): TExpr {
  if (e.type.kind === "array") {
    markAddressTaken(e);
    return { k: "decay", of: e, type: ptrTo(e.type.of), span: e.span };
  }
  return e;
}

export function checkRvalue(c: Checker, e: Expr): TExpr {
  return rvalue(checkExpr(c, e));
}

/** A scalar operand (int or pointer); reports and returns an error node otherwise. */
export function checkScalar(c: Checker, e: Expr, what: string): TExpr {
  const te = checkRvalue(c, e);
  if (te.type.kind === "error" || isScalar(te.type)) return te;
  c.error("sema/type-mismatch", e.span, `${what} must be a scalar, not ${typeToString(te.type)}`);
  return errorExpr(e.span);
}

function intLiteralType(e: Expr & { kind: "int" }): IntType {
  const v = e.value;
  const fitsInt = v <= 0x7fffffffn;
  const fitsUint = v <= 0xffffffffn;
  const fitsLong = v <= 0x7fffffffffffffffn;
  if (e.longs === 0) {
    if (e.unsigned) return fitsUint ? T.uint : T.ulong;
    if (fitsInt) return T.int;
    if (!e.decimal && fitsUint) return T.uint;
    return fitsLong ? T.long : T.ulong;
  }
  if (e.unsigned) return e.longs >= 2 ? T.ullong : T.ulong;
  if (e.longs >= 2) return fitsLong ? T.llong : T.ullong;
  return fitsLong ? T.long : T.ulong;
}

export function checkExpr(c: Checker, e: Expr): TExpr {
  switch (e.kind) {
    case "int": {
      const t = intLiteralType(e);
      if (e.value > 0xffffffffffffffffn) c.error("sema/constant-too-large", e.span, "integer constant does not fit in 64 bits");
      return mkConst(e.value, t, e.span);
    }
    case "char":
      return mkConst(e.value, T.int, e.span);
    case "string": {
      const bytes = new Uint8Array(e.bytes.length + 1);
      bytes.set(e.bytes);
      return { k: "string", bytes, type: { kind: "array", of: T.char, length: bytes.length }, span: e.span };
    }
    case "ident":
      return checkIdent(c, e);
    case "binary":
      return checkBinary(c, e);
    case "assign":
      return checkAssign(c, e);
    case "unary":
      return checkUnary(c, e);
    case "update":
      return checkUpdate(c, e);
    case "cond":
      return checkCond(c, e);
    case "comma": {
      const left = checkRvalue(c, e.left);
      const right = checkRvalue(c, e.right);
      return { k: "comma", left, right, type: right.type, span: e.span };
    }
    case "call":
      return checkCall(c, e);
    case "member":
      return checkMember(c, e);
    case "index":
      return checkIndex(c, e);
    case "cast":
      return checkCast(c, e);
    case "sizeof-type": {
      const t = resolveTypeName(c, e.type);
      return sizeofResult(c, t, e.span);
    }
    case "sizeof-expr": {
      const te = checkExpr(c, e.operand);
      if (te.k === "member" && te.bitfield) {
        c.error("sema/sizeof-bitfield", e.span, "sizeof cannot be applied to a bitfield");
        return errorExpr(e.span);
      }
      return sizeofResult(c, te.type, e.span);
    }
    case "alignof": {
      const t = resolveTypeName(c, e.type);
      if (t.kind === "error") return errorExpr(e.span);
      return mkConst(BigInt(alignOf(t)), T.ulong, e.span);
    }
    case "offsetof": {
      const t = resolveTypeName(c, e.type);
      if (t.kind === "error") return errorExpr(e.span);
      if (!isRecord(t)) {
        c.error("sema/member-on-non-record", e.type.span, `offsetof needs a struct or union, not ${typeToString(t)}`);
        return errorExpr(e.span);
      }
      let off = 0;
      let cur = t as CType;
      for (const p of e.path) {
        if (p.kind === "index") {
          if (!isArray(cur)) {
            c.error("sema/subscript-non-array", p.span, `offsetof: ${typeToString(cur)} is not an array`);
            return errorExpr(e.span);
          }
          const iv = constOf(checkRvalue(c, p.index));
          if (iv === undefined) {
            c.error("sema/not-constant", p.span, "offsetof array index must be a constant");
            return errorExpr(e.span);
          }
          off += Number(iv) * sizeOf(cur.of);
          cur = cur.of;
          continue;
        }
        if (!isRecord(cur)) {
          c.error("sema/member-on-non-record", p.span, `offsetof: member '${p.name}' of non-struct type ${typeToString(cur)}`);
          return errorExpr(e.span);
        }
        const m = findMember(cur.rec, p.name);
        if (!m) {
          unknownMember(c, cur, p.name, p.span);
          return errorExpr(e.span);
        }
        off += m.offset;
        cur = m.field.type;
      }
      return mkConst(BigInt(off), T.ulong, e.span);
    }
    case "compound-literal": {
      const t = resolveTypeName(c, e.type);
      if (t.kind === "error") return errorExpr(e.span);
      const sym = c.newLocal("<compound literal>", t, e.span);
      const init = checkInitializer(c, t, e.init);
      return { k: "temp", sym, init, type: sym.type, span: e.span };
    }
    case "stmt-expr": {
      c.pushScope();
      const body = checkBlockItems(c, e.body.items);
      c.popScope();
      const last = body[body.length - 1];
      let result: TExpr | undefined;
      if (last?.k === "expr") {
        body.pop();
        result = rvalue(last.expr);
      }
      return { k: "stmt-expr", body, result, type: result?.type ?? T.void, span: e.span };
    }
    case "error":
      return errorExpr(e.span);
  }
}

function sizeofResult(c: Checker, t: CType, span: Span): TExpr {
  if (t.kind === "error") return errorExpr(span);
  if (!isComplete(t) && t.kind !== "void") {
    c.error("sema/incomplete-type", span, `sizeof applied to incomplete type ${typeToString(t)}`);
    return errorExpr(span);
  }
  return mkConst(BigInt(sizeOf(t)), T.ulong, span);
}

function checkIdent(c: Checker, e: Expr & { kind: "ident" }): TExpr {
  const sym = c.scope.lookup(e.name);
  if (!sym) {
    const ext = c.external?.lookupEnumConst(e.name);
    // Kernel enumerators outside int's range (enum64, large unsigned ones) get C's wider type.
    if (ext !== undefined) return mkConst(ext, ext >= -0x80000000n && ext <= 0x7fffffffn ? T.int : ext < 0n || ext <= 0x7fffffffffffffffn ? T.long : T.ulong, e.span);
    const hint = didYouMean(e.name, c.scope.allNames());
    c.error("sema/unknown-identifier", e.span, `use of undeclared identifier '${e.name}'${hint ? `; did you mean '${hint}'?` : ""}`);
    return errorExpr(e.span);
  }
  switch (sym.kind) {
    case "local":
      return { k: "local", sym, type: sym.type, span: e.span };
    case "enum-const":
      return mkConst(sym.value, sym.type, e.span);
    case "global-const":
      return { ...sym.value, span: e.span } as TExpr;
    case "map":
      return { k: "map", map: sym.map, type: { kind: "map", map: sym.map }, span: e.span };
    case "global":
      return { k: "global", sym, type: sym.type, span: e.span };
    case "typedef":
      c.error("sema/type-as-value", e.span, `'${e.name}' is a type, not a value`);
      return errorExpr(e.span);
    case "function":
      c.error("sema/function-as-value", e.span, `function '${e.name}' can only be called here, not used as a value`);
      return errorExpr(e.span);
  }
}

// Re-exported for the other checking files, which import operator helpers from here.
export { assignConvert, buildArith, buildCompare, checkModifiable, elementScale } from "./check-operators.ts";
export { unknownMember } from "./check-access.ts";
