/**
 * @fileoverview Instruction[] -> bytes, in the layout of the kernel's `struct bpf_insn`.
 *
 * Each slot is 8 bytes: u8 code, u8 registers (dst in the low nibble, src in the high nibble, which
 * is how the C bitfields `dst_reg:4, src_reg:4` lay out on little-endian hosts), s16 off, s32 imm,
 * all little-endian. bpf() takes instructions in host order; we only target little-endian hosts
 * (x86_64, arm64), so the byte order is fixed here rather than probed.
 * An LD_IMM64 becomes two slots: the first carries code/dst/src/off and the low 32 bits of the
 * immediate, the second is all zero except `imm` = the high 32 bits.
 */

import { checkFields, imm64Of, type Instruction, InstructionError, programSlots } from "./instruction.ts";
import { Opcode } from "./opcodes.ts";

/** Size of one instruction slot in bytes. */
export const SLOT_BYTES = 8;

/** Encodes a program; throws `InstructionError` (with the instruction index) on out-of-range fields. */
export function encode(insns: readonly Instruction[]): Uint8Array {
  const bytes = new Uint8Array(programSlots(insns) * SLOT_BYTES);
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (let i = 0; i < insns.length; i++) {
    const insn = insns[i]!;
    checkFields(insn, i);
    if (insn.code === Opcode.LD_IMM64) {
      const value = imm64Of(insn);
      writeSlot(view, at, insn.code, insn.dst, insn.src, insn.off, Number(BigInt.asIntN(32, value)));
      writeSlot(view, at + SLOT_BYTES, 0, 0, 0, 0, Number(BigInt.asIntN(32, value >> 32n)));
      at += 2 * SLOT_BYTES;
    } else {
      writeSlot(view, at, insn.code, insn.dst, insn.src, insn.off, insn.imm);
      at += SLOT_BYTES;
    }
  }
  if (at !== bytes.length) throw new InstructionError(`encoded ${at} bytes, expected ${bytes.length}`);
  return bytes;
}

function writeSlot(view: DataView, at: number, code: number, dst: number, src: number, off: number, imm: number): void {
  view.setUint8(at, code);
  view.setUint8(at + 1, ((src & 0x0f) << 4) | (dst & 0x0f));
  view.setInt16(at + 2, off, true);
  view.setInt32(at + 4, imm, true);
}
