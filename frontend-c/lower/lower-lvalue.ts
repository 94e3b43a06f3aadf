/**
 * @fileoverview Lvalues and addresses: where an object lives (a vreg, or memory at base+offset),
 * reading and writing it (including bitfield read-modify-write), and folding constant pointer
 * arithmetic into access offsets so `&s.a[2]` on the stack is a fixed r10 offset.
 */
import type { Span } from "../diagnostics/index.ts";
import { InternalCompilerError } from "../diagnostics/index.ts";
import { type AccessSize, type Base, type Operand, type VReg, imm, isFrame, isImm } from "../ir/ir.ts";
import type { BitfieldInfo, TExpr } from "../sema/typed-ast.ts";
import { type CType, isPtr, sizeOf } from "../sema/types.ts";
import { inlineCall } from "./lower-calls.ts";
import { lowerCond, lowerExpr } from "./lower-expr.ts";
import { initObject } from "./lower-init.ts";
import type { FnLowerer } from "./lowerer.ts";

export interface Addr {
  base: Base;
  off: number;
}

export type LValue =
  | { kind: "vreg"; v: VReg; type: CType }
  | { kind: "mem"; addr: Addr; type: CType; bitfield?: BitfieldInfo };

export function lowerLvalue(L: FnLowerer, e: TExpr): LValue {
  switch (e.k) {
    case "local": {
      const s = L.storageOf(e.sym);
      return s.kind === "vreg" ? { kind: "vreg", v: s.v, type: e.type } : { kind: "mem", addr: { base: s.ref, off: 0 }, type: e.type };
    }
    case "deref":
      return { kind: "mem", addr: pointerAddr(L, e.ptr), type: e.type };
    case "global": {
      // Global data lives in a one-element array map; BPF_PSEUDO_MAP_VALUE yields its address.
      const dst = L.b.vreg(e.sym.name);
      L.b.emit({ op: "mapvalue", dst, map: e.sym.section, off: e.sym.offset, span: e.span });
      return { kind: "mem", addr: { base: dst, off: 0 }, type: e.type };
    }
    case "member": {
      const base = lowerLvalue(L, e.base);
      if (base.kind !== "mem") throw new InternalCompilerError("lower", "member of a register-resident object", e.span);
      const lv: LValue = { kind: "mem", addr: { base: base.addr.base, off: base.addr.off + e.offset }, type: e.type };
      if (e.bitfield) lv.bitfield = e.bitfield;
      return lv;
    }
    case "temp": {
      const s = L.storageOf(e.sym);
      if (s.kind !== "frame") throw new InternalCompilerError("lower", "temporary not in memory", e.span);
      initObject(L, { base: s.ref, off: 0 }, e.type, e.init, e.span);
      return { kind: "mem", addr: { base: s.ref, off: 0 }, type: e.type };
    }
    case "string": {
      const ref = L.b.frameObject("<string>", e.bytes.length, 8, e.span);
      storeBytes(L, { base: ref, off: 0 }, e.bytes, true, e.span);
      return { kind: "mem", addr: { base: ref, off: 0 }, type: e.type };
    }
    case "assign":
    case "comma":
    case "call":
    case "cond":
    case "stmt-expr": {
      // Record-valued expressions: evaluate, then use the object the value lives in.
      const r = lowerRecordValue(L, e);
      return { kind: "mem", addr: r, type: e.type };
    }
    default:
      throw new InternalCompilerError("lower", `not an lvalue: ${e.k}`, e.span);
  }
}

/** Address of a record-typed value (an lvalue, or the result of assignment/comma/statement expr). */
export function lowerRecordValue(L: FnLowerer, e: TExpr): Addr {
  switch (e.k) {
    case "assign": {
      lowerExpr(L, e);
      return memAddr(L, lowerLvalue(L, e.target), e.span);
    }
    case "comma":
      lowerExpr(L, e.left);
      return lowerRecordValue(L, e.right);
    case "call": {
      const r = inlineCall(L, e);
      if (!r.obj) throw new InternalCompilerError("lower", "struct value from a non-struct call", e.span);
      return r.obj;
    }
    case "cond": {
      // Copy the chosen side into a temporary so both paths join with one address.
      const size = sizeOf(e.type);
      const tmp = L.b.frameObject("<cond>", Math.max(1, size), 8, e.span);
      const thenB = L.b.newBlock("cond.then");
      const elseB = L.b.newBlock("cond.else");
      const join = L.b.newBlock("cond.end");
      lowerCond(L, e.cond, thenB, elseB);
      for (const [blk, side] of [[thenB, e.then], [elseB, e.else]] as const) {
        L.b.setBlock(blk);
        const src = lowerRecordValue(L, side);
        L.b.copy(tmp, 0, src.base, src.off, size, 1, e.span);
        L.fallInto(join, e.span);
      }
      return { base: tmp, off: 0 };
    }
    case "stmt-expr": {
      lowerExpr(L, { ...e, result: undefined, type: { kind: "void" } });
      if (!e.result) throw new InternalCompilerError("lower", "statement expression without a value", e.span);
      return lowerRecordValue(L, e.result);
    }
    default:
      return memAddr(L, lowerLvalue(L, e), e.span);
  }
}

