/**
 * @fileoverview Expressions → IR values. Returns an Operand holding the normalised C value (see
 * lowerer.ts); void expressions return imm(0). Conditions used for control flow go through
 * lowerCond, which branches directly instead of materialising 0/1.
 */
import type { Span } from "../diagnostics/index.ts";
import { InternalCompilerError } from "../diagnostics/index.ts";
import { type AluOp, type Block, type Cond, type Operand, type VReg, imm, isImm } from "../ir/ir.ts";
import type { ArithOp, CmpOp, TExpr } from "../sema/typed-ast.ts";
import { type CType, isPtr, sizeOf } from "../sema/types.ts";
import { lowerAtomic, lowerCall, lowerHelper, lowerMemcmp, lowerMemcpy, lowerMemset } from "./lower-calls.ts";
import { addrToReg, lowerLvalue, lowerRecordValue, pointerAddr, readLvalue, writeLvalue } from "./lower-lvalue.ts";
import { lowerStmts } from "./lower-stmt.ts";
import type { FnLowerer } from "./lowerer.ts";

const ALU: Record<ArithOp, [AluOp, AluOp]> = {
  // [unsigned, signed]
  add: ["add", "add"], sub: ["sub", "sub"], mul: ["mul", "mul"], div: ["div", "sdiv"], mod: ["mod", "smod"],
  shl: ["lsh", "lsh"], shr: ["rsh", "arsh"], and: ["and", "and"], or: ["or", "or"], xor: ["xor", "xor"],
};

export function cmpCond(op: CmpOp, signed: boolean): Cond {
  switch (op) {
    case "eq": return "eq";
    case "ne": return "ne";
    case "lt": return signed ? "slt" : "lt";
    case "gt": return signed ? "sgt" : "gt";
    case "le": return signed ? "sle" : "le";
    case "ge": return signed ? "sge" : "ge";
  }
}

/** `a OP b` in type t, normalised. 4-byte types use ALU32; signed ones are sign-extended after. */
export function arith(L: FnLowerer, op: ArithOp, signed: boolean, a: VReg, b: Operand, t: CType, span: Span): VReg {
  const aop = ALU[op][signed ? 1 : 0];
  const size = t.kind === "int" ? t.size : 8;
  const width = size === 8 ? 64 : 32;
  const r = L.b.alu(aop, L.b.vreg(), a, b, span, width);
  if (size === 8) return r;
  if (size === 4 && !signed) return r; // ALU32 already zero-extended
  return L.normalize(r, t, span);
}

/** Converts a normalised value of type `from` to type `to`. */
export function castValue(L: FnLowerer, v: Operand, from: CType, to: CType, span: Span): Operand {
  if (to.kind === "void") return imm(0);
  if (to.kind === "int" && to.bool) {
    if (isImm(v)) return imm(v.imm !== 0n ? 1 : 0);
    if (from.kind === "int" && from.bool) return v;
    return L.b.setcc(L.b.vreg(), "ne", v, imm(0), span);
  }
  if (to.kind !== "int" || to.size === 8) return v;
  if (from.kind === "int" && (from.size < to.size || (from.size === to.size && from.signed === to.signed))) {
    // Widening from unsigned, or signed → signed, or same representation: already normalised.
    if (from.size < to.size && (!from.signed || to.signed)) return v;
    if (from.size === to.size && from.signed === to.signed) return v;
  }
  if (isImm(v)) {
    const bits = to.size * 8;
    return imm(to.signed ? BigInt.asIntN(bits, v.imm) : BigInt.asUintN(bits, v.imm));
  }
  return L.normalize(v, to, span);
}

