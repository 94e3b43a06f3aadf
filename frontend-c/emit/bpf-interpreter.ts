/**
 * @fileoverview A small eBPF interpreter for unit tests of the back end (no kernel needed): runs
 * selected instructions over the same Memory model as the IR interpreter. It implements the
 * instruction semantics independently of ir/fold.ts (so a folding bug cannot hide itself), and it
 * scribbles over r1..r5 after every helper call, as the calling convention allows, so an allocator
 * that keeps a value in a clobbered register is caught.
 * Not a verifier: it does not check pointer types or bounds beyond the regions it knows.
 */
import { Class, Mode, Opcode, AluOp, JmpOp, AtomicOp, Source, classOf, modeOf, opOf, sizeOf, SIZE_BYTES, imm64Of, slotIndices, type Instruction } from "../../src/isa/instruction.ts";
import type { HelperImpl, Memory } from "../ir/interpret.ts";

const M64 = (1n << 64n) - 1n;
const u32 = (v: bigint) => v & 0xffff_ffffn;
const sx = (v: bigint, bits: number) => BigInt.asUintN(64, BigInt.asIntN(bits, v));

export interface BpfRunOptions {
  helpers?: ReadonlyMap<number, HelperImpl>;
  /** Map fd (as patched into LD_IMM64) → fake address. */
  mapAddress?: (fdOrIndex: number, src: number, imm64: bigint) => bigint;
  maxSteps?: number;
}

export const STACK_BASE = 0x5000_0000n;

