import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  bpftoolImm64Text,
  disassemble,
  disassembleLines,
  formatInstruction,
  formatInstructionWithOpcode,
} from "./disasm.ts";
import { decode } from "./decode.ts";
import { insn, type Instruction, ldImm64, slotIndices } from "./instruction.ts";
import { CallSrc, PseudoSrc, R0, R1, R2, R7, R10 } from "./opcodes.ts";
import * as ops from "./ops.ts";
import { allForms } from "./fixtures/all-forms.ts";
import { KERNEL_PROGRAMS } from "./fixtures/kernel-programs.ts";

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

/** Splits a fixture into its "== name" sections (comment lines dropped). */
function sections(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || line === "") continue;
    const header = /^== (\S+)$/.exec(line);
    if (header) out.set(header[1]!, (current = []));
    else current?.push(line);
  }
  return out;
}

const isMapPointer = (value: Instruction): boolean =>
  value.code === 0x18 && (value.src === PseudoSrc.MAP_FD || value.src === PseudoSrc.MAP_VALUE);

describe("disassembler against the 6.18 verifier log", () => {
  const logs = sections(fixture("verifier-log-6.18.txt"));

  for (const [name, make] of KERNEL_PROGRAMS) {
    it(`prints program "${name}" exactly as the kernel does`, () => {
      const program = make();
      const lines = logs.get(name);
      expect(lines, `fixture section ${name}`).toBeDefined();
      // "     12: 0.234..... (07) r2 += 3" → index 12, text "(07) r2 += 3"
      const kernel = lines!.map((line) => {
        const m = /^ *(\d+): [.0-9]{10} (.*)$/.exec(line);
        if (!m) throw new Error(`unparsable fixture line: ${line}`);
        return { index: Number(m[1]), text: m[2]! };
      });
      const slots = slotIndices(program);
      expect(kernel.map((k) => k.index)).toEqual(slots.slice(0, -1));
      program.forEach((value, i) => {
        let expected = kernel[i]!.text;
        // The kernel prints the map's address; only its shape can be compared.
        if (isMapPointer(value)) {
          expect(expected).toMatch(/^\(18\) r\d = 0xffff[0-9a-f]{12}$/);
          expected = expected.replace(/0x[0-9a-f]+$/, "<pointer>");
        }
        const ours = formatInstructionWithOpcode(value, {
          imm64Text: (v, imm) => (isMapPointer(v) ? "<pointer>" : `0x${imm.toString(16)}`),
        });
        expect(ours, `insn ${kernel[i]!.index}`).toBe(expected);
      });
    });
  }
});

