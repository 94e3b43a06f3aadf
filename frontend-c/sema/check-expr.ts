/**
 * @fileoverview Type checking of expressions: AST Expr → typed TExpr with C's conversions made
 * explicit. Errors are reported once and produce an `error`-typed node that every later check
 * accepts silently, so one mistake does not cascade.
 */
import type { Span } from "../diagnostics/index.ts";
import type { BinaryOp, Expr } from "../parse/ast.ts";
import { type Checker, didYouMean } from "./checker.ts";
import { checkCall } from "./check-call.ts";
import { checkInitializer } from "./check-init.ts";
import { checkBlockItems } from "./check-stmt.ts";
import { constOf, convert, foldArith, foldCmp, isNullConst, mkConst, promote, usualArith } from "./conversions.ts";
import { findMember, memberNames } from "./layout.ts";
import { resolveTypeName } from "./resolve-type.ts";
import type { ArithOp, CmpOp, TExpr } from "./typed-ast.ts";
import {
  type CType, type IntType, T, alignOf, isArray, isComplete, isInt, isPtr, isRecord, isScalar, ptrTo, sameType,
  sizeOf, typeToString, unqual,
} from "./types.ts";

export const errorExpr = (span: Span): TExpr => ({ k: "error", type: T.error, span });

export function isLvalue(e: TExpr): boolean {
  switch (e.k) {
    case "local": case "deref": case "temp": case "string": return true;
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
    if (ext !== undefined) return mkConst(ext, T.int, e.span);
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
    case "typedef":
      c.error("sema/type-as-value", e.span, `'${e.name}' is a type, not a value`);
      return errorExpr(e.span);
    case "function":
      c.error("sema/function-as-value", e.span, `function '${e.name}' can only be called here, not used as a value`);
      return errorExpr(e.span);
  }
}

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

function checkBinary(c: Checker, e: Expr & { kind: "binary" }): TExpr {
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

function checkAssign(c: Checker, e: Expr & { kind: "assign" }): TExpr {
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

function checkUnary(c: Checker, e: Expr & { kind: "unary" }): TExpr {
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

function checkUpdate(c: Checker, e: Expr & { kind: "update" }): TExpr {
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

function checkCond(c: Checker, e: Expr & { kind: "cond" }): TExpr {
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

export function unknownMember(c: Checker, t: CType & { kind: "record" }, name: string, span: Span): void {
  const hint = didYouMean(name, memberNames(t.rec));
  c.error("sema/unknown-member", span, `no member named '${name}' in ${typeToString(t)}${hint ? `; did you mean '${hint}'?` : ""}`);
}

function checkMember(c: Checker, e: Expr & { kind: "member" }): TExpr {
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
  if (rt.kind === "map") return { k: "error", type: T.error, span: e.span }; // map methods are handled by calls
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
  return { k: "member", base, offset: m.offset, type: ft, span: e.span };
}

function checkIndex(c: Checker, e: Expr & { kind: "index" }): TExpr {
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

function checkCast(c: Checker, e: Expr & { kind: "cast" }): TExpr {
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
