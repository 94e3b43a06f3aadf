/**
 * @fileoverview Disassembler producing the kernel's own text (kernel/bpf/disasm.c, print_bpf_insn,
 * as of Linux 6.18): what the verifier log and `bpftool prog dump xlated` print, e.g.
 * "(61) r1 = *(u32 *)(r10 -8)", "(15) if r0 == 0x0 goto pc+3", "(85) call bpf_trace_printk#6".
 *
 * Matching the kernel byte for byte lets tests compare against real verifier logs and bpftool
 * dumps, and lets users read our output next to the kernel's. The kernel's quirks are kept on
 * purpose: ALU immediates print in signed decimal but jump immediates in hex, END prints "r" even
 * for the 32-bit class, undefined table entries print "(null)" (glibc/kernel printf of NULL %s),
 * and malformed loads/stores print "BUG_..." without the opcode prefix.
 * The kernel's callbacks (cb_call for call names, cb_imm for LD_IMM64 values) are `DisasmOptions`.
 */

import { imm64Of, type Instruction, slotCount } from "./instruction.ts";
import { HELPER_NAMES } from "./helpers.ts";
import {
  ADDR_SPACE_CAST_OFF,
  AluOp,
  AtomicOp,
  CallSrc,
  Class,
  classOf,
  Endian,
  JcondSrc,
  JmpOp,
  Mode,
  modeOf,
  Opcode,
  opOf,
  PseudoSrc,
  SIGNED_DIVMOD_OFF,
  Size,
  sizeOf,
  Source,
  sourceOf,
} from "./opcodes.ts";

export interface DisasmOptions {
  /**
   * Name printed for a call when the kernel's helper table has none (kfuncs, rewritten helper
   * addresses in xlated dumps, subprogram calls). Mirrors disasm.c's cb_call; undefined falls back
   * to the kernel defaults ("kernel-function", "unknown", or "+imm" for local calls).
   */
  callName?: (insn: Instruction) => string | undefined;
  /** Text for an LD_IMM64 value (disasm.c's cb_imm). Default: "0x%llx" of the full immediate. */
  imm64Text?: (insn: Instruction, value: bigint) => string;
  /** Print pointer-valued LD_IMM64 (map fd/value, BTF id) as 0, like a verifier without allow_ptr_leaks. */
  hidePointers?: boolean;
}

/** Line styles of `disassemble`. */
export type DisasmStyle =
  /** "0: (b7) r0 = 0", the verifier log's "%d: " prefix plus print_bpf_insn. */
  | "verifier"
  /** "   0: (b7) r0 = 0", bpftool's "% 4d: " prefix. */
  | "bpftool"
  /** "r0 = 0": just the instruction text. */
  | "plain";

const ALU_OP_TEXT: readonly (string | undefined)[] = [
  "+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", "neg", "%=", "^=", "=", "s>>=", "endian",
];
const ALU_SIGNED_TEXT: Readonly<Record<number, string>> = { [AluOp.DIV >> 4]: "s/=", [AluOp.MOD >> 4]: "s%=" };
const MOVSX_TEXT: readonly (string | undefined)[] = ["(s8)", "(s16)", undefined, "(s32)"];
const ATOMIC_TEXT: Readonly<Record<number, string>> = {
  [AtomicOp.ADD]: "add",
  [AtomicOp.AND]: "and",
  [AtomicOp.OR]: "or",
  [AtomicOp.XOR]: "xor",
};
const LDST_TEXT: Readonly<Record<number, string>> = { [Size.W]: "u32", [Size.H]: "u16", [Size.B]: "u8", [Size.DW]: "u64" };
const LDSX_TEXT: Readonly<Record<number, string>> = { [Size.W]: "s32", [Size.H]: "s16", [Size.B]: "s8" };
const JMP_TEXT: readonly (string | undefined)[] = [
  "jmp", "==", ">", ">=", "&", "!=", "s>", "s>=", "call", "exit", "<", "<=", "s<", "s<=",
];
const CLASS_TEXT: readonly string[] = ["ld", "ldx", "st", "stx", "alu", "jmp", "jmp32", "alu64"];

