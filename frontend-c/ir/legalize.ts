/**
 * @fileoverview Rewrites IR into the subset instruction selection maps 1:1 onto BPF:
 * - `zero`/`copy` become 8/4/2/1-byte stores and load/store pairs (widest access the alignment allows;
 *   8-byte zero stores also let the verifier mark stack slots as initialised zero);
 * - immediates that BPF cannot encode (a 64-bit ALU/JMP/ST immediate is a sign-extended s32) are
 *   first loaded into a register, others are normalised to their s32 encoding;
 * - operations the verifier rejects on constant operands are replaced by their BPF result: division
 *   by an immediate 0 (x/0 = 0, x%0 = x) and shifts by an immediate ≥ the width (masked, as BPF would).
 * Run after optimisation, which may propagate large constants into operands.
 */
import { fitsImm32 } from "./fold.ts";
import { imm, isFrame, isImm, newVReg, type Base, type Block, type Inst, type IrFunction, type Operand, type VReg } from "./ir.ts";

/**
 * Expands `zero` and `copy` into plain loads and stores. On stack objects the pieces follow the
 * boundaries of the object's other accesses (its fields), so a zeroed or copied struct is made
 * of the same (offset, size) slots its fields use, which lets promote.ts keep it in registers.
 */
export function expandMemoryOps(fn: IrFunction): void {
  const bounds = new Map<number, Set<number>>();
  const mark = (b: Base, off: number, size: number) => {
    if (!isFrame(b)) return;
    let s = bounds.get(b.frame);
    if (s === undefined) bounds.set(b.frame, (s = new Set()));
    s.add(off);
    s.add(off + size);
  };
  for (const b of fn.blocks) for (const i of b.insts) if (i.op === "load" || i.op === "store") mark(i.base, i.off, i.size);
  // Copies between stack objects share field boundaries both ways (p = q = r chains: a few rounds).
  const copies = fn.blocks.flatMap((b) => b.insts.filter((i) => i.op === "copy"));
  for (let round = 0; round < 4; round++) {
    for (const c of copies) {
      if (c.op !== "copy" || !isFrame(c.dstBase) || !isFrame(c.srcBase)) continue;
      const delta = c.srcOff - c.dstOff;
      const d = bounds.get(c.dstBase.frame) ?? new Set<number>();
      const sb = bounds.get(c.srcBase.frame) ?? new Set<number>();
      for (const x of sb) if (x - delta >= c.dstOff && x - delta <= c.dstOff + c.size) d.add(x - delta);
      for (const x of d) if (x + delta >= c.srcOff && x + delta <= c.srcOff + c.size) sb.add(x + delta);
      bounds.set(c.dstBase.frame, d);
      bounds.set(c.srcBase.frame, sb);
    }
  }
  // A stack object's alignment is known exactly; the front end's `align` is only a lower bound.
  const frameAlign = new Map(fn.frame.map((f) => [f.id, Math.max(1, Math.min(8, f.align))]));
  const alignAt = (base: Base, off: number, claimed: number): number => {
    if (!isFrame(base)) return claimed;
    let a = frameAlign.get(base.frame) ?? 1;
    while (a > 1 && off % a !== 0) a >>= 1;
    return Math.max(a, 1);
  };
  const cuts = (base: Base, delta: number): number[] => (isFrame(base) ? [...(bounds.get(base.frame) ?? [])].map((x) => x - delta) : []);
  for (const b of fn.blocks) {
    if (!b.insts.some((i) => i.op === "zero" || i.op === "copy")) continue;
    const out: Inst[] = [];
    for (const i of b.insts) {
      if (i.op === "zero") {
        for (const [off, size] of pieces(i.off, i.size, alignAt(i.base, i.off, i.align), cuts(i.base, 0))) {
          out.push({ op: "store", base: i.base, off, size, value: imm(0n), span: i.span });
        }
      } else if (i.op === "copy") {
        const delta = i.srcOff - i.dstOff;
        const at = [...cuts(i.dstBase, 0), ...cuts(i.srcBase, delta)];
        const align = Math.min(alignAt(i.dstBase, i.dstOff, i.align), alignAt(i.srcBase, i.srcOff, i.align));
        for (const [off, size] of pieces(i.dstOff, i.size, align, at)) {
          const t = newVReg(fn);
          out.push({ op: "load", dst: t, base: i.srcBase, off: off + delta, size, signed: false, span: i.span });
          out.push({ op: "store", base: i.dstBase, off, size, value: t, span: i.span });
        }
      } else out.push(i);
    }
    b.insts = out;
  }
}

/** `chunks` of [off, off+size) after cutting it at the given offsets. */
function pieces(off: number, size: number, align: number, at: number[]): [number, 1 | 2 | 4 | 8][] {
  const end = off + size;
  const points = [off, ...at.filter((x) => x > off && x < end).sort((a, b) => a - b), end];
  const out: [number, 1 | 2 | 4 | 8][] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    if (points[k + 1]! > points[k]!) out.push(...chunks(points[k]!, points[k + 1]! - points[k]!, align));
  }
  return out;
}

