/**
 * @fileoverview Dead-store elimination on stack objects, within a block: a store whose bytes are
 * all overwritten later in the block before anything can read them is removed. Typical source:
 * `struct data_t d = {};` followed by field assignments. Reads are loads of the object, and — for
 * objects whose address is taken — anything that may read memory through a pointer (helper calls,
 * loads and atomics through vregs). Removing only overwritten stores never exposes uninitialised
 * stack to the verifier: every byte is still written before it is read.
 */
import { isFrame, type Inst, type IrFunction } from "./ir.ts";

export function eliminateDeadStores(fn: IrFunction): boolean {
  const escaping = new Set<number>();
  for (const b of fn.blocks) for (const i of b.insts) if (i.op === "frameaddr") escaping.add(i.frame);
  let changed = false;
  for (const b of fn.blocks) {
    // Per object: bytes that will be overwritten before any read (scanning backwards).
    const covered = new Map<number, Set<number>>();
    const cov = (f: number) => {
      let s = covered.get(f);
      if (s === undefined) covered.set(f, (s = new Set()));
      return s;
    };
    const clearEscaping = () => {
      for (const f of escaping) covered.delete(f);
    };
    const kept: Inst[] = [];
    for (let k = b.insts.length - 1; k >= 0; k--) {
      const i = b.insts[k]!;
      if (i.op === "store" && isFrame(i.base)) {
        const s = cov(i.base.frame);
        let dead = true;
        for (let x = i.off; x < i.off + i.size; x++) if (!s.has(x)) dead = false;
        if (dead) {
          changed = true;
          continue;
        }
        for (let x = i.off; x < i.off + i.size; x++) s.add(x);
      } else if (i.op === "load" && isFrame(i.base)) {
        const s = cov(i.base.frame);
        for (let x = i.off; x < i.off + i.size; x++) s.delete(x);
      } else if (i.op === "atomic" || i.op === "zero" || i.op === "copy") {
        // Read-modify-write or bulk ops (normally expanded by now): forget everything they touch.
        for (const base of i.op === "copy" ? [i.dstBase, i.srcBase] : [i.base]) if (isFrame(base)) covered.delete(base.frame);
        clearEscaping();
      } else if ((i.op === "call" && i.args.length > 0) || i.op === "calllocal" || (i.op === "load" && !isFrame(i.base) && !fn.params.includes(i.base))) {
        // A helper reads memory only through its pointer arguments; one without arguments cannot.
        // The program's own parameter (its context) never points into its stack.
        clearEscaping();
      }
      kept.push(i);
    }
    if (kept.length !== b.insts.length) b.insts = kept.reverse();
  }
  return changed;
}
