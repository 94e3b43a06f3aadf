import { describe, expect, it } from "vitest";
import { decode } from "./decode.ts";
import { encode } from "./encode.ts";
import { formatInstructionWithOpcode } from "./disasm.ts";
import { insn, type Instruction, InstructionError, ldImm64, programSlots, slotIndices } from "./instruction.ts";
import { Opcode, PseudoSrc } from "./opcodes.ts";
import { allForms } from "./fixtures/all-forms.ts";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

describe("encode", () => {
  it("lays out struct bpf_insn little-endian with dst in the low nibble", () => {
    // *(u64 *)(r10 -16) = r1  → code 0x7b, regs 0x1a, off 0xfff0, imm 0
    expect(hex(encode([insn(0x7b, 10, 1, -16, 0)]))).toBe("7b1af0ff00000000");
    // r0 = -1 (mov64 imm) → imm ffffffff
    expect(hex(encode([insn(0xb7, 0, 0, 0, -1)]))).toBe("b7000000ffffffff");
    expect(hex(encode([insn(0x85, 0, 0, 0, 6)]))).toBe("8500000006000000");
  });

  it("splits LD_IMM64 into two slots, high half in the second slot's imm", () => {
    const bytes = encode([ldImm64(2, 0x1122334455667788n)]);
    expect(hex(bytes)).toBe("1802000088776655" + "0000000044332211");
    const map = encode([ldImm64(1, 7n, PseudoSrc.MAP_FD)]);
    expect(hex(map)).toBe("1811000007000000" + "0000000000000000");
  });

  it("normalises negative 64-bit immediates to two's complement", () => {
    const value = ldImm64(3, -2n);
    expect(value.imm64).toBe(0xffff_ffff_ffff_fffen);
    expect(value.imm).toBe(-2);
    expect(hex(encode([value]))).toBe("18030000feffffff" + "00000000ffffffff");
  });

  it("rejects fields that do not fit, naming the instruction", () => {
    const bad: Instruction = { code: 0xb7, dst: 16, src: 0, off: 0, imm: 0 };
    expect(() => encode([insn(0x95, 0, 0, 0, 0), bad])).toThrow(/instruction 1: dst register 16/);
    expect(() => insn(0xb7, 0, 0, 0x8000, 0)).toThrow(InstructionError);
    expect(() => insn(0xb7, 0, 0, 0, 0x8000_0000)).toThrow(/does not fit in s32/);
    expect(() => insn(0x100, 0, 0, 0, 0)).toThrow(/not a byte/);
    const mismatched: Instruction = { code: Opcode.LD_IMM64, dst: 1, src: 0, off: 0, imm: 5, imm64: 6n };
    expect(() => encode([mismatched])).toThrow(/low 32 bits/);
    expect(() => encode([{ code: 0xb7, dst: 0, src: 0, off: 0, imm: 0, imm64: 1n }])).toThrow(/only valid on LD_IMM64/);
  });

  it("counts LD_IMM64 as two slots", () => {
    const prog = [insn(0xb7, 0, 0, 0, 0), ldImm64(1, 1n), insn(0x95, 0, 0, 0, 0)];
    expect(programSlots(prog)).toBe(4);
    expect(slotIndices(prog)).toEqual([0, 1, 3, 4]);
    expect(encode(prog).length).toBe(32);
  });
});

describe("decode", () => {
  it("round-trips every instruction form exactly (encode → decode → encode)", () => {
    const forms = allForms();
    expect(forms.length).toBeGreaterThan(150);
    const program = forms.map((f) => f.insn);
    const bytes = encode(program);
    const decoded = decode(bytes);
    expect(decoded).toEqual(program);
    expect(hex(encode(decoded))).toBe(hex(bytes));
  });

  it("round-trips every opcode byte with both register nibbles and extreme fields", () => {
    const program: Instruction[] = [];
    for (let code = 0; code < 256; code++) {
      if (code === Opcode.LD_IMM64) continue;
      program.push(insn(code, 15, 0, -0x8000, -0x8000_0000));
      program.push(insn(code, 0, 15, 0x7fff, 0x7fff_ffff));
    }
    program.push(ldImm64(15, 0xffff_ffff_ffff_ffffn, 15));
    const decoded = decode(encode(program));
    expect(decoded).toEqual(program);
    // The disassembler must print something for any byte pattern (including "BUG_..." forms).
    for (const value of decoded) expect(formatInstructionWithOpcode(value)).not.toBe("");
  });

  it("decodes arbitrary byte strings and re-encodes them unchanged", () => {
    // Deterministic xorshift so a failure is reproducible.
    let state = 0x9e3779b9;
    const next = (): number => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state >>> 0;
    };
    for (let round = 0; round < 50; round++) {
      const bytes = new Uint8Array(8 * 64);
      const view = new DataView(bytes.buffer);
      for (let i = 0; i < bytes.length; i += 4) view.setUint32(i, next());
      // Make every LD_IMM64 well formed: its second slot must be zero apart from imm.
      for (let slot = 0; slot < 64; slot++) {
        if (bytes[slot * 8] !== Opcode.LD_IMM64) continue;
        if (slot === 63) bytes[slot * 8] = 0xb7;
        else {
          bytes.fill(0, (slot + 1) * 8, (slot + 1) * 8 + 4);
          slot++;
        }
      }
      expect(hex(encode(decode(bytes)))).toBe(hex(bytes));
    }
  });

  it("gives raw-built LD_IMM64 values the shape decode produces", () => {
    const raw = insn(Opcode.LD_IMM64, 1, PseudoSrc.MAP_FD, 0, -1);
    expect(raw.imm64).toBe(0xffff_ffffn);
    expect(decode(encode([raw]))).toEqual([raw]);
  });

  it("decodes LD_IMM64 into one instruction carrying the 64-bit value", () => {
    const [value] = decode(Buffer.from("1811000007000000" + "0000000001000000", "hex"));
    expect(value).toEqual({ code: 0x18, dst: 1, src: 1, off: 0, imm: 7, imm64: 0x1_0000_0007n });
  });

  it("rejects malformed input with the slot index", () => {
    expect(() => decode(new Uint8Array(7))).toThrow(/not a multiple of 8/);
    expect(() => decode(Buffer.from("1801000001000000", "hex"))).toThrow(/instruction 0: LD_IMM64 is missing its second slot/);
    expect(() => decode(Buffer.from("1801000001000000" + "b700000000000000", "hex"))).toThrow(/instruction 1: second slot/);
  });

  it("reads from a subarray at a non-zero offset", () => {
    const backing = new Uint8Array(24);
    backing.set(encode([insn(0xb7, 0, 0, 0, 42), insn(0x95, 0, 0, 0, 0)]), 8);
    expect(decode(backing.subarray(8))).toEqual([insn(0xb7, 0, 0, 0, 42), insn(0x95, 0, 0, 0, 0)]);
  });
});
