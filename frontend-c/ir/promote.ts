/**
 * @fileoverview Scalar replacement of stack objects ("SROA-lite"): a frame object whose address
 * never escapes (no `frameaddr`, no atomics) and whose accesses are all loads/stores of fixed,
 * non-overlapping (offset, size) slots is replaced by one vreg per slot. Struct and array locals
 * indexed by constants then live in registers, where constant and copy propagation see through
 * them, and the program touches less stack (which is also less for the verifier to track).
 *
 * A slot vreg holds the slot's bytes zero-extended (stores truncate, like memory would); signed
 * loads sign-extend on read. Each slot vreg starts as 0 at entry so it is defined on every path;
 * that definition is dead, and removed, whenever the program writes the slot before reading it.
 */
import { imm, isFrame, isImm, newVReg, type Inst, type IrFunction, type VReg } from "./ir.ts";

interface SlotInfo {
  escapes: boolean;
  slots: Map<number, number>; // off → size (a second size at the same offset marks a conflict)
  conflict: boolean;
}

/** Promotes what it can; returns true if any object was promoted. */
export function promoteFrameObjects(fn: IrFunction): boolean {
  const info = new Map<number, SlotInfo>(fn.frame.map((f) => [f.id, { escapes: false, slots: new Map(), conflict: false }]));
  const touch = (frame: number, off: number, size: number) => {
    const s = info.get(frame)!;
    const prev = s.slots.get(off);
    if (prev !== undefined && prev !== size) s.conflict = true;
    s.slots.set(off, size);
  };
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      switch (i.op) {
        case "frameaddr": info.get(i.frame)!.escapes = true; break;
        case "load": case "store": if (isFrame(i.base)) touch(i.base.frame, i.off, i.size); break;
        case "atomic": case "zero": if (isFrame(i.base)) info.get(i.base.frame)!.escapes = true; break;
        case "copy":
          if (isFrame(i.dstBase)) info.get(i.dstBase.frame)!.escapes = true;
          if (isFrame(i.srcBase)) info.get(i.srcBase.frame)!.escapes = true;
          break;
        default: break;
      }
    }
  }
  const promoted = new Map<number, Map<number, VReg>>();
  for (const [id, s] of info) {
    if (s.escapes || s.conflict) continue;
    const sorted = [...s.slots].sort((a, b) => a[0] - b[0]);
    let ok = true;
    for (let k = 1; k < sorted.length; k++) if (sorted[k]![0] < sorted[k - 1]![0] + sorted[k - 1]![1]) ok = false;
    if (!ok) continue;
    const name = fn.frame.find((f) => f.id === id)!.name;
    promoted.set(id, new Map(sorted.map(([off]) => [off, newVReg(fn, off === 0 ? name : `${name}+${off}`)])));
  }
  if (promoted.size === 0) return false;
  const init: Inst[] = [];
  for (const slots of promoted.values()) {
    for (const v of slots.values()) init.push({ op: "mov", dst: v, src: imm(0n), width: 64, span: fn.span });
  }
  for (const b of fn.blocks) {
    const out: Inst[] = b === fn.blocks[0] ? [...init] : [];
    for (const i of b.insts) {
      if ((i.op === "load" || i.op === "store") && isFrame(i.base) && promoted.has(i.base.frame)) {
        const v = promoted.get(i.base.frame)!.get(i.off)!;
        const bits = (i.size * 8) as 8 | 16 | 32 | 64;
        if (i.op === "store") {
          if (isImm(i.value)) out.push({ op: "mov", dst: v, src: imm(BigInt.asUintN(bits, i.value.imm)), width: 64, span: i.span });
          else if (bits === 64) out.push({ op: "mov", dst: v, src: i.value, width: 64, span: i.span });
          else out.push({ op: "ext", dst: v, a: i.value, from: bits, signed: false, span: i.span });
        } else if (i.signed && bits < 64) {
          out.push({ op: "ext", dst: i.dst, a: v, from: bits as 8 | 16 | 32, signed: true, span: i.span });
        } else out.push({ op: "mov", dst: i.dst, src: v, width: 64, span: i.span });
      } else out.push(i);
    }
    b.insts = out;
  }
  fn.frame = fn.frame.filter((f) => !promoted.has(f.id));
  return true;
}
