/**
 * @fileoverview IR invariant checker. Run between passes in tests (and with --verify-ir); a failure
 * is a compiler bug, so it throws InternalCompilerError naming the pass that broke the IR.
 *
 * Checked: every block has a terminator; block ids are unique and branch targets exist; frame
 * references name existing objects and accesses stay inside them; access sizes and atomics are
 * legal; calls take ≤ 5 args; vregs are defined before use on every path from the entry
 * (a forward "definitely assigned" dataflow) — reading an undefined vreg would be an uninitialised
 * register in the verifier's eyes.
 */
import { InternalCompilerError } from "../diagnostics/diagnostic.ts";
import { FP_VREG, instDef, instUses, isFrame, isPhys, successors, termUses, type Base, type Inst, type IrFunction, type VReg } from "./ir.ts";

export function verifyFunction(fn: IrFunction, pass: string, opts: { allowPhys?: boolean } = {}): void {
  const fail = (msg: string, i?: { span: Inst["span"] }): never => {
    throw new InternalCompilerError(pass, `${fn.name}: ${msg}`, i?.span);
  };
  if (fn.blocks.length === 0) fail("function has no blocks");
  const byId = new Map<number, number>();
  fn.blocks.forEach((b, idx) => {
    if (byId.has(b.id)) fail(`duplicate block id bb${b.id}`);
    byId.set(b.id, idx);
  });
  const frames = new Map(fn.frame.map((f) => [f.id, f]));
  const checkBase = (b: Base, off: number, size: number, i: Inst) => {
    if (isFrame(b)) {
      const f = frames.get(b.frame);
      if (f === undefined) fail(`unknown frame object ${b.frame}`, i);
      else if (off < 0 || off + size > f.size) fail(`access ${off}+${size} outside frame object ${f.name} (${f.size} bytes)`, i);
    }
  };
  for (const b of fn.blocks) {
    if (b.term === undefined) fail(`bb${b.id} has no terminator`);
    for (const s of successors(b.term!)) if (!byId.has(s)) fail(`bb${b.id} jumps to missing bb${s}`, b.term);
    for (const i of b.insts) {
      switch (i.op) {
        case "load": case "store": checkBase(i.base, i.off, i.size, i); break;
        case "atomic": checkBase(i.base, i.off, i.size, i); break;
        case "zero": checkBase(i.base, i.off, i.size, i); break;
        case "copy": checkBase(i.dstBase, i.dstOff, i.size, i); checkBase(i.srcBase, i.srcOff, i.size, i); break;
        case "frameaddr": if (!frames.has(i.frame)) fail(`unknown frame object ${i.frame}`, i); break;
        case "call": case "calllocal": if (i.args.length > 5) fail(`call with ${i.args.length} args (max 5)`, i); break;
        default: break;
      }
      if (i.op === "atomic" && i.aop === "cmpxchg" && i.expected === undefined) fail("cmpxchg without expected", i);
      const d = instDef(i);
      if (d !== undefined && d === FP_VREG) fail("write to r10", i);
      if (!opts.allowPhys) {
        for (const v of [...instUses(i), ...(d === undefined ? [] : [d])]) {
          if (isPhys(v)) fail(`physical register r${v} in virtual IR`, i);
        }
      }
    }
  }
  checkDefinedBeforeUse(fn, byId, fail);
}

/** Forward must-analysis: the set of vregs assigned on every path reaching each block. */
function checkDefinedBeforeUse(fn: IrFunction, byId: Map<number, number>, fail: (m: string, i?: { span: Inst["span"] }) => never): void {
  const n = fn.blocks.length;
  const preds: number[][] = fn.blocks.map(() => []);
  fn.blocks.forEach((b, idx) => {
    for (const s of successors(b.term!)) preds[byId.get(s)!]!.push(idx);
  });
  const entryDefs = new Set<VReg>([...fn.params, FP_VREG]);
  // undefined = "all vregs" (top) for blocks not yet reached.
  const inSets: (Set<VReg> | undefined)[] = new Array(n).fill(undefined);
  const outSets: (Set<VReg> | undefined)[] = new Array(n).fill(undefined);
  let changed = true;
  while (changed) {
    changed = false;
    for (let idx = 0; idx < n; idx++) {
      let inS: Set<VReg> | undefined;
      if (idx === 0) inS = new Set(entryDefs);
      for (const p of preds[idx]!) {
        const o = outSets[p];
        if (o === undefined) continue;
        if (inS === undefined) inS = new Set(o);
        else for (const v of inS) if (!o.has(v)) inS.delete(v);
      }
      if (inS === undefined) continue;
      const out = new Set(inS);
      for (const i of fn.blocks[idx]!.insts) {
        const d = instDef(i);
        if (d !== undefined) out.add(d);
      }
      const prev = outSets[idx];
      if (prev === undefined || prev.size !== out.size) {
        outSets[idx] = out;
        inSets[idx] = inS;
        changed = true;
      } else {
        inSets[idx] = inS;
      }
    }
  }
  fn.blocks.forEach((b, idx) => {
    const inS = inSets[idx];
    if (inS === undefined) return; // unreachable block: nothing executes
    const defs = new Set(inS);
    for (const i of b.insts) {
      for (const u of instUses(i)) if (!isPhys(u) && !defs.has(u)) fail(`vreg %${u} may be used before it is defined in bb${b.id}`, i);
      const d = instDef(i);
      if (d !== undefined) defs.add(d);
    }
    for (const u of termUses(b.term!)) if (!isPhys(u) && !defs.has(u)) fail(`vreg %${u} may be used before it is defined in bb${b.id}`, b.term);
  });
}
