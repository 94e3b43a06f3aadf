import { describe, expect, it } from "vitest";
import { Assembler, AssemblerError } from "./builder.ts";
import { disassembleLines } from "./disasm.ts";
import { Helper } from "./helpers.ts";
import { CallSrc, JmpOp, PseudoSrc, R0, R1, R2, R10 } from "./opcodes.ts";
import * as ops from "./ops.ts";

const plain = (asm: Assembler): string[] => disassembleLines(asm.build(), { style: "plain" });

describe("Assembler", () => {
  it("builds the example program from the brief", () => {
    const asm = new Assembler()
      .mov64Imm(R1, 0)
      .ldxW(R1, R10, -8)
      .jeqImm(R0, 0, "out")
      .call(Helper.trace_printk)
      .ldMapFd(R1, 4)
      .label("out")
      .exit();
    expect(disassembleLines(asm.build())).toEqual([
      "0: (b7) r1 = 0",
      "1: (61) r1 = *(u32 *)(r10 -8)",
      "2: (15) if r0 == 0x0 goto pc+3",
      "3: (85) call bpf_trace_printk#6",
      "4: (18) r1 = 0x4",
      "6: (95) exit",
    ]);
  });

  it("resolves forward and backward jumps", () => {
    const asm = new Assembler()
      .mov64Imm(R1, 10)
      .label("top")
      .sub64Imm(R1, 1)
      .jneImm(R1, 0, "top")
      .ja("end")
      .mov64Imm(R0, 1)
      .label("end")
      .exit();
    expect(plain(asm)).toEqual(["r1 = 10", "r1 -= 1", "if r1 != 0x0 goto pc-2", "goto pc+1", "r0 = 1", "exit"]);
  });

  it("counts an LD_IMM64 as two slots in both directions", () => {
    const asm = new Assembler()
      .label("back")
      .ldImm64(R2, 1n)
      .jgtReg(R1, R2, "fwd")
      .ldImm64(R2, 2n)
      .ldImm64(R2, 3n)
      .label("fwd")
      .jeq32Imm(R1, 5, "back")
      .exit();
    const insns = asm.build();
    expect(insns[1]!.off).toBe(4); // over two LD_IMM64s
    expect(insns[4]!.off).toBe(-8); // from slot 7 back to slot 0: 0 - (7 + 1)
    expect(disassembleLines(insns)[4]).toBe("7: (16) if w1 == 0x5 goto pc-8");
  });

  it("puts 32-bit jump and call offsets in imm", () => {
    const asm = new Assembler()
      .ja32("exit")
      .callLocal("fn")
      .label("exit")
      .exit()
      .label("fn")
      .mov64Imm(R0, 0)
      .exit();
    const [gotol, call] = asm.build();
    expect(gotol).toMatchObject({ code: 0x06, off: 0, imm: 1 });
    expect(call).toMatchObject({ code: 0x85, src: CallSrc.PSEUDO_CALL, imm: 1 });
  });

  it("resolves callback addresses (BPF_PSEUDO_FUNC) into the 64-bit immediate", () => {
    const asm = new Assembler()
      .label("cb")
      .mov64Imm(R0, 0)
      .exit()
      .ldFunc(R2, "cb")
      .exit();
    const load = asm.build()[2]!;
    expect(load).toMatchObject({ src: PseudoSrc.FUNC, imm: -3, imm64: 0xffff_fffdn });
    expect(plain(asm)[2]).toBe("r2 = 0xfffffffd");
  });

  it("accepts raw numeric offsets", () => {
    expect(new Assembler().jmpImm(JmpOp.JSET, R1, 4, 7).build()[0]).toEqual(ops.jsetImm(R1, 4, 7));
  });

  it("calls helpers by id or name", () => {
    const asm = new Assembler().call(Helper.map_lookup_elem).call("get_current_pid_tgid").call("bpf_ktime_get_ns");
    expect(asm.build().map((i) => i.imm)).toEqual([1, 14, 5]);
    // @ts-expect-error not a helper name
    expect(() => new Assembler().call("no_such_helper")).toThrow(AssemblerError);
  });

  it("reports label mistakes", () => {
    expect(() => new Assembler().ja("nowhere").exit().build()).toThrow(/instruction 0: undefined label "nowhere"/);
    expect(() => new Assembler().label("a").label("a")).toThrow(/defined twice/);
    expect(() => new Assembler().ja("end").label("end").build()).toThrow(/past the last instruction/);
  });

  it("rejects 16-bit jumps that are out of range but allows gotol", () => {
    const far = (jump: (a: Assembler) => Assembler): Assembler => {
      const asm = jump(new Assembler());
      for (let i = 0; i < 0x8000; i++) asm.mov64Imm(R0, 0);
      return asm.label("far").exit();
    };
    expect(() => far((a) => a.ja("far")).build()).toThrow(AssemblerError);
    expect(() => far((a) => a.ja("far")).build()).toThrow(/spans 32768 slots/);
    expect(far((a) => a.ja32("far")).build()[0]!.imm).toBe(0x8000);
    // Exactly at the limit still fits.
    const edge = new Assembler().ja("x");
    for (let i = 0; i < 0x7fff; i++) edge.mov64Imm(R0, 0);
    expect(edge.label("x").exit().build()[0]!.off).toBe(0x7fff);
  });

  it("can build repeatedly and keep emitting", () => {
    const asm = new Assembler().mov64Imm(R0, 0).exit();
    const first = asm.build();
    expect(asm.build()).toEqual(first);
    asm.emit(ops.mov64Imm(R0, 1), ops.exit());
    expect(asm.length).toBe(4);
    expect(asm.build()).toHaveLength(4);
    expect(first).toHaveLength(2);
  });

  it("rejects immediates that do not fit in s32", () => {
    expect(() => new Assembler().and64Imm(R1, 0xffff_ffff)).toThrow(/does not fit in s32/);
    expect(() => new Assembler().ldImm64(R1, 2 ** 60)).toThrow(/not a safe integer/);
    expect(() => new Assembler().ldMapFd(R1, -1)).toThrow(/not a u32/);
  });
});
