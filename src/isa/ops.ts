/**
 * @fileoverview Pure constructors for every eBPF instruction form: `mov64Imm(R1, 0)` returns the
 * `Instruction` for "r1 = 0". The compiler back end uses these directly; the `Assembler`
 * (builder.ts) wraps them and adds labels. Jump constructors here take raw slot offsets.
 *
 * Argument order follows the kernel's instruction macros (include/linux/filter.h):
 * loads `(dst, src, off)`, register stores `(dst, src, off)` meaning `*(dst + off) = src`,
 * immediate stores `(dst, off, imm)`, atomics `(dst, src, off)` meaning `*(dst + off) op= src`.
 */

import { insn, type Instruction, ldImm64 } from "./instruction.ts";
import {
  AluOp,
  AtomicOp,
  CallSrc,
  Class,
  Endian,
  JcondSrc,
  JmpOp,
  Mode,
  Opcode,
  PseudoSrc,
  type Register,
  SIGNED_DIVMOD_OFF,
  Size,
  Source,
} from "./opcodes.ts";

/** The arithmetic operations that take an operand (everything except NEG and END). */
export type BinaryAluOp = Exclude<AluOp, typeof AluOp.NEG | typeof AluOp.END>;
/** The conditional jump operations. */
export type CondJmpOp = Exclude<JmpOp, typeof JmpOp.JA | typeof JmpOp.CALL | typeof JmpOp.EXIT | typeof JmpOp.JCOND>;
/** The read-modify-write atomic operations (imm of STX|ATOMIC), excluding load-acquire/store-release. */
export type RmwAtomicOp = Exclude<AtomicOp, typeof AtomicOp.LOAD_ACQ | typeof AtomicOp.STORE_REL>;
/** Widths accepted by byte-order instructions. */
export type SwapWidth = 16 | 32 | 64;

// ---- generic forms ----

export const alu64Imm = (op: BinaryAluOp, dst: Register, imm: number, off = 0): Instruction =>
  insn(Class.ALU64 | op | Source.K, dst, 0, off, imm);
export const alu64Reg = (op: BinaryAluOp, dst: Register, src: Register, off = 0): Instruction =>
  insn(Class.ALU64 | op | Source.X, dst, src, off, 0);
export const alu32Imm = (op: BinaryAluOp, dst: Register, imm: number, off = 0): Instruction =>
  insn(Class.ALU | op | Source.K, dst, 0, off, imm);
export const alu32Reg = (op: BinaryAluOp, dst: Register, src: Register, off = 0): Instruction =>
  insn(Class.ALU | op | Source.X, dst, src, off, 0);

export const jmpImm = (op: CondJmpOp, dst: Register, imm: number, off: number): Instruction =>
  insn(Class.JMP | op | Source.K, dst, 0, off, imm);
export const jmpReg = (op: CondJmpOp, dst: Register, src: Register, off: number): Instruction =>
  insn(Class.JMP | op | Source.X, dst, src, off, 0);
export const jmp32Imm = (op: CondJmpOp, dst: Register, imm: number, off: number): Instruction =>
  insn(Class.JMP32 | op | Source.K, dst, 0, off, imm);
export const jmp32Reg = (op: CondJmpOp, dst: Register, src: Register, off: number): Instruction =>
  insn(Class.JMP32 | op | Source.X, dst, src, off, 0);

export const ldx = (size: Size, dst: Register, src: Register, off: number): Instruction =>
  insn(Class.LDX | Mode.MEM | size, dst, src, off, 0);
/** Sign-extending load (kernel 6.6+); DW has no sign-extending form. */
export const ldxsx = (size: Exclude<Size, typeof Size.DW>, dst: Register, src: Register, off: number): Instruction =>
  insn(Class.LDX | Mode.MEMSX | size, dst, src, off, 0);
export const stx = (size: Size, dst: Register, src: Register, off: number): Instruction =>
  insn(Class.STX | Mode.MEM | size, dst, src, off, 0);
export const st = (size: Size, dst: Register, off: number, imm: number): Instruction =>
  insn(Class.ST | Mode.MEM | size, dst, 0, off, imm);

/** Read-modify-write atomic on 32 or 64 bits (`AtomicOp.ADD | AtomicOp.FETCH`, `XCHG`, ...). */
export const atomic = (size: typeof Size.W | typeof Size.DW, op: RmwAtomicOp, dst: Register, src: Register, off: number): Instruction =>
  insn(Class.STX | Mode.ATOMIC | size, dst, src, off, op);
