/**
 * @fileoverview Rewrites operations that need the BPF "cpu v4" instructions (Linux 6.6+) into
 * older equivalents, so programs also load on e.g. the 6.1 kernels of long-term distributions:
 * - sign extension (MOVSX) → shift left, arithmetic shift right;
 * - sign-extending loads (MEMSX) → zero-extending load + the above;
 * - signed division/modulo (SDIV/SMOD) → unsigned division of absolute values with branch-free
 *   sign fix-ups: with s = x >>s 63 (0 or -1), |x| = (x ^ s) - s and negating on s is (q ^ s) - s.
 *   BPF's corner cases survive: x / 0 = 0 and x % 0 = x (the unsigned ops give 0 and |x|, the
 *   sign fix-up restores x), LLONG_MIN / -1 = LLONG_MIN (wrap-around);
 * - unconditional byte swap (BSWAP) → TO_BE conversion, which swaps on little-endian hosts.
 * Runs after optimisation (the optimiser reasons about the compact forms) and before register
 * allocation (the expansions need temporaries).
 */
import { imm, isImm, newVReg, type Inst, type IrFunction, type Operand, type VReg } from "./ir.ts";

export type IsaLevel = "v3" | "v4";

export function lowerToIsa(fn: IrFunction, level: IsaLevel): void {
  if (level === "v4") return;
  for (const b of fn.blocks) {
    if (!b.insts.some(needsLowering)) continue;
    const out: Inst[] = [];
    const v = (): VReg => newVReg(fn);
    for (const i of b.insts) {
      const span = i.span;
      const alu = (alu: Extract<Inst, { op: "alu" }>["alu"], dst: VReg, a: VReg, bb: Operand, width: 32 | 64 = 64) => {
        out.push({ op: "alu", alu, dst, a, b: bb, width, span });
        return dst;
      };
      const sext = (dst: VReg, a: VReg, from: number) => {
        const t = alu("lsh", v(), a, imm(64 - from));
        return alu("arsh", dst, t, imm(64 - from));
      };
      if (i.op === "ext" && i.signed) {
        sext(i.dst, i.a, i.from);
      } else if (i.op === "load" && i.signed && i.size < 8) {
        const t = v();
        out.push({ ...i, dst: t, signed: false });
        sext(i.dst, t, i.size * 8);
      } else if (i.op === "endian" && i.kind === "swap") {
        out.push({ ...i, kind: "be" });
      } else if (i.op === "alu" && (i.alu === "sdiv" || i.alu === "smod")) {
        // Work on 64-bit sign-extended operands; an ALU32 result is truncated at the end.
        const wide = (x: Operand): VReg => {
          if (isImm(x)) {
            const value = i.width === 32 ? BigInt.asIntN(32, x.imm) : x.imm;
            const t = v();
            out.push({ op: "mov", dst: t, src: imm(BigInt.asUintN(64, value)), width: 64, span });
            return t;
          }
          return i.width === 32 ? sext(v(), x, 32) : x;
        };
        const a = wide(i.a);
        const k = isImm(i.b) ? (i.width === 32 ? BigInt.asIntN(32, i.b.imm) : BigInt.asIntN(64, i.b.imm)) : -1n;
        if (k >= 0n) {
          // A non-negative constant divisor is its own absolute value with sign 0: only the
          // dividend's sign needs fixing (x / 0 and x % 0 still come out as 0 and x).
          const sa = alu("arsh", v(), a, imm(63));
          const ua = alu("sub", v(), alu("xor", v(), a, sa), sa);
          const q = alu(i.alu === "sdiv" ? "div" : "mod", v(), ua, imm(k));
          const r = alu("sub", i.width === 32 ? v() : i.dst, alu("xor", v(), q, sa), sa);
          if (i.width === 32) out.push({ op: "mov", dst: i.dst, src: r, width: 32, span });
          continue;
        }
        const d = wide(i.b);
        const sa = alu("arsh", v(), a, imm(63));
        const sd = alu("arsh", v(), d, imm(63));
        const ua = alu("sub", v(), alu("xor", v(), a, sa), sa);
        const ud = alu("sub", v(), alu("xor", v(), d, sd), sd);
        const sign = i.alu === "sdiv" ? alu("xor", v(), sa, sd) : sa;
        const q = alu(i.alu === "sdiv" ? "div" : "mod", v(), ua, ud);
        const r = alu("sub", i.width === 32 ? v() : i.dst, alu("xor", v(), q, sign), sign);
        if (i.width === 32) out.push({ op: "mov", dst: i.dst, src: r, width: 32, span });
      } else out.push(i);
    }
    b.insts = out;
  }
}

function needsLowering(i: Inst): boolean {
  return (
    (i.op === "ext" && i.signed) ||
    (i.op === "load" && i.signed && i.size < 8) ||
    (i.op === "endian" && i.kind === "swap") ||
    (i.op === "alu" && (i.alu === "sdiv" || i.alu === "smod"))
  );
}
