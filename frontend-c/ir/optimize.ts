/**
 * @fileoverview Scalar optimisations on the virtual-register IR: constant propagation and folding,
 * copy propagation, dead-code elimination and CFG clean-up, iterated to a fixed point.
 *
 * The IR is not SSA, so "constant" and "copy" facts are established two ways: vregs with exactly one
 * definition (that definition dominates every use, which the invariant checker guarantees) are
 * propagated function-wide; other facts only within a block, killed by redefinitions.
 * Folding uses fold.ts, which reproduces BPF's arithmetic exactly.
 */
import { diamondsToSetcc, simplifyCfg } from "./cfg.ts";
import { eliminateDeadStores } from "./dead-stores.ts";
import { evalAlu, evalCond, evalEndian, evalExt, evalNeg, isCommutative, swapCond, toU64 } from "./fold.ts";
import { hasSideEffects, imm, instDef, instUses, isFrame, isImm, type Cond, type Inst, type IrFunction, type Operand, type VReg } from "./ir.ts";
import { computeLiveness } from "./liveness.ts";

export interface OptimizeOptions {
  /** Maximum rounds of the pass sequence (each round is linear-ish in code size). */
  maxRounds?: number;
}

export function optimizeFunction(fn: IrFunction, opts: OptimizeOptions = {}): void {
  const rounds = opts.maxRounds ?? 6;
  simplifyCfg(fn);
  for (let r = 0; r < rounds; r++) {
    let changed = propagate(fn);
    changed = eliminateDeadStores(fn) || changed;
    changed = eliminateDeadCode(fn) || changed;
    changed = diamondsToSetcc(fn) || changed;
    changed = simplifyCfg(fn) || changed;
    if (!changed) break;
  }
}

function defCounts(fn: IrFunction): Map<VReg, number> {
  const n = new Map<VReg, number>();
  for (const p of fn.params) n.set(p, (n.get(p) ?? 0) + 1);
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      if (d !== undefined) n.set(d, (n.get(d) ?? 0) + 1);
    }
  }
  return n;
}

/** Constant and copy propagation with folding. Returns true if anything changed. */
export function propagate(fn: IrFunction): boolean {
  const defs = defCounts(fn);
  const single = (v: VReg) => defs.get(v) === 1;
  const globalConst = new Map<VReg, bigint>();
  const globalCopy = new Map<VReg, VReg>();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op !== "mov" || !single(i.dst)) continue;
      if (isImm(i.src)) globalConst.set(i.dst, i.width === 32 ? BigInt.asUintN(32, i.src.imm) : toU64(i.src.imm));
      else if (i.width === 64 && single(i.src) && !fn.params.includes(i.dst)) globalCopy.set(i.dst, i.src);
    }
  }
  const singleDef = new Map<VReg, Inst>();
  for (const b of fn.blocks) for (const i of b.insts) { const d = instDef(i); if (d !== undefined && single(d)) singleDef.set(d, i); }
  const isSingle = (v: VReg) => single(v) || (fn.params.includes(v) && defs.get(v) === 1);
  // Resolve copy chains (a = b; c = a) to their root.
  const root = (v: VReg): VReg => {
    let r = v;
    for (let k = 0; k < 64 && globalCopy.has(r); k++) r = globalCopy.get(r)!;
    return r;
  };
  let changed = false;
  for (const b of fn.blocks) {
    const known = new Map<VReg, bigint>();
    const copies = new Map<VReg, VReg>();
    const val = (v: VReg): bigint | undefined => known.get(v) ?? globalConst.get(v);
    const reg = (v: VReg): VReg => {
      const r = root(copies.get(v) ?? v);
      return r;
    };
    const opnd = (o: Operand): Operand => {
      if (isImm(o)) return o;
      const r = reg(o);
      const c = val(r);
      return c === undefined ? r : imm(c);
    };
    const kill = (d: VReg) => {
      known.delete(d);
      copies.delete(d);
      for (const [k, v] of copies) if (v === d) copies.delete(k);
    };
    // Loads already done in this block (local CSE): key → vreg holding the value.
    const loads = new Map<string, VReg>();
    const loadKey = (i: Extract<Inst, { op: "load" }>) =>
      `${isFrame(i.base) ? `f${i.base.frame}` : i.base}:${i.off}:${i.size}:${i.signed}`;
    for (let idx = 0; idx < b.insts.length; idx++) {
      const before = b.insts[idx]!;
      const i = rewriteOperands(before, reg, opnd);
      let folded = narrowOperands(simplifyExt(fold(foldConstants(i, val)), singleDef, isSingle), singleDef, isSingle);
      if (folded.op === "load") {
        const prev = loads.get(loadKey(folded));
        if (prev !== undefined && prev !== folded.dst) folded = { op: "mov", dst: folded.dst, src: prev, width: 64, span: folded.span };
      } else if (mayWriteMemory(folded)) loads.clear();
      b.insts[idx] = folded;
      if (folded !== before) changed = true;
      const d = instDef(folded);
      if (d === undefined) continue;
      kill(d);
      for (const [k, v] of loads) if (v === d || k.startsWith(`${d}:`)) loads.delete(k);
      if (before.op === "load" && folded.op === "load" && !(isFrame(folded.base) === false && folded.base === d)) {
        loads.set(loadKey(folded), d);
      }
      if (folded.op === "mov") {
        if (isImm(folded.src)) known.set(d, folded.width === 32 ? BigInt.asUintN(32, folded.src.imm) : toU64(folded.src.imm));
        else if (folded.width === 64 && folded.src !== d) copies.set(d, folded.src);
      }
    }
    const t = b.term!;
    if (t.op === "ret") {
      const v = opnd(t.value);
      if (v !== t.value) { t.value = v; changed = true; }
    } else if (t.op === "br") {
      let a: Operand = opnd(t.a);
      let bb = opnd(t.b);
      if (isImm(a) && isImm(bb)) {
        const target = evalCond(t.cond, t.width, toU64(a.imm), toU64(bb.imm)) ? t.then : t.else;
        b.term = { op: "jmp", target, span: t.span };
        changed = true;
        continue;
      }
      let cond = t.cond;
      if (isImm(a) && !isImm(bb)) {
        [a, bb] = [bb, a];
        cond = swapCond(cond);
      }
      if (isImm(a)) continue; // unreachable given the checks above; keeps the types honest
      let width = t.width;
      [a, bb, width] = narrowCompare(cond, width, a, bb, singleDef, isSingle);
      if (a !== t.a || bb !== t.b || cond !== t.cond || width !== t.width) {
        t.a = a; t.b = bb; t.cond = cond; t.width = width;
        changed = true;
      }
    }
  }
  return changed;
}