/** `dst = load_acquire(*(size *)(src + off))` (kernel 6.15+). */
export const loadAcquire = (size: Size, dst: Register, src: Register, off: number): Instruction =>
  insn(Class.STX | Mode.ATOMIC | size, dst, src, off, AtomicOp.LOAD_ACQ);
/** `store_release(*(size *)(dst + off), src)` (kernel 6.15+). */
export const storeRelease = (size: Size, dst: Register, src: Register, off: number): Instruction =>
  insn(Class.STX | Mode.ATOMIC | size, dst, src, off, AtomicOp.STORE_REL);

// ---- ALU64 ----

export const mov64Imm = (dst: Register, imm: number): Instruction => alu64Imm(AluOp.MOV, dst, imm);
export const mov64Reg = (dst: Register, src: Register): Instruction => alu64Reg(AluOp.MOV, dst, src);
export const add64Imm = (dst: Register, imm: number): Instruction => alu64Imm(AluOp.ADD, dst, imm);
export const add64Reg = (dst: Register, src: Register): Instruction => alu64Reg(AluOp.ADD, dst, src);
export const sub64Imm = (dst: Register, imm: number): Instruction => alu64Imm(AluOp.SUB, dst, imm);
export const sub64Reg = (dst: Register, src: Register): Instruction => alu64Reg(AluOp.SUB, dst, src);
export const mul64Imm = (dst: Register, imm: number): Instruction => alu64Imm(AluOp.MUL, dst, imm);
export const mul64Reg = (dst: Register, src: Register): Instruction => alu64Reg(AluOp.MUL, dst, src);
export const div64Imm = (dst: Register, imm: number): Instruction => alu64Imm(AluOp.DIV, dst, imm);
export const div64Reg = (dst: Register, src: Register): Instruction => alu64Reg(AluOp.DIV, dst, src);
export const sdiv64Imm = (dst: Register, imm: number): Instruction => alu64Imm(AluOp.DIV, dst, imm, SIGNED_DIVMOD_OFF);
export const sdiv64Reg = (dst: Register, src: Register): Instruction => alu64Reg(AluOp.DIV, dst, src, SIGNED_DIVMOD_OFF);
export const mod64Imm = (dst: Register, imm: number): Instruction => alu64Imm(AluOp.MOD, dst, imm);
export const mod64Reg = (dst: Register, src: Register): Instruction => alu64Reg(AluOp.MOD, dst, src);
export const smod64Imm = (dst: Register, imm: number): Instruction => alu64Imm(AluOp.MOD, dst, imm, SIGNED_DIVMOD_OFF);
export const smod64Reg = (dst: Register, src: Register): Instruction => alu64Reg(AluOp.MOD, dst, src, SIGNED_DIVMOD_OFF);
export const or64Imm = (dst: Register, imm: number): Instruction => alu64Imm(AluOp.OR, dst, imm);
export const or64Reg = (dst: Register, src: Register): Instruction => alu64Reg(AluOp.OR, dst, src);
export const and64Imm = (dst: Register, imm: number): Instruction => alu64Imm(AluOp.AND, dst, imm);
export const and64Reg = (dst: Register, src: Register): Instruction => alu64Reg(AluOp.AND, dst, src);
export const xor64Imm = (dst: Register, imm: number): Instruction => alu64Imm(AluOp.XOR, dst, imm);
export const xor64Reg = (dst: Register, src: Register): Instruction => alu64Reg(AluOp.XOR, dst, src);
export const lsh64Imm = (dst: Register, imm: number): Instruction => alu64Imm(AluOp.LSH, dst, imm);
export const lsh64Reg = (dst: Register, src: Register): Instruction => alu64Reg(AluOp.LSH, dst, src);
export const rsh64Imm = (dst: Register, imm: number): Instruction => alu64Imm(AluOp.RSH, dst, imm);
export const rsh64Reg = (dst: Register, src: Register): Instruction => alu64Reg(AluOp.RSH, dst, src);
export const arsh64Imm = (dst: Register, imm: number): Instruction => alu64Imm(AluOp.ARSH, dst, imm);
export const arsh64Reg = (dst: Register, src: Register): Instruction => alu64Reg(AluOp.ARSH, dst, src);
export const neg64 = (dst: Register): Instruction => insn(Class.ALU64 | AluOp.NEG | Source.K, dst, 0, 0, 0);
/** `dst = (s8|s16|s32)src` sign-extending move (kernel 6.6+). */
export const movsx64 = (dst: Register, src: Register, bits: 8 | 16 | 32): Instruction => alu64Reg(AluOp.MOV, dst, src, bits);
/** Unconditional byte swap of the low `bits` (ALU64|END, kernel 6.6+). */
export const bswap = (dst: Register, bits: SwapWidth): Instruction => insn(Class.ALU64 | AluOp.END | Endian.TO_LE, dst, 0, 0, bits);

