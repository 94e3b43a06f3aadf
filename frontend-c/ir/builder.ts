/**
 * @fileoverview A cursor over an IrFunction for emitting instructions: the lowering pass and the
 * back end's hand-written tests build IR through it. Every emitting method takes the source span,
 * which becomes line info for the emitted BPF instructions.
 */
import type { Span } from "../diagnostics/diagnostic.ts";
import {
  newBlock, newFrameObject, newFunction, newVReg,
  type AccessSize, type AluOp, type AtomicOp, type Base, type Block, type Cond, type FrameRef, type Inst,
  type IrFunction, type Operand, type VReg, type Width,
} from "./ir.ts";

export class IrBuilder {
  readonly fn: IrFunction;
  /** The block instructions are appended to; undefined after a terminator until `setBlock`. */
  block: Block | undefined;

  constructor(fn: IrFunction) {
    this.fn = fn;
    this.block = fn.blocks[0];
  }

  static create(name: string, span: Span): IrBuilder {
    return new IrBuilder(newFunction(name, span));
  }

  vreg(name?: string): VReg {
    return newVReg(this.fn, name);
  }

  /** Declares the next parameter (r1, r2, ... in order) and returns its vreg. */
  param(name?: string): VReg {
    const v = this.vreg(name);
    this.fn.params.push(v);
    return v;
  }

  newBlock(label?: string): Block {
    return newBlock(this.fn, label);
  }

  setBlock(b: Block): void {
    this.block = b;
  }

  frameObject(name: string, size: number, align: number, span?: Span): FrameRef {
    return newFrameObject(this.fn, name, size, align, span);
  }

  /** True when the current block is still open (code emitted now is reachable in program order). */
  get open(): boolean {
    return this.block !== undefined && this.block.term === undefined;
  }

  emit(i: Inst): void {
    const b = this.block;
    // Code after a return/goto is unreachable; give it a fresh block so the IR stays well-formed.
    if (b === undefined || b.term !== undefined) {
      this.block = this.newBlock("dead");
    }
    this.block!.insts.push(i);
  }

  mov(dst: VReg, src: Operand, span: Span, width: Width = 64): VReg {
    this.emit({ op: "mov", dst, src, width, span });
    return dst;
  }

  alu(alu: AluOp, dst: VReg, a: VReg, b: Operand, span: Span, width: Width = 64): VReg {
    this.emit({ op: "alu", alu, dst, a, b, width, span });
    return dst;
  }

  neg(dst: VReg, a: VReg, span: Span, width: Width = 64): VReg {
    this.emit({ op: "neg", dst, a, width, span });
    return dst;
  }

  ext(dst: VReg, a: VReg, from: 8 | 16 | 32, signed: boolean, span: Span): VReg {
    this.emit({ op: "ext", dst, a, from, signed, span });
    return dst;
  }

  endian(dst: VReg, a: VReg, kind: "be" | "le" | "swap", bits: 16 | 32 | 64, span: Span): VReg {
    this.emit({ op: "endian", dst, a, kind, bits, span });
    return dst;
  }

  setcc(dst: VReg, cond: Cond, a: VReg, b: Operand, span: Span, width: Width = 64): VReg {
    this.emit({ op: "setcc", dst, cond, a, b, width, span });
    return dst;
  }

  load(dst: VReg, base: Base, off: number, size: AccessSize, span: Span, signed = false): VReg {
    this.emit({ op: "load", dst, base, off, size, signed, span });
    return dst;
  }

  store(base: Base, off: number, size: AccessSize, value: Operand, span: Span): void {
    this.emit({ op: "store", base, off, size, value, span });
  }

  frameAddr(dst: VReg, frame: FrameRef, off: number, span: Span): VReg {
    this.emit({ op: "frameaddr", dst, frame: frame.frame, off, span });
    return dst;
  }

  mapFd(dst: VReg, map: string, span: Span): VReg {
    this.emit({ op: "mapfd", dst, map, span });
    return dst;
  }

  call(dst: VReg | undefined, helper: number, args: VReg[], span: Span): void {
    this.emit({ op: "call", dst, helper, args, span });
  }

  atomic(aop: AtomicOp, base: Base, off: number, size: 4 | 8, value: VReg, span: Span, dst?: VReg, expected?: VReg): void {
    const fetch = dst !== undefined || aop === "xchg" || aop === "cmpxchg";
    const i: Inst = { op: "atomic", aop, base, off, size, value, fetch, dst, span };
    if (expected !== undefined) i.expected = expected;
    this.emit(i);
  }

  zero(base: Base, off: number, size: number, align: number, span: Span): void {
    this.emit({ op: "zero", base, off, size, align, span });
  }

  copy(dstBase: Base, dstOff: number, srcBase: Base, srcOff: number, size: number, align: number, span: Span): void {
    this.emit({ op: "copy", dstBase, dstOff, srcBase, srcOff, size, align, span });
  }

  jmp(target: Block, span: Span): void {
    this.terminate({ op: "jmp", target: target.id, span });
  }

  br(cond: Cond, a: VReg, b: Operand, then: Block, els: Block, span: Span, width: Width = 64): void {
    this.terminate({ op: "br", cond, width, a, b, then: then.id, else: els.id, span });
  }

  ret(value: Operand, span: Span): void {
    this.terminate({ op: "ret", value, span });
  }

  private terminate(t: NonNullable<Block["term"]>): void {
    if (this.block === undefined || this.block.term !== undefined) this.block = this.newBlock("dead");
    this.block.term = t;
  }
}