function rewriteOperands(i: Inst, reg: (v: VReg) => VReg, opnd: (o: Operand) => Operand): Inst {
  switch (i.op) {
    case "mov": { const src = opnd(i.src); return src === i.src ? i : { ...i, src }; }
    case "alu": {
      const a = reg(i.a);
      const b = opnd(i.b);
      return a === i.a && b === i.b ? i : { ...i, a, b };
    }
    case "neg": case "ext": case "endian": { const a = reg(i.a); return a === i.a ? i : { ...i, a }; }
    case "setcc": {
      const a = reg(i.a);
      const b = opnd(i.b);
      return a === i.a && b === i.b ? i : { ...i, a, b };
    }
    case "load": return typeof i.base === "number" && reg(i.base) !== i.base ? { ...i, base: reg(i.base) } : i;
    case "store": {
      const base = typeof i.base === "number" ? reg(i.base) : i.base;
      const value = opnd(i.value);
      return base === i.base && value === i.value ? i : { ...i, base, value };
    }
    case "call": case "calllocal": {
      const args = i.args.map(reg);
      return args.every((a, k) => a === i.args[k]) ? i : { ...i, args };
    }
    case "atomic": {
      const base = typeof i.base === "number" ? reg(i.base) : i.base;
      const value = reg(i.value);
      const expected = i.expected === undefined ? undefined : reg(i.expected);
      if (base === i.base && value === i.value && expected === i.expected) return i;
      const out = { ...i, base, value };
      if (expected !== undefined) out.expected = expected;
      return out;
    }
    case "zero": return typeof i.base === "number" && reg(i.base) !== i.base ? { ...i, base: reg(i.base) } : i;
    case "copy": {
      const dstBase = typeof i.dstBase === "number" ? reg(i.dstBase) : i.dstBase;
      const srcBase = typeof i.srcBase === "number" ? reg(i.srcBase) : i.srcBase;
      return dstBase === i.dstBase && srcBase === i.srcBase ? i : { ...i, dstBase, srcBase };
    }
    default: return i;
  }
}

/**
 * Extensions of values whose upper bits are already right: ext(ext(x)) with a wider inner
 * extension is ext(x); zext32 of an ALU32 result, or of an unsigned narrow load, is a copy;
 * a sign extension of an equally narrow signed load too.
 */
