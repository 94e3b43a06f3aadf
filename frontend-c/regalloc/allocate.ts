/**
 * @fileoverview Graph-colouring register allocator (Chaitin–Briggs with optimistic colouring and
 * move-biased colour choice) for machine-form IR (see machine.ts).
 *
 * - Nodes are vregs plus the precoloured physical registers r0..r9; edges come from a backward
 *   liveness walk (a definition interferes with everything live after it, except the source of a
 *   64-bit copy). Helper calls define r0..r5, so values live across a call end up in r6..r9 or spill.
 * - Two-address constraints of BPF: `d = a - b` selects to `d = a; d -= b`, so d must not share b's
 *   register for non-commutative ops; `setcc` writes d before reading its operands. d and a (and b,
 *   when the op commutes) are move-related, so the colour choice prefers d = a and the copy vanishes.
 * - Vregs that cannot be coloured are spilled to 8-byte, 8-aligned stack slots (frame objects):
 *   a full-width spill is the only kind through which the verifier keeps tracking pointers.
 *   Each use reloads into a fresh short-lived vreg, each def stores from one; then we rebuild.
 * - The allocator never copies a value into a second register on its own, so a pointer that the
 *   program null-checks or bounds-checks is accessed through the register (or stack slot) the
 *   verifier saw checked.
 */
import { InternalCompilerError } from "../diagnostics/diagnostic.ts";
import { FIRST_VREG, instDef, instUses, isImm, isPhys, newFrameObject, newVReg, termUses, type Inst, type IrFunction, type VReg } from "../ir/ir.ts";
import { computeLiveness } from "../ir/liveness.ts";
import { mapInstRegs, mapTermRegs } from "../ir/rewrite.ts";
import { isCommutative } from "../ir/fold.ts";
import { loopDepths } from "./loops.ts";
import { ALLOCATABLE, clobbers } from "./machine.ts";

const K = ALLOCATABLE.length;

export interface AllocationResult {
  /** Number of vregs spilled (over all rounds). */
  spilled: number;
  /** Rounds of build/colour/spill. */
  rounds: number;
}

/**
 * Allocates registers in place: on return every register in `fn` is physical (0..10), and spill
 * slots have been added to `fn.frame` as objects named `spill.N`.
 */
export function allocateRegisters(fn: IrFunction): AllocationResult {
  const noSpill = new Set<VReg>();
  let spilled = 0;
  for (let round = 1; round <= 16; round++) {
    const g = buildGraph(fn, noSpill);
    const colour = colourGraph(g);
    if (colour.spills.length === 0) {
      const reg = (v: VReg): VReg => (isPhys(v) ? v : colour.assignment.get(v) ?? unassigned(fn, v));
      for (const b of fn.blocks) {
        b.insts = b.insts.map((i) => mapInstRegs(i, reg, reg));
        b.term = mapTermRegs(b.term!, reg);
      }
      return { spilled, rounds: round };
    }
    spilled += colour.spills.length;
    insertSpillCode(fn, new Set(colour.spills), noSpill);
  }
  throw new InternalCompilerError("regalloc", `${fn.name}: register allocation did not converge`, fn.span);
}

function unassigned(fn: IrFunction, v: VReg): never {
  throw new InternalCompilerError("regalloc", `${fn.name}: vreg %${v} has no register`, fn.span);
}

/** Interference graph over vreg ids 0..n-1 (dense arrays: the allocator must stay fast). */
interface Graph {
  n: number;
  present: Uint8Array;
  /** Adjacency as a bit matrix (dedupes edges) plus lists (fast iteration). */
  adjBits: Uint32Array;
  words: number;
  adj: number[][];
  moves: Map<VReg, VReg[]>;
  cost: Float64Array;
}