// ---- ALU (32-bit; results are zero-extended into the 64-bit register) ----

export const mov32Imm = (dst: Register, imm: number): Instruction => alu32Imm(AluOp.MOV, dst, imm);
export const mov32Reg = (dst: Register, src: Register): Instruction => alu32Reg(AluOp.MOV, dst, src);
export const add32Imm = (dst: Register, imm: number): Instruction => alu32Imm(AluOp.ADD, dst, imm);
export const add32Reg = (dst: Register, src: Register): Instruction => alu32Reg(AluOp.ADD, dst, src);
export const sub32Imm = (dst: Register, imm: number): Instruction => alu32Imm(AluOp.SUB, dst, imm);
export const sub32Reg = (dst: Register, src: Register): Instruction => alu32Reg(AluOp.SUB, dst, src);
export const mul32Imm = (dst: Register, imm: number): Instruction => alu32Imm(AluOp.MUL, dst, imm);
export const mul32Reg = (dst: Register, src: Register): Instruction => alu32Reg(AluOp.MUL, dst, src);
export const div32Imm = (dst: Register, imm: number): Instruction => alu32Imm(AluOp.DIV, dst, imm);
export const div32Reg = (dst: Register, src: Register): Instruction => alu32Reg(AluOp.DIV, dst, src);
export const sdiv32Imm = (dst: Register, imm: number): Instruction => alu32Imm(AluOp.DIV, dst, imm, SIGNED_DIVMOD_OFF);
export const sdiv32Reg = (dst: Register, src: Register): Instruction => alu32Reg(AluOp.DIV, dst, src, SIGNED_DIVMOD_OFF);
export const mod32Imm = (dst: Register, imm: number): Instruction => alu32Imm(AluOp.MOD, dst, imm);
export const mod32Reg = (dst: Register, src: Register): Instruction => alu32Reg(AluOp.MOD, dst, src);
export const smod32Imm = (dst: Register, imm: number): Instruction => alu32Imm(AluOp.MOD, dst, imm, SIGNED_DIVMOD_OFF);
export const smod32Reg = (dst: Register, src: Register): Instruction => alu32Reg(AluOp.MOD, dst, src, SIGNED_DIVMOD_OFF);
export const or32Imm = (dst: Register, imm: number): Instruction => alu32Imm(AluOp.OR, dst, imm);
export const or32Reg = (dst: Register, src: Register): Instruction => alu32Reg(AluOp.OR, dst, src);
export const and32Imm = (dst: Register, imm: number): Instruction => alu32Imm(AluOp.AND, dst, imm);
export const and32Reg = (dst: Register, src: Register): Instruction => alu32Reg(AluOp.AND, dst, src);
export const xor32Imm = (dst: Register, imm: number): Instruction => alu32Imm(AluOp.XOR, dst, imm);
export const xor32Reg = (dst: Register, src: Register): Instruction => alu32Reg(AluOp.XOR, dst, src);
export const lsh32Imm = (dst: Register, imm: number): Instruction => alu32Imm(AluOp.LSH, dst, imm);
export const lsh32Reg = (dst: Register, src: Register): Instruction => alu32Reg(AluOp.LSH, dst, src);
export const rsh32Imm = (dst: Register, imm: number): Instruction => alu32Imm(AluOp.RSH, dst, imm);
export const rsh32Reg = (dst: Register, src: Register): Instruction => alu32Reg(AluOp.RSH, dst, src);
export const arsh32Imm = (dst: Register, imm: number): Instruction => alu32Imm(AluOp.ARSH, dst, imm);
export const arsh32Reg = (dst: Register, src: Register): Instruction => alu32Reg(AluOp.ARSH, dst, src);
export const neg32 = (dst: Register): Instruction => insn(Class.ALU | AluOp.NEG | Source.K, dst, 0, 0, 0);
/** `wdst = (s8|s16)wsrc` (kernel 6.6+). */
export const movsx32 = (dst: Register, src: Register, bits: 8 | 16): Instruction => alu32Reg(AluOp.MOV, dst, src, bits);
/** Convert the low `bits` from host order to big-endian (`r1 = be16 r1`); a no-op swap on BE hosts. */
export const toBe = (dst: Register, bits: SwapWidth): Instruction => insn(Class.ALU | AluOp.END | Endian.TO_BE, dst, 0, 0, bits);
/** Convert the low `bits` from host order to little-endian (`r1 = le32 r1`, truncates on LE hosts). */
export const toLe = (dst: Register, bits: SwapWidth): Instruction => insn(Class.ALU | AluOp.END | Endian.TO_LE, dst, 0, 0, bits);

