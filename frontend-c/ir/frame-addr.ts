/**
 * @fileoverview Frame-address forwarding: a pointer vreg whose only definition is the address of a
 * stack object (`frameaddr`, possibly through copies and constant offsets) is replaced, where it is
 * used as a memory base, by the frame object itself (`[obj] + offset`). `p = &x; *p += 1` then
 * touches `x` directly; once no `frameaddr` of the object is left (dead-code elimination removes the
 * unused ones) the object no longer escapes, and promote.ts can keep it in registers.
 *
 * Runs before `zero`/`copy` are expanded, too: a struct copied through pointers to locals then
 * expands with the objects' own alignment and field boundaries instead of byte by byte.
 *
 * Only accesses that stay inside the object are rewritten (others are left for the verifier to
 * judge, as written). A pointer computed as `&x + k` is re-expressed as `frameaddr x, k` so it no
 * longer depends on the first pointer.
 */
import { isFrame, isImm, type Base, type Inst, type IrFunction, type VReg } from "./ir.ts";
import { instDef } from "./ir.ts";

interface Addr {
  frame: number;
  off: number;
}

export function foldFrameAddresses(fn: IrFunction): boolean {
  const defs = new Map<VReg, number>();
  const defInst = new Map<VReg, Inst>();
  for (const p of fn.params) defs.set(p, (defs.get(p) ?? 0) + 1);
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      if (d === undefined) continue;
      defs.set(d, (defs.get(d) ?? 0) + 1);
      defInst.set(d, i);
    }
  }
  if (![...defInst.values()].some((i) => i.op === "frameaddr")) return false;
  const size = new Map(fn.frame.map((f) => [f.id, f.size]));
  const memo = new Map<VReg, Addr | undefined>();
  const resolve = (v: VReg, depth = 0): Addr | undefined => {
    if (memo.has(v)) return memo.get(v);
    if (depth > 32 || defs.get(v) !== 1 || fn.params.includes(v)) return undefined;
    const d = defInst.get(v);
    let r: Addr | undefined;
    if (d === undefined) r = undefined;
    else if (d.op === "frameaddr") r = { frame: d.frame, off: d.off };
    else if (d.op === "mov" && d.width === 64 && !isImm(d.src)) r = resolve(d.src, depth + 1);
    else if (d.op === "alu" && d.width === 64 && (d.alu === "add" || d.alu === "sub") && isImm(d.b)) {
      const x = resolve(d.a, depth + 1);
      const k = BigInt.asIntN(64, d.b.imm);
      if (x !== undefined && k > -(1n << 20n) && k < 1n << 20n) r = { frame: x.frame, off: x.off + (d.alu === "add" ? Number(k) : -Number(k)) };
    }
    memo.set(v, r);
    return r;
  };
  const inside = (a: Addr, off: number, bytes: number): boolean => {
    const s = size.get(a.frame);
    return s !== undefined && a.off + off >= 0 && a.off + off + bytes <= s;
  };
  const rebase = (base: Base, off: number, bytes: number): { base: Base; off: number } | undefined => {
    if (isFrame(base)) return undefined;
    const a = resolve(base);
    if (a === undefined || !inside(a, off, bytes)) return undefined;
    return { base: { frame: a.frame }, off: a.off + off };
  };
  let changed = false;
  for (const b of fn.blocks) {
    for (let k = 0; k < b.insts.length; k++) {
      const i = b.insts[k]!;
      let n: Inst | undefined;
      switch (i.op) {
        case "load": case "store": {
          const r = rebase(i.base, i.off, i.size);
          if (r) n = { ...i, base: r.base, off: r.off };
          break;
        }
        case "atomic": {
          const r = rebase(i.base, i.off, i.size);
          if (r) n = { ...i, base: r.base, off: r.off };
          break;
        }
        case "zero": {
          const r = rebase(i.base, i.off, i.size);
          if (r) n = { ...i, base: r.base, off: r.off };
          break;
        }
        case "copy": {
          const d = rebase(i.dstBase, i.dstOff, i.size);
          const src = rebase(i.srcBase, i.srcOff, i.size);
          if (d || src) {
            n = {
              ...i,
              ...(d ? { dstBase: d.base, dstOff: d.off } : {}),
              ...(src ? { srcBase: src.base, srcOff: src.off } : {}),
            };
          }
          break;
        }
        case "alu": case "mov": {
          if (i.op === "mov" || defs.get(i.dst) !== 1) break;
          const a = resolve(i.dst);
          if (a !== undefined && inside(a, 0, 0)) n = { op: "frameaddr", dst: i.dst, frame: a.frame, off: a.off, span: i.span };
          break;
        }
        default: break;
      }
      if (n !== undefined) {
        b.insts[k] = n;
        changed = true;
      }
    }
  }
  return changed;
}