function buildGraph(fn: IrFunction, noSpill: ReadonlySet<VReg>): Graph {
  const n = fn.nextVReg;
  const words = (n + 31) >>> 5;
  const present = new Uint8Array(n);
  const adjBits = new Uint32Array(n * words);
  const adj: number[][] = Array.from({ length: n }, () => []);
  const moves = new Map<VReg, VReg[]>();
  const cost = new Float64Array(n);
  const edge = (a: VReg, b: VReg) => {
    if (a === b || (isPhys(a) && isPhys(b))) return;
    const k = a * words + (b >>> 5);
    const bit = 1 << (b & 31);
    if ((adjBits[k]! & bit) !== 0) return;
    adjBits[k]! |= bit;
    adjBits[b * words + (a >>> 5)]! |= 1 << (a & 31);
    adj[a]!.push(b);
    adj[b]!.push(a);
  };
  const move = (a: VReg, b: VReg) => {
    if (a === b) return;
    if (!moves.has(a)) moves.set(a, []);
    if (!moves.has(b)) moves.set(b, []);
    moves.get(a)!.push(b);
    moves.get(b)!.push(a);
  };
  for (const r of ALLOCATABLE) present[r] = 1;
  const depth = loopDepths(fn);
  const { liveOut } = computeLiveness(fn, (i) => {
    const c = clobbers(i);
    return c === undefined ? undefined : { defs: c };
  });
  for (const b of fn.blocks) {
    const w = 10 ** Math.min(4, depth.get(b.id) ?? 0);
    const bump = (v: VReg) => {
      present[v] = 1;
      if (!isPhys(v)) cost[v]! += w;
    };
    const live = liveOut.get(b.id)!;
    live.forEach((v) => { present[v] = 1; });
    for (const u of termUses(b.term!)) {
      live.add(u);
      bump(u);
    }
    for (let idx = b.insts.length - 1; idx >= 0; idx--) {
      const i = b.insts[idx]!;
      const d = instDef(i);
      const uses = instUses(i);
      const isCopy = i.op === "mov" && i.width === 64 && !isImm(i.src);
      if (isCopy) {
        live.delete(i.src as VReg);
        move(i.dst, i.src as VReg);
      } else if (i.op === "alu") {
        // Two-address ALU: `d = a op b` needs `d = a` first unless d shares a's register.
        move(i.dst, i.a);
        if (!isImm(i.b) && isCommutative(i.alu)) move(i.dst, i.b);
      } else if (i.op === "neg" || i.op === "endian" || (i.op === "ext" && !i.signed && i.from !== 32)) {
        move(i.dst, i.a);
      }
      const c = clobbers(i);
      const defs: readonly VReg[] = c === undefined ? (d === undefined ? [] : [d]) : d === undefined ? c : [d, ...c];
      for (const x of defs) {
        live.forEach((l) => edge(x, l));
        bump(x);
      }
      if (d !== undefined) {
        if (i.op === "alu" && !isImm(i.b) && i.b !== i.a && !isCommutative(i.alu)) edge(d, i.b);
        if (i.op === "setcc") {
          edge(d, i.a);
          if (!isImm(i.b)) edge(d, i.b);
        }
      }
      for (const x of defs) live.delete(x);
      for (const u of uses) {
        live.add(u);
        bump(u);
      }
    }
  }
  for (const v of noSpill) if (v < n) cost[v] = Infinity;
  return { n, present, adjBits, words, adj, moves, cost };
}

