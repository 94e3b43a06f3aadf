/**
 * @fileoverview Program BTF for BPF_PROG_LOAD: a FUNC per (sub)program and line_info records that
 * carry the C source, so the verifier log quotes C lines ("; x += *p; @ prog.c:3") and
 * `bpftool prog dump xlated id N linum` shows them.
 *
 * Kernel rules this follows (kernel/bpf/verifier.c check_btf_func / check_btf_line):
 * - func_info: one record per subprogram, the first at instruction 0, insn_off = subprogram start.
 * - line_info: insn_off strictly increasing, the first at 0, one at every subprogram start, never
 *   on the second slot of an LD_IMM64 (its opcode byte is 0: "Invalid insn code").
 * - insn_off counts 8-byte slots, so an LD_IMM64 moves every later offset by two.
 * - Line and file strings live in the program's BTF string section.
 */
import { BtfBuilder, BtfFuncLinkage, ExtInfoBuilder } from "../btf/index.ts";
import { CallSrc, Opcode, PseudoSrc, slotIndices, type Instruction } from "../isa/index.ts";
import type { SourceLocation } from "../spec/index.ts";

/** The pieces BPF_PROG_LOAD takes besides the BTF fd. */
export interface ProgramBtf {
  blob: Uint8Array;
  funcInfo: Uint8Array;
  /** Empty when no instruction has a source location. */
  lineInfo: Uint8Array;
  funcCount: number;
  lineCount: number;
}

/**
 * Per-loader state (owned by whoever loads a collection's programs, e.g. one BPF object): whether
 * this kernel takes program BTF at all, and the split source files the line records quote. Kept
 * off module scope so two loaders never share a verdict.
 */
export class ProgramBtfCache {
  /** undefined until a load told us; false once the kernel refused program BTF. */
  supported: boolean | undefined;
  /** Why program BTF was turned off (for debugging output). */
  disabledReason: string | undefined;
  readonly #lines = new Map<string, readonly string[] | undefined>();

  /** Gives up on program BTF for this loader: later loads go without it. */
  disable(reason: string): void {
    this.supported = false;
    this.disabledReason = reason;
  }

  /** The lines of `file` (split once per loader), or undefined when its text is unknown. */
  linesOf(file: string, sourceText: ((file: string) => string | undefined) | undefined): readonly string[] | undefined {
    if (this.#lines.has(file)) return this.#lines.get(file);
    const text = sourceText?.(file);
    const lines = text === undefined ? undefined : text.split("\n");
    this.#lines.set(file, lines);
    return lines;
  }
}

/**
 * Instruction indexes where subprograms start (always including 0): targets of BPF-to-BPF calls
 * and of LD_IMM64 function references (callbacks). Offsets in both are relative slot counts.
 */
export function subprogramStarts(insns: readonly Instruction[]): number[] {
  const refersToCode = (insn: Instruction): boolean =>
    (insn.code === Opcode.CALL && insn.src === CallSrc.PSEUDO_CALL) || (insn.code === Opcode.LD_IMM64 && insn.src === PseudoSrc.FUNC);
  // The common case (one function, everything inlined) needs no slot map.
  if (!insns.some(refersToCode)) return [0];
  const slots = slotIndices(insns);
  const bySlot = new Map<number, number>();
  insns.forEach((_, i) => bySlot.set(slots[i]!, i));
  const starts = new Set<number>([0]);
  insns.forEach((insn, i) => {
    if (!refersToCode(insn)) return;
    const target = bySlot.get(slots[i]! + 1 + insn.imm);
    if (target !== undefined) starts.add(target);
  });
  return [...starts].sort((a, b) => a - b);
}

/** A BTF name for a C identifier we did not make up ourselves; falls back when it is not one. */
function funcName(name: string, fallback: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : fallback;
}

/** A source line as a BTF string: no NULs (they would end the string), no trailing whitespace. */
function lineText(lines: readonly string[] | undefined, line: number): string {
  return (lines?.[line - 1] ?? "").replace(/\0/g, "").replace(/\s+$/, "");
}

/**
 * Builds the BTF, func_info and line_info for one program. The FUNC_PROTO is `int (void *ctx)`:
 * for the main program the verifier takes r1 = ctx whatever the BTF says (only global
 * subprograms and freplace programs have their arguments checked against BTF), and subprograms
 * get STATIC linkage so they are verified in their caller's context, as without BTF.
 */
export function buildProgramBtf(
  name: string,
  insns: readonly Instruction[],
  spans: readonly (SourceLocation | undefined)[],
  sourceText: ((file: string) => string | undefined) | undefined,
  cache: ProgramBtfCache = new ProgramBtfCache(),
): ProgramBtf {
  const b = new BtfBuilder();
  const int = b.addInt("int", 4, { signed: true });
  const voidPtr = b.addPtr(0);
  const proto = b.addFuncProto(int, [{ name: "ctx", type: voidPtr }]);
  const ext = new ExtInfoBuilder(b);
  const starts = subprogramStarts(insns);
  const slots = slotIndices(insns);
  starts.forEach((start, n) => {
    const id = b.addFunc(n === 0 ? funcName(name, "bpf_prog") : `${funcName(name, "bpf_prog")}_sub${n}`, proto, n === 0 ? BtfFuncLinkage.GLOBAL : BtfFuncLinkage.STATIC);
    ext.addFunc(slots[start]!, id);
  });

  // The location in force at each instruction: the last known one (synthesized code inherits the
  // line before it; code before the first located instruction takes the first location).
  const first = spans.find((s) => s !== undefined);
  if (first) {
    const startSet = new Set(starts);
    let cur: SourceLocation = first;
    let prevKey = "";
    for (let i = 0; i < insns.length; i++) {
      const s = spans[i];
      if (s) cur = s;
      const key = `${cur.file}\0${cur.line}`;
      if (key === prevKey && !startSet.has(i)) continue;
      prevKey = key;
      ext.addLine(slots[i]!, cur.file, lineText(cache.linesOf(cur.file, sourceText), cur.line), cur.line, cur.col);
    }
  }
  // Line records add strings: the blob is built after all of them are registered.
  return {
    blob: b.build(),
    funcInfo: ext.funcInfo(),
    lineInfo: ext.lineInfo(),
    funcCount: ext.funcCount,
    lineCount: ext.lineCount,
  };
}

/** A "; <C line> @ file:line" annotation the verifier prints from line_info. */
export interface LogSourceLine {
  text: string;
  file: string;
  line: number;
}

const LOG_SOURCE = /^; (.*) @ (.+):(\d+)$/;

/**
 * The source annotation the verifier printed last before log line `before` (exclusive; the
 * failing instruction's line), if the program was loaded with line_info.
 */
export function logSourceLine(log: readonly string[], before = log.length): LogSourceLine | undefined {
  for (let i = Math.min(before, log.length) - 1; i >= 0; i--) {
    const m = LOG_SOURCE.exec(log[i] ?? "");
    if (m) return { text: m[1]!.trim(), file: m[2]!, line: Number(m[3]) };
  }
  return undefined;
}
