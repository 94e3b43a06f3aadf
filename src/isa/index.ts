/**
 * @fileoverview Public API of the eBPF instruction-set module (pure: imports nothing outside src/isa).
 * `import * as isa from ".../isa/index.ts"`; the per-instruction constructors live under `ops`
 * (`isa.ops.mov64Imm(R0, 0)`) so their short names do not crowd the top-level namespace.
 */

export * from "./instruction.ts";
export { encode, SLOT_BYTES } from "./encode.ts";
export { decode } from "./decode.ts";
export * from "./helpers.ts";
export {
  bpftoolImm64Text,
  disassemble,
  disassembleLines,
  type DisasmOptions,
  type DisasmStyle,
  formatInstruction,
  formatInstructionWithOpcode,
} from "./disasm.ts";
export { Assembler, AssemblerError, type Target } from "./builder.ts";
export * as ops from "./ops.ts";
export type { BinaryAluOp, CondJmpOp, RmwAtomicOp, SwapWidth } from "./ops.ts";