/** C's printf("%s", NULL) prints "(null)"; the kernel's tables have holes that hit this. */
const str = (s: string | undefined): string => s ?? "(null)";
/** printf("%+d"). */
const signed = (n: number): string => (n < 0 ? `${n}` : `+${n}`);
const hex2 = (code: number): string => code.toString(16).padStart(2, "0");
const u32hex = (n: number): string => (n >>> 0).toString(16);

/** The output of print_bpf_insn split in the "(xx) " opcode prefix and the instruction text. */
interface Printed {
  /** False for the "BUG_..." forms, which the kernel prints without the opcode prefix. */
  readonly prefixed: boolean;
  readonly text: string;
}
const ok = (text: string): Printed => ({ prefixed: true, text });
const bug = (text: string): Printed => ({ prefixed: false, text });

function printAlu(insn: Instruction): Printed {
  const cls = classOf(insn.code);
  const r = cls === Class.ALU ? "w" : "r";
  const op = opOf(insn.code);
  if (op === AluOp.END) {
    if (cls === Class.ALU64) return ok(`r${insn.dst} = bswap${insn.imm} r${insn.dst}`);
    return ok(`r${insn.dst} = ${sourceOf(insn.code) === Endian.TO_BE ? "be" : "le"}${insn.imm} r${insn.dst}`);
  }
  if (op === AluOp.NEG) return ok(`${r}${insn.dst} = -${r}${insn.dst}`);
  const movX = insn.code === (Class.ALU64 | AluOp.MOV | Source.X);
  if (movX && insn.off === ADDR_SPACE_CAST_OFF) {
    return ok(`r${insn.dst} = addr_space_cast(r${insn.src}, ${(insn.imm >>> 16) & 0xffff}, ${insn.imm & 0xffff})`);
  }
  // Kernel-internal per-CPU address resolution (off = -1), seen only in xlated dumps.
  if (movX && insn.off === -1) return ok(`r${insn.dst} = &(void __percpu *)(r${insn.src})`);
  const signedDivMod = (op === AluOp.DIV || op === AluOp.MOD) && insn.off === SIGNED_DIVMOD_OFF;
  const opText = str(signedDivMod ? ALU_SIGNED_TEXT[op >> 4] : ALU_OP_TEXT[op >> 4]);
  if (sourceOf(insn.code) === Source.X) {
    const movsx = op === AluOp.MOV && (insn.off === 8 || insn.off === 16 || insn.off === 32);
    const cast = movsx ? str(MOVSX_TEXT[(insn.off >> 3) - 1]) : "";
    return ok(`${r}${insn.dst} ${opText} ${cast}${r}${insn.src}`);
  }
  return ok(`${r}${insn.dst} ${opText} ${insn.imm}`);
}

function printStx(insn: Instruction): Printed {
  const size = sizeOf(insn.code);
  const ty = str(LDST_TEXT[size]);
  const mem = (reg: number): string => `(${ty} *)(r${reg} ${signed(insn.off)})`;
  const mode = modeOf(insn.code);
  if (mode === Mode.MEM) return ok(`*${mem(insn.dst)} = r${insn.src}`);
  if (mode !== Mode.ATOMIC) return bug(`BUG_${hex2(insn.code)}`);
  const bits = size === Size.DW ? "64" : "";
  const imm = insn.imm;
  if (imm === AtomicOp.ADD || imm === AtomicOp.AND || imm === AtomicOp.OR || imm === AtomicOp.XOR) {
    return ok(`lock *${mem(insn.dst)} ${str(ALU_OP_TEXT[imm >> 4])} r${insn.src}`);
  }
  const fetchOp = imm & ~AtomicOp.FETCH;
  if ((imm & AtomicOp.FETCH) !== 0 && ATOMIC_TEXT[fetchOp] !== undefined) {
    return ok(`r${insn.src} = atomic${bits}_fetch_${ATOMIC_TEXT[fetchOp]}(${mem(insn.dst)}, r${insn.src})`);
  }
  if (imm === AtomicOp.CMPXCHG) return ok(`r0 = atomic${bits}_cmpxchg(${mem(insn.dst)}, r0, r${insn.src})`);
  if (imm === AtomicOp.XCHG) return ok(`r${insn.src} = atomic${bits}_xchg(${mem(insn.dst)}, r${insn.src})`);
  if (imm === AtomicOp.LOAD_ACQ) return ok(`r${insn.dst} = load_acquire(${mem(insn.src)})`);
  if (imm === AtomicOp.STORE_REL) return ok(`store_release(${mem(insn.dst)}, r${insn.src})`);
  return bug(`BUG_${hex2(insn.code)}`);
}

