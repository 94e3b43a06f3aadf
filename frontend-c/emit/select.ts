/**
 * @fileoverview Instruction selection: allocated machine-form IR (all registers physical, frame laid
 * out) → a list of BPF instructions with symbolic jump targets (block labels), map relocations and
 * source spans. Each IR instruction maps to a fixed short sequence; the two-address constraints were
 * already honoured by the allocator, so `d = a op b` is at most `d = a; d op= b`.
 */
import type { Span } from "../diagnostics/diagnostic.ts";
import { InternalCompilerError } from "../diagnostics/diagnostic.ts";
import { fitsImm32, invertCond } from "../ir/fold.ts";
import { isFrame, isImm, type AluOp, type Base, type Cond, type Inst, type IrFunction, type Operand, type Terminator } from "../ir/ir.ts";
import type { FrameLayout } from "../regalloc/frame.ts";
import {
  AtomicOp, AluOp as Op, Class, Endian, JmpOp, Mode, Opcode, PseudoSrc, SIGNED_DIVMOD_OFF, Size, Source,
  insn, ldImm64, type Instruction,
} from "../../src/isa/instruction.ts";

/** One selected instruction, or a label marking the start of a block. */
export type MItem =
  | { kind: "insn"; insn: Instruction; span: Span | undefined; target?: number; reloc?: { map: string; kind: "fd" | "value"; offset: number } }
  | { kind: "label"; id: number };

const ALU: Record<AluOp, { op: number; off: number }> = {
  add: { op: Op.ADD, off: 0 }, sub: { op: Op.SUB, off: 0 }, mul: { op: Op.MUL, off: 0 },
  div: { op: Op.DIV, off: 0 }, sdiv: { op: Op.DIV, off: SIGNED_DIVMOD_OFF },
  mod: { op: Op.MOD, off: 0 }, smod: { op: Op.MOD, off: SIGNED_DIVMOD_OFF },
  or: { op: Op.OR, off: 0 }, and: { op: Op.AND, off: 0 }, xor: { op: Op.XOR, off: 0 },
  lsh: { op: Op.LSH, off: 0 }, rsh: { op: Op.RSH, off: 0 }, arsh: { op: Op.ARSH, off: 0 },
};

export const JMP: Record<Cond, number> = {
  eq: JmpOp.JEQ, ne: JmpOp.JNE, gt: JmpOp.JGT, ge: JmpOp.JGE, lt: JmpOp.JLT, le: JmpOp.JLE,
  sgt: JmpOp.JSGT, sge: JmpOp.JSGE, slt: JmpOp.JSLT, sle: JmpOp.JSLE, set: JmpOp.JSET,
};

const SIZE: Record<1 | 2 | 4 | 8, number> = { 1: Size.B, 2: Size.H, 4: Size.W, 8: Size.DW };

const ATOMIC: Record<string, number> = {
  add: AtomicOp.ADD, or: AtomicOp.OR, and: AtomicOp.AND, xor: AtomicOp.XOR, xchg: AtomicOp.XCHG, cmpxchg: AtomicOp.CMPXCHG,
};

