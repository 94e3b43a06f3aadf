/**
 * Back end against the real verifier and BPF_PROG_RUN, with IR built by hand: proves the code shapes
 * the back end produces (spills, call clobbers, stack buffers, map-value null checks, atomics on the
 * stack, sign extension, signed division) are accepted and compute the right values, with and
 * without the optimiser.
 */
import { expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { loadSyscall, runSyscall } from "../../test/compiler/diff/syscall-runner.ts";
import { BPF_MAP_TYPE, mapCreate, mapLookupElem } from "../../src/sys/index.ts";
import { DiagnosticSink, spanAt } from "../diagnostics/diagnostic.ts";
import { IrBuilder } from "../ir/builder.ts";
import { imm, type VReg } from "../ir/ir.ts";
import { compileFunction } from "./backend.ts";
import type { ProgramSpec } from "../../src/spec/index.ts";

const S = spanAt("hand.c", 1, 1);
const M64 = (1n << 64n) - 1n;

function spec(b: IrBuilder, optimize: boolean): ProgramSpec {
  const sink = new DiagnosticSink();
  // Optimised code uses the portable ISA (v3), unoptimised the cpu-v4 instructions: both are
  // exercised against the verifier.
  const out = compileFunction(b.fn, sink, { optimize, verify: true, isa: optimize ? "v3" : "v4" });
  expect(sink.diagnostics).toEqual([]);
  return {
    name: b.fn.name, section: "syscall", license: "GPL", instructions: out!.instructions, spans: out!.spans,
    mapRelocations: out!.mapRelocations, stackSize: out!.stackSize,
  };
}

function ctxOf(values: bigint[]): Uint8Array {
  const buf = new Uint8Array(64);
  const dv = new DataView(buf.buffer);
  values.forEach((v, k) => dv.setBigUint64(k * 8, BigInt.asUintN(64, v), true));
  return buf;
}
const ctxVals = (buf: Uint8Array): bigint[] => {
  const dv = new DataView(buf.buffer);
  return Array.from({ length: 8 }, (_, k) => dv.getBigUint64(k * 8, true));
};

function run(build: () => IrBuilder, input: bigint[], optimize: boolean, fds?: Map<string, number>): { ret: number; out: bigint[] } {
  using prog = loadSyscall(spec(build(), optimize), fds);
  const ctx = ctxOf(input);
  const ret = runSyscall(prog, ctx);
  return { ret, out: ctxVals(ctx) };
}

/** Loads ctx->a[k] for k < n. */
function loadInputs(b: IrBuilder, ctx: VReg, n: number): VReg[] {
  return Array.from({ length: n }, (_, k) => b.load(b.vreg(`in${k}`), ctx, k * 8, 8, S));
}

describeKernel("back end on the kernel (hand-built IR, SYSCALL programs)", () => {
  for (const optimize of [true, false]) {
    const tag = optimize ? "optimised" : "unoptimised";

    it(`arithmetic, signed division, extensions and byte swaps (${tag})`, () => {
      const build = () => {
        const b = IrBuilder.create("arith", S);
        const ctx = b.param("ctx");
        const [x, y] = loadInputs(b, ctx, 2) as [VReg, VReg];
        const r = (v: VReg, k: number) => b.store(ctx, k * 8, 8, v, S);
        r(b.alu("sdiv", b.vreg(), x, y, S), 2);
        r(b.alu("smod", b.vreg(), x, y, S), 3);
        r(b.alu("sub", b.vreg(), y, x, S, 32), 4);
        r(b.ext(b.vreg(), x, 8, true, S), 5);
        const e = b.vreg();
        b.emit({ op: "endian", dst: e, a: y, kind: "be", bits: 32, span: S });
        r(e, 6);
        r(b.setcc(b.vreg(), "slt", x, y, S), 7);
        b.ret(b.alu("mul", b.vreg(), x, imm(3), S, 32), S);
        return b;
      };
      const x = -7n, y = 0x1234_5680n;
      const { ret, out } = run(build, [x, y], optimize);
      expect(BigInt.asIntN(64, out[2]!)).toBe(x / y);
      expect(BigInt.asIntN(64, out[3]!)).toBe(x % y);
      expect(out[4]).toBe(BigInt.asUintN(32, y - x));
      expect(BigInt.asIntN(64, out[5]!)).toBe(BigInt.asIntN(8, x));
      expect(out[6]).toBe(0x8056_3412n);
      expect(out[7]).toBe(1n);
      expect(ret).toBe(Number(BigInt.asUintN(32, x * 3n)));
    });

    it(`register pressure forces spills (${tag})`, () => {
      const build = () => {
        const b = IrBuilder.create("pressure", S);
        const ctx = b.param("ctx");
        const ins = loadInputs(b, ctx, 8);
        // 20 products, all live at once, then folded together: more values than r0..r9.
        const prods: VReg[] = [];
        for (let k = 0; k < 20; k++) {
          prods.push(b.alu("mul", b.vreg(), ins[k % 8]!, ins[(k * 3 + 1) % 8]!, S));
          prods[k] = b.alu("add", prods[k]!, prods[k]!, imm(k), S);
        }
        let acc = b.mov(b.vreg(), imm(0), S);
        for (let k = 0; k < 20; k++) {
          const t = b.alu("mul", b.vreg(), acc, imm(31), S);
          acc = b.alu("xor", b.vreg(), t, prods[k]!, S);
        }
        for (let k = 0; k < 8; k++) b.store(ctx, k * 8, 8, ins[k]!, S); // inputs live to the end too
        b.store(ctx, 0, 8, acc, S);
        b.ret(imm(0), S);
        return b;
      };
      const input = [3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n];
      let acc = 0n;
      for (let k = 0; k < 20; k++) {
        const p = (input[k % 8]! * input[(k * 3 + 1) % 8]! + BigInt(k)) & M64;
        acc = ((acc * 31n) & M64) ^ p;
      }
      const { out } = run(build, input, optimize);
      expect(out[0]).toBe(acc);
      expect(out.slice(1)).toEqual(input.slice(1));
    });

    it(`values live across helper calls survive the r1-r5 clobber (${tag})`, () => {
      const build = () => {
        const b = IrBuilder.create("calls", S);
        const ctx = b.param("ctx");
        const ins = loadInputs(b, ctx, 6);
        b.call(b.vreg(), 7 /* get_prandom_u32 */, [], S);
        let acc = b.mov(b.vreg(), imm(0), S);
        for (const v of ins) acc = b.alu("add", b.vreg(), b.alu("mul", b.vreg(), acc, imm(10), S), v, S);
        const t = b.vreg();
        b.call(t, 5 /* ktime_get_ns */, [], S);
        b.store(ctx, 8, 8, acc, S);
        b.store(ctx, 16, 8, b.setcc(b.vreg(), "ne", t, imm(0), S), S);
        b.ret(imm(1), S);
        return b;
      };
      const { ret, out } = run(build, [1n, 2n, 3n, 4n, 5n, 6n], optimize);
      expect(ret).toBe(1);
      expect(out[1]).toBe(123456n);
      expect(out[2]).toBe(1n);
    });

    it(`a counted loop and a stack buffer (${tag})`, () => {
      const build = () => {
        const b = IrBuilder.create("loop", S);
        const ctx = b.param("ctx");
        const buf = b.frameObject("buf", 16, 8, S);
        b.zero(buf, 0, 16, 8, S);
        const n = b.load(b.vreg("n"), ctx, 0, 8, S);
        const i = b.mov(b.vreg("i"), imm(0), S);
        const sum = b.mov(b.vreg("sum"), imm(0), S);
        const head = b.newBlock("head");
        const body = b.newBlock("body");
        const done = b.newBlock("done");
        b.jmp(head, S);
        b.setBlock(head);
        b.br("ge", i, imm(16), done, body, S); // keeps the loop bounded for the verifier
        b.setBlock(body);
        const brk = b.newBlock("body2");
        b.br("ge", i, n, done, brk, S);
        b.setBlock(brk);
        b.alu("add", sum, sum, i, S);
        b.alu("add", i, i, imm(1), S);
        b.store(buf, 8, 1, i, S);
        b.jmp(head, S);
        b.setBlock(done);
        b.store(ctx, 8, 8, sum, S);
        b.store(ctx, 16, 8, b.load(b.vreg(), buf, 8, 8, S), S);
        const p = b.frameAddr(b.vreg(), buf, 4, S);
        b.store(p, 0, 4, imm(0x55), S);
        b.ret(b.load(b.vreg(), buf, 0, 8, S), S);
        return b;
      };
      const { ret, out } = run(build, [10n], optimize);
      expect(out[1]).toBe(45n);
      expect(out[2]).toBe(10n);
      expect(ret).toBe(0);
      const r2 = run(build, [100n], optimize);
      expect(r2.out[1]).toBe(120n);
    });

    it(`atomics on a stack slot (${tag})`, () => {
      const build = () => {
        const b = IrBuilder.create("atom", S);
        const ctx = b.param("ctx");
        const [x] = loadInputs(b, ctx, 1) as [VReg];
        const slot = b.frameObject("cnt", 8, 8, S);
        b.store(slot, 0, 8, imm(100), S);
        const old = b.vreg();
        b.atomic("add", slot, 0, 8, x, S, old);
        b.atomic("or", slot, 0, 8, b.mov(b.vreg(), imm(0x1000), S), S);
        const prev = b.vreg();
        b.atomic("cmpxchg", slot, 0, 8, b.mov(b.vreg(), imm(7), S), S, prev, b.load(b.vreg(), slot, 0, 8, S));
        const swapped = b.vreg();
        b.atomic("xchg", slot, 0, 8, b.mov(b.vreg(), imm(9), S), S, swapped);
        b.store(ctx, 8, 8, old, S);
        b.store(ctx, 16, 8, prev, S);
        b.store(ctx, 24, 8, swapped, S);
        b.ret(b.load(b.vreg(), slot, 0, 4, S), S);
        return b;
      };
      const { ret, out } = run(build, [5n], optimize);
      expect(out[1]).toBe(100n);
      expect(out[2]).toBe(105n | 0x1000n);
      expect(out[3]).toBe(7n);
      expect(ret).toBe(9);
    });

    it(`map lookup is null-checked and accessed through the same register (${tag})`, () => {
      using map = mapCreate({ mapType: BPF_MAP_TYPE.ARRAY, keySize: 4, valueSize: 16, maxEntries: 4 });
      const build = () => {
        const b = IrBuilder.create("lookup", S);
        const ctx = b.param("ctx");
        const key = b.frameObject("key", 4, 4, S);
        const k = b.load(b.vreg(), ctx, 0, 4, S);
        b.store(key, 0, 4, k, S);
        const m = b.mapFd(b.vreg(), "arr", S);
        const kp = b.frameAddr(b.vreg(), key, 0, S);
        const v = b.vreg("v");
        b.call(v, 1, [m, kp], S);
        const miss = b.newBlock("miss");
        const hit = b.newBlock("hit");
        b.br("eq", v, imm(0), miss, hit, S);
        b.setBlock(miss);
        b.ret(imm(2), S);
        b.setBlock(hit);
        // A helper call between check and use forces the pointer into r6-r9 or a spill slot.
        b.call(b.vreg(), 7, [], S);
        b.atomic("add", v, 0, 8, b.mov(b.vreg(), imm(3), S), S);
        b.store(v, 8, 8, b.load(b.vreg(), ctx, 8, 8, S), S);
        b.ret(imm(1), S);
        return b;
      };
      const fds = new Map([["arr", map.peek()]]);
      expect(run(build, [1n, 77n], optimize, fds).ret).toBe(1);
      expect(run(build, [1n, 78n], optimize, fds).ret).toBe(1);
      expect(run(build, [9n, 0n], optimize, fds).ret).toBe(2);
      const key = new Uint8Array([1, 0, 0, 0]);
      const value = new Uint8Array(16);
      expect(mapLookupElem(map, key, value)).toBe(true);
      const dv = new DataView(value.buffer);
      expect(dv.getBigUint64(0, true)).toBe(6n);
      expect(dv.getBigUint64(8, true)).toBe(78n);
    });
  }

  it("addresses global data through a map-value relocation (BPF_PSEUDO_MAP_VALUE)", () => {
    using map = mapCreate({ mapType: BPF_MAP_TYPE.ARRAY, keySize: 4, valueSize: 16, maxEntries: 1 });
    const build = () => {
      const b = IrBuilder.create("globals", S);
      const ctx = b.param("ctx");
      const g = b.vreg("g");
      b.emit({ op: "mapvalue", dst: g, map: "bss", off: 8, span: S });
      const old = b.load(b.vreg(), g, 0, 8, S);
      b.store(g, 0, 8, b.alu("add", b.vreg(), old, b.load(b.vreg(), ctx, 0, 8, S), S), S);
      b.ret(imm(0), S);
      return b;
    };
    const fds = new Map([["bss", map.peek()]]);
    run(build, [5n], true, fds);
    run(build, [7n], false, fds);
    const value = new Uint8Array(16);
    expect(mapLookupElem(map, new Uint8Array(4), value)).toBe(true);
    const dv = new DataView(value.buffer);
    expect(dv.getBigUint64(0, true)).toBe(0n);
    expect(dv.getBigUint64(8, true)).toBe(12n);
  });
});
