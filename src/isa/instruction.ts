/**
 * @fileoverview The `Instruction` value: one eBPF instruction as the kernel's `struct bpf_insn`.
 *
 * Representation choices (the rest of the code base relies on these):
 * - An `Instruction` is the raw 8-byte slot: opcode byte, 4-bit dst and src registers, signed 16-bit
 *   `off`, signed 32-bit `imm`. No symbolic information lives here; relocations (map names, BTF
 *   ids, call targets) are kept beside the instruction list by whoever needs them.
 * - LD_IMM64 (opcode 0x18) is ONE `Instruction` that occupies TWO slots in the encoded program.
 *   Its full immediate is `imm64` (an unsigned 64-bit bigint); `imm` mirrors the low 32 bits as a
 *   signed number so code that only looks at `imm` (e.g. a map fd in a MAP_FD load) still works.
 *   `ldImm64()` keeps the two consistent; the encoder writes `imm64` when present.
 * - Jump and call offsets are counted in SLOTS, as the kernel counts them: an LD_IMM64 between a
 *   jump and its target counts twice. `slotCount`/`slotIndices` convert between the two views.
 */

import { Opcode, PseudoSrc } from "./opcodes.ts";

export * from "./opcodes.ts";

/** One eBPF instruction. Treat as immutable. */
export interface Instruction {
  /** Opcode byte (0..255). */
  readonly code: number;
  /** Destination register (0..15; only 0..10 are valid registers). */
  readonly dst: number;
  /** Source register, or a pseudo selector for CALL / LD_IMM64 (0..15). */
  readonly src: number;
  /** Signed 16-bit offset (memory displacement, jump offset in slots, or variant selector). */
  readonly off: number;
  /** Signed 32-bit immediate. For LD_IMM64: the low 32 bits of `imm64`, sign-interpreted. */
  readonly imm: number;
  /** LD_IMM64 only: the full 64-bit immediate, normalised to 0..2^64-1. */
  readonly imm64?: bigint;
}

/** Thrown for values that cannot be an instruction (out-of-range fields, malformed bytes). */
export class InstructionError extends Error {
  override readonly name: string = "InstructionError";
  constructor(
    message: string,
    /** Index of the offending instruction or slot, when known. */
    readonly index?: number,
  ) {
    super(index === undefined ? message : `instruction ${index}: ${message}`);
  }
}

/**
 * Builds an instruction from raw fields; fields are range-checked. For LD_IMM64 the immediate is
 * zero-extended into `imm64` so the value has the same shape `decode` produces (prefer `ldImm64`).
 */
export function insn(code: number, dst: number, src: number, off: number, imm: number): Instruction {
  const value: Instruction = code === Opcode.LD_IMM64
    ? { code, dst, src, off, imm, imm64: BigInt(imm >>> 0) }
    : { code, dst, src, off, imm };
  checkFields(value);
  return value;
}

/**
 * Builds an LD_IMM64 (`dst = value`) with an optional pseudo source (map fd, map value, ...).
 * Negative values are stored in two's complement, so `ldImm64(R1, -1n)` loads 0xffffffffffffffff.
 */
export function ldImm64(dst: number, value: bigint, src: number = PseudoSrc.NONE): Instruction {
  const imm64 = BigInt.asUintN(64, value);
  const value64 = {
    code: Opcode.LD_IMM64,
    dst,
    src,
    off: 0,
    imm: Number(BigInt.asIntN(32, imm64)),
    imm64,
  };
  checkFields(value64);
  return value64;
}

/** True for the two-slot LD_IMM64 instruction. */
export function isLdImm64(insn: Instruction): boolean {
  return insn.code === Opcode.LD_IMM64;
}

/** The 64-bit immediate of an LD_IMM64 (from `imm64`, or from `imm` zero-extended if absent). */
export function imm64Of(insn: Instruction): bigint {
  return insn.imm64 ?? BigInt(insn.imm >>> 0);
}

/** Number of 8-byte slots an instruction occupies when encoded (2 for LD_IMM64, else 1). */
export function slotCount(insn: Instruction): 1 | 2 {
  return insn.code === Opcode.LD_IMM64 ? 2 : 1;
}

/** Total number of slots of a program (what the kernel calls insn_cnt). */
export function programSlots(insns: readonly Instruction[]): number {
  let n = 0;
  for (const i of insns) n += slotCount(i);
  return n;
}

/**
 * Slot index of every instruction, plus one trailing entry with the total slot count, so
 * `slots[i + 1] - slots[i]` is the size of instruction i. Jump offsets are differences of these.
 */
export function slotIndices(insns: readonly Instruction[]): number[] {
  const slots = new Array<number>(insns.length + 1);
  let n = 0;
  for (let i = 0; i < insns.length; i++) {
    slots[i] = n;
    n += slotCount(insns[i]!);
  }
  slots[insns.length] = n;
  return slots;
}

/** Structural equality, including `imm64`. */
export function instructionsEqual(a: Instruction, b: Instruction): boolean {
  return (
    a.code === b.code &&
    a.dst === b.dst &&
    a.src === b.src &&
    a.off === b.off &&
    a.imm === b.imm &&
    (a.code === Opcode.LD_IMM64 ? imm64Of(a) === imm64Of(b) : true)
  );
}

const isIntIn = (v: number, lo: number, hi: number): boolean => Number.isInteger(v) && v >= lo && v <= hi;

/** Throws `InstructionError` if a field does not fit its bit width. */
export function checkFields(insn: Instruction, index?: number): void {
  if (!isIntIn(insn.code, 0, 0xff)) throw new InstructionError(`opcode ${insn.code} is not a byte`, index);
  if (!isIntIn(insn.dst, 0, 15)) throw new InstructionError(`dst register ${insn.dst} out of range 0..15`, index);
  if (!isIntIn(insn.src, 0, 15)) throw new InstructionError(`src register ${insn.src} out of range 0..15`, index);
  if (!isIntIn(insn.off, -0x8000, 0x7fff)) throw new InstructionError(`offset ${insn.off} does not fit in s16`, index);
  if (!isIntIn(insn.imm, -0x8000_0000, 0x7fff_ffff)) {
    throw new InstructionError(`immediate ${insn.imm} does not fit in s32`, index);
  }
  if (insn.imm64 !== undefined) {
    if (insn.code !== Opcode.LD_IMM64) throw new InstructionError("imm64 is only valid on LD_IMM64", index);
    if (insn.imm64 < 0n || insn.imm64 > 0xffff_ffff_ffff_ffffn) {
      throw new InstructionError(`imm64 ${insn.imm64} is not normalised to u64`, index);
    }
    if (Number(BigInt.asIntN(32, insn.imm64)) !== insn.imm) {
      throw new InstructionError("imm does not match the low 32 bits of imm64", index);
    }
  }
}