/** Splits [off, off+size) into naturally aligned accesses of at most `align` bytes. */
function chunks(off: number, size: number, align: number): [number, 1 | 2 | 4 | 8][] {
  const out: [number, 1 | 2 | 4 | 8][] = [];
  const maxA = Math.max(1, Math.min(8, align));
  let p = off;
  const end = off + size;
  // `align` describes the base; offsets relative to it keep that alignment only when divisible.
  while (p < end) {
    let s: 1 | 2 | 4 | 8 = 8;
    while (s > 1 && (s > maxA || p % s !== 0 || p + s > end)) s = (s >> 1) as 1 | 2 | 4;
    out.push([p, s]);
    p += s;
  }
  return out;
}

/**
 * Splits stack accesses that are not naturally aligned (packed structs) into byte accesses: the
 * verifier always checks stack alignment strictly, whatever the architecture. Frame objects are
 * placed at their declared alignment, so an access's alignment is known statically here; accesses
 * through pointer vregs are left alone (their alignment is the front end's responsibility).
 */
export function splitMisalignedFrameAccesses(fn: IrFunction): void {
  const align = new Map(fn.frame.map((f) => [f.id, Math.max(1, Math.min(8, f.align))]));
  const misaligned = (b: Base, off: number, size: number): boolean =>
    isFrame(b) && size > 1 && (off % size !== 0 || (align.get(b.frame) ?? 1) < size);
  for (const b of fn.blocks) {
    if (!b.insts.some((i) => (i.op === "load" || i.op === "store") && misaligned(i.base, i.off, i.size))) continue;
    const out: Inst[] = [];
    for (const i of b.insts) {
      if (i.op === "store" && misaligned(i.base, i.off, i.size)) {
        for (let k = 0; k < i.size; k++) {
          let value: Operand;
          if (isImm(i.value)) value = imm((i.value.imm >> BigInt(8 * k)) & 0xffn);
          else if (k === 0) value = i.value;
          else {
            value = newVReg(fn);
            out.push({ op: "alu", alu: "rsh", dst: value, a: i.value, b: imm(8 * k), width: 64, span: i.span });
          }
          out.push({ op: "store", base: i.base, off: i.off + k, size: 1, value, span: i.span });
        }
      } else if (i.op === "load" && misaligned(i.base, i.off, i.size)) {
        let acc: VReg | undefined;
        for (let k = 0; k < i.size; k++) {
          const byte = newVReg(fn);
          out.push({ op: "load", dst: byte, base: i.base, off: i.off + k, size: 1, signed: false, span: i.span });
          let part = byte;
          if (k > 0) {
            part = newVReg(fn);
            out.push({ op: "alu", alu: "lsh", dst: part, a: byte, b: imm(8 * k), width: 64, span: i.span });
          }
          if (acc === undefined) acc = part;
          else {
            const next = newVReg(fn);
            out.push({ op: "alu", alu: "or", dst: next, a: acc, b: part, width: 64, span: i.span });
            acc = next;
          }
        }
        if (i.signed && i.size < 8) out.push({ op: "ext", dst: i.dst, a: acc!, from: (i.size * 8) as 8 | 16 | 32, signed: true, span: i.span });
        else out.push({ op: "mov", dst: i.dst, src: acc!, width: 64, span: i.span });
      } else out.push(i);
    }
    b.insts = out;
  }
}

/** Legalises immediates and constant-operand corner cases (see file overview). */
export function legalizeImmediates(fn: IrFunction): void {
  for (const b of fn.blocks) legalizeBlock(fn, b);
}

function legalizeBlock(fn: IrFunction, b: Block): void {
  const out: Inst[] = [];
  // Returns an operand BPF can encode at this width, materialising it in a register if needed.
  const enc = (o: Operand, width: 32 | 64, span: Inst["span"]): Operand => {
    if (!isImm(o)) return o;
    if (width === 32) return imm(BigInt.asIntN(32, o.imm));
    if (fitsImm32(o.imm)) return imm(BigInt.asIntN(64, o.imm));
    const t: VReg = newVReg(fn);
    out.push({ op: "mov", dst: t, src: imm(BigInt.asUintN(64, o.imm)), width: 64, span });
    return t;
  };
  for (const i of b.insts) {
    switch (i.op) {
      case "alu": {
        if (isImm(i.b)) {
          const w = BigInt(i.width);
          const v = BigInt.asUintN(i.width, i.b.imm);
          if (v === 0n && (i.alu === "div" || i.alu === "sdiv")) {
            out.push({ op: "mov", dst: i.dst, src: imm(0n), width: 64, span: i.span });
            continue;
          }
          if (v === 0n && (i.alu === "mod" || i.alu === "smod")) {
            out.push({ op: "mov", dst: i.dst, src: i.a, width: i.width, span: i.span });
            continue;
          }
          if (i.alu === "lsh" || i.alu === "rsh" || i.alu === "arsh") {
            out.push({ ...i, b: imm(v & (w - 1n)) });
            continue;
          }
        }
        out.push({ ...i, b: enc(i.b, i.width, i.span) });
        break;
      }
      case "setcc": out.push({ ...i, b: enc(i.b, i.width, i.span) }); break;
      case "store": {
        if (isImm(i.value)) {
          const v = BigInt.asUintN(i.size * 8, i.value.imm);
          const value = i.size === 8 ? enc(imm(v), 64, i.span) : imm(BigInt.asIntN(32, v));
          out.push({ ...i, value });
        } else out.push(i);
        break;
      }
      default: out.push(i);
    }
  }
  const t = b.term!;
  if (t.op === "br") t.b = enc(t.b, t.width, t.span);
  b.insts = out;
}

