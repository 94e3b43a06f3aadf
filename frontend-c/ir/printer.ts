/**
 * @fileoverview Text form of the IR (`--dump=ir`): one instruction per line, blocks as labels.
 * Vregs print as `%N` (or `%name.N` when named), physical registers as `r0`..`r10`, frame objects
 * as `[name]`. Meant for humans and golden tests; there is no parser for it.
 */
import { isFrame, isImm, isPhys, type Base, type Block, type Inst, type IrFunction, type IrModule, type Operand, type Terminator, type VReg } from "./ir.ts";

export function printModule(m: IrModule): string {
  const out: string[] = [];
  for (const map of m.maps) {
    out.push(`map ${map.name}: ${map.kind} key=${map.keySize} value=${map.valueSize} max=${map.maxEntries}`);
  }
  for (const p of m.programs) out.push(`program ${p.function} section "${p.section}"`);
  for (const f of m.functions) out.push(printFunction(f));
  return out.join("\n");
}

export function printFunction(fn: IrFunction): string {
  const reg = (v: VReg): string => {
    if (isPhys(v)) return `r${v}`;
    const n = fn.vregNames.get(v);
    return n === undefined ? `%${v}` : `%${n}.${v}`;
  };
  const frameName = (id: number): string => fn.frame.find((f) => f.id === id)?.name ?? `frame${id}`;
  const opnd = (o: Operand): string => (isImm(o) ? String(o.imm) : reg(o));
  const base = (b: Base, off: number): string => {
    const s = isFrame(b) ? `[${frameName(b.frame)}]` : reg(b);
    return off === 0 ? s : `${s}${off < 0 ? "" : "+"}${off}`;
  };
  const w = (width: number) => (width === 32 ? "32" : "");
  const inst = (i: Inst): string => {
    switch (i.op) {
      case "mov": return `${reg(i.dst)} = mov${w(i.width)} ${opnd(i.src)}`;
      case "alu": return `${reg(i.dst)} = ${i.alu}${w(i.width)} ${reg(i.a)}, ${opnd(i.b)}`;
      case "neg": return `${reg(i.dst)} = neg${w(i.width)} ${reg(i.a)}`;
      case "ext": return `${reg(i.dst)} = ${i.signed ? "sext" : "zext"}${i.from} ${reg(i.a)}`;
      case "endian": return `${reg(i.dst)} = ${i.kind}${i.bits} ${reg(i.a)}`;
      case "setcc": return `${reg(i.dst)} = set.${i.cond}${w(i.width)} ${reg(i.a)}, ${opnd(i.b)}`;
      case "load": return `${reg(i.dst)} = load${i.signed ? "s" : ""}${i.size * 8} ${base(i.base, i.off)}`;
      case "store": return `store${i.size * 8} ${base(i.base, i.off)}, ${opnd(i.value)}`;
      case "frameaddr": return `${reg(i.dst)} = addr ${base({ frame: i.frame }, i.off)}`;
      case "mapfd": return `${reg(i.dst)} = map ${i.map}`;
      case "mapvalue": return `${reg(i.dst)} = mapvalue ${i.map}+${i.off}`;
      case "call": case "calllocal": {
        const callee = i.op === "call" ? `helper#${i.helper}` : i.callee;
        const lhs = i.dst === undefined ? "" : `${reg(i.dst)} = `;
        return `${lhs}call ${callee}(${i.args.map(reg).join(", ")})`;
      }
      case "atomic": {
        const lhs = i.dst === undefined ? "" : `${reg(i.dst)} = `;
        const exp = i.expected === undefined ? "" : `, expected ${reg(i.expected)}`;
        return `${lhs}atomic.${i.aop}${i.fetch ? ".fetch" : ""}${i.size * 8} ${base(i.base, i.off)}, ${reg(i.value)}${exp}`;
      }
      case "zero": return `zero ${base(i.base, i.off)}, ${i.size}`;
      case "copy": return `copy ${base(i.dstBase, i.dstOff)}, ${base(i.srcBase, i.srcOff)}, ${i.size}`;
    }
  };
  const term = (t: Terminator | undefined): string => {
    if (t === undefined) return "<no terminator>";
    switch (t.op) {
      case "jmp": return `jmp bb${t.target}`;
      case "br": return `br.${t.cond}${w(t.width)} ${reg(t.a)}, ${opnd(t.b)} ? bb${t.then} : bb${t.else}`;
      case "ret": return `ret ${opnd(t.value)}`;
    }
  };
  const out: string[] = [];
  out.push(`fn ${fn.name}(${fn.params.map(reg).join(", ")}) {`);
  for (const f of fn.frame) out.push(`  frame ${f.name}#${f.id}: size ${f.size} align ${f.align}`);
  const block = (b: Block) => {
    out.push(`bb${b.id}:${b.label === undefined ? "" : ` ; ${b.label}`}`);
    for (const i of b.insts) out.push(`  ${inst(i)}`);
    out.push(`  ${term(b.term)}`);
  };
  fn.blocks.forEach(block);
  out.push("}");
  return out.join("\n");
}