describe("disassembler against bpftool prog dump xlated", () => {
  const parts = sections(fixture("bpftool-xlated.txt"));
  const bytes = Buffer.from(parts.get("xlated")!.join(""), "hex");
  const expected = parts.get("bpftool")!;

  it("decodes the kernel's rewritten program and prints bpftool's text", () => {
    const program = decode(bytes);
    // Call names come from /proc/kallsyms on the capturing machine, so take them from the dump.
    const names = new Map<number, string>();
    for (const line of expected) {
      const m = /call ([\w.]+)#(-?\d+)$/.exec(line);
      if (m) names.set(Number(m[2]), m[1]!);
    }
    const local = expected.map((line) => /call pc[+-]\d+#(\w+)$/.exec(line)?.[1]).find((n) => n !== undefined);
    const text = disassembleLines(program, {
      style: "bpftool",
      imm64Text: bpftoolImm64Text,
      callName: (value) => {
        // Kernels rewrite local calls to carry the offset in `off` (bpftool prints "%+d#sym").
        if (value.src === CallSrc.PSEUDO_CALL) return `${value.off >= 0 ? "+" : ""}${value.off}#${local}`;
        return names.get(value.imm);
      },
    });
    expect(text).toEqual(expected);
  });
});

describe("golden strings (kernel/bpf/disasm.c formats)", () => {
  const cases: Array<[Instruction, string]> = [
    [ops.mov64Imm(R0, 0), "(b7) r0 = 0"],
    [ops.mov32Reg(R0, R1), "(bc) w0 = w1"],
    [ops.ldxW(R1, R10, -8), "(61) r1 = *(u32 *)(r10 -8)"],
    [ops.stxDW(R10, R1, -16), "(7b) *(u64 *)(r10 -16) = r1"],
    [ops.stB(R1, 0, -1), "(72) *(u8 *)(r1 +0) = -1"],
    [ops.jeqImm(R0, 0, 3), "(15) if r0 == 0x0 goto pc+3"],
    [ops.jmp32Imm(0x60, R1, -1, -4), "(66) if w1 s> 0xffffffff goto pc-4"],
    [ops.callHelper(6), "(85) call bpf_trace_printk#6"],
    [ops.callHelper(0), "(85) call bpf_unspec#0"],
    [ops.callHelper(300), "(85) call unknown#300"],
    [ops.callHelper(-1), "(85) call unknown#-1"],
    [ops.callKfunc(12345), "(85) call kernel-function#12345"],
    [ops.callLocal(5), "(85) call pc+5"],
    [ops.callLocal(-7), "(85) call pc-7"],
    [ops.ja(-1), "(05) goto pc-1"],
    [ops.ja32(-100000), "(06) gotol pc-100000"],
    [ops.mayGoto(2), "(e5) may_goto pc+2"],
    [ops.exit(), "(95) exit"],
    [ops.sdiv64Imm(R1, 3), "(37) r1 s/= 3"],
    [ops.smod32Reg(R1, R2), "(9c) w1 s%= w2"],
    [ops.movsx64(R1, R2, 8), "(bf) r1 = (s8)r2"],
    [ops.movsx32(R1, R2, 16), "(bc) w1 = (s16)w2"],
    [ops.bswap(R1, 16), "(d7) r1 = bswap16 r1"],
    [ops.toBe(R1, 64), "(dc) r1 = be64 r1"],
    [ops.neg32(R1), "(84) w1 = -w1"],
    [ops.atomic(0x18, 0x00, R1, R2, 0), "(db) lock *(u64 *)(r1 +0) += r2"],
    [ops.atomic(0x18, 0x01, R1, R0, 0), "(db) r0 = atomic64_fetch_add((u64 *)(r1 +0), r0)"],
    [ops.atomic(0x00, 0xf1, R1, R2, -4), "(c3) r0 = atomic_cmpxchg((u32 *)(r1 -4), r0, r2)"],
    [ops.ldMapFd(R1, 5), "(18) r1 = 0x5"],
    [ops.ldFunc(R2, 10), "(18) r2 = 0xa"], // as the 6.18 verifier log printed a bpf_loop callback
    [ops.ldImm64Value(R1, -1), "(18) r1 = 0xffffffffffffffff"],
    [ops.ldInd(0x10, R7, -1), "(50) r0 = *(u8 *)skb[r7 + -1]"],
    // Forms the kernel only produces itself (xlated dumps) or for arena programs.
    [insn(0xbf, 1, 2, 1, 0x0001_0000), "(bf) r1 = addr_space_cast(r2, 1, 0)"],
    [insn(0xbf, 0, 0, -1, 0), "(bf) r0 = &(void __percpu *)(r0)"],
    [insn(0xc2, 0, 0, 0, 0), "(c2) nospec"],
    // Malformed encodings print like the kernel: "BUG_" without the opcode prefix, NULL as "(null)".
    [insn(0x41, 1, 2, 0, 0), "BUG_ldx_41"],
    [insn(0x9b, 1, 2, 0, 0), "BUG_9b"],
    [insn(0xdb, 1, 2, 0, 0x21), "BUG_db"],
    [insn(0x22, 1, 0, 0, 0), "BUG_st_22"],
    [insn(0x00, 1, 0, 0, 0), "BUG_ld_00"],
    [insn(0xe7, 1, 0, 0, 0), "(e7) r1 (null) 0"],
    [insn(0x99, 1, 2, 0, 0), "(99) r1 = *((null) *)(r2 +0)"],
    [insn(0x96, 0, 0, 0, 0), "(96) if w0 exit 0x0 goto pc+0"],
  ];
  for (const [value, text] of cases) {
    it(text, () => expect(formatInstructionWithOpcode(value)).toBe(text));
  }

  it("hides pointer immediates like a verifier without allow_ptr_leaks", () => {
    expect(formatInstruction(ops.ldMapFd(R1, 5), { hidePointers: true })).toBe("r1 = 0x0");
    expect(formatInstruction(ops.ldImm64Value(R1, 5), { hidePointers: true })).toBe("r1 = 0x5");
  });

  it("renders LD_IMM64 the way bpftool does", () => {
    const fmt = (v: Instruction): string => formatInstruction(v, { imm64Text: bpftoolImm64Text });
    expect(fmt(ops.ldMapFd(R1, 12))).toBe("r1 = map[id:12]");
    expect(fmt(ops.ldMapValue(R1, 12, 16))).toBe("r1 = map[id:12][0]+16");
    expect(fmt(ops.ldFunc(R2, -3))).toBe("r2 = subprog[-3]");
    expect(fmt(ldImm64(R2, 255n))).toBe("r2 = 0xff");
  });

  it("gives every instruction form a distinct, well-formed text", () => {
    const seen = new Map<string, string>();
    for (const form of allForms()) {
      const text = formatInstructionWithOpcode(form.insn);
      expect(text, form.name).toMatch(/^\([0-9a-f]{2}\) /);
      expect(text, form.name).not.toMatch(/BUG|\(null\)|unknown/);
      expect(seen.get(text), `${form.name} prints like ${seen.get(text)}`).toBeUndefined();
      seen.set(text, form.name);
    }
  });
});

describe("disassemble styles", () => {
  const program = [ops.mov64Imm(R0, 0), ops.ldMapFd(R1, 3), ops.exit()];

  it("numbers lines by slot like the verifier log", () => {
    expect(disassemble(program)).toBe("0: (b7) r0 = 0\n1: (18) r1 = 0x3\n3: (95) exit\n");
  });

  it("pads indices like bpftool (% 4d)", () => {
    const long = Array.from({ length: 1001 }, () => ops.mov64Imm(R0, 0));
    const lines = disassembleLines(long, { style: "bpftool" });
    expect(lines[0]).toBe("   0: (b7) r0 = 0");
    expect(lines[999]).toBe(" 999: (b7) r0 = 0");
    expect(lines[1000]).toBe(" 1000: (b7) r0 = 0");
  });

  it("prints plain text without indices or opcodes", () => {
    expect(disassembleLines(program, { style: "plain" })).toEqual(["r0 = 0", "r1 = 0x3", "exit"]);
    expect(disassemble([])).toBe("");
  });
});