export function selectFunction(fn: IrFunction, frame: FrameLayout): MItem[] {
  const out: MItem[] = [];
  const bug = (msg: string, span?: Span): never => {
    throw new InternalCompilerError("select", `${fn.name}: ${msg}`, span);
  };
  const frameOff = (id: number, off: number, span: Span): number => {
    const base = frame.offsets.get(id);
    if (base === undefined) bug(`frame object ${id} has no offset`, span);
    return base! + off;
  };
  let span: Span | undefined;
  const emit = (i: Instruction) => out.push({ kind: "insn", insn: i, span });
  const baseReg = (b: Base, off: number): [number, number] => (isFrame(b) ? [10, frameOff(b.frame, off, span!)] : [b, off]);
  // An explicit 32-bit move is never a no-op (it zero-extends); a 64-bit self-move is.
  const movReg = (d: number, s: number, w: 32 | 64) => {
    if (d !== s || w === 32) emit(insn((w === 64 ? Class.ALU64 : Class.ALU) | Op.MOV | Source.X, d, s, 0, 0));
  };
  // Two-address preparation `d = a` before `d op= x`: nothing to do when they already coincide.
  const copyReg = (d: number, s: number) => {
    if (d !== s) emit(insn(Class.ALU64 | Op.MOV | Source.X, d, s, 0, 0));
  };
  const movImm = (d: number, v: bigint, w: 32 | 64) => {
    if (w === 32) emit(insn(Class.ALU | Op.MOV | Source.K, d, 0, 0, Number(BigInt.asIntN(32, v))));
    else if (fitsImm32(v)) emit(insn(Class.ALU64 | Op.MOV | Source.K, d, 0, 0, Number(BigInt.asIntN(64, v))));
    // 0x80000000..0xffffffff: a 32-bit move zero-extends, one slot instead of LD_IMM64's two.
    else if (BigInt.asUintN(64, v) <= 0xffff_ffffn) emit(insn(Class.ALU | Op.MOV | Source.K, d, 0, 0, Number(BigInt.asIntN(32, v))));
    else emit(ldImm64(d, v));
  };
  const aluOp = (cls: number, op: number, off: number, d: number, b: Operand) => {
    if (isImm(b)) emit(insn(cls | op | Source.K, d, 0, off, Number(BigInt.asIntN(32, b.imm))));
    else emit(insn(cls | op | Source.X, d, b, off, 0));
  };
  const jump = (cond: Cond, w: 32 | 64, a: number, b: Operand, target: number) => {
    const cls = w === 64 ? Class.JMP : Class.JMP32;
    const code = JMP[cond];
    const i = isImm(b) ? insn(cls | code | Source.K, a, 0, 0, Number(BigInt.asIntN(32, b.imm))) : insn(cls | code | Source.X, a, b, 0, 0);
    out.push({ kind: "insn", insn: i, span, target });
  };
  const ja = (target: number) => out.push({ kind: "insn", insn: insn(Opcode.JA, 0, 0, 0, 0), span, target });

  const inst = (i: Inst) => {
    span = i.span;
    switch (i.op) {
      case "mov": {
        if (isImm(i.src)) movImm(i.dst, i.src.imm, i.width);
        else movReg(i.dst, i.src, i.width);
        break;
      }
      case "alu": {
        const cls = i.width === 64 ? Class.ALU64 : Class.ALU;
        const { op, off } = ALU[i.alu];
        let b = i.b;
        if (i.dst !== i.a) {
          if (!isImm(b) && b === i.dst) {
            // d = a op d: only valid when op commutes (the allocator keeps d and b apart otherwise).
            if (!(i.alu === "add" || i.alu === "mul" || i.alu === "or" || i.alu === "and" || i.alu === "xor")) {
              bug(`non-commutative ${i.alu} with dst == rhs`, i.span);
            }
            b = i.a;
          } else copyReg(i.dst, i.a);
        }
        aluOp(cls, op, off, i.dst, b);
        break;
      }
      case "neg": {
        copyReg(i.dst, i.a);
        emit(insn((i.width === 64 ? Class.ALU64 : Class.ALU) | Op.NEG | Source.K, i.dst, 0, 0, 0));
        break;
      }
      case "ext": {
        if (i.signed) emit(insn(Class.ALU64 | Op.MOV | Source.X, i.dst, i.a, i.from, 0)); // MOVSX (6.6+)
        else if (i.from === 32) emit(insn(Class.ALU | Op.MOV | Source.X, i.dst, i.a, 0, 0));
        else {
          copyReg(i.dst, i.a);
          emit(insn(Class.ALU64 | Op.AND | Source.K, i.dst, 0, 0, i.from === 8 ? 0xff : 0xffff));
        }
        break;
      }
      case "endian": {
        copyReg(i.dst, i.a);
        if (i.kind === "swap") emit(insn(Class.ALU64 | Op.END | Endian.TO_LE, i.dst, 0, 0, i.bits));
        else emit(insn(Class.ALU | Op.END | (i.kind === "be" ? Endian.TO_BE : Endian.TO_LE), i.dst, 0, 0, i.bits));
        break;
      }
      case "setcc": {
        if (i.dst === i.a || i.b === i.dst) bug("setcc dst overlaps an operand", i.span);
        movImm(i.dst, 1n, 64);
        const skip = -1 - out.length; // a local label: negative ids never clash with block ids
        jump(i.cond, i.width, i.a, i.b, skip);
        movImm(i.dst, 0n, 64);
        out.push({ kind: "label", id: skip });
        break;
      }
      case "load": {
        const [r, off] = baseReg(i.base, i.off);
        const mode = i.signed && i.size < 8 ? Mode.MEMSX : Mode.MEM;
        emit(insn(Class.LDX | mode | SIZE[i.size], i.dst, r, off, 0));
        break;
      }
      case "store": {
        const [r, off] = baseReg(i.base, i.off);
        if (isImm(i.value)) emit(insn(Class.ST | Mode.MEM | SIZE[i.size], r, 0, off, Number(BigInt.asIntN(32, i.value.imm))));
        else emit(insn(Class.STX | Mode.MEM | SIZE[i.size], r, i.value, off, 0));
        break;
      }
      case "frameaddr": {
        copyReg(i.dst, 10);
        const off = frameOff(i.frame, i.off, i.span);
        if (off !== 0) emit(insn(Class.ALU64 | Op.ADD | Source.K, i.dst, 0, 0, off));
        break;
      }
      case "mapfd":
        out.push({ kind: "insn", insn: ldImm64(i.dst, 0n, PseudoSrc.MAP_FD), span, reloc: { map: i.map, kind: "fd", offset: 0 } });
        break;
      case "mapvalue":
        out.push({
          kind: "insn", insn: ldImm64(i.dst, BigInt(i.off) << 32n, PseudoSrc.MAP_VALUE), span,
          reloc: { map: i.map, kind: "value", offset: i.off },
        });
        break;
      case "call":
        emit(insn(Opcode.CALL, 0, 0, 0, i.helper));
        break;
      case "calllocal":
        bug(`BPF-to-BPF calls are not supported yet (call to ${i.callee})`, i.span);
        break;
      case "atomic": {
        const [r, off] = baseReg(i.base, i.off);
        if (i.fetch && i.aop !== "cmpxchg" && i.dst !== i.value) bug("fetching atomic with dst != value", i.span);
        const imm = ATOMIC[i.aop]! | (i.fetch ? AtomicOp.FETCH : 0);
        emit(insn(Class.STX | Mode.ATOMIC | (i.size === 8 ? Size.DW : Size.W), r, i.value, off, imm));
        break;
      }
      case "zero": case "copy":
        bug(`${i.op} must be expanded before selection`, i.span);
    }
  };

  fn.blocks.forEach((b, idx) => {
    out.push({ kind: "label", id: b.id });
    for (const i of b.insts) inst(i);
    const t: Terminator = b.term!;
    span = t.span;
    const next = fn.blocks[idx + 1]?.id;
    switch (t.op) {
      case "ret":
        if (t.value !== 0) bug("ret value must be in r0 in machine form", t.span);
        emit(insn(Opcode.EXIT, 0, 0, 0, 0));
        break;
      case "jmp":
        if (t.target !== next) ja(t.target);
        break;
      case "br": {
        const inv = invertCond(t.cond);
        if (t.then === next && inv !== undefined) {
          jump(inv, t.width, t.a, t.b, t.else);
        } else {
          jump(t.cond, t.width, t.a, t.b, t.then);
          if (t.else !== next) ja(t.else);
        }
        break;
      }
    }
  });
  return out;
}
