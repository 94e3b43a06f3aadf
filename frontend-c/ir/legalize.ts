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

/** Expands `zero` and `copy` into plain loads and stores. */
export function expandMemoryOps(fn: IrFunction): void {
  for (const b of fn.blocks) {
    if (!b.insts.some((i) => i.op === "zero" || i.op === "copy")) continue;
    const out: Inst[] = [];
    for (const i of b.insts) {
      if (i.op === "zero") {
        for (const [off, size] of chunks(i.off, i.size, i.align)) {
          out.push({ op: "store", base: i.base, off, size, value: imm(0n), span: i.span });
        }
      } else if (i.op === "copy") {
        const delta = i.srcOff - i.dstOff;
        for (const [off, size] of chunks(i.dstOff, i.size, alignOfOffsets(i.align, i.dstOff, i.srcOff))) {
          const t = newVReg(fn);
          out.push({ op: "load", dst: t, base: i.srcBase, off: off + delta, size, signed: false, span: i.span });
          out.push({ op: "store", base: i.dstBase, off, size, value: t, span: i.span });
        }
      } else out.push(i);
    }
    b.insts = out;
  }
}

function alignOfOffsets(align: number, a: number, b: number): number {
  let al = Math.max(1, Math.min(8, align));
  while (al > 1 && ((a - b) % al !== 0)) al >>= 1;
  return al;
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

