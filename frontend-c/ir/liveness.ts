/**
 * @fileoverview Backward liveness of vregs (and physical registers) per block. Used by dead-code
 * elimination and by the register allocator, which walks each block backwards from `liveOut`.
 */
import { instDef, instUses, successors, termUses, type Inst, type IrFunction, type VReg } from "./ir.ts";

export interface Liveness {
  liveIn: Map<number, Set<VReg>>;
  liveOut: Map<number, Set<VReg>>;
}

/** Extra uses/defs an instruction has beyond `instUses`/`instDef` (calls clobbering r0..r5, ...). */
export type ExtraEffects = (i: Inst) => { uses?: readonly VReg[]; defs?: readonly VReg[] } | undefined;

export function computeLiveness(fn: IrFunction, extra?: ExtraEffects): Liveness {
  const gen = new Map<number, Set<VReg>>();
  const kill = new Map<number, Set<VReg>>();
  for (const b of fn.blocks) {
    const g = new Set<VReg>();
    const k = new Set<VReg>();
    for (const i of b.insts) {
      const e = extra?.(i);
      for (const u of instUses(i)) if (!k.has(u)) g.add(u);
      if (e?.uses) for (const u of e.uses) if (!k.has(u)) g.add(u);
      const d = instDef(i);
      if (d !== undefined) k.add(d);
      if (e?.defs) for (const d2 of e.defs) k.add(d2);
    }
    for (const u of termUses(b.term!)) if (!k.has(u)) g.add(u);
    gen.set(b.id, g);
    kill.set(b.id, k);
  }
  const liveIn = new Map<number, Set<VReg>>(fn.blocks.map((b) => [b.id, new Set(gen.get(b.id))]));
  const liveOut = new Map<number, Set<VReg>>(fn.blocks.map((b) => [b.id, new Set()]));
  let changed = true;
  while (changed) {
    changed = false;
    for (let idx = fn.blocks.length - 1; idx >= 0; idx--) {
      const b = fn.blocks[idx]!;
      const out = liveOut.get(b.id)!;
      for (const s of successors(b.term!)) {
        for (const v of liveIn.get(s)!) {
          if (!out.has(v)) {
            out.add(v);
            changed = true;
          }
        }
      }
      const inS = liveIn.get(b.id)!;
      const k = kill.get(b.id)!;
      for (const v of out) {
        if (!k.has(v) && !inS.has(v)) {
          inS.add(v);
          changed = true;
        }
      }
    }
  }
  return { liveIn, liveOut };
}