// ---- memory ----

export const ldxB = (dst: Register, src: Register, off: number): Instruction => ldx(Size.B, dst, src, off);
export const ldxH = (dst: Register, src: Register, off: number): Instruction => ldx(Size.H, dst, src, off);
export const ldxW = (dst: Register, src: Register, off: number): Instruction => ldx(Size.W, dst, src, off);
export const ldxDW = (dst: Register, src: Register, off: number): Instruction => ldx(Size.DW, dst, src, off);
export const ldxsxB = (dst: Register, src: Register, off: number): Instruction => ldxsx(Size.B, dst, src, off);
export const ldxsxH = (dst: Register, src: Register, off: number): Instruction => ldxsx(Size.H, dst, src, off);
export const ldxsxW = (dst: Register, src: Register, off: number): Instruction => ldxsx(Size.W, dst, src, off);
export const stxB = (dst: Register, src: Register, off: number): Instruction => stx(Size.B, dst, src, off);
export const stxH = (dst: Register, src: Register, off: number): Instruction => stx(Size.H, dst, src, off);
export const stxW = (dst: Register, src: Register, off: number): Instruction => stx(Size.W, dst, src, off);
export const stxDW = (dst: Register, src: Register, off: number): Instruction => stx(Size.DW, dst, src, off);
export const stB = (dst: Register, off: number, imm: number): Instruction => st(Size.B, dst, off, imm);
export const stH = (dst: Register, off: number, imm: number): Instruction => st(Size.H, dst, off, imm);
export const stW = (dst: Register, off: number, imm: number): Instruction => st(Size.W, dst, off, imm);
export const stDW = (dst: Register, off: number, imm: number): Instruction => st(Size.DW, dst, off, imm);

/** Legacy packet load `r0 = *(size *)skb[imm]` (socket filters; clobbers r1-r5). */
export const ldAbs = (size: Exclude<Size, typeof Size.DW>, imm: number): Instruction => insn(Class.LD | Mode.ABS | size, 0, 0, 0, imm);
/** Legacy packet load `r0 = *(size *)skb[src + imm]`. */
export const ldInd = (size: Exclude<Size, typeof Size.DW>, src: Register, imm: number): Instruction =>
  insn(Class.LD | Mode.IND | size, 0, src, 0, imm);

// ---- 64-bit immediates ----

/** `dst = value` as LD_IMM64 (two slots). Numbers must be safe integers. */
export function ldImm64Value(dst: Register, value: bigint | number): Instruction {
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    throw new RangeError(`ldImm64 value ${value} is not a safe integer; pass a bigint`);
  }
  return ldImm64(dst, BigInt(value));
}
const u32 = (what: string, v: number): bigint => {
  if (!Number.isInteger(v) || v < 0 || v > 0xffff_ffff) throw new RangeError(`${what} ${v} is not a u32`);
  return BigInt(v);
};
/** `dst = map` by fd (BPF_PSEUDO_MAP_FD). */
export const ldMapFd = (dst: Register, fd: number): Instruction => ldImm64(dst, u32("map fd", fd), PseudoSrc.MAP_FD);
/** `dst = &map_value + offset` by fd (BPF_PSEUDO_MAP_VALUE, global data). */
export const ldMapValue = (dst: Register, fd: number, offset: number): Instruction =>
  ldImm64(dst, (u32("offset", offset) << 32n) | u32("map fd", fd), PseudoSrc.MAP_VALUE);
