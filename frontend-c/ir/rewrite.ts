/**
 * @fileoverview Register renaming over instructions: `mapInstRegs` rebuilds an instruction with
 * every used vreg passed through `use` and the defined vreg through `def`. The allocator uses it to
 * substitute physical registers and spill temporaries; keeping the per-op field knowledge here
 * means a new instruction kind needs updating in one place (plus instUses/instDef in ir.ts).
 */
import { isFrame, isImm, type Base, type Inst, type Operand, type Terminator, type VReg } from "./ir.ts";

export function mapInstRegs(i: Inst, use: (v: VReg) => VReg, def: (v: VReg) => VReg): Inst {
  const o = (x: Operand): Operand => (isImm(x) ? x : use(x));
  const base = (b: Base): Base => (isFrame(b) ? b : use(b));
  switch (i.op) {
    case "mov": return { ...i, src: o(i.src), dst: def(i.dst) };
    case "alu": return { ...i, a: use(i.a), b: o(i.b), dst: def(i.dst) };
    case "neg": case "ext": case "endian": return { ...i, a: use(i.a), dst: def(i.dst) };
    case "setcc": return { ...i, a: use(i.a), b: o(i.b), dst: def(i.dst) };
    case "load": return { ...i, base: base(i.base), dst: def(i.dst) };
    case "store": return { ...i, base: base(i.base), value: o(i.value) };
    case "frameaddr": case "mapfd": case "mapvalue": return { ...i, dst: def(i.dst) };
    case "call": case "calllocal": return { ...i, args: i.args.map(use), dst: i.dst === undefined ? undefined : def(i.dst) };
    case "atomic": {
      const out = { ...i, base: base(i.base), value: use(i.value), dst: i.dst === undefined ? undefined : def(i.dst) };
      if (i.expected !== undefined) out.expected = use(i.expected);
      return out;
    }
    case "zero": return { ...i, base: base(i.base) };
    case "copy": return { ...i, dstBase: base(i.dstBase), srcBase: base(i.srcBase) };
  }
}

export function mapTermRegs(t: Terminator, use: (v: VReg) => VReg): Terminator {
  switch (t.op) {
    case "jmp": return t;
    case "br": return { ...t, a: use(t.a), b: isImm(t.b) ? t.b : use(t.b) };
    case "ret": return { ...t, value: isImm(t.value) ? t.value : use(t.value) };
  }
}