function simplifyExt(i: Inst, singleDef: Map<VReg, Inst>, isSingle: (v: VReg) => boolean): Inst {
  if (i.op !== "ext" || !isSingle(i.a)) return i;
  const d = singleDef.get(i.a);
  if (d === undefined) return i;
  const copy: Inst = { op: "mov", dst: i.dst, src: i.a, width: 64, span: i.span };
  if (d.op === "ext" && d.from >= i.from && isSingle(d.a)) return { ...i, a: d.a };
  if (d.op === "ext" && d.from <= i.from && d.signed === i.signed) return copy;
  if (d.op === "load" && d.size * 8 <= i.from && (d.signed === i.signed || (!d.signed && d.size * 8 < i.from))) return copy;
  if (!i.signed && i.from === 32 && (d.op === "alu" || d.op === "neg" || d.op === "mov") && d.width === 32) return copy;
  // Values known to be small and non-negative: comparison results (0/1), masks with small constants.
  if (d.op === "setcc") return copy;
  if (d.op === "alu" && d.alu === "and" && isImm(d.b)) {
    const m = BigInt.asUintN(64, d.b.imm);
    if (m < 1n << BigInt(i.signed ? i.from - 1 : i.from)) return copy;
  }
  return i;
}

/**
 * A 64-bit comparison of two values both sign-extended from 32 bits equals the 32-bit comparison
 * of the originals, signed or unsigned (sign extension is monotonic in both orders); for
 * zero-extended values that holds for unsigned and equality comparisons. BPF compares 32-bit
 * registers directly (JMP32), so the extensions then become dead. Immediates qualify when they
 * are the extension of their own low 32 bits.
 */
function narrowCompare(
  cond: Cond, width: 32 | 64, a: VReg, b: Operand, singleDef: Map<VReg, Inst>, isSingle: (v: VReg) => boolean,
): [VReg, Operand, 32 | 64] {
  if (width !== 64) return [a, b, width];
  const extOf = (v: VReg) => {
    if (!isSingle(v)) return undefined;
    const d = singleDef.get(v);
    return d !== undefined && d.op === "ext" && d.from === 32 && isSingle(d.a) ? d : undefined;
  };
  const ea = extOf(a);
  if (ea === undefined) return [a, b, width];
  const signedCond = cond === "sgt" || cond === "sge" || cond === "slt" || cond === "sle";
  if (!ea.signed && signedCond) return [a, b, width];
  if (isImm(b)) {
    const v = BigInt.asUintN(64, b.imm);
    const image = ea.signed ? BigInt.asUintN(64, BigInt.asIntN(32, v)) : BigInt.asUintN(32, v);
    return image === v ? [ea.a, imm(BigInt.asIntN(32, v)), 32] : [a, b, width];
  }
  const eb = extOf(b);
  if (eb === undefined || eb.signed !== ea.signed) return [a, b, width];
  return [ea.a, eb.a, 32];
}

/**
 * An instruction that reads only the low N bits of an operand does not need that operand
 * extended from ≥ N bits first: `mul32(sext32 x, sext32 y)` is `mul32(x, y)`; a 4-byte store of
 * `zext32 x` stores x.
 */
function narrowOperands(i: Inst, singleDef: Map<VReg, Inst>, isSingle: (v: VReg) => boolean): Inst {
  const strip = (v: VReg, bits: number): VReg => {
    if (!isSingle(v)) return v;
    const d = singleDef.get(v);
    return d !== undefined && d.op === "ext" && d.from >= bits && isSingle(d.a) ? d.a : v;
  };
  switch (i.op) {
    case "alu": {
      if (i.width !== 32) return i;
      const a = strip(i.a, 32);
      const b = isImm(i.b) ? i.b : strip(i.b, 32);
      return a === i.a && b === i.b ? i : { ...i, a, b };
    }
    case "neg": {
      if (i.width !== 32) return i;
      const a = strip(i.a, 32);
      return a === i.a ? i : { ...i, a };
    }
    case "setcc": {
      if (i.width !== 32) {
        const [a, b, width] = narrowCompare(i.cond, i.width, i.a, i.b, singleDef, isSingle);
        return width === i.width ? i : { ...i, a, b, width };
      }
      const a = strip(i.a, 32);
      const b = isImm(i.b) ? i.b : strip(i.b, 32);
      return a === i.a && b === i.b ? i : { ...i, a, b };
    }
    case "ext": {
      const a = strip(i.a, i.from);
      return a === i.a ? i : { ...i, a };
    }
    case "store": {
      if (i.size === 8 || isImm(i.value)) return i;
      const value = strip(i.value, i.size * 8);
      return value === i.value ? i : { ...i, value };
    }
    case "mov": {
      if (i.width !== 32 || isImm(i.src)) return i;
      const src = strip(i.src, 32);
      return src === i.src ? i : { ...i, src };
    }
    default: return i;
  }
}