/** `dst = map` by index into the fd_array load attribute (BPF_PSEUDO_MAP_IDX). */
export const ldMapIdx = (dst: Register, index: number): Instruction => ldImm64(dst, u32("map index", index), PseudoSrc.MAP_IDX);
/** `dst = &map_value + offset` by fd_array index (BPF_PSEUDO_MAP_IDX_VALUE). */
export const ldMapIdxValue = (dst: Register, index: number, offset: number): Instruction =>
  ldImm64(dst, (u32("offset", offset) << 32n) | u32("map index", index), PseudoSrc.MAP_IDX_VALUE);
/** `dst = &ksym` by BTF id of a kernel variable (BPF_PSEUDO_BTF_ID). */
export const ldBtfId = (dst: Register, btfId: number): Instruction => ldImm64(dst, u32("BTF id", btfId), PseudoSrc.BTF_ID);
/**
 * `dst = &subprog` where `off` is the function's slot offset from the next slot (BPF_PSEUDO_FUNC).
 * The offset is an s32 in the first slot's imm; the second slot's imm stays 0, as the kernel expects.
 */
export function ldFunc(dst: Register, off: number): Instruction {
  if (!Number.isInteger(off) || off < -0x8000_0000 || off > 0x7fff_ffff) throw new RangeError(`function offset ${off} is not an s32`);
  return ldImm64(dst, BigInt(off >>> 0), PseudoSrc.FUNC);
}

// ---- control flow (raw offsets, in slots, relative to the next slot) ----

export const ja = (off: number): Instruction => insn(Opcode.JA, 0, 0, off, 0);
/** `gotol`: unconditional jump with a 32-bit offset in imm (kernel 6.6+). */
export const ja32 = (imm: number): Instruction => insn(Opcode.JA32, 0, 0, 0, imm);
/** `may_goto` (kernel 6.9+): the verifier bounds how often the fall-through path runs. */
export const mayGoto = (off: number): Instruction => insn(Class.JMP | JmpOp.JCOND | Source.K, 0, JcondSrc.MAY_GOTO, off, 0);
/** Helper call by id (helpers.ts). */
export const callHelper = (id: number): Instruction => insn(Opcode.CALL, 0, CallSrc.HELPER, 0, id);
/** BPF-to-BPF call; `imm` is the target's slot offset from the next slot. */
export const callLocal = (imm: number): Instruction => insn(Opcode.CALL, 0, CallSrc.PSEUDO_CALL, 0, imm);
/** kfunc call by BTF id; `off` is 0 for vmlinux or the 1-based index into fd_array for module BTF. */
export const callKfunc = (btfId: number, off = 0): Instruction => insn(Opcode.CALL, 0, CallSrc.PSEUDO_KFUNC_CALL, off, btfId);
export const exit = (): Instruction => insn(Opcode.EXIT, 0, 0, 0, 0);

// ---- conditional jumps (raw offsets in slots) ----

