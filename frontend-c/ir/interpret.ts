/**
 * @fileoverview Reference interpreter for the IR: the meaning every back-end pass must preserve.
 * Tests run the same function through this and through the compiled BPF (emit/bpf-interpreter.ts,
 * or the kernel) and compare. Memory is a set of byte regions (ctx, one per frame object, map
 * values) at fixed fake addresses, so pointer arithmetic between them behaves like real memory.
 * Unknown helpers are supplied by the caller; nothing here touches the kernel.
 */
import { evalAlu, evalCond, evalEndian, evalExt, evalNeg, toU64 } from "./fold.ts";
import { isFrame, isImm, type Base, type IrFunction, type Operand, type VReg } from "./ir.ts";

/** A byte region at a fake address. */
export interface Region {
  base: bigint;
  bytes: Uint8Array;
}

export class Memory {
  readonly regions: Region[] = [];

  add(base: bigint, bytes: Uint8Array): Region {
    const r = { base, bytes };
    this.regions.push(r);
    return r;
  }

  private find(addr: bigint, size: number): [Region, number] {
    for (const r of this.regions) {
      const off = addr - r.base;
      if (off >= 0n && off + BigInt(size) <= BigInt(r.bytes.length)) return [r, Number(off)];
    }
    throw new RangeError(`invalid access of ${size} bytes at 0x${addr.toString(16)}`);
  }

  load(addr: bigint, size: number): bigint {
    const [r, off] = this.find(addr, size);
    let v = 0n;
    for (let k = size - 1; k >= 0; k--) v = (v << 8n) | BigInt(r.bytes[off + k]!);
    return v;
  }

  store(addr: bigint, size: number, value: bigint): void {
    const [r, off] = this.find(addr, size);
    for (let k = 0; k < size; k++) r.bytes[off + k] = Number((value >> BigInt(8 * k)) & 0xffn);
  }
}

/** A helper implementation: receives up to 5 u64 args, returns u64. */
export type HelperImpl = (args: bigint[], mem: Memory) => bigint;

export interface InterpretOptions {
  helpers?: ReadonlyMap<number, HelperImpl>;
  /** Map name → address of its (fake) map pointer / value region. */
  maps?: ReadonlyMap<string, bigint>;
  /** Abort after this many executed instructions (guards against non-terminating tests). */
  maxSteps?: number;
}

const FRAME_BASE = 0x7000_0000n;

/** Runs `fn` with the given u64 arguments; frame objects get fresh zero-filled regions. */
export function interpret(fn: IrFunction, args: bigint[], mem: Memory, opts: InterpretOptions = {}): bigint {
  const regs = new Map<VReg, bigint>();
  fn.params.forEach((p, k) => regs.set(p, toU64(args[k] ?? 0n)));
  const frameAddr = new Map<number, bigint>();
  fn.frame.forEach((f, k) => {
    const base = FRAME_BASE + BigInt(k) * 0x1_0000n;
    mem.add(base, new Uint8Array(f.size));
    frameAddr.set(f.id, base);
  });
  const get = (v: VReg): bigint => {
    const x = regs.get(v);
    if (x === undefined) throw new Error(`read of undefined %${v}`);
    return x;
  };
  const val = (o: Operand): bigint => (isImm(o) ? toU64(o.imm) : get(o));
  const addr = (b: Base, off: number): bigint => toU64((isFrame(b) ? frameAddr.get(b.frame)! : get(b)) + BigInt(off));
  const blocks = new Map(fn.blocks.map((b) => [b.id, b]));
  let block = fn.blocks[0]!;
  let steps = 0;
  const maxSteps = opts.maxSteps ?? 1_000_000;
  for (;;) {
    for (const i of block.insts) {
      if (++steps > maxSteps) throw new Error("step limit exceeded");
      switch (i.op) {
        case "mov": regs.set(i.dst, i.width === 32 ? val(i.src) & 0xffff_ffffn : val(i.src)); break;
        case "alu": regs.set(i.dst, evalAlu(i.alu, i.width, get(i.a), val(i.b))); break;
        case "neg": regs.set(i.dst, evalNeg(i.width, get(i.a))); break;
        case "ext": regs.set(i.dst, evalExt(get(i.a), i.from, i.signed)); break;
        case "endian": regs.set(i.dst, evalEndian(get(i.a), i.kind, i.bits)); break;
        case "setcc": regs.set(i.dst, evalCond(i.cond, i.width, get(i.a), val(i.b)) ? 1n : 0n); break;
        case "load": {
          const v = mem.load(addr(i.base, i.off), i.size);
          regs.set(i.dst, i.signed ? evalExt(v, (i.size * 8) as 8 | 16 | 32, true) : v);
          break;
        }
        case "store": mem.store(addr(i.base, i.off), i.size, val(i.value)); break;
        case "frameaddr": regs.set(i.dst, addr({ frame: i.frame }, i.off)); break;
        case "mapfd": case "mapvalue": {
          const m = opts.maps?.get(i.map);
          if (m === undefined) throw new Error(`unknown map ${i.map}`);
          regs.set(i.dst, i.op === "mapvalue" ? m + BigInt(i.off) : m);
          break;
        }
        case "call": {
          const h = opts.helpers?.get(i.helper);
          if (h === undefined) throw new Error(`no helper ${i.helper}`);
          const r = toU64(h(i.args.map(get), mem));
          if (i.dst !== undefined) regs.set(i.dst, r);
          break;
        }
        case "calllocal": throw new Error("calllocal is not interpreted");
        case "atomic": {
          const a = addr(i.base, i.off);
          const old = mem.load(a, i.size);
          const v = get(i.value) & (i.size === 4 ? 0xffff_ffffn : toU64(-1n));
          let next: bigint;
          switch (i.aop) {
            case "add": next = old + v; break;
            case "or": next = old | v; break;
            case "and": next = old & v; break;
            case "xor": next = old ^ v; break;
            case "xchg": next = v; break;
            case "cmpxchg": {
              const exp = get(i.expected!) & (i.size === 4 ? 0xffff_ffffn : toU64(-1n));
              next = old === exp ? v : old;
              break;
            }
          }
          mem.store(a, i.size, next);
          if (i.dst !== undefined) regs.set(i.dst, old);
          break;
        }
        case "zero": for (let k = 0; k < i.size; k++) mem.store(addr(i.base, i.off + k), 1, 0n); break;
        case "copy":
          for (let k = 0; k < i.size; k++) mem.store(addr(i.dstBase, i.dstOff + k), 1, mem.load(addr(i.srcBase, i.srcOff + k), 1));
          break;
      }
    }
    const t = block.term!;
    if (t.op === "ret") return val(t.value);
    const next = t.op === "jmp" ? t.target : evalCond(t.cond, t.width, get(t.a), val(t.b)) ? t.then : t.else;
    block = blocks.get(next)!;
    if (++steps > maxSteps) throw new Error("step limit exceeded");
  }
}