export function lowerExpr(L: FnLowerer, e: TExpr): Operand {
  const span = e.span;
  switch (e.k) {
    case "const":
      return imm(e.value);
    case "local":
    case "global":
    case "deref":
    case "member": {
      if (e.type.kind === "record" || e.type.kind === "array") {
        throw new InternalCompilerError("lower", `aggregate ${e.k} used as a scalar value`, span);
      }
      return readLvalue(L, lowerLvalue(L, e), span);
    }
    case "map":
      return L.b.mapFd(L.b.vreg(), e.map.name, span);
    case "string":
      throw new InternalCompilerError("lower", "string literal used without decay", span);
    case "addr": {
      if (e.of.k === "map") return L.b.mapFd(L.b.vreg(), e.of.map.name, span);
      return addrToReg(L, pointerAddr(L, e), span);
    }
    case "decay":
      return addrToReg(L, pointerAddr(L, e), span);
    case "cast": {
      if (e.type.kind === "void") {
        lowerEffect(L, e.operand);
        return imm(0);
      }
      return castValue(L, lowerExpr(L, e.operand), e.operand.type, e.type, span);
    }
    case "arith": {
      const a = L.reg(lowerExpr(L, e.left), span);
      const b = lowerExpr(L, e.right);
      return arith(L, e.op, e.signed, a, b, e.type, span);
    }
    case "ptradd": {
      if (e.index.k === "const") {
        const p = L.reg(lowerExpr(L, e.ptr), span);
        const delta = e.index.value * BigInt(e.scale);
        if (delta === 0n) return p;
        return L.b.alu(e.negate ? "sub" : "add", L.b.vreg(), p, imm(delta), span);
      }
      const p = L.reg(lowerExpr(L, e.ptr), span);
      const idx = L.reg(lowerExpr(L, e.index), span);
      const scaled = scaleIndex(L, idx, e.scale, span);
      return L.b.alu(e.negate ? "sub" : "add", L.b.vreg(), p, scaled, span);
    }
    case "ptrdiff": {
      const a = L.reg(lowerExpr(L, e.left), span);
      const b = lowerExpr(L, e.right);
      const d = L.b.alu("sub", L.b.vreg(), a, b, span);
      if (e.scale === 1) return d;
      // The difference is an exact multiple of the element size (C 6.5.6), so a power-of-two
      // scale divides as an arithmetic shift, as gcc and clang do (sdiv needs cpu v4).
      if ((e.scale & (e.scale - 1)) === 0) return L.b.alu("arsh", L.b.vreg(), d, imm(Math.log2(e.scale)), span);
      return L.b.alu("sdiv", L.b.vreg(), d, imm(e.scale), span);
    }
    case "cmp": {
      const a = L.reg(lowerExpr(L, e.left), span);
      const b = lowerExpr(L, e.right);
      return L.b.setcc(L.b.vreg(), cmpCond(e.op, e.signed), a, b, span);
    }
    case "logical":
    case "not":
      return boolValue(L, e);
    case "neg": {
      const a = L.reg(lowerExpr(L, e.operand), span);
      const size = e.type.kind === "int" ? e.type.size : 8;
      const r = L.b.neg(L.b.vreg(), a, span, size === 8 ? 64 : 32);
      return size === 8 ? r : L.normalize(r, e.type, span);
    }
    case "bitnot": {
      const a = L.reg(lowerExpr(L, e.operand), span);
      const size = e.type.kind === "int" ? e.type.size : 8;
      const r = L.b.alu("xor", L.b.vreg(), a, imm(-1), span, size === 8 ? 64 : 32);
      return size === 8 ? r : L.normalize(r, e.type, span);
    }
    case "assign":
      return lowerAssign(L, e);
    case "compound": {
      const lv = lowerLvalue(L, e.target);
      const cur = readLvalue(L, lv, span);
      let result: Operand;
      if (isPtr(e.target.type)) {
        const rhs = L.reg(lowerExpr(L, e.rhs), span);
        const scaled = scaleIndex(L, rhs, e.scale, span);
        result = L.b.alu(e.op === "sub" ? "sub" : "add", L.b.vreg(), cur, scaled, span);
      } else {
        const asOp = L.reg(castValue(L, cur, e.target.type, e.opType, span), span);
        const rhs = lowerExpr(L, e.rhs);
        const r = arith(L, e.op, e.signed, asOp, rhs, e.opType, span);
        result = castValue(L, r, e.opType, e.target.type, span);
      }
      writeLvalue(L, lv, result, span);
      return result;
    }
    case "incdec": {
      const lv = lowerLvalue(L, e.target);
      const old = readLvalue(L, lv, span);
      // Keep the old value alive in its own vreg: `old` may be the variable's own vreg.
      const saved = e.prefix ? old : L.b.mov(L.b.vreg(), old, span);
      let next: Operand;
      if (e.target.type.kind === "int") {
        const t = e.target.type;
        const sum = L.b.alu("add", L.b.vreg(), old, imm(e.delta), span, t.size === 8 ? 64 : 32);
        if (t.bool) {
          // C: b++ makes b true; b-- is b = (b - 1) != 0, which toggles a _Bool.
          next = e.delta > 0n ? imm(1) : L.b.setcc(L.b.vreg(), "eq", old, imm(0), span);
        } else {
          next = t.size === 8 || (t.size === 4 && !t.signed) ? sum : L.normalize(sum, t, span);
        }
      } else {
        next = L.b.alu("add", L.b.vreg(), old, imm(e.delta), span);
      }
      writeLvalue(L, lv, next, span);
      return e.prefix ? next : saved;
    }
    case "cond": {
      if (e.type.kind === "void") {
        const thenB = L.b.newBlock("cond.then");
        const elseB = L.b.newBlock("cond.else");
        const join = L.b.newBlock("cond.end");
        lowerCond(L, e.cond, thenB, elseB);
        L.b.setBlock(thenB);
        lowerEffect(L, e.then);
        L.fallInto(join, span);
        L.b.setBlock(elseB);
        lowerEffect(L, e.else);
        L.fallInto(join, span);
        return imm(0);
      }
      const result = L.b.vreg("cond");
      const thenB = L.b.newBlock("cond.then");
      const elseB = L.b.newBlock("cond.else");
      const join = L.b.newBlock("cond.end");
      lowerCond(L, e.cond, thenB, elseB);
      L.b.setBlock(thenB);
      L.b.mov(result, lowerExpr(L, e.then), span);
      L.fallInto(join, span);
      L.b.setBlock(elseB);
      L.b.mov(result, lowerExpr(L, e.else), span);
      L.fallInto(join, span);
      return result;
    }
    case "comma":
      lowerEffect(L, e.left);
      return lowerExpr(L, e.right);
    case "call":
      return lowerCall(L, e);
    case "helper":
      return lowerHelper(L, e);
    case "memcpy":
      return lowerMemcpy(L, e);
    case "memset":
      return lowerMemset(L, e);
    case "memcmp":
      return lowerMemcmp(L, e);
    case "bswap": {
      const a = L.reg(lowerExpr(L, e.operand), span);
      const r = L.b.vreg();
      L.b.emit({ op: "endian", dst: r, a, kind: "be", bits: e.bits, span });
      return r;
    }
    case "atomic":
      return lowerAtomic(L, e);
    case "temp": {
      if (e.type.kind === "record" || e.type.kind === "array") {
        throw new InternalCompilerError("lower", "aggregate compound literal used as a scalar", span);
      }
      return readLvalue(L, lowerLvalue(L, e), span);
    }
    case "stmt-expr": {
      lowerStmts(L, e.body);
      if (!e.result) return imm(0);
      if (e.result.type.kind === "record") {
        lowerRecordValue(L, e.result);
        return imm(0);
      }
      return lowerExpr(L, e.result);
    }
    case "error":
      throw new InternalCompilerError("lower", "error node reached lowering", span);
  }
}

