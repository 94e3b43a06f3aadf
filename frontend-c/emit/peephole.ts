/**
 * @fileoverview Peephole clean-up of selected code, before jump offsets are fixed:
 * - a `goto` to the label that immediately follows is dropped;
 * - `if (c) goto L1; goto L2; L1:` becomes `if (!c) goto L2; L1:` (branch over jump);
 * - 64-bit register self-moves are dropped.
 * Iterated until nothing changes; each rule only ever removes instructions.
 */
import { Class, JmpOp, Opcode, Source, AluOp, classOf, opOf, sourceOf, insn } from "../../src/isa/instruction.ts";
import type { MItem } from "./select.ts";

const INVERT: Record<number, number> = {
  [JmpOp.JEQ]: JmpOp.JNE, [JmpOp.JNE]: JmpOp.JEQ,
  [JmpOp.JGT]: JmpOp.JLE, [JmpOp.JLE]: JmpOp.JGT,
  [JmpOp.JGE]: JmpOp.JLT, [JmpOp.JLT]: JmpOp.JGE,
  [JmpOp.JSGT]: JmpOp.JSLE, [JmpOp.JSLE]: JmpOp.JSGT,
  [JmpOp.JSGE]: JmpOp.JSLT, [JmpOp.JSLT]: JmpOp.JSGE,
};

const isJa = (m: MItem): boolean => m.kind === "insn" && m.insn.code === Opcode.JA && m.target !== undefined;
const isCondJump = (m: MItem): boolean => {
  if (m.kind !== "insn" || m.target === undefined) return false;
  const c = classOf(m.insn.code);
  return (c === Class.JMP || c === Class.JMP32) && m.insn.code !== Opcode.JA && INVERT[opOf(m.insn.code)] !== undefined;
};

/** True when only labels separate index `from` (exclusive) from label `target`. */
function labelFollows(items: MItem[], from: number, target: number): boolean {
  for (let k = from + 1; k < items.length; k++) {
    const m = items[k]!;
    if (m.kind !== "label") return false;
    if (m.id === target) return true;
  }
  return false;
}

export function peephole(items: MItem[]): MItem[] {
  let cur = items;
  for (let round = 0; round < 8; round++) {
    let changed = false;
    const out: MItem[] = [];
    for (let k = 0; k < cur.length; k++) {
      const m = cur[k]!;
      if (m.kind === "insn") {
        const c = m.insn.code;
        if (c === (Class.ALU64 | AluOp.MOV | Source.X) && m.insn.dst === m.insn.src && m.insn.off === 0) {
          changed = true;
          continue;
        }
        if (isJa(m) && labelFollows(cur, k, m.target!)) {
          changed = true;
          continue;
        }
        const nx = cur[k + 1];
        if (isCondJump(m) && nx !== undefined && isJa(nx) && labelFollows(cur, k + 1, m.target!)) {
          const op = INVERT[opOf(c)]!;
          const code = (c & ~0xf0) | op;
          const i = m.insn;
          out.push({ kind: "insn", insn: insn(code, i.dst, sourceOf(c) === Source.X ? i.src : 0, 0, i.imm), span: m.span, target: nx.kind === "insn" ? nx.target! : 0 });
          k++;
          changed = true;
          continue;
        }
      }
      out.push(m);
    }
    cur = out;
    if (!changed) break;
  }
  return cur;
}
