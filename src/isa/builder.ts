/**
 * @fileoverview `Assembler`: writes eBPF programs by hand (tests, feature probes) with named labels.
 *
 *   const asm = new Assembler();
 *   asm.mov64Imm(R0, 0)
 *     .ldxW(R1, R10, -8)
 *     .jeqImm(R1, 0, "out")
 *     .call(Helper.ktime_get_ns)
 *     .label("out")
 *     .exit();
 *   const insns = asm.build();
 *
 * Jump targets are label names (or raw slot offsets as numbers). Offsets are resolved in `build()`
 * in SLOTS, so an LD_IMM64 between a jump and its label counts twice, like the kernel counts it.
 * Mistakes in a hand-written program are programming errors, so they throw `AssemblerError`.
 */

import { type Instruction, InstructionError, slotIndices } from "./instruction.ts";
import { AtomicOp, JmpOp, type Register, Size } from "./opcodes.ts";
import { helperId, type HelperName } from "./helpers.ts";
import * as ops from "./ops.ts";
import type { BinaryAluOp, CondJmpOp, RmwAtomicOp, SwapWidth } from "./ops.ts";

/** A jump target: a label name, or a raw offset in slots relative to the next slot. */
export type Target = string | number;

export class AssemblerError extends InstructionError {
  override readonly name: string = "AssemblerError";
}

/** Which field a pending reference patches and how wide it is. */
type Field = "off" | "imm";

interface Pending {
  readonly label: string;
  readonly field: Field;
}

/** An emitted instruction, possibly waiting for a label's position. */
interface Item {
  readonly insn: Instruction;
  readonly pending?: Pending;
}

const S16 = { min: -0x8000, max: 0x7fff } as const;
const S32 = { min: -0x8000_0000, max: 0x7fff_ffff } as const;

export class Assembler {
  readonly #items: Item[] = [];
  /** label -> index of the instruction it precedes. */
  readonly #labels = new Map<string, number>();

  /** Number of instructions emitted so far (LD_IMM64 counts once). */
  get length(): number {
    return this.#items.length;
  }

  /** Appends ready-made instructions (e.g. from ops.ts). */
  emit(...insns: Instruction[]): this {
    for (const insn of insns) this.#items.push({ insn });
    return this;
  }

  /** Names the position of the next instruction. Labels are unique per assembler. */
  label(name: string): this {
    if (this.#labels.has(name)) throw new AssemblerError(`label "${name}" defined twice`);
    this.#labels.set(name, this.#items.length);
    return this;
  }

  /** Emits `make(0)` with its `field` to be patched to the slot offset of `target` at build time. */
  #emitTo(target: Target, field: Field, make: (offset: number) => Instruction): this {
    if (typeof target === "number") return this.emit(make(target));
    this.#items.push({ insn: make(0), pending: { label: target, field } });
    return this;
  }

