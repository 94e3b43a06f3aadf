/**
 * Randomised differential test of the whole back end without a kernel: random IR functions
 * (arithmetic at both widths, stack objects, helper calls, atomics, diamonds and bounded loops) are
 * run by the IR reference interpreter and, compiled, by the BPF interpreter; ret and ctx must agree.
 * Register pressure is high on purpose (up to 24 variables), so spilling and call clobbers are
 * exercised constantly. Seeds are fixed: failures reproduce.
 */
import { describe, expect, it } from "vitest";
import { DiagnosticSink, spanAt } from "../diagnostics/diagnostic.ts";
import { IrBuilder } from "../ir/builder.ts";
import { Memory, interpret, type HelperImpl } from "../ir/interpret.ts";
import { imm, type AluOp, type Cond, type FrameRef, type IrFunction, type VReg } from "../ir/ir.ts";
import { runBpf } from "./bpf-interpreter.ts";
import { compileFunction } from "./backend.ts";

const S = spanAt("fuzz.c", 1, 1);
const CTX = 0x1000_0000n;

class Rng {
  constructor(private s: number) {}
  next(): number {
    // xorshift32: deterministic and good enough to pick shapes
    let x = this.s;
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    this.s = x;
    return x;
  }
  int(n: number): number { return this.next() % n; }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]!; }
}

const ALU_OPS: AluOp[] = ["add", "sub", "mul", "div", "sdiv", "mod", "smod", "or", "and", "xor", "lsh", "rsh", "arsh"];
const CONDS: Cond[] = ["eq", "ne", "gt", "ge", "lt", "le", "sgt", "sge", "slt", "sle", "set"];
const IMMS = [0n, 1n, 2n, 3n, 7n, 31n, 63n, -1n, -8n, 255n, 0x7fffffffn, 0x80000000n, 0x123456789abn, -0x100000000n];

/** Helpers 100+n consume exactly n args (the BPF side passes garbage in the others). */
const HELPERS = new Map<number, HelperImpl>(
  [0, 1, 2, 3, 4, 5].map((n) => [100 + n, (args: bigint[]) => args.slice(0, n).reduce((h, a, k) => h * 1_000_003n + a * BigInt(k + 3), 11n)]),
);