function colourGraph(g: Graph): { assignment: Map<VReg, number>; spills: VReg[] } {
  const degree = new Int32Array(g.n);
  const removed = new Uint8Array(g.n);
  const low: VReg[] = [];
  let remaining = 0;
  for (let v = FIRST_VREG; v < g.n; v++) {
    if (g.present[v] === 0) continue;
    remaining++;
    degree[v] = g.adj[v]!.length;
    if (degree[v]! < K) low.push(v);
  }
  const stack: VReg[] = [];
  const remove = (v: VReg) => {
    removed[v] = 1;
    remaining--;
    stack.push(v);
    for (const m of g.adj[v]!) {
      if (isPhys(m) || removed[m] === 1) continue;
      if (--degree[m]! === K - 1) low.push(m);
    }
  };
  while (remaining > 0) {
    const v = low.pop();
    if (v !== undefined) {
      if (removed[v] === 0) remove(v);
      continue;
    }
    // Optimistic: push the cheapest-to-spill node; it may still get a colour in select.
    let pick = -1;
    let best = Infinity;
    for (let u = FIRST_VREG; u < g.n; u++) {
      if (g.present[u] === 0 || removed[u] === 1) continue;
      const score = g.cost[u]! / (degree[u]! + 1);
      if (pick < 0 || score < best) {
        best = score;
        pick = u;
      }
    }
    remove(pick);
  }
  const colour = new Int32Array(g.n).fill(-1);
  for (let r = 0; r <= 10; r++) colour[r] = r;
  const forbiddenOf = (v: VReg): number => {
    let mask = 0;
    for (const m of g.adj[v]!) if (colour[m]! >= 0) mask |= 1 << colour[m]!;
    return mask;
  };
  const firstFree = (mask: number): number | undefined => ALLOCATABLE.find((r) => (mask & (1 << r)) === 0);
  const spills: VReg[] = [];
  for (let k = stack.length - 1; k >= 0; k--) {
    const v = stack[k]!;
    const forbidden = forbiddenOf(v);
    let chosen: number | undefined;
    const partners = g.moves.get(v);
    if (partners !== undefined) {
      for (const p of partners) {
        const c = colour[p]!;
        if (c >= 0 && c !== 10 && (forbidden & (1 << c)) === 0) {
          chosen = c;
          break;
        }
      }
      if (chosen === undefined) {
        // Look ahead: pick a colour an uncoloured partner could also take, so the copy can vanish later.
        for (const p of partners) {
          if (colour[p]! >= 0) continue;
          chosen = firstFree(forbidden | forbiddenOf(p));
          if (chosen !== undefined) break;
        }
      }
    }
    if (chosen === undefined) {
      // Leave free the colours uncoloured neighbours would like (their copy partners' colours), so
      // their copies can still vanish: e.g. a parameter moved out of r1 keeps r1 if nobody else needs it.
      let wanted = 0;
      for (const m of g.adj[v]!) {
        if (colour[m]! >= 0) continue;
        for (const p of g.moves.get(m) ?? []) if (colour[p]! >= 0) wanted |= 1 << colour[p]!;
      }
      chosen = firstFree(forbidden | wanted) ?? firstFree(forbidden);
    }
    if (chosen === undefined) spills.push(v);
    else colour[v] = chosen;
  }
  const assignment = new Map<VReg, number>();
  for (let v = FIRST_VREG; v < g.n; v++) if (colour[v]! >= 0) assignment.set(v, colour[v]!);
  return { assignment, spills };
}

/** Rewrites every def/use of a spilled vreg through a fresh temporary and an 8-byte stack slot. */
function insertSpillCode(fn: IrFunction, spills: Set<VReg>, noSpill: Set<VReg>): void {
  const slots = new Map<VReg, number>();
  for (const v of spills) {
    if (noSpill.has(v)) throw new InternalCompilerError("regalloc", `${fn.name}: must spill a spill temporary`, fn.span);
    slots.set(v, newFrameObject(fn, `spill.${v}`, 8, 8).frame);
  }
  for (const b of fn.blocks) {
    const out: Inst[] = [];
    for (const i of b.insts) {
      const pre: Inst[] = [];
      const post: Inst[] = [];
      const temps = new Map<VReg, VReg>();
      const temp = (v: VReg): VReg => {
        let t = temps.get(v);
        if (t === undefined) {
          t = newVReg(fn);
          noSpill.add(t);
          temps.set(v, t);
        }
        return t;
      };
      const use = (v: VReg): VReg => {
        if (!spills.has(v)) return v;
        const had = temps.has(v);
        const t = temp(v);
        if (!had) pre.push({ op: "load", dst: t, base: { frame: slots.get(v)! }, off: 0, size: 8, signed: false, span: i.span });
        return t;
      };
      const def = (v: VReg): VReg => {
        if (!spills.has(v)) return v;
        const t = temp(v);
        post.push({ op: "store", base: { frame: slots.get(v)! }, off: 0, size: 8, value: t, span: i.span });
        return t;
      };
      const ni = mapInstRegs(i, use, def);
      out.push(...pre, ni, ...post);
    }
    const pre: Inst[] = [];
    const t = b.term!;
    b.term = mapTermRegs(t, (v) => {
      if (!spills.has(v)) return v;
      const tmp = newVReg(fn);
      noSpill.add(tmp);
      pre.push({ op: "load", dst: tmp, base: { frame: slots.get(v)! }, off: 0, size: 8, signed: false, span: t.span });
      return tmp;
    });
    out.push(...pre);
    b.insts = out;
  }
}