/** Pseudo sources whose immediate the loader turns into a kernel pointer. */
const POINTER_SRCS: ReadonlySet<number> = new Set([
  PseudoSrc.MAP_FD,
  PseudoSrc.MAP_VALUE,
  PseudoSrc.MAP_IDX,
  PseudoSrc.MAP_IDX_VALUE,
  PseudoSrc.BTF_ID,
]);

function printLd(insn: Instruction, options: DisasmOptions): Printed {
  const mode = modeOf(insn.code);
  const ty = str(LDST_TEXT[sizeOf(insn.code)]);
  if (mode === Mode.ABS) return ok(`r0 = *(${ty} *)skb[${insn.imm}]`);
  if (mode === Mode.IND) return ok(`r0 = *(${ty} *)skb[r${insn.src} + ${insn.imm}]`);
  if (insn.code === Opcode.LD_IMM64) {
    const value = options.hidePointers && POINTER_SRCS.has(insn.src) ? 0n : imm64Of(insn);
    const text = options.imm64Text ? options.imm64Text(insn, value) : `0x${value.toString(16)}`;
    return ok(`r${insn.dst} = ${text}`);
  }
  return bug(`BUG_ld_${hex2(insn.code)}`);
}

function callTargetName(insn: Instruction, options: DisasmOptions, fallback: string): string {
  if (insn.src === CallSrc.HELPER && insn.imm >= 0 && insn.imm < HELPER_NAMES.length) {
    return `bpf_${HELPER_NAMES[insn.imm]}`;
  }
  const named = options.callName?.(insn);
  if (named !== undefined) return named;
  if (insn.src === CallSrc.PSEUDO_CALL) return signed(insn.imm);
  if (insn.src === CallSrc.PSEUDO_KFUNC_CALL) return "kernel-function";
  return fallback;
}

function printJmp(insn: Instruction, options: DisasmOptions): Printed {
  const cls = classOf(insn.code);
  const op = opOf(insn.code);
  if (op === JmpOp.CALL) {
    if (insn.src === CallSrc.PSEUDO_CALL) return ok(`call pc${callTargetName(insn, options, "")}`);
    return ok(`call ${callTargetName(insn, options, "unknown")}#${insn.imm}`);
  }
  if (insn.code === Opcode.JA) return ok(`goto pc${signed(insn.off)}`);
  if (insn.code === (Class.JMP | JmpOp.JCOND) && insn.src === JcondSrc.MAY_GOTO) return ok(`may_goto pc${signed(insn.off)}`);
  if (insn.code === Opcode.JA32) return ok(`gotol pc${signed(insn.imm)}`);
  if (insn.code === Opcode.EXIT) return ok("exit");
  const r = cls === Class.JMP32 ? "w" : "r";
  const opText = str(JMP_TEXT[op >> 4]);
  if (sourceOf(insn.code) === Source.X) {
    return ok(`if ${r}${insn.dst} ${opText} ${r}${insn.src} goto pc${signed(insn.off)}`);
  }
  return ok(`if ${r}${insn.dst} ${opText} 0x${u32hex(insn.imm)} goto pc${signed(insn.off)}`);
}

