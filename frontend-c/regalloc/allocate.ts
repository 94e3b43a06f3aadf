/**
 * @fileoverview Graph-colouring register allocator (Chaitin–Briggs with optimistic colouring and
 * move-biased colour choice) for machine-form IR (see machine.ts).
 *
 * - Nodes are vregs plus the precoloured physical registers r0..r9; edges come from a backward
 *   liveness walk (a definition interferes with everything live after it, except the source of a
 *   64-bit copy). Helper calls define r0..r5, so values live across a call end up in r6..r9 or spill.
 * - Two-address constraints of BPF: `d = a - b` selects to `d = a; d -= b`, so d must not share b's
 *   register for non-commutative ops; `setcc` writes d before reading its operands.
 * - Vregs that cannot be coloured are spilled to 8-byte, 8-aligned stack slots (frame objects):
 *   a full-width spill is the only kind through which the verifier keeps tracking pointers.
 *   Each use reloads into a fresh short-lived vreg, each def stores from one; then we rebuild.
 * - The allocator never copies a value into a second register on its own, so a pointer that the
 *   program null-checks or bounds-checks is accessed through the register (or stack slot) the
 *   verifier saw checked.
 */
import { InternalCompilerError } from "../diagnostics/diagnostic.ts";
import { instDef, instUses, isImm, isPhys, newFrameObject, newVReg, termUses, type Inst, type IrFunction, type VReg } from "../ir/ir.ts";
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

interface Graph {
  nodes: VReg[];
  adj: Map<VReg, Set<VReg>>;
  moves: Map<VReg, Set<VReg>>;
  cost: Map<VReg, number>;
}

function buildGraph(fn: IrFunction, noSpill: ReadonlySet<VReg>): Graph {
  const adj = new Map<VReg, Set<VReg>>();
  const moves = new Map<VReg, Set<VReg>>();
  const cost = new Map<VReg, number>();
  const node = (v: VReg): Set<VReg> => {
    let s = adj.get(v);
    if (s === undefined) {
      s = new Set();
      adj.set(v, s);
    }
    return s;
  };
  const edge = (a: VReg, b: VReg) => {
    if (a === b || (isPhys(a) && isPhys(b))) return;
    node(a).add(b);
    node(b).add(a);
  };
  const move = (a: VReg, b: VReg) => {
    if (a === b) return;
    if (!moves.has(a)) moves.set(a, new Set());
    if (!moves.has(b)) moves.set(b, new Set());
    moves.get(a)!.add(b);
    moves.get(b)!.add(a);
  };
  for (const r of ALLOCATABLE) node(r);
  const depth = loopDepths(fn);
  const { liveOut } = computeLiveness(fn, (i) => {
    const c = clobbers(i);
    return c === undefined ? undefined : { defs: c };
  });
  for (const b of fn.blocks) {
    const w = 10 ** Math.min(4, depth.get(b.id) ?? 0);
    const bump = (v: VReg) => {
      if (!isPhys(v)) cost.set(v, (cost.get(v) ?? 0) + w);
    };
    const live = new Set(liveOut.get(b.id));
    for (const u of termUses(b.term!)) {
      live.add(u);
      node(u);
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
      }
      const defs: VReg[] = d === undefined ? [] : [d];
      const c = clobbers(i);
      if (c !== undefined) defs.push(...c);
      for (const x of defs) {
        node(x);
        for (const l of live) edge(x, l);
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
        node(u);
        live.add(u);
        bump(u);
      }
    }
  }
  for (const v of noSpill) if (adj.has(v)) cost.set(v, Infinity);
  return { nodes: [...adj.keys()], adj, moves, cost };
}

function colourGraph(g: Graph): { assignment: Map<VReg, number>; spills: VReg[] } {
  const degree = new Map<VReg, number>();
  const remaining = new Set<VReg>();
  for (const v of g.nodes) {
    if (isPhys(v)) continue;
    remaining.add(v);
    degree.set(v, g.adj.get(v)!.size);
  }
  const stack: VReg[] = [];
  while (remaining.size > 0) {
    let pick: VReg | undefined;
    for (const v of remaining) {
      if (degree.get(v)! < K) {
        pick = v;
        break;
      }
    }
    if (pick === undefined) {
      // Optimistic: push the cheapest-to-spill node; it may still get a colour in select.
      let best = Infinity;
      for (const v of remaining) {
        const score = g.cost.get(v)! / (degree.get(v)! + 1);
        if (pick === undefined || score < best) {
          best = score;
          pick = v;
        }
      }
    }
    remaining.delete(pick!);
    stack.push(pick!);
    for (const n of g.adj.get(pick!)!) if (remaining.has(n)) degree.set(n, degree.get(n)! - 1);
  }
  const assignment = new Map<VReg, number>();
  const colourOf = (v: VReg): number | undefined => (isPhys(v) ? v : assignment.get(v));
  const spills: VReg[] = [];
  for (let k = stack.length - 1; k >= 0; k--) {
    const v = stack[k]!;
    const forbidden = new Set<number>();
    for (const n of g.adj.get(v)!) {
      const c = colourOf(n);
      if (c !== undefined) forbidden.add(c);
    }
    let chosen: number | undefined;
    const partners = g.moves.get(v);
    if (partners !== undefined) {
      for (const p of partners) {
        const c = colourOf(p);
        if (c !== undefined && !forbidden.has(c) && c !== 10) {
          chosen = c;
          break;
        }
      }
      if (chosen === undefined) {
        // Look ahead: pick a colour an uncoloured partner could also take, so the copy can vanish later.
        for (const p of partners) {
          if (colourOf(p) !== undefined) continue;
          const pf = new Set<number>();
          for (const n of g.adj.get(p) ?? []) {
            const c = colourOf(n);
            if (c !== undefined) pf.add(c);
          }
          chosen = ALLOCATABLE.find((r) => !forbidden.has(r) && !pf.has(r));
          if (chosen !== undefined) break;
        }
      }
    }
    chosen ??= ALLOCATABLE.find((r) => !forbidden.has(r));
    if (chosen === undefined) spills.push(v);
    else assignment.set(v, chosen);
  }
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