function generate(seed: number): IrFunction {
  const rng = new Rng(seed);
  const b = IrBuilder.create(`fuzz${seed}`, S);
  const ctx = b.param("ctx");
  const vars: VReg[] = [];
  for (let k = 0; k < 8; k++) vars.push(b.load(b.vreg(), ctx, k * 8, 8, S));
  const nVars = 8 + rng.int(16);
  for (let k = 8; k < nVars; k++) vars.push(b.mov(b.vreg(), imm(rng.pick(IMMS)), S));
  const slot = b.frameObject("slot", 8, 8, S);
  const arr = b.frameObject("arr", 32, 8, S);
  // `locals` is only ever accessed as 8-byte slots, so the optimiser may promote it to registers.
  const locals = b.frameObject("locals", 32, 8, S);
  b.zero(slot, 0, 8, 8, S);
  b.zero(arr, 0, 32, 8, S);
  b.zero(locals, 0, 32, 8, S);
  const frames: [FrameRef, number][] = [[slot, 8], [arr, 32], [locals, 32]];
  const v = () => rng.pick(vars);
  // Non-SSA on purpose: every def redefines one of the variables (all defined up front, so every
  // path defines them before use, as the invariant checker demands).
  const assign = (): VReg => rng.pick(vars);

  const straight = (n: number) => {
    for (let k = 0; k < n; k++) {
      const dst = assign();
      switch (rng.int(12)) {
        case 0: case 1: case 2: case 3: {
          const w = rng.int(3) === 0 ? 32 : 64;
          const rhs = rng.int(2) === 0 ? v() : imm(rng.pick(IMMS));
          b.alu(rng.pick(ALU_OPS), dst, v(), rhs, S, w);
          break;
        }
        case 4: b.neg(dst, v(), S, rng.int(2) === 0 ? 32 : 64); break;
        case 5: b.ext(dst, v(), rng.pick([8, 16, 32] as const), rng.int(2) === 0, S); break;
        case 6: b.setcc(dst, rng.pick(CONDS), v(), rng.int(2) === 0 ? v() : imm(rng.pick(IMMS)), S, rng.int(2) === 0 ? 32 : 64); break;
        case 7: {
          const [f, size] = rng.pick(frames);
          const sz = f === locals ? 8 : rng.pick([1, 2, 4, 8] as const);
          const off = rng.int(size / sz) * sz;
          if (rng.int(2) === 0) b.store(f, off, sz, rng.int(3) === 0 ? imm(rng.pick(IMMS)) : v(), S);
          else b.load(dst, f, off, sz, S, rng.int(2) === 0);
          break;
        }
        case 8: {
          const n = rng.int(6);
          b.call(rng.int(4) === 0 ? undefined : dst, 100 + n, Array.from({ length: n }, v), S);
          break;
        }
        case 9: {
          const aop = rng.pick(["add", "or", "and", "xor", "xchg"] as const);
          const size = rng.pick([4, 8] as const);
          b.atomic(aop, slot, 0, size, v(), S, rng.int(2) === 0 || aop === "xchg" ? dst : undefined);
          break;
        }
        case 10: b.endian(dst, v(), rng.pick(["be", "le", "swap"] as const), rng.pick([16, 32, 64] as const), S); break;
        default: b.mov(dst, rng.int(2) === 0 ? v() : imm(rng.pick(IMMS)), S, rng.int(4) === 0 ? 32 : 64);
      }
    }
  };

  const body = (depth: number) => {
    const parts = 1 + rng.int(3);
    for (let p = 0; p < parts; p++) {
      straight(2 + rng.int(6));
      const kind = depth > 0 ? rng.int(3) : 2;
      if (kind === 0) {
        const then = b.newBlock();
        const els = b.newBlock();
        const join = b.newBlock();
        b.br(rng.pick(CONDS), v(), rng.int(2) === 0 ? v() : imm(rng.pick(IMMS)), then, els, S, rng.int(3) === 0 ? 32 : 64);
        b.setBlock(then);
        body(depth - 1);
        b.jmp(join, S);
        b.setBlock(els);
        body(depth - 1);
        b.jmp(join, S);
        b.setBlock(join);
      } else if (kind === 1) {
        const i = b.mov(b.vreg("i"), imm(0), S);
        const head = b.newBlock();
        const loop = b.newBlock();
        const exit = b.newBlock();
        b.jmp(head, S);
        b.setBlock(head);
        b.br("lt", i, imm(1 + rng.int(5)), loop, exit, S);
        b.setBlock(loop);
        body(depth - 1);
        b.alu("add", i, i, imm(1), S);
        b.jmp(head, S);
        b.setBlock(exit);
      }
    }
  };
  body(2);
  for (let k = 0; k < 8; k++) b.store(ctx, k * 8, 8, v(), S);
  b.ret(v(), S);
  return b.fn;
}

function ctxMemory(seed: number): [Memory, Uint8Array] {
  const mem = new Memory();
  const bytes = new Uint8Array(64);
  const rng = new Rng(seed ^ 0x5bd1e995);
  for (let k = 0; k < 64; k++) bytes[k] = rng.int(256);
  mem.add(CTX, bytes);
  return [mem, bytes];
}

describe("back end fuzz: IR interpreter vs compiled BPF", () => {
  // FUZZ_SEEDS=2500 for a longer run (passes as of writing); 200 keeps the unit suite quick.
  const seeds = Number(process.env.FUZZ_SEEDS ?? 200);
  for (const [optimize, isa] of [[true, "v3"], [true, "v4"], [false, "v3"], [false, "v4"]] as const) {
    it(`agrees on ${seeds} random functions (${optimize ? "optimised" : "unoptimised"}, isa ${isa})`, () => {
      for (let seed = 1; seed <= seeds; seed++) {
        const [m1, c1] = ctxMemory(seed);
        const expected = interpret(generate(seed), [CTX], m1, { helpers: HELPERS });
        const fn = generate(seed);
        const sink = new DiagnosticSink();
        const out = compileFunction(fn, sink, { optimize, verify: true, isa });
        expect(sink.diagnostics).toEqual([]);
        const [m2, c2] = ctxMemory(seed);
        const got = runBpf(out!.instructions, CTX, m2, { helpers: HELPERS });
        expect({ seed, ret: got, ctx: [...c2] }).toEqual({ seed, ret: expected, ctx: [...c1] });
      }
    });
  }
});
