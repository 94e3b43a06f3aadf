/**
 * @fileoverview Bytes -> Instruction[], the inverse of `encode` (see encode.ts for the layout).
 *
 * Any 8-byte slot decodes to an `Instruction`, including opcodes the kernel would reject and the
 * kernel-internal forms found in `bpf_prog_info.xlated_prog_insns` (nospec, per-CPU address moves,
 * helper calls rewritten to relative addresses), so dumps of loaded programs can be read back.
 * The only structural requirement is LD_IMM64's: it must be followed by a second slot whose
 * code, registers and offset are zero. The kernel refuses anything else ("invalid bpf_ld_imm_dw
 * insn"), and accepting it would make encode(decode(x)) differ from x.
 */

import { type Instruction, InstructionError } from "./instruction.ts";
import { Opcode } from "./opcodes.ts";
import { SLOT_BYTES } from "./encode.ts";

/** Decodes a program. Throws `InstructionError` (with the slot index) on malformed input. */
export function decode(bytes: Uint8Array): Instruction[] {
  if (bytes.length % SLOT_BYTES !== 0) {
    throw new InstructionError(`program length ${bytes.length} is not a multiple of ${SLOT_BYTES}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const slots = bytes.length / SLOT_BYTES;
  const out: Instruction[] = [];
  for (let slot = 0; slot < slots; slot++) {
    const at = slot * SLOT_BYTES;
    const code = view.getUint8(at);
    const regs = view.getUint8(at + 1);
    const dst = regs & 0x0f;
    const src = regs >> 4;
    const off = view.getInt16(at + 2, true);
    const imm = view.getInt32(at + 4, true);
    if (code !== Opcode.LD_IMM64) {
      out.push({ code, dst, src, off, imm });
      continue;
    }
    if (slot + 1 >= slots) throw new InstructionError("LD_IMM64 is missing its second slot", slot);
    const next = at + SLOT_BYTES;
    if (view.getUint8(next) !== 0 || view.getUint8(next + 1) !== 0 || view.getInt16(next + 2, true) !== 0) {
      throw new InstructionError("second slot of LD_IMM64 must have zero code, registers and offset", slot + 1);
    }
    const high = view.getUint32(next + 4, true);
    const imm64 = (BigInt(high) << 32n) | BigInt(imm >>> 0);
    out.push({ code, dst, src, off, imm, imm64 });
    slot++;
  }
  return out;
}