  /** Resolves labels and returns the program. May be called again after more emits. */
  build(): Instruction[] {
    const insns = this.#items.map((item) => item.insn);
    const slots = slotIndices(insns);
    return this.#items.map((item, index) => {
      if (item.pending === undefined) return item.insn;
      const { label, field } = item.pending;
      const targetIndex = this.#labels.get(label);
      if (targetIndex === undefined) throw new AssemblerError(`undefined label "${label}"`, index);
      if (targetIndex >= insns.length) {
        throw new AssemblerError(`label "${label}" is past the last instruction`, index);
      }
      const offset = slots[targetIndex]! - (slots[index]! + 1);
      const range = field === "off" ? S16 : S32;
      if (offset < range.min || offset > range.max) {
        throw new AssemblerError(`jump to "${label}" spans ${offset} slots, beyond the ${field} field's range`, index);
      }
      return field === "imm" && item.insn.imm64 !== undefined
        ? ops.ldFunc(item.insn.dst as Register, offset)
        : { ...item.insn, [field]: offset };
    });
  }

  // ---- generic forms ----

  alu64Imm(op: BinaryAluOp, dst: Register, imm: number, off = 0): this { return this.emit(ops.alu64Imm(op, dst, imm, off)); }
  alu64Reg(op: BinaryAluOp, dst: Register, src: Register, off = 0): this { return this.emit(ops.alu64Reg(op, dst, src, off)); }
  alu32Imm(op: BinaryAluOp, dst: Register, imm: number, off = 0): this { return this.emit(ops.alu32Imm(op, dst, imm, off)); }
  alu32Reg(op: BinaryAluOp, dst: Register, src: Register, off = 0): this { return this.emit(ops.alu32Reg(op, dst, src, off)); }
  jmpImm(op: CondJmpOp, dst: Register, imm: number, to: Target): this { return this.#emitTo(to, "off", (o) => ops.jmpImm(op, dst, imm, o)); }
  jmpReg(op: CondJmpOp, dst: Register, src: Register, to: Target): this { return this.#emitTo(to, "off", (o) => ops.jmpReg(op, dst, src, o)); }
  jmp32Imm(op: CondJmpOp, dst: Register, imm: number, to: Target): this { return this.#emitTo(to, "off", (o) => ops.jmp32Imm(op, dst, imm, o)); }
  jmp32Reg(op: CondJmpOp, dst: Register, src: Register, to: Target): this { return this.#emitTo(to, "off", (o) => ops.jmp32Reg(op, dst, src, o)); }

  // ---- ALU64 ----

  mov64Imm(dst: Register, imm: number): this { return this.emit(ops.mov64Imm(dst, imm)); }
  mov64Reg(dst: Register, src: Register): this { return this.emit(ops.mov64Reg(dst, src)); }
  add64Imm(dst: Register, imm: number): this { return this.emit(ops.add64Imm(dst, imm)); }
  add64Reg(dst: Register, src: Register): this { return this.emit(ops.add64Reg(dst, src)); }
  sub64Imm(dst: Register, imm: number): this { return this.emit(ops.sub64Imm(dst, imm)); }
  sub64Reg(dst: Register, src: Register): this { return this.emit(ops.sub64Reg(dst, src)); }
  mul64Imm(dst: Register, imm: number): this { return this.emit(ops.mul64Imm(dst, imm)); }
  mul64Reg(dst: Register, src: Register): this { return this.emit(ops.mul64Reg(dst, src)); }
  div64Imm(dst: Register, imm: number): this { return this.emit(ops.div64Imm(dst, imm)); }
  div64Reg(dst: Register, src: Register): this { return this.emit(ops.div64Reg(dst, src)); }
  sdiv64Imm(dst: Register, imm: number): this { return this.emit(ops.sdiv64Imm(dst, imm)); }
  sdiv64Reg(dst: Register, src: Register): this { return this.emit(ops.sdiv64Reg(dst, src)); }
  mod64Imm(dst: Register, imm: number): this { return this.emit(ops.mod64Imm(dst, imm)); }
  mod64Reg(dst: Register, src: Register): this { return this.emit(ops.mod64Reg(dst, src)); }
  smod64Imm(dst: Register, imm: number): this { return this.emit(ops.smod64Imm(dst, imm)); }
  smod64Reg(dst: Register, src: Register): this { return this.emit(ops.smod64Reg(dst, src)); }
  or64Imm(dst: Register, imm: number): this { return this.emit(ops.or64Imm(dst, imm)); }
  or64Reg(dst: Register, src: Register): this { return this.emit(ops.or64Reg(dst, src)); }
  and64Imm(dst: Register, imm: number): this { return this.emit(ops.and64Imm(dst, imm)); }
  and64Reg(dst: Register, src: Register): this { return this.emit(ops.and64Reg(dst, src)); }
  xor64Imm(dst: Register, imm: number): this { return this.emit(ops.xor64Imm(dst, imm)); }
  xor64Reg(dst: Register, src: Register): this { return this.emit(ops.xor64Reg(dst, src)); }
  lsh64Imm(dst: Register, imm: number): this { return this.emit(ops.lsh64Imm(dst, imm)); }
  lsh64Reg(dst: Register, src: Register): this { return this.emit(ops.lsh64Reg(dst, src)); }
  rsh64Imm(dst: Register, imm: number): this { return this.emit(ops.rsh64Imm(dst, imm)); }
  rsh64Reg(dst: Register, src: Register): this { return this.emit(ops.rsh64Reg(dst, src)); }
  arsh64Imm(dst: Register, imm: number): this { return this.emit(ops.arsh64Imm(dst, imm)); }
  arsh64Reg(dst: Register, src: Register): this { return this.emit(ops.arsh64Reg(dst, src)); }
  neg64(dst: Register): this { return this.emit(ops.neg64(dst)); }
  movsx64(dst: Register, src: Register, bits: 8 | 16 | 32): this { return this.emit(ops.movsx64(dst, src, bits)); }
  bswap(dst: Register, bits: SwapWidth): this { return this.emit(ops.bswap(dst, bits)); }

  // ---- ALU (32-bit) ----

  mov32Imm(dst: Register, imm: number): this { return this.emit(ops.mov32Imm(dst, imm)); }
  mov32Reg(dst: Register, src: Register): this { return this.emit(ops.mov32Reg(dst, src)); }
  add32Imm(dst: Register, imm: number): this { return this.emit(ops.add32Imm(dst, imm)); }
  add32Reg(dst: Register, src: Register): this { return this.emit(ops.add32Reg(dst, src)); }
  sub32Imm(dst: Register, imm: number): this { return this.emit(ops.sub32Imm(dst, imm)); }
  sub32Reg(dst: Register, src: Register): this { return this.emit(ops.sub32Reg(dst, src)); }
  mul32Imm(dst: Register, imm: number): this { return this.emit(ops.mul32Imm(dst, imm)); }
  mul32Reg(dst: Register, src: Register): this { return this.emit(ops.mul32Reg(dst, src)); }
  div32Imm(dst: Register, imm: number): this { return this.emit(ops.div32Imm(dst, imm)); }
  div32Reg(dst: Register, src: Register): this { return this.emit(ops.div32Reg(dst, src)); }
  sdiv32Imm(dst: Register, imm: number): this { return this.emit(ops.sdiv32Imm(dst, imm)); }
  sdiv32Reg(dst: Register, src: Register): this { return this.emit(ops.sdiv32Reg(dst, src)); }
  mod32Imm(dst: Register, imm: number): this { return this.emit(ops.mod32Imm(dst, imm)); }
  mod32Reg(dst: Register, src: Register): this { return this.emit(ops.mod32Reg(dst, src)); }
  smod32Imm(dst: Register, imm: number): this { return this.emit(ops.smod32Imm(dst, imm)); }
  smod32Reg(dst: Register, src: Register): this { return this.emit(ops.smod32Reg(dst, src)); }
  or32Imm(dst: Register, imm: number): this { return this.emit(ops.or32Imm(dst, imm)); }
  or32Reg(dst: Register, src: Register): this { return this.emit(ops.or32Reg(dst, src)); }
  and32Imm(dst: Register, imm: number): this { return this.emit(ops.and32Imm(dst, imm)); }
  and32Reg(dst: Register, src: Register): this { return this.emit(ops.and32Reg(dst, src)); }
  xor32Imm(dst: Register, imm: number): this { return this.emit(ops.xor32Imm(dst, imm)); }
  xor32Reg(dst: Register, src: Register): this { return this.emit(ops.xor32Reg(dst, src)); }
  lsh32Imm(dst: Register, imm: number): this { return this.emit(ops.lsh32Imm(dst, imm)); }
  lsh32Reg(dst: Register, src: Register): this { return this.emit(ops.lsh32Reg(dst, src)); }
  rsh32Imm(dst: Register, imm: number): this { return this.emit(ops.rsh32Imm(dst, imm)); }
  rsh32Reg(dst: Register, src: Register): this { return this.emit(ops.rsh32Reg(dst, src)); }
  arsh32Imm(dst: Register, imm: number): this { return this.emit(ops.arsh32Imm(dst, imm)); }
  arsh32Reg(dst: Register, src: Register): this { return this.emit(ops.arsh32Reg(dst, src)); }
  neg32(dst: Register): this { return this.emit(ops.neg32(dst)); }
  movsx32(dst: Register, src: Register, bits: 8 | 16): this { return this.emit(ops.movsx32(dst, src, bits)); }
  toBe(dst: Register, bits: SwapWidth): this { return this.emit(ops.toBe(dst, bits)); }
  toLe(dst: Register, bits: SwapWidth): this { return this.emit(ops.toLe(dst, bits)); }

  // ---- memory ----

  ldxB(dst: Register, src: Register, off: number): this { return this.emit(ops.ldxB(dst, src, off)); }
  ldxH(dst: Register, src: Register, off: number): this { return this.emit(ops.ldxH(dst, src, off)); }
  ldxW(dst: Register, src: Register, off: number): this { return this.emit(ops.ldxW(dst, src, off)); }
  ldxDW(dst: Register, src: Register, off: number): this { return this.emit(ops.ldxDW(dst, src, off)); }
  ldxsxB(dst: Register, src: Register, off: number): this { return this.emit(ops.ldxsxB(dst, src, off)); }
  ldxsxH(dst: Register, src: Register, off: number): this { return this.emit(ops.ldxsxH(dst, src, off)); }
  ldxsxW(dst: Register, src: Register, off: number): this { return this.emit(ops.ldxsxW(dst, src, off)); }
  /** `*(u8 *)(dst + off) = src` */
  stxB(dst: Register, src: Register, off: number): this { return this.emit(ops.stxB(dst, src, off)); }
  stxH(dst: Register, src: Register, off: number): this { return this.emit(ops.stxH(dst, src, off)); }
  stxW(dst: Register, src: Register, off: number): this { return this.emit(ops.stxW(dst, src, off)); }
  stxDW(dst: Register, src: Register, off: number): this { return this.emit(ops.stxDW(dst, src, off)); }
  /** `*(u8 *)(dst + off) = imm` */
  stB(dst: Register, off: number, imm: number): this { return this.emit(ops.stB(dst, off, imm)); }
  stH(dst: Register, off: number, imm: number): this { return this.emit(ops.stH(dst, off, imm)); }
  stW(dst: Register, off: number, imm: number): this { return this.emit(ops.stW(dst, off, imm)); }
  stDW(dst: Register, off: number, imm: number): this { return this.emit(ops.stDW(dst, off, imm)); }
  /** Read-modify-write atomic, e.g. `atomic(Size.DW, AtomicOp.ADD | AtomicOp.FETCH, R1, R2, 0)`. */
  atomic(size: typeof Size.W | typeof Size.DW, op: RmwAtomicOp, dst: Register, src: Register, off: number): this {
    return this.emit(ops.atomic(size, op, dst, src, off));
  }
  /** `lock *(u64 *)(dst + off) += src` */
  atomicAdd64(dst: Register, src: Register, off: number): this { return this.atomic(Size.DW, AtomicOp.ADD, dst, src, off); }
  /** `lock *(u32 *)(dst + off) += src` */
  atomicAdd32(dst: Register, src: Register, off: number): this { return this.atomic(Size.W, AtomicOp.ADD, dst, src, off); }
  /** `src = atomic64_fetch_add((u64 *)(dst + off), src)` */
  atomicFetchAdd64(dst: Register, src: Register, off: number): this {
    return this.atomic(Size.DW, AtomicOp.ADD | AtomicOp.FETCH, dst, src, off);
  }
  /** `src = atomic64_xchg((u64 *)(dst + off), src)` */
  atomicXchg64(dst: Register, src: Register, off: number): this { return this.atomic(Size.DW, AtomicOp.XCHG, dst, src, off); }
  /** `r0 = atomic64_cmpxchg((u64 *)(dst + off), r0, src)` */
  atomicCmpxchg64(dst: Register, src: Register, off: number): this { return this.atomic(Size.DW, AtomicOp.CMPXCHG, dst, src, off); }
  loadAcquire(size: Size, dst: Register, src: Register, off: number): this { return this.emit(ops.loadAcquire(size, dst, src, off)); }
  storeRelease(size: Size, dst: Register, src: Register, off: number): this { return this.emit(ops.storeRelease(size, dst, src, off)); }
  ldAbs(size: Exclude<Size, typeof Size.DW>, imm: number): this { return this.emit(ops.ldAbs(size, imm)); }
  ldInd(size: Exclude<Size, typeof Size.DW>, src: Register, imm: number): this { return this.emit(ops.ldInd(size, src, imm)); }

  // ---- 64-bit immediates ----

  ldImm64(dst: Register, value: bigint | number): this { return this.emit(ops.ldImm64Value(dst, value)); }
  ldMapFd(dst: Register, fd: number): this { return this.emit(ops.ldMapFd(dst, fd)); }
  ldMapValue(dst: Register, fd: number, offset: number): this { return this.emit(ops.ldMapValue(dst, fd, offset)); }
  ldMapIdx(dst: Register, index: number): this { return this.emit(ops.ldMapIdx(dst, index)); }
  ldMapIdxValue(dst: Register, index: number, offset: number): this { return this.emit(ops.ldMapIdxValue(dst, index, offset)); }
  ldBtfId(dst: Register, btfId: number): this { return this.emit(ops.ldBtfId(dst, btfId)); }
  /** `dst = &function` at a label (BPF_PSEUDO_FUNC, for callbacks such as bpf_loop). */
  ldFunc(dst: Register, to: Target): this { return this.#emitTo(to, "imm", (o) => ops.ldFunc(dst, o)); }

  // ---- control flow ----

  ja(to: Target): this { return this.#emitTo(to, "off", ops.ja); }
  /** `gotol`: unconditional jump with a 32-bit range (kernel 6.6+). */
  ja32(to: Target): this { return this.#emitTo(to, "imm", ops.ja32); }
  mayGoto(to: Target): this { return this.#emitTo(to, "off", ops.mayGoto); }
  /** Helper call by id (`Helper.map_lookup_elem`) or by name ("map_lookup_elem" / "bpf_map_lookup_elem"). */
  call(helper: number | HelperName | `bpf_${HelperName}`): this {
    if (typeof helper === "number") return this.emit(ops.callHelper(helper));
    const id = helperId(helper);
    if (id === undefined) throw new AssemblerError(`unknown helper "${helper}"`);
    return this.emit(ops.callHelper(id));
  }
  /** BPF-to-BPF call of the function starting at a label. */
  callLocal(to: Target): this { return this.#emitTo(to, "imm", ops.callLocal); }
  callKfunc(btfId: number, off = 0): this { return this.emit(ops.callKfunc(btfId, off)); }
  exit(): this { return this.emit(ops.exit()); }

  // ---- conditional jumps ----

  jeqImm(dst: Register, imm: number, to: Target): this { return this.jmpImm(JmpOp.JEQ, dst, imm, to); }
  jeqReg(dst: Register, src: Register, to: Target): this { return this.jmpReg(JmpOp.JEQ, dst, src, to); }
  jneImm(dst: Register, imm: number, to: Target): this { return this.jmpImm(JmpOp.JNE, dst, imm, to); }
  jneReg(dst: Register, src: Register, to: Target): this { return this.jmpReg(JmpOp.JNE, dst, src, to); }
  jgtImm(dst: Register, imm: number, to: Target): this { return this.jmpImm(JmpOp.JGT, dst, imm, to); }
  jgtReg(dst: Register, src: Register, to: Target): this { return this.jmpReg(JmpOp.JGT, dst, src, to); }
  jgeImm(dst: Register, imm: number, to: Target): this { return this.jmpImm(JmpOp.JGE, dst, imm, to); }
  jgeReg(dst: Register, src: Register, to: Target): this { return this.jmpReg(JmpOp.JGE, dst, src, to); }
  jltImm(dst: Register, imm: number, to: Target): this { return this.jmpImm(JmpOp.JLT, dst, imm, to); }
  jltReg(dst: Register, src: Register, to: Target): this { return this.jmpReg(JmpOp.JLT, dst, src, to); }
  jleImm(dst: Register, imm: number, to: Target): this { return this.jmpImm(JmpOp.JLE, dst, imm, to); }
  jleReg(dst: Register, src: Register, to: Target): this { return this.jmpReg(JmpOp.JLE, dst, src, to); }
  jsetImm(dst: Register, imm: number, to: Target): this { return this.jmpImm(JmpOp.JSET, dst, imm, to); }
  jsetReg(dst: Register, src: Register, to: Target): this { return this.jmpReg(JmpOp.JSET, dst, src, to); }
  jsgtImm(dst: Register, imm: number, to: Target): this { return this.jmpImm(JmpOp.JSGT, dst, imm, to); }
  jsgtReg(dst: Register, src: Register, to: Target): this { return this.jmpReg(JmpOp.JSGT, dst, src, to); }
  jsgeImm(dst: Register, imm: number, to: Target): this { return this.jmpImm(JmpOp.JSGE, dst, imm, to); }
  jsgeReg(dst: Register, src: Register, to: Target): this { return this.jmpReg(JmpOp.JSGE, dst, src, to); }
  jsltImm(dst: Register, imm: number, to: Target): this { return this.jmpImm(JmpOp.JSLT, dst, imm, to); }
  jsltReg(dst: Register, src: Register, to: Target): this { return this.jmpReg(JmpOp.JSLT, dst, src, to); }
  jsleImm(dst: Register, imm: number, to: Target): this { return this.jmpImm(JmpOp.JSLE, dst, imm, to); }
  jsleReg(dst: Register, src: Register, to: Target): this { return this.jmpReg(JmpOp.JSLE, dst, src, to); }

  // ---- conditional jumps on the low 32 bits (JMP32) ----

  jeq32Imm(dst: Register, imm: number, to: Target): this { return this.jmp32Imm(JmpOp.JEQ, dst, imm, to); }
  jeq32Reg(dst: Register, src: Register, to: Target): this { return this.jmp32Reg(JmpOp.JEQ, dst, src, to); }
  jne32Imm(dst: Register, imm: number, to: Target): this { return this.jmp32Imm(JmpOp.JNE, dst, imm, to); }
  jne32Reg(dst: Register, src: Register, to: Target): this { return this.jmp32Reg(JmpOp.JNE, dst, src, to); }
  jgt32Imm(dst: Register, imm: number, to: Target): this { return this.jmp32Imm(JmpOp.JGT, dst, imm, to); }
  jgt32Reg(dst: Register, src: Register, to: Target): this { return this.jmp32Reg(JmpOp.JGT, dst, src, to); }
  jge32Imm(dst: Register, imm: number, to: Target): this { return this.jmp32Imm(JmpOp.JGE, dst, imm, to); }
  jge32Reg(dst: Register, src: Register, to: Target): this { return this.jmp32Reg(JmpOp.JGE, dst, src, to); }
  jlt32Imm(dst: Register, imm: number, to: Target): this { return this.jmp32Imm(JmpOp.JLT, dst, imm, to); }
  jlt32Reg(dst: Register, src: Register, to: Target): this { return this.jmp32Reg(JmpOp.JLT, dst, src, to); }
  jle32Imm(dst: Register, imm: number, to: Target): this { return this.jmp32Imm(JmpOp.JLE, dst, imm, to); }
  jle32Reg(dst: Register, src: Register, to: Target): this { return this.jmp32Reg(JmpOp.JLE, dst, src, to); }
  jset32Imm(dst: Register, imm: number, to: Target): this { return this.jmp32Imm(JmpOp.JSET, dst, imm, to); }
  jset32Reg(dst: Register, src: Register, to: Target): this { return this.jmp32Reg(JmpOp.JSET, dst, src, to); }
  jsgt32Imm(dst: Register, imm: number, to: Target): this { return this.jmp32Imm(JmpOp.JSGT, dst, imm, to); }
  jsgt32Reg(dst: Register, src: Register, to: Target): this { return this.jmp32Reg(JmpOp.JSGT, dst, src, to); }
  jsge32Imm(dst: Register, imm: number, to: Target): this { return this.jmp32Imm(JmpOp.JSGE, dst, imm, to); }
  jsge32Reg(dst: Register, src: Register, to: Target): this { return this.jmp32Reg(JmpOp.JSGE, dst, src, to); }
  jslt32Imm(dst: Register, imm: number, to: Target): this { return this.jmp32Imm(JmpOp.JSLT, dst, imm, to); }
  jslt32Reg(dst: Register, src: Register, to: Target): this { return this.jmp32Reg(JmpOp.JSLT, dst, src, to); }
  jsle32Imm(dst: Register, imm: number, to: Target): this { return this.jmp32Imm(JmpOp.JSLE, dst, imm, to); }
  jsle32Reg(dst: Register, src: Register, to: Target): this { return this.jmp32Reg(JmpOp.JSLE, dst, src, to); }
}
