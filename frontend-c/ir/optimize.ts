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
import { foldFrameAddresses } from "./frame-addr.ts";
import { promoteFrameObjects } from "./promote.ts";
import { evalAlu, evalCond, evalEndian, evalExt, evalNeg, isCommutative, swapCond, toU64 } from "./fold.ts";
import { hasSideEffects, imm, instDef, instUses, isFrame, isImm, termUses, type Cond, type Inst, type IrFunction, type Operand, type VReg } from "./ir.ts";
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
    changed = foldFrameAddresses(fn) || changed;
    changed = eliminateDeadStores(fn) || changed;
    changed = eliminateDeadCode(fn) || changed;
    // Objects whose last address use was just folded away now qualify for registers.
    changed = promoteFrameObjects(fn) || changed;
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
  const multiDefs = new Map<VReg, Inst[]>();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      if (d === undefined || single(d) || fn.params.includes(d)) continue;
      let l = multiDefs.get(d);
      if (l === undefined) multiDefs.set(d, (l = []));
      l.push(i);
    }
  }
  const possible = possibleBitsOf(singleDef, isSingle, multiDefs);
  // Reads per value, counting a copy's reads as reads of the value it copies.
  const uses = useCounts(fn, root, (i) => i.op === "mov" && globalCopy.has(i.dst));
  const soleUse = (v: VReg) => (uses.get(root(v)) ?? 0) <= 1;
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
    // Loads already done in this block (local CSE), and values just stored to the stack
    // (forwarding): key → the vreg or constant holding the value.
    const loads = new BlockMemory();
    const baseKey = (base: Extract<Inst, { op: "load" }>["base"]) => (isFrame(base) ? `f${base.frame}` : String(base));
    // Pure computations already done in this block (local CSE): key → result and operand vregs.
    const pure = new PureMemory();
    for (let idx = 0; idx < b.insts.length; idx++) {
      const before = b.insts[idx]!;
      const i = rewriteOperands(before, reg, opnd);
      let folded = narrowOperands(simplifyExt(simplifyBits(fold(foldConstants(foldAddressOffset(i, singleDef, isSingle), val)), possible, singleDef, isSingle), singleDef, isSingle), singleDef, isSingle, soleUse);
      if (folded.op === "setcc" && isImm(folded.b)) {
        const known = compareByBits(folded.cond, folded.width, possible(folded.a), folded.b.imm);
        if (known !== undefined) folded = { op: "mov", dst: folded.dst, src: imm(known ? 1n : 0n), width: 64, span: folded.span };
      }
      if (folded.op === "load") {
        const prev = loads.get(baseKey(folded.base), `${folded.off}:${folded.size}:${folded.signed}`);
        if (prev !== undefined && prev !== folded.dst) folded = { op: "mov", dst: folded.dst, src: prev, width: 64, span: folded.span };
      } else if (folded.op === "store" && isFrame(folded.base)) {
        // A stack store changes that object, or memory reached through pointers; no other object.
        const f = baseKey(folded.base);
        loads.drop((k) => k === f || !k.startsWith("f"));
        const at = `${folded.off}:${folded.size}`;
        const bits = folded.size * 8;
        if (isImm(folded.value)) {
          loads.set(f, `${at}:false`, imm(BigInt.asUintN(bits, folded.value.imm)));
          loads.set(f, `${at}:true`, imm(BigInt.asUintN(64, BigInt.asIntN(bits, folded.value.imm))));
        } else if (folded.size === 8) {
          loads.set(f, `${at}:false`, folded.value);
          loads.set(f, `${at}:true`, folded.value);
        }
      } else if (folded.op === "store" && fn.params.includes(folded.base as VReg)) {
        // The program's context never points into its stack: stack loads stay valid.
        loads.drop((k) => !k.startsWith("f"));
      } else if (mayWriteMemory(folded)) loads.clear();
      const pk = pureKey(folded);
      if (pk !== undefined) {
        const prev = pure.get(pk.key);
        const d0 = instDef(folded)!;
        if (prev !== undefined && prev.dst !== d0) folded = { op: "mov", dst: d0, src: prev.dst, width: 64, span: folded.span };
      }
      b.insts[idx] = folded;
      if (folded !== before) changed = true;
      // Reusing a value across a helper call would keep it in r6-r9 (or a spill slot) instead.
      if (folded.op === "call" || folded.op === "calllocal") pure.clear();
      const d = instDef(folded);
      if (d === undefined) continue;
      kill(d);
      loads.kill(d);
      pure.kill(d);
      if (pk !== undefined && folded.op !== "mov" && !pk.ops.includes(d)) pure.set(pk.key, d, pk.ops);
      else if (pk !== undefined && folded.op === "mov" && !isImm(folded.src) && folded.width === 32 && folded.src !== d) pure.set(pk.key, d, pk.ops);
      if (before.op === "load" && folded.op === "load" && !(isFrame(folded.base) === false && folded.base === d)) {
        loads.set(baseKey(folded.base), `${folded.off}:${folded.size}:${folded.signed}`, d);
      }
      if (folded.op === "mov") {
        if (isImm(folded.src)) known.set(d, folded.width === 32 ? BigInt.asUintN(32, folded.src.imm) : toU64(folded.src.imm));
        else if (folded.width === 64 && folded.src !== d) {
          copies.set(d, folded.src);
          // Later reads of d now read src: keep the read counts `soleUse` relies on honest.
          const into = root(folded.src);
          uses.set(into, (uses.get(into) ?? 0) + (uses.get(root(d)) ?? 0));
        }
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
      const known = isImm(bb) ? compareByBits(cond, t.width, possible(a), bb.imm) : undefined;
      if (known !== undefined) {
        b.term = { op: "jmp", target: known ? t.then : t.else, span: t.span };
        changed = true;
        continue;
      }
      let width = t.width;
      [a, bb, width] = narrowCompare(cond, width, a, bb, singleDef, isSingle, soleUse);
      if (width === 32) {
        // A 32-bit compare reads only the low halves: extensions from 32 bits are transparent.
        a = strip32(a, singleDef, isSingle, soleUse);
        if (!isImm(bb)) bb = strip32(bb, singleDef, isSingle, soleUse);
      }
      if (a === bb && cond !== "set") {
        const target = cond === "eq" || cond === "ge" || cond === "le" || cond === "sge" || cond === "sle" ? t.then : t.else;
        b.term = { op: "jmp", target, span: t.span };
        changed = true;
        continue;
      }
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
 * `p = q + k; *(p + off)` accesses `*(q + off + k)`: BPF's load/store offset field does the add.
 * Only for single-definition p and q (q then holds the same value at the access).
 */
function foldAddressOffset(i: Inst, singleDef: Map<VReg, Inst>, isSingle: (v: VReg) => boolean): Inst {
  if (i.op !== "load" && i.op !== "store" && i.op !== "atomic") return i;
  if (isFrame(i.base) || !isSingle(i.base)) return i;
  const d = singleDef.get(i.base);
  if (d === undefined || d.op !== "alu" || d.width !== 64 || (d.alu !== "add" && d.alu !== "sub") || !isImm(d.b) || !isSingle(d.a)) return i;
  const k = BigInt.asIntN(64, d.b.imm);
  const off = BigInt(i.off) + (d.alu === "add" ? k : -k);
  if (off < -0x8000n || off > 0x7fffn) return i;
  return { ...i, base: d.a, off: Number(off) };
}

const ALL = (1n << 64n) - 1n;
const LOW32 = 0xffff_ffffn;

/**
 * Bits that may be set in a value (a conservative "known zero" analysis over single-definition
 * vregs): narrow loads, masks, shifts by constants, zero extensions, comparisons as values.
 */
function possibleBitsOf(singleDef: Map<VReg, Inst>, isSingle: (v: VReg) => boolean, multiDefs: Map<VReg, Inst[]>): (o: Operand) => bigint {
  const memo = new Map<VReg, bigint>();
  // A vreg defined in several places (a C variable assigned on several paths, in loops) may hold
  // the bits of any of its definitions: solved optimistically (its own reads assumed to give the
  // current estimate) and accepted only once a round confirms the estimate. Results computed under
  // such an assumption are not memoised.
  const assumed = new Map<VReg, bigint>();
  let budget = 4000;
  const bits = (o: Operand, depth: number): bigint => {
    if (isImm(o)) return toU64(o.imm);
    if (depth > 12 || --budget < 0) return ALL;
    const m = memo.get(o);
    if (m !== undefined) return m;
    if (!isSingle(o)) {
      const a = assumed.get(o);
      if (a !== undefined) return a;
      const defsOf = multiDefs.get(o);
      if (defsOf === undefined) return ALL;
      let est = 0n;
      let r = ALL;
      for (let round = 0; round < 4; round++) {
        assumed.set(o, est);
        let u = 0n;
        for (const d of defsOf) {
          u |= defBits(d, depth);
          if (u === ALL) break;
        }
        if (u === est) { r = est; break; }
        est = u;
      }
      assumed.delete(o);
      if (assumed.size === 0) memo.set(o, r);
      return r;
    }
    const d = singleDef.get(o);
    const r = d === undefined ? ALL : defBits(d, depth);
    if (assumed.size === 0) memo.set(o, r);
    return r;
  };
  const defBits = (d: Inst, depth: number): bigint => {
    let r = ALL;
    {
      const w = (x: bigint) => ("width" in d && d.width === 32 ? x & LOW32 : x);
      switch (d.op) {
        case "mov": r = w(bits(d.src, depth + 1)); break;
        case "load": r = d.signed || d.size === 8 ? ALL : (1n << BigInt(d.size * 8)) - 1n; break;
        case "setcc": r = 1n; break;
        case "ext": {
          const low = (1n << BigInt(d.from)) - 1n;
          const a = bits(d.a, depth + 1);
          r = !d.signed || (a & (1n << BigInt(d.from - 1))) === 0n ? a & low : ALL;
          break;
        }
        case "alu": {
          const a = bits(d.a, depth + 1);
          const b = bits(d.b, depth + 1);
          const k = isImm(d.b) ? Number(toU64(d.b.imm) & BigInt(d.width - 1)) : undefined;
          const aw = d.width === 32 ? a & LOW32 : a;
          switch (d.alu) {
            case "and": r = w(a & b); break;
            case "or": case "xor": r = w(a | b); break;
            case "rsh": r = k === undefined ? w(ALL) : aw >> BigInt(k); break;
            case "lsh": r = k === undefined ? w(ALL) : w((aw << BigInt(k)) & ALL); break;
            default: r = w(ALL); break;
          }
          break;
        }
        default: r = "width" in d && d.width === 32 ? LOW32 : ALL; break;
      }
    }
    return r;
  };
  return (o) => {
    budget = 4000;
    return bits(o, 0);
  };
}

/**
 * Masks that clear no bit that may be set (`(x & 0xf) & 0xff`, `zext8` of a byte load) are
 * copies; nested masks combine.
 */
function simplifyBits(i: Inst, possible: (o: Operand) => bigint, singleDef: Map<VReg, Inst>, isSingle: (v: VReg) => boolean): Inst {
  if (i.op === "alu" && i.alu === "and" && isImm(i.b)) {
    const c = i.width === 32 ? toU64(i.b.imm) & LOW32 : toU64(i.b.imm);
    if ((possible(i.a) & ~c & ALL) === 0n) return { op: "mov", dst: i.dst, src: i.a, width: 64, span: i.span };
    const inner = isSingle(i.a) ? singleDef.get(i.a) : undefined;
    if (inner !== undefined && inner.op === "alu" && inner.alu === "and" && isImm(inner.b) && inner.width === i.width && isSingle(inner.a)) {
      return { ...i, a: inner.a, b: imm(toU64(inner.b.imm) & c) };
    }
    if (inner !== undefined && inner.op === "ext" && !inner.signed && isSingle(inner.a)) {
      return { ...i, a: inner.a, b: imm(((1n << BigInt(inner.from)) - 1n) & c) };
    }
  }
  if (i.op === "ext") {
    // Zero- or sign-extending a value whose bits above the sign bit position are already clear.
    const keep = (1n << BigInt(i.signed ? i.from - 1 : i.from)) - 1n;
    if ((possible(i.a) & ~keep & ALL) === 0n) return { op: "mov", dst: i.dst, src: i.a, width: 64, span: i.span };
  }
  if (i.op === "alu" && (i.alu === "add" || i.alu === "sub") && isImm(i.b) && isSingle(i.a)) {
    // (x + c1) + c2 = x + (c1 + c2), at either width (wrap-around is the same either way).
    const inner = singleDef.get(i.a);
    if (inner !== undefined && inner.op === "alu" && (inner.alu === "add" || inner.alu === "sub") && inner.width === i.width && isImm(inner.b) && isSingle(inner.a)) {
      const c1 = inner.alu === "add" ? inner.b.imm : -inner.b.imm;
      const c2 = i.alu === "add" ? i.b.imm : -i.b.imm;
      const sum = i.width === 32 ? BigInt.asIntN(32, c1 + c2) : BigInt.asIntN(64, c1 + c2);
      if (sum >= -0x8000_0000n && sum <= 0x7fff_ffffn) return { ...i, alu: "add", a: inner.a, b: imm(sum) };
    }
  }
  if (i.op === "alu" && i.alu === "rsh" && i.width === 64 && isImm(i.b) && isSingle(i.a)) {
    // (x << k) >> k keeps the low 64-k bits: one AND when the mask fits an immediate.
    const k = toU64(i.b.imm);
    const inner = singleDef.get(i.a);
    if (k > 33n && k < 64n && inner !== undefined && inner.op === "alu" && inner.alu === "lsh" && inner.width === 64 && isImm(inner.b) && toU64(inner.b.imm) === k && isSingle(inner.a)) {
      return { op: "alu", alu: "and", dst: i.dst, a: inner.a, b: imm((1n << (64n - k)) - 1n), width: 64, span: i.span };
    }
  }
  return i;
}

/**
 * Decides `a COND k` when the bits `a` may have settle it: `a` is at most `bits` (unsigned), and
 * non-negative when its sign bit cannot be set; `(x != 0) < 68` is always true.
 */
function compareByBits(cond: Cond, width: 32 | 64, bits: bigint, k: bigint): boolean | undefined {
  const up = width === 32 ? bits & LOW32 : bits;
  const signBit = 1n << BigInt(width - 1);
  const ku = BigInt.asUintN(width, k);
  const signed = cond === "sgt" || cond === "sge" || cond === "slt" || cond === "sle";
  if (signed && (up & signBit) !== 0n) return undefined;
  const ks = signed ? BigInt.asIntN(width, k) : ku;
  switch (cond) {
    case "eq": return (ku & ~up) !== 0n ? false : undefined;
    case "ne": return (ku & ~up) !== 0n ? true : undefined;
    case "lt": case "slt": return up < ks ? true : ks <= 0n ? false : undefined;
    case "le": case "sle": return up <= ks ? true : ks < 0n ? false : undefined;
    case "gt": case "sgt": return up <= ks ? false : ks < 0n ? true : undefined;
    case "ge": case "sge": return up < ks ? false : ks <= 0n ? true : undefined;
    default: return undefined;
  }
}

/** The operand of a 32-bit extension (of a single-def vreg) whose only reader is this use. */
function strip32(v: VReg, singleDef: Map<VReg, Inst>, isSingle: (v: VReg) => boolean, soleUse: (v: VReg) => boolean): VReg {
  if (!isSingle(v) || !soleUse(v)) return v;
  const d = singleDef.get(v);
  if (d !== undefined && d.op === "ext" && d.from === 32 && isSingle(d.a)) return d.a;
  if (d !== undefined && d.op === "mov" && d.width === 32 && !isImm(d.src) && isSingle(d.src)) return d.src;
  return v;
}

/** How many times each value is read (instructions and terminators; copies to be propagated skipped). */
function useCounts(fn: IrFunction, root: (v: VReg) => VReg, skip: (i: Inst) => boolean): Map<VReg, number> {
  const n = new Map<VReg, number>();
  const add = (v: VReg) => n.set(root(v), (n.get(root(v)) ?? 0) + 1);
  for (const b of fn.blocks) {
    for (const i of b.insts) if (!skip(i)) for (const u of instUses(i)) add(u);
    if (b.term) for (const u of termUses(b.term)) add(u);
  }
  return n;
}

/**
 * A 64-bit comparison of two values both sign-extended from 32 bits equals the 32-bit comparison
 * of the originals, signed or unsigned (sign extension is monotonic in both orders); for
 * zero-extended values that holds for unsigned and equality comparisons. BPF compares 32-bit
 * registers directly (JMP32), so the extensions then become dead. Immediates qualify when they
 * are the extension of their own low 32 bits.
 *
 * Only when the comparison is the extension's sole use: otherwise the extended value stays live
 * and is what later code reads, and the verifier learns bounds only for the register it sees
 * compared (`n = min(8192, (u32)len)` passed as a helper size must be bounded in n's register).
 */
function narrowCompare(
  cond: Cond, width: 32 | 64, a: VReg, b: Operand, singleDef: Map<VReg, Inst>, isSingle: (v: VReg) => boolean,
  soleUse: (v: VReg) => boolean,
): [VReg, Operand, 32 | 64] {
  if (width !== 64) return [a, b, width];
  // (In)equality with a constant teaches the verifier no range worth keeping on the extended copy.
  const anyUse = (cond === "eq" || cond === "ne") && isImm(b);
  const extOf = (v: VReg) => {
    if (!isSingle(v) || !(anyUse || soleUse(v))) return undefined;
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
function narrowOperands(i: Inst, singleDef: Map<VReg, Inst>, isSingle: (v: VReg) => boolean, soleUse: (v: VReg) => boolean): Inst {
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
        const [a, b, width] = narrowCompare(i.cond, i.width, i.a, i.b, singleDef, isSingle, soleUse);
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

/**
 * What a block has loaded from or stored to memory: per base (`f<id>` for a stack object, the
 * vreg id for a pointer), access → the operand holding the value; indexed by holding vreg so a
 * redefinition forgets its entries without scanning everything (blocks can be long after unrolling).
 */
class BlockMemory {
  private readonly groups = new Map<string, Map<string, Operand>>();
  private readonly byValue = new Map<VReg, [string, string][]>();
  get(base: string, access: string): Operand | undefined {
    return this.groups.get(base)?.get(access);
  }
  set(base: string, access: string, v: Operand): void {
    let g = this.groups.get(base);
    if (g === undefined) this.groups.set(base, (g = new Map()));
    g.set(access, v);
    if (!isImm(v)) {
      let l = this.byValue.get(v);
      if (l === undefined) this.byValue.set(v, (l = []));
      l.push([base, access]);
    }
  }
  /** Forgets every base the predicate selects. */
  drop(pred: (base: string) => boolean): void {
    for (const k of [...this.groups.keys()]) if (pred(k)) this.groups.delete(k);
  }
  clear(): void {
    this.groups.clear();
    this.byValue.clear();
  }
  /** `d` is redefined: accesses through it and values held in it are stale. */
  kill(d: VReg): void {
    this.groups.delete(String(d));
    for (const [base, access] of this.byValue.get(d) ?? []) {
      const g = this.groups.get(base);
      if (g !== undefined && g.get(access) === d) g.delete(access);
    }
    this.byValue.delete(d);
  }
}

/** Local value numbering table: key → result vreg and the vregs the computation read. */
class PureMemory {
  private readonly table = new Map<string, { dst: VReg; ops: VReg[] }>();
  private readonly byVreg = new Map<VReg, string[]>();
  get(key: string): { dst: VReg; ops: VReg[] } | undefined {
    return this.table.get(key);
  }
  set(key: string, dst: VReg, ops: VReg[]): void {
    this.table.set(key, { dst, ops });
    for (const v of [dst, ...ops]) {
      let l = this.byVreg.get(v);
      if (l === undefined) this.byVreg.set(v, (l = []));
      l.push(key);
    }
  }
  clear(): void {
    this.table.clear();
    this.byVreg.clear();
  }
  kill(d: VReg): void {
    for (const key of this.byVreg.get(d) ?? []) {
      const e = this.table.get(key);
      if (e !== undefined && (e.dst === d || e.ops.includes(d))) this.table.delete(key);
    }
    this.byVreg.delete(d);
  }
}

/**
 * Value-numbering key of a side-effect-free computation worth reusing (ALU, extensions,
 * comparisons as values, zero-extending moves, stack addresses), with the vregs it reads.
 */
function pureKey(i: Inst): { key: string; ops: VReg[] } | undefined {
  const o = (x: Operand) => (isImm(x) ? `#${toU64(x.imm)}` : `%${x}`);
  switch (i.op) {
    case "alu": {
      let [a, b]: [Operand, Operand] = [i.a, i.b];
      if (isCommutative(i.alu) && !isImm(b) && b < i.a) [a, b] = [b, a];
      return { key: `alu:${i.alu}:${i.width}:${o(a)}:${o(b)}`, ops: isImm(i.b) ? [i.a] : [i.a, i.b] };
    }
    case "neg": return { key: `neg:${i.width}:${i.a}`, ops: [i.a] };
    case "ext": return { key: `ext:${i.from}:${i.signed}:${i.a}`, ops: [i.a] };
    case "endian": return { key: `endian:${i.kind}:${i.bits}:${i.a}`, ops: [i.a] };
    case "setcc": return { key: `setcc:${i.cond}:${i.width}:${i.a}:${o(i.b)}`, ops: isImm(i.b) ? [i.a] : [i.a, i.b] };
    case "mov": return i.width === 32 && !isImm(i.src) ? { key: `mov32:${i.src}`, ops: [i.src] } : undefined;
    // Stack addresses cost two instructions each (r10 copy and add); the table is cleared at
    // helper calls, so reuse never stretches a value across one.
    case "frameaddr": return { key: `frameaddr:${i.frame}:${i.off}`, ops: [] };
    default: return undefined;
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