function memAddr(L: FnLowerer, lv: LValue, span: Span): Addr {
  if (lv.kind !== "mem") throw new InternalCompilerError("lower", "aggregate in a register", span);
  void L;
  return lv.addr;
}

/** The address a pointer expression points at, folding constant offsets. */
export function pointerAddr(L: FnLowerer, p: TExpr): Addr {
  switch (p.k) {
    case "addr":
    case "decay": {
      const lv = lowerLvalue(L, p.of);
      if (lv.kind === "mem") return lv.addr;
      break;
    }
    case "ptradd":
      if (p.index.k === "const") {
        const a = pointerAddr(L, p.ptr);
        const delta = Number(p.index.value) * p.scale;
        return { base: a.base, off: a.off + (p.negate ? -delta : delta) };
      }
      break;
    case "cast":
      if (isPtr(p.operand.type)) return pointerAddr(L, p.operand);
      break;
    default:
      break;
  }
  return { base: L.reg(lowerExpr(L, p), p.span), off: 0 };
}

/** A vreg holding the address (frame objects become r10-relative pointers here). */
export function addrToReg(L: FnLowerer, a: Addr, span: Span): VReg {
  if (isFrame(a.base)) return L.b.frameAddr(L.b.vreg(), a.base, a.off, span);
  if (a.off === 0) return a.base;
  return L.b.alu("add", L.b.vreg(), a.base, imm(a.off), span);
}

function accessOf(t: CType): { size: AccessSize; signed: boolean } {
  if (t.kind === "int") return { size: t.size, signed: t.signed && !t.bool };
  return { size: 8, signed: false };
}

export function readLvalue(L: FnLowerer, lv: LValue, span: Span): VReg {
  if (lv.kind === "vreg") return lv.v;
  const bf = lv.bitfield;
  if (!bf) {
    const { size, signed } = accessOf(lv.type);
    return L.b.load(L.b.vreg(), lv.addr.base, lv.addr.off, size, span, signed);
  }
  const unit = L.b.load(L.b.vreg(), lv.addr.base, lv.addr.off, bf.unitSize, span, false);
  const signed = lv.type.kind === "int" && lv.type.signed;
  // Move the field to the top of the register, then shift it down (arithmetic for signed fields).
  const up = 64 - bf.bitOffset - bf.bitWidth;
  const hi = up === 0 ? unit : L.b.alu("lsh", L.b.vreg(), unit, imm(up), span);
  return L.b.alu(signed ? "arsh" : "rsh", L.b.vreg(), hi, imm(64 - bf.bitWidth), span);
}

export function writeLvalue(L: FnLowerer, lv: LValue, value: Operand, span: Span): void {
  if (lv.kind === "vreg") {
    L.b.mov(lv.v, value, span);
    return;
  }
  const bf = lv.bitfield;
  if (!bf) {
    L.b.store(lv.addr.base, lv.addr.off, accessOf(lv.type).size, value, span);
    return;
  }
  const mask = (1n << BigInt(bf.bitWidth)) - 1n;
  const unitMask = bf.unitSize === 8 ? (1n << 64n) - 1n : (1n << BigInt(bf.unitSize * 8)) - 1n;
  const keep = unitMask & ~(mask << BigInt(bf.bitOffset));
  const unit = L.b.load(L.b.vreg(), lv.addr.base, lv.addr.off, bf.unitSize, span, false);
  const cleared = L.b.alu("and", L.b.vreg(), unit, imm(BigInt.asIntN(64, keep)), span);
  let field: Operand;
  if (isImm(value)) field = imm(BigInt.asIntN(64, (value.imm & mask) << BigInt(bf.bitOffset)));
  else {
    const m = L.b.alu("and", L.b.vreg(), value, imm(BigInt.asIntN(64, mask)), span);
    field = bf.bitOffset === 0 ? m : L.b.alu("lsh", L.b.vreg(), m, imm(bf.bitOffset), span);
  }
  const merged = L.b.alu("or", L.b.vreg(), cleared, field, span);
  L.b.store(lv.addr.base, lv.addr.off, bf.unitSize, merged, span);
}

/** Stores raw bytes at `a` (8-byte chunks when `aligned8`, else byte by byte). */
export function storeBytes(L: FnLowerer, a: Addr, bytes: Uint8Array, aligned8: boolean, span: Span): void {
  let i = 0;
  if (aligned8) {
    for (; i + 8 <= bytes.length; i += 8) {
      let v = 0n;
      for (let j = 7; j >= 0; j--) v = (v << 8n) | BigInt(bytes[i + j]!);
      L.b.store(a.base, a.off + i, 8, imm(BigInt.asIntN(64, v)), span);
    }
    for (; i + 4 <= bytes.length; i += 4) {
      const v = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
      L.b.store(a.base, a.off + i, 4, imm(v | 0), span);
    }
  }
  for (; i < bytes.length; i++) L.b.store(a.base, a.off + i, 1, imm(bytes[i]!), span);
}
