/**
 * Unit tests of the back end's observable output: folding, jump offsets across LD_IMM64, peephole
 * shapes, spans, stack-overflow diagnostics, spill code, the invariant checker and the printer.
 */
import { describe, expect, it } from "vitest";
import { disassemble } from "../../src/isa/disasm.ts";
import { Class, Opcode, classOf, programSlots } from "../../src/isa/instruction.ts";
import { DiagnosticSink, InternalCompilerError, spanAt } from "../diagnostics/diagnostic.ts";
import { IrBuilder } from "../ir/builder.ts";
import { imm, newFunction, type VReg } from "../ir/ir.ts";
import { printFunction } from "../ir/printer.ts";
import { verifyFunction } from "../ir/verify.ts";
import { compileFunction } from "./backend.ts";

const S = spanAt("t.c", 3, 5);
const at = (line: number) => spanAt("t.c", line, 1);

function compile(b: IrBuilder, optimize = true) {
  const sink = new DiagnosticSink();
  const out = compileFunction(b.fn, sink, { optimize, verify: true });
  return { out: out!, sink, text: out === undefined ? "" : disassemble(out.instructions, { style: "plain" }) };
}

describe("back end output", () => {
  it("folds constants and branches away", () => {
    const b = IrBuilder.create("f", S);
    b.param("ctx");
    const x = b.alu("mul", b.vreg(), b.mov(b.vreg(), imm(6), S), imm(7), S);
    const yes = b.newBlock();
    const no = b.newBlock();
    b.br("eq", x, imm(42), yes, no, S);
    b.setBlock(yes);
    b.ret(imm(1), S);
    b.setBlock(no);
    b.ret(imm(2), S);
    expect(compile(b).text).toBe("r0 = 1\nexit\n");
  });

  it("counts LD_IMM64 as two slots in jump offsets", () => {
    const b = IrBuilder.create("f", S);
    const ctx = b.param("ctx");
    const x = b.load(b.vreg(), ctx, 0, 8, S);
    const big = b.newBlock();
    const done = b.newBlock();
    const r = b.mov(b.vreg(), imm(0), S);
    b.br("eq", x, imm(0), done, big, S);
    b.setBlock(big);
    b.mov(r, imm(0x1234_5678_9abc_def0n), S);
    b.store(ctx, 8, 8, r, S);
    b.jmp(done, S);
    b.setBlock(done);
    b.ret(imm(0), S);
    const { out } = compile(b);
    const jumpIdx = out.instructions.findIndex((i) => classOf(i.code) === Class.JMP && i.code !== Opcode.EXIT && i.code !== Opcode.CALL);
    const jump = out.instructions[jumpIdx]!;
    // Skips the LD_IMM64 (2 slots) and the store (1 slot).
    expect(jump.off).toBe(3);
    expect(programSlots(out.instructions)).toBe(out.instructions.length + 1);
  });

  it("inverts a branch over a jump instead of emitting both", () => {
    const b = IrBuilder.create("f", S);
    const ctx = b.param("ctx");
    const x = b.load(b.vreg(), ctx, 0, 8, S);
    const t = b.newBlock();
    const e = b.newBlock();
    b.br("sgt", x, imm(5), t, e, S);
    b.setBlock(e);
    b.ret(imm(7), S);
    b.setBlock(t);
    b.ret(imm(9), S);
    const { text } = compile(b);
    expect(text.match(/goto/g)?.length).toBe(1);
    expect(text).not.toMatch(/goto pc\+0\b/);
  });

  it("keeps the source span of every instruction", () => {
    const b = IrBuilder.create("f", S);
    const ctx = b.param("ctx");
    const x = b.load(b.vreg(), ctx, 0, 8, at(10));
    const y = b.alu("add", b.vreg(), x, imm(1), at(11));
    b.store(ctx, 8, 8, y, at(12));
    b.ret(imm(0), at(13));
    const { out } = compile(b);
    expect(out.spans.map((s) => s?.line)).toEqual([10, 11, 12, 13, 13]);
  });

  it("reports stack overflow naming the largest locals", () => {
    const b = IrBuilder.create("big", S);
    b.param("ctx");
    const a = b.frameObject("small", 16, 8, at(4));
    const c = b.frameObject("huge", 400, 8, at(5));
    const d = b.frameObject("medium", 200, 8, at(6));
    // Addresses passed to a helper: the objects must stay on the stack (no promotion to registers).
    for (const f of [a, c, d]) {
      b.zero(f, 0, 8, 8, S);
      b.call(undefined, 16, [b.frameAddr(b.vreg(), f, 0, S)], S);
    }
    b.ret(b.load(b.vreg(), c, 0, 8, S), S);
    const { sink } = compile(b);
    expect(sink.diagnostics).toHaveLength(1);
    const diag = sink.diagnostics[0]!;
    expect(diag.code).toBe("backend/stack-overflow");
    expect(diag.message).toContain("616 bytes");
    expect(diag.notes[0]?.message).toContain("'huge'");
    expect(diag.notes[0]?.span?.line).toBe(5);
    expect(diag.notes[1]?.message).toContain("'medium'");
  });

  it("spills under pressure into 8-byte, 8-aligned stack slots", () => {
    const b = IrBuilder.create("p", S);
    const ctx = b.param("ctx");
    const vals: VReg[] = [];
    for (let k = 0; k < 14; k++) vals.push(b.load(b.vreg(), ctx, (k % 8) * 8, 8, S));
    b.call(b.vreg(), 5, [], S);
    let acc = vals[0]!;
    for (const v of vals.slice(1)) acc = b.alu("mul", b.vreg(), acc, v, S);
    b.ret(acc, S);
    const { out, text } = compile(b, false);
    expect(out.stackSize).toBeGreaterThan(0);
    expect(out.stackSize % 8).toBe(0);
    // Every stack access is a full 8-byte slot at an 8-aligned offset.
    const accesses = [...text.matchAll(/\*\(u(\d+) \*\)\(r10 ([-+]\d+)\)/g)];
    expect(accesses.length).toBeGreaterThan(0);
    for (const m of accesses) {
      expect(m[1]).toBe("64");
      expect(Math.abs(Number(m[2])) % 8).toBe(0);
    }
  });

  it("emits no cpu-v4 instructions at isa v3, and uses them at v4", () => {
    const build = () => {
      const b = IrBuilder.create("v4ops", S);
      const ctx = b.param("ctx");
      const x = b.load(b.vreg(), ctx, 0, 2, S, true);
      const y = b.load(b.vreg(), ctx, 8, 8, S);
      b.store(ctx, 16, 8, b.alu("sdiv", b.vreg(), y, x, S), S);
      b.store(ctx, 24, 8, b.alu("smod", b.vreg(), y, x, S, 32), S);
      b.store(ctx, 32, 8, b.ext(b.vreg(), y, 8, true, S), S);
      b.store(ctx, 40, 8, b.endian(b.vreg(), y, "swap", 64, S), S);
      b.ret(imm(0), S);
      return b;
    };
    const isV4 = (i: { code: number; off: number }) =>
      (i.code & 0xe0) === 0x80 && (i.code & 7) === Class.LDX || // MEMSX
      ((i.code & 7) === Class.ALU64 || (i.code & 7) === Class.ALU) && (i.code & 0xf0) === 0xb0 && i.off !== 0 || // MOVSX
      ((i.code & 0xf0) === 0x30 || (i.code & 0xf0) === 0x90) && ((i.code & 7) === Class.ALU64 || (i.code & 7) === Class.ALU) && i.off === 1 || // SDIV/SMOD
      i.code === (Class.ALU64 | 0xd0); // BSWAP
    const v3 = compileFunction(build().fn, new DiagnosticSink(), { isa: "v3", verify: true })!;
    const v4 = compileFunction(build().fn, new DiagnosticSink(), { isa: "v4", verify: true })!;
    expect(v3.instructions.filter(isV4)).toEqual([]);
    expect(v4.instructions.filter(isV4).length).toBeGreaterThanOrEqual(5);
  });

  it("splits misaligned (packed) stack accesses into bytes", () => {
    const b = IrBuilder.create("packed", S);
    const ctx = b.param("ctx");
    const h = b.frameObject("h", 7, 1, S);
    b.store(h, 0, 1, imm(7), S);
    b.store(h, 1, 2, b.load(b.vreg(), ctx, 0, 8, S), S);
    b.store(h, 3, 4, imm(0x01020304), S);
    b.store(ctx, 8, 8, b.load(b.vreg(), h, 1, 2, S), S);
    b.ret(b.load(b.vreg(), h, 3, 4, S, true), S);
    const { text } = compile(b);
    expect(text).not.toMatch(/\*\(u(16|32|64) \*\)\(r10/);
  });
});

describe("back end speed", () => {
  // Budget: ≤ 2 ms for a ~70-line program (~150 IR instructions) after warm-up; measured ~0.6-1 ms
  // on an idle machine. Test machines are shared and parallel workers compete for the CPU, so
  // the check uses the fastest of 31 runs (interference only ever adds time) against 2.5x the
  // budget; that still catches a regression to quadratic behaviour.
  it("compiles a 150-instruction function with calls, branches and spills quickly", () => {
    const build = () => {
      const b = IrBuilder.create("perf", S);
      const ctx = b.param("ctx");
      const key = b.frameObject("key", 16, 8, S);
      b.zero(key, 0, 16, 8, S);
      const vals: VReg[] = [];
      for (let k = 0; k < 8; k++) vals.push(b.load(b.vreg(), ctx, k * 8, 8, S));
      for (let blk = 0; blk < 10; blk++) {
        const t = b.newBlock();
        const e = b.newBlock();
        const j = b.newBlock();
        b.br("gt", vals[blk % 8]!, imm(blk), t, e, S);
        b.setBlock(t);
        for (let k = 0; k < 5; k++) vals[k] = b.alu("add", b.vreg(), vals[k]!, vals[(k + 3) % 8]!, S);
        b.store(key, 0, 8, vals[0]!, S);
        b.jmp(j, S);
        b.setBlock(e);
        const v = b.vreg();
        b.call(v, 1, [b.mapFd(b.vreg(), "m", S), b.frameAddr(b.vreg(), key, 0, S)], S);
        const hit = b.newBlock();
        b.br("eq", v, imm(0), j, hit, S);
        b.setBlock(hit);
        b.store(v, 0, 8, vals[1]!, S);
        b.jmp(j, S);
        b.setBlock(j);
      }
      b.ret(vals[0]!, S);
      return b.fn;
    };
    for (let k = 0; k < 30; k++) compileFunction(build(), new DiagnosticSink());
    const times: number[] = [];
    for (let k = 0; k < 31; k++) {
      const fn = build();
      const t0 = performance.now();
      compileFunction(fn, new DiagnosticSink());
      times.push(performance.now() - t0);
    }
    expect(Math.min(...times)).toBeLessThan(5);
  });
});

describe("IR invariants and printer", () => {
  it("rejects a use before any definition", () => {
    const b = IrBuilder.create("bad", S);
    b.ret(b.vreg(), S);
    expect(() => verifyFunction(b.fn, "test")).toThrow(InternalCompilerError);
  });

  it("rejects a use defined on only one path", () => {
    const b = IrBuilder.create("bad2", S);
    const p = b.param("p");
    const x = b.vreg("x");
    const t = b.newBlock();
    const j = b.newBlock();
    b.br("eq", p, imm(0), t, j, S);
    b.setBlock(t);
    b.mov(x, imm(1), S);
    b.jmp(j, S);
    b.setBlock(j);
    b.ret(x, S);
    expect(() => verifyFunction(b.fn, "test")).toThrow(/may be used before/);
  });

  it("rejects a block without terminator and out-of-bounds frame access", () => {
    const fn = newFunction("f", S);
    expect(() => verifyFunction(fn, "t")).toThrow(/no terminator/);
    const b = IrBuilder.create("g", S);
    const f = b.frameObject("buf", 4, 4, S);
    b.store(f, 2, 4, imm(0), S);
    b.ret(imm(0), S);
    expect(() => verifyFunction(b.fn, "t")).toThrow(/outside frame object buf/);
  });

  it("prints a readable dump", () => {
    const b = IrBuilder.create("show", S);
    const ctx = b.param("ctx");
    const buf = b.frameObject("buf", 8, 8, S);
    const v = b.load(b.vreg("v"), ctx, 8, 4, S, true);
    b.store(buf, 0, 8, v, S);
    b.ret(imm(0), S);
    expect(printFunction(b.fn)).toBe(
      [
        "fn show(%ctx.16) {",
        "  frame buf#0: size 8 align 8",
        "bb0:",
        "  %v.17 = loads32 %ctx.16+8",
        "  store64 [buf], %v.17",
        "  ret 0",
        "}",
      ].join("\n"),
    );
  });
});