function print(insn: Instruction, options: DisasmOptions): Printed {
  switch (classOf(insn.code)) {
    case Class.ALU:
    case Class.ALU64:
      return printAlu(insn);
    case Class.STX:
      return printStx(insn);
    case Class.ST: {
      const mode = modeOf(insn.code);
      if (mode === Mode.MEM) {
        return ok(`*(${str(LDST_TEXT[sizeOf(insn.code)])} *)(r${insn.dst} ${signed(insn.off)}) = ${insn.imm}`);
      }
      // BPF_NOSPEC (ST | 0xc0) is a kernel-internal speculation barrier with no UAPI name.
      if (mode === 0xc0) return ok("nospec");
      return bug(`BUG_st_${hex2(insn.code)}`);
    }
    case Class.LDX: {
      const mode = modeOf(insn.code);
      if (mode !== Mode.MEM && mode !== Mode.MEMSX) return bug(`BUG_ldx_${hex2(insn.code)}`);
      const ty = str((mode === Mode.MEM ? LDST_TEXT : LDSX_TEXT)[sizeOf(insn.code)]);
      return ok(`r${insn.dst} = *(${ty} *)(r${insn.src} ${signed(insn.off)})`);
    }
    case Class.LD:
      return printLd(insn, options);
    case Class.JMP:
    case Class.JMP32:
      return printJmp(insn, options);
    default:
      return ok(str(CLASS_TEXT[classOf(insn.code)]));
  }
}

/** The instruction as the kernel prints it after the index: "(b7) r0 = 0". */
export function formatInstructionWithOpcode(insn: Instruction, options: DisasmOptions = {}): string {
  const printed = print(insn, options);
  return printed.prefixed ? `(${hex2(insn.code)}) ${printed.text}` : printed.text;
}

/** The instruction text alone: "r0 = 0". */
export function formatInstruction(insn: Instruction, options: DisasmOptions = {}): string {
  return print(insn, options).text;
}

/**
 * One line per instruction. Indices are slot indices, as in the kernel (an LD_IMM64 at 3 makes the
 * next line 5), so "goto pc+N" can be followed by hand.
 */
export function disassembleLines(
  insns: readonly Instruction[],
  options: DisasmOptions & { style?: DisasmStyle } = {},
): string[] {
  const style = options.style ?? "verifier";
  const lines: string[] = [];
  let slot = 0;
  for (const insn of insns) {
    if (style === "plain") lines.push(formatInstruction(insn, options));
    else {
      const index = style === "bpftool" ? ` ${slot}`.padStart(4) : `${slot}`;
      lines.push(`${index}: ${formatInstructionWithOpcode(insn, options)}`);
    }
    slot += slotCount(insn);
  }
  return lines;
}

/** `disassembleLines` joined with newlines, with a trailing newline (like the kernel's output). */
export function disassemble(insns: readonly Instruction[], options: DisasmOptions & { style?: DisasmStyle } = {}): string {
  const lines = disassembleLines(insns, options);
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/**
 * bpftool's LD_IMM64 rendering (tools/bpf/bpftool/xlated_dumper.c, print_imm), for dumps of loaded
 * programs where the kernel has replaced map fds by map ids: "map[id:5]", "map[id:5][0]+16",
 * "subprog[+3]", otherwise "0x..." like the kernel.
 */
export function bpftoolImm64Text(insn: Instruction, value: bigint): string {
  const low = Number(value & 0xffff_ffffn);
  const high = Number(value >> 32n);
  if (insn.src === PseudoSrc.MAP_FD) return `map[id:${low}]`;
  if (insn.src === PseudoSrc.MAP_VALUE) return `map[id:${low}][0]+${high}`;
  if (insn.src === PseudoSrc.FUNC) return `subprog[${signed(insn.imm)}]`;
  return `0x${value.toString(16)}`;
}