export const jeqImm = (dst: Register, imm: number, off: number): Instruction => jmpImm(JmpOp.JEQ, dst, imm, off);
export const jeqReg = (dst: Register, src: Register, off: number): Instruction => jmpReg(JmpOp.JEQ, dst, src, off);
export const jeq32Imm = (dst: Register, imm: number, off: number): Instruction => jmp32Imm(JmpOp.JEQ, dst, imm, off);
export const jeq32Reg = (dst: Register, src: Register, off: number): Instruction => jmp32Reg(JmpOp.JEQ, dst, src, off);
export const jneImm = (dst: Register, imm: number, off: number): Instruction => jmpImm(JmpOp.JNE, dst, imm, off);
export const jneReg = (dst: Register, src: Register, off: number): Instruction => jmpReg(JmpOp.JNE, dst, src, off);
export const jne32Imm = (dst: Register, imm: number, off: number): Instruction => jmp32Imm(JmpOp.JNE, dst, imm, off);
export const jne32Reg = (dst: Register, src: Register, off: number): Instruction => jmp32Reg(JmpOp.JNE, dst, src, off);
export const jgtImm = (dst: Register, imm: number, off: number): Instruction => jmpImm(JmpOp.JGT, dst, imm, off);
export const jgtReg = (dst: Register, src: Register, off: number): Instruction => jmpReg(JmpOp.JGT, dst, src, off);
export const jgt32Imm = (dst: Register, imm: number, off: number): Instruction => jmp32Imm(JmpOp.JGT, dst, imm, off);
export const jgt32Reg = (dst: Register, src: Register, off: number): Instruction => jmp32Reg(JmpOp.JGT, dst, src, off);
export const jgeImm = (dst: Register, imm: number, off: number): Instruction => jmpImm(JmpOp.JGE, dst, imm, off);
export const jgeReg = (dst: Register, src: Register, off: number): Instruction => jmpReg(JmpOp.JGE, dst, src, off);
export const jge32Imm = (dst: Register, imm: number, off: number): Instruction => jmp32Imm(JmpOp.JGE, dst, imm, off);
export const jge32Reg = (dst: Register, src: Register, off: number): Instruction => jmp32Reg(JmpOp.JGE, dst, src, off);
export const jltImm = (dst: Register, imm: number, off: number): Instruction => jmpImm(JmpOp.JLT, dst, imm, off);
export const jltReg = (dst: Register, src: Register, off: number): Instruction => jmpReg(JmpOp.JLT, dst, src, off);
export const jlt32Imm = (dst: Register, imm: number, off: number): Instruction => jmp32Imm(JmpOp.JLT, dst, imm, off);
export const jlt32Reg = (dst: Register, src: Register, off: number): Instruction => jmp32Reg(JmpOp.JLT, dst, src, off);
export const jleImm = (dst: Register, imm: number, off: number): Instruction => jmpImm(JmpOp.JLE, dst, imm, off);
export const jleReg = (dst: Register, src: Register, off: number): Instruction => jmpReg(JmpOp.JLE, dst, src, off);
export const jle32Imm = (dst: Register, imm: number, off: number): Instruction => jmp32Imm(JmpOp.JLE, dst, imm, off);
export const jle32Reg = (dst: Register, src: Register, off: number): Instruction => jmp32Reg(JmpOp.JLE, dst, src, off);
export const jsetImm = (dst: Register, imm: number, off: number): Instruction => jmpImm(JmpOp.JSET, dst, imm, off);
export const jsetReg = (dst: Register, src: Register, off: number): Instruction => jmpReg(JmpOp.JSET, dst, src, off);
export const jset32Imm = (dst: Register, imm: number, off: number): Instruction => jmp32Imm(JmpOp.JSET, dst, imm, off);
export const jset32Reg = (dst: Register, src: Register, off: number): Instruction => jmp32Reg(JmpOp.JSET, dst, src, off);
export const jsgtImm = (dst: Register, imm: number, off: number): Instruction => jmpImm(JmpOp.JSGT, dst, imm, off);
export const jsgtReg = (dst: Register, src: Register, off: number): Instruction => jmpReg(JmpOp.JSGT, dst, src, off);
export const jsgt32Imm = (dst: Register, imm: number, off: number): Instruction => jmp32Imm(JmpOp.JSGT, dst, imm, off);
export const jsgt32Reg = (dst: Register, src: Register, off: number): Instruction => jmp32Reg(JmpOp.JSGT, dst, src, off);
export const jsgeImm = (dst: Register, imm: number, off: number): Instruction => jmpImm(JmpOp.JSGE, dst, imm, off);
export const jsgeReg = (dst: Register, src: Register, off: number): Instruction => jmpReg(JmpOp.JSGE, dst, src, off);
export const jsge32Imm = (dst: Register, imm: number, off: number): Instruction => jmp32Imm(JmpOp.JSGE, dst, imm, off);
export const jsge32Reg = (dst: Register, src: Register, off: number): Instruction => jmp32Reg(JmpOp.JSGE, dst, src, off);
export const jsltImm = (dst: Register, imm: number, off: number): Instruction => jmpImm(JmpOp.JSLT, dst, imm, off);
export const jsltReg = (dst: Register, src: Register, off: number): Instruction => jmpReg(JmpOp.JSLT, dst, src, off);
export const jslt32Imm = (dst: Register, imm: number, off: number): Instruction => jmp32Imm(JmpOp.JSLT, dst, imm, off);
export const jslt32Reg = (dst: Register, src: Register, off: number): Instruction => jmp32Reg(JmpOp.JSLT, dst, src, off);
export const jsleImm = (dst: Register, imm: number, off: number): Instruction => jmpImm(JmpOp.JSLE, dst, imm, off);
export const jsleReg = (dst: Register, src: Register, off: number): Instruction => jmpReg(JmpOp.JSLE, dst, src, off);
export const jsle32Imm = (dst: Register, imm: number, off: number): Instruction => jmp32Imm(JmpOp.JSLE, dst, imm, off);
export const jsle32Reg = (dst: Register, src: Register, off: number): Instruction => jmp32Reg(JmpOp.JSLE, dst, src, off);
