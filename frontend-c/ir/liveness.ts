/**
 * @fileoverview Backward liveness of vregs (and physical registers) per block. Used by dead-code
 * elimination and by the register allocator, which walks each block backwards from `liveOut`.
 * The fixed point is computed on bitsets indexed by vreg id (ids are dense: 0..fn.nextVReg), which
 * keeps the back end within its time budget.
 */
import { BitSet } from "./bitset.ts";
import { instDef, instUses, successors, termUses, type Inst, type IrFunction, type VReg } from "./ir.ts";

/** Live vregs at block entry/exit, keyed by block id (fresh copies: callers may mutate them). */
export interface Liveness {
  liveIn: Map<number, BitSet>;
  liveOut: Map<number, BitSet>;
}

/** Extra uses/defs an instruction has beyond `instUses`/`instDef` (calls clobbering r0..r5, ...). */
export type ExtraEffects = (i: Inst) => { uses?: readonly VReg[]; defs?: readonly VReg[] } | undefined;

export function computeLiveness(fn: IrFunction, extra?: ExtraEffects): Liveness {
  const words = (fn.nextVReg + 31) >>> 5;
  const n = fn.blocks.length;
  const index = new Map<number, number>();
  fn.blocks.forEach((b, k) => index.set(b.id, k));
  const gen = new Uint32Array(n * words);
  const kill = new Uint32Array(n * words);
  const has = (bits: Uint32Array, base: number, v: number) => (bits[base + (v >>> 5)]! & (1 << (v & 31))) !== 0;
  const set = (bits: Uint32Array, base: number, v: number) => {
    bits[base + (v >>> 5)]! |= 1 << (v & 31);
  };
  fn.blocks.forEach((b, k) => {
    const base = k * words;
    const use = (u: VReg) => {
      if (!has(kill, base, u)) set(gen, base, u);
    };
    for (const i of b.insts) {
      const e = extra?.(i);
      for (const u of instUses(i)) use(u);
      if (e?.uses) for (const u of e.uses) use(u);
      const d = instDef(i);
      if (d !== undefined) set(kill, base, d);
      if (e?.defs) for (const d2 of e.defs) set(kill, base, d2);
    }
    for (const u of termUses(b.term!)) use(u);
  });
  const succ = fn.blocks.map((b) => successors(b.term!).map((s) => index.get(s)!));
  const liveIn = gen.slice();
  const liveOut = new Uint32Array(n * words);
  let changed = true;
  while (changed) {
    changed = false;
    for (let k = n - 1; k >= 0; k--) {
      const base = k * words;
      for (const s of succ[k]!) {
        const sb = s * words;
        for (let w = 0; w < words; w++) liveOut[base + w]! |= liveIn[sb + w]!;
      }
      for (let w = 0; w < words; w++) {
        const v = (gen[base + w]! | (liveOut[base + w]! & ~kill[base + w]!)) >>> 0;
        if (v !== liveIn[base + w]) {
          liveIn[base + w] = v;
          changed = true;
        }
      }
    }
  }
  const inMap = new Map<number, BitSet>();
  const outMap = new Map<number, BitSet>();
  fn.blocks.forEach((b, k) => {
    inMap.set(b.id, new BitSet(liveIn.slice(k * words, (k + 1) * words)));
    outMap.set(b.id, new BitSet(liveOut.slice(k * words, (k + 1) * words)));
  });
  return { liveIn: inMap, liveOut: outMap };
}