/** Folds an instruction whose operands (already substituted) allow it. */
function fold(i: Inst): Inst {
  const known = (o: Operand): bigint | undefined => (isImm(o) ? toU64(o.imm) : undefined);
  switch (i.op) {
    case "alu": {
      const b = known(i.b);
      if (b === undefined) return i;
      const w = i.width;
      const mask = w === 64 ? toU64(-1n) : 0xffff_ffffn;
      const bw = b & mask;
      const identity =
        (bw === 0n && (i.alu === "add" || i.alu === "sub" || i.alu === "or" || i.alu === "xor" ||
          i.alu === "lsh" || i.alu === "rsh" || i.alu === "arsh")) ||
        (bw === 1n && (i.alu === "mul" || i.alu === "div" || i.alu === "sdiv")) ||
        (bw === mask && i.alu === "and");
      if (identity) return { op: "mov", dst: i.dst, src: i.a, width: w, span: i.span };
      if (bw === 0n && (i.alu === "mul" || i.alu === "and")) return { op: "mov", dst: i.dst, src: imm(0n), width: 64, span: i.span };
      return i;
    }
    default: return i;
  }
}

/** Folds instructions whose register operands are all known constants (called via `foldConstants`). */
export function foldConstants(i: Inst, val: (v: VReg) => bigint | undefined): Inst {
  switch (i.op) {
    case "alu": {
      const a = val(i.a);
      const b = isImm(i.b) ? toU64(i.b.imm) : val(i.b);
      // A constant left operand of a commutative op moves right, where BPF can encode it.
      if (a !== undefined && b === undefined && isCommutative(i.alu) && !isImm(i.b)) return { ...i, a: i.b, b: imm(a) };
      if (a === undefined || b === undefined) return i;
      return { op: "mov", dst: i.dst, src: imm(evalAlu(i.alu, i.width, a, b)), width: 64, span: i.span };
    }
    case "neg": { const a = val(i.a); return a === undefined ? i : { op: "mov", dst: i.dst, src: imm(evalNeg(i.width, a)), width: 64, span: i.span }; }
    case "ext": { const a = val(i.a); return a === undefined ? i : { op: "mov", dst: i.dst, src: imm(evalExt(a, i.from, i.signed)), width: 64, span: i.span }; }
    case "endian": { const a = val(i.a); return a === undefined ? i : { op: "mov", dst: i.dst, src: imm(evalEndian(a, i.kind, i.bits)), width: 64, span: i.span }; }
    case "setcc": {
      const a = val(i.a);
      const b = isImm(i.b) ? toU64(i.b.imm) : val(i.b);
      if (a === undefined || b === undefined) return i;
      return { op: "mov", dst: i.dst, src: imm(evalCond(i.cond, i.width, a, b) ? 1n : 0n), width: 64, span: i.span };
    }
    default: return i;
  }
}

/** Conservatively: may this instruction change memory some earlier load read? */
function mayWriteMemory(i: Inst): boolean {
  return i.op === "store" || i.op === "call" || i.op === "calllocal" || i.op === "atomic" || i.op === "zero" || i.op === "copy";
}

/** Removes side-effect-free instructions whose result is dead. Returns true if any were removed. */
export function eliminateDeadCode(fn: IrFunction): boolean {
  let any = false;
  for (let round = 0; round < 10; round++) {
    const { liveOut } = computeLiveness(fn);
    let changed = false;
    for (const b of fn.blocks) {
      const live = liveOut.get(b.id)!;
      const t = b.term!;
      if (t.op === "br") { live.add(t.a); if (!isImm(t.b)) live.add(t.b); }
      if (t.op === "ret" && !isImm(t.value)) live.add(t.value);
      const kept: Inst[] = [];
      for (let idx = b.insts.length - 1; idx >= 0; idx--) {
        const i = b.insts[idx]!;
        const d = instDef(i);
        const selfMove = i.op === "mov" && i.width === 64 && i.src === i.dst;
        if (selfMove || (d !== undefined && !live.has(d) && !hasSideEffects(i))) {
          changed = true;
          continue;
        }
        if (i.op === "atomic" && i.dst !== undefined && !live.has(i.dst) && i.aop !== "xchg" && i.aop !== "cmpxchg") {
          // The old value is unused: a plain (non-fetching) atomic does the same to memory.
          kept.push({ ...i, dst: undefined, fetch: false });
          for (const u of instUses(i)) live.add(u);
          changed = true;
          continue;
        }
        if (d !== undefined) live.delete(d);
        for (const u of instUses(i)) live.add(u);
        kept.push(i);
      }
      if (kept.length !== b.insts.length) b.insts = kept.reverse();
    }
    if (!changed) break;
    any = true;
  }
  return any;
}