/** Evaluates for side effects only. */
export function lowerEffect(L: FnLowerer, e: TExpr): void {
  if (e.type.kind === "record" || e.type.kind === "array") {
    if (e.k === "assign" || e.k === "comma" || e.k === "stmt-expr" || e.k === "call") {
      if (e.k === "call") lowerExpr(L, e);
      else lowerRecordValue(L, e);
    }
    return;
  }
  lowerExpr(L, e);
}

function lowerAssign(L: FnLowerer, e: TExpr & { k: "assign" }): Operand {
  const span = e.span;
  if (e.target.type.kind === "record") {
    const src = lowerRecordValue(L, e.value);
    const dst = lowerLvalue(L, e.target);
    if (dst.kind !== "mem") throw new InternalCompilerError("lower", "record in a register", span);
    L.b.copy(dst.addr.base, dst.addr.off, src.base, src.off, sizeOf(e.target.type), 1, span);
    return imm(0);
  }
  const v = lowerExpr(L, e.value);
  const lv = lowerLvalue(L, e.target);
  writeLvalue(L, lv, v, span);
  if (lv.kind === "mem" && lv.bitfield) {
    // The value of `s.bf = v` is the field's new (truncated) value.
    return readLvalue(L, lv, span);
  }
  return v;
}

function scaleIndex(L: FnLowerer, idx: VReg, scale: number, span: Span): VReg {
  if (scale === 1) return idx;
  if ((scale & (scale - 1)) === 0) return L.b.alu("lsh", L.b.vreg(), idx, imm(Math.log2(scale)), span);
  return L.b.alu("mul", L.b.vreg(), idx, imm(scale), span);
}

function boolValue(L: FnLowerer, e: TExpr): VReg {
  const result = L.b.vreg("bool");
  const t = L.b.newBlock("bool.true");
  const f = L.b.newBlock("bool.false");
  const join = L.b.newBlock("bool.end");
  lowerCond(L, e, t, f);
  L.b.setBlock(t);
  L.b.mov(result, imm(1), e.span);
  L.b.jmp(join, e.span);
  L.b.setBlock(f);
  L.b.mov(result, imm(0), e.span);
  L.b.jmp(join, e.span);
  L.b.setBlock(join);
  return result;
}

/** Branches to `t` when the scalar expression is non-zero, else to `f`. Leaves no open block. */
export function lowerCond(L: FnLowerer, e: TExpr, t: Block, f: Block): void {
  const span = e.span;
  switch (e.k) {
    case "const":
      L.b.jmp(e.value !== 0n ? t : f, span);
      return;
    case "cmp": {
      const a = L.reg(lowerExpr(L, e.left), span);
      const b = lowerExpr(L, e.right);
      L.b.br(cmpCond(e.op, e.signed), a, b, t, f, span);
      return;
    }
    case "not":
      lowerCond(L, e.operand, f, t);
      return;
    case "logical": {
      const mid = L.b.newBlock(e.op === "and" ? "and.rhs" : "or.rhs");
      if (e.op === "and") lowerCond(L, e.left, mid, f);
      else lowerCond(L, e.left, t, mid);
      L.b.setBlock(mid);
      lowerCond(L, e.right, t, f);
      return;
    }
    case "cast":
      if (e.type.kind === "int" && e.type.bool) {
        lowerCond(L, e.operand, t, f);
        return;
      }
      break;
    default:
      break;
  }
  const v = L.reg(lowerExpr(L, e), span);
  L.b.br("ne", v, imm(0), t, f, span);
}