/** Runs a program with r1 = arg; returns r0. The stack is a 512-byte region below r10. */
export function runBpf(insns: readonly Instruction[], r1: bigint, mem: Memory, opts: BpfRunOptions = {}): bigint {
  const slots = slotIndices(insns);
  const bySlot = new Map<number, number>();
  slots.forEach((s, k) => bySlot.set(s, k));
  const stack = new Uint8Array(512);
  // Poison the stack so reads of never-written slots give recognisable garbage.
  stack.fill(0xa5);
  mem.add(STACK_BASE, stack);
  const r = new Array<bigint>(11).fill(0xdead_beefn);
  r[1] = r1;
  r[10] = STACK_BASE + 512n;
  let pc = 0;
  let steps = 0;
  const maxSteps = opts.maxSteps ?? 1_000_000;
  for (;;) {
    if (++steps > maxSteps) throw new Error("step limit exceeded");
    const i = insns[pc];
    if (i === undefined) throw new Error(`fell off the end at ${pc}`);
    const cls = classOf(i.code);
    const next = () => pc + 1;
    const jumpTo = (off: number) => {
      const target = bySlot.get(slots[pc]! + 1 + off);
      if (target === undefined) throw new Error(`jump into the middle of an instruction at ${pc}`);
      return target;
    };
    if (i.code === Opcode.LD_IMM64) {
      r[i.dst] = i.src === 0 ? imm64Of(i) : opts.mapAddress!(i.imm, i.src, imm64Of(i));
      pc = next();
      continue;
    }
    switch (cls) {
      case Class.ALU: case Class.ALU64: {
        const w64 = cls === Class.ALU64;
        const op = opOf(i.code);
        const srcVal = (i.code & Source.X) !== 0 ? r[i.src]! : BigInt.asUintN(64, BigInt(i.imm));
        const a = w64 ? r[i.dst]! : u32(r[i.dst]!);
        const b = w64 ? srcVal : u32(srcVal);
        const bits = w64 ? 64 : 32;
        const mask = w64 ? M64 : 0xffff_ffffn;
        const signed = (v: bigint) => BigInt.asIntN(bits, v);
        let res: bigint;
        switch (op) {
          case AluOp.ADD: res = a + b; break;
          case AluOp.SUB: res = a - b; break;
          case AluOp.MUL: res = a * b; break;
          case AluOp.DIV:
            res = i.off === 1 ? (b === 0n ? 0n : signed(a) / signed(b)) : b === 0n ? 0n : a / b;
            break;
          case AluOp.MOD:
            res = i.off === 1 ? (b === 0n ? signed(a) : signed(a) % signed(b)) : b === 0n ? a : a % b;
            break;
          case AluOp.OR: res = a | b; break;
          case AluOp.AND: res = a & b; break;
          case AluOp.XOR: res = a ^ b; break;
          case AluOp.LSH: res = a << (b & BigInt(bits - 1)); break;
          case AluOp.RSH: res = a >> (b & BigInt(bits - 1)); break;
          case AluOp.ARSH: res = signed(a) >> (b & BigInt(bits - 1)); break;
          case AluOp.NEG: res = -a; break;
          case AluOp.MOV:
            if ((i.code & Source.X) !== 0 && i.off !== 0) res = sx(r[i.src]!, i.off); // MOVSX
            else res = b;
            break;
          case AluOp.END: {
            const width = i.imm;
            const v = r[i.dst]! & ((1n << BigInt(width)) - 1n);
            const swap = w64 || (i.code & Source.X) !== 0;
            if (!swap) res = v;
            else {
              res = 0n;
              for (let k = 0; k < width; k += 8) res = (res << 8n) | ((v >> BigInt(k)) & 0xffn);
            }
            r[i.dst] = res;
            pc = next();
            continue;
          }
          default: throw new Error(`unknown ALU op 0x${op.toString(16)}`);
        }
        r[i.dst] = res & mask;
        pc = next();
        continue;
      }
      case Class.JMP: case Class.JMP32: {
        const op = opOf(i.code);
        if (i.code === Opcode.EXIT) return r[0]!;
        if (i.code === Opcode.CALL) {
          const h = opts.helpers?.get(i.imm);
          if (h === undefined) throw new Error(`no helper ${i.imm}`);
          r[0] = BigInt.asUintN(64, h([r[1]!, r[2]!, r[3]!, r[4]!, r[5]!], mem));
          for (let k = 1; k <= 5; k++) r[k] = 0xbad0_0000n + BigInt(k);
          pc = next();
          continue;
        }
        if (i.code === Opcode.JA) {
          pc = jumpTo(i.off);
          continue;
        }
        const w64 = cls === Class.JMP;
        const bits = w64 ? 64 : 32;
        const srcVal = (i.code & Source.X) !== 0 ? r[i.src]! : BigInt.asUintN(64, BigInt(i.imm));
        const a = w64 ? r[i.dst]! : u32(r[i.dst]!);
        const b = w64 ? srcVal : u32(srcVal);
        const sa = BigInt.asIntN(bits, a);
        const sb = BigInt.asIntN(bits, b);
        let taken: boolean;
        switch (op) {
          case JmpOp.JEQ: taken = a === b; break;
          case JmpOp.JNE: taken = a !== b; break;
          case JmpOp.JGT: taken = a > b; break;
          case JmpOp.JGE: taken = a >= b; break;
          case JmpOp.JLT: taken = a < b; break;
          case JmpOp.JLE: taken = a <= b; break;
          case JmpOp.JSGT: taken = sa > sb; break;
          case JmpOp.JSGE: taken = sa >= sb; break;
          case JmpOp.JSLT: taken = sa < sb; break;
          case JmpOp.JSLE: taken = sa <= sb; break;
          case JmpOp.JSET: taken = (a & b) !== 0n; break;
          default: throw new Error(`unknown jump op 0x${op.toString(16)}`);
        }
        pc = taken ? jumpTo(i.off) : next();
        continue;
      }
      case Class.LDX: {
        const size = SIZE_BYTES[sizeOf(i.code)];
        const v = mem.load((r[i.src]! + BigInt(i.off)) & M64, size);
        r[i.dst] = modeOf(i.code) === Mode.MEMSX ? sx(v, size * 8) : v;
        pc = next();
        continue;
      }
      case Class.ST: case Class.STX: {
        const size = SIZE_BYTES[sizeOf(i.code)];
        const addr = (r[i.dst]! + BigInt(i.off)) & M64;
        if (modeOf(i.code) === Mode.ATOMIC) {
          const mask = size === 4 ? 0xffff_ffffn : M64;
          const old = mem.load(addr, size);
          const v = r[i.src]! & mask;
          const base = i.imm & ~AtomicOp.FETCH;
          let nv: bigint;
          if (i.imm === AtomicOp.CMPXCHG) nv = old === (r[0]! & mask) ? v : old;
          else if (i.imm === AtomicOp.XCHG) nv = v;
          else if (base === AtomicOp.ADD) nv = old + v;
          else if (base === AtomicOp.OR) nv = old | v;
          else if (base === AtomicOp.AND) nv = old & v;
          else if (base === AtomicOp.XOR) nv = old ^ v;
          else throw new Error(`unknown atomic 0x${i.imm.toString(16)}`);
          mem.store(addr, size, nv & mask);
          if (i.imm === AtomicOp.CMPXCHG) r[0] = old;
          else if ((i.imm & AtomicOp.FETCH) !== 0) r[i.src] = old;
        } else {
          const v = cls === Class.ST ? BigInt.asUintN(64, BigInt(i.imm)) : r[i.src]!;
          mem.store(addr, size, v & ((1n << BigInt(size * 8)) - 1n));
        }
        pc = next();
        continue;
      }
      default: throw new Error(`unsupported instruction class ${cls} at ${pc}`);
    }
  }
}
