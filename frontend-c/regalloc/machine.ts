/**
 * @fileoverview Converts virtual IR into "machine form": the calling convention made explicit with
 * physical registers (VReg ids 0..10), so the allocator only has to colour vregs around fixed points.
 * - parameters arrive in r1..r5: `p = r(k+1)` copies at the top of the entry block;
 * - helper calls take args in r1..r5 and return in r0: `r1 = a; ...; call; d = r0`;
 *   the call itself clobbers r0..r5 (see `callClobbers`);
 * - `ret v` becomes `r0 = v; ret r0`;
 * - `d = a - d` and `d = (d < x)` compute into a fresh vreg first (selection writes d early);
 * - fetching atomics write the old value into their source register: `t = v; atomic t; d = t`,
 *   and cmpxchg compares against r0 and returns in r0.
 * The copies cost nothing when the allocator gives both sides the same register (it is biased to).
 */
import { InternalCompilerError } from "../diagnostics/diagnostic.ts";
import { isCommutative } from "../ir/fold.ts";
import { imm, isImm, newVReg, type Inst, type IrFunction, type VReg } from "../ir/ir.ts";

export const R0 = 0;
/** Registers a helper call may overwrite. */
export const CALL_CLOBBERS: readonly VReg[] = [0, 1, 2, 3, 4, 5];
/** Allocatable registers (r10 is the read-only frame pointer). */
export const ALLOCATABLE: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

export function toMachineForm(fn: IrFunction): void {
  const entry = fn.blocks[0]!;
  if (fn.params.length > 5) throw new InternalCompilerError("machine", `${fn.name} has more than 5 parameters`, fn.span);
  const prologue: Inst[] = fn.params.map((p, k) => ({ op: "mov", dst: p, src: k + 1, width: 64, span: fn.span }));
  fn.params = [];
  entry.insts = [...prologue, ...entry.insts];
  for (const b of fn.blocks) {
    const out: Inst[] = [];
    for (const i of b.insts) {
      if (i.op === "call" || i.op === "calllocal") {
        i.args.forEach((a, k) => out.push({ op: "mov", dst: k + 1, src: a, width: 64, span: i.span }));
        const args = i.args.map((_, k) => k + 1);
        out.push({ ...i, args, dst: R0 });
        if (i.dst !== undefined) out.push({ op: "mov", dst: i.dst, src: R0, width: 64, span: i.span });
      } else if (i.op === "atomic" && i.aop === "cmpxchg") {
        out.push({ op: "mov", dst: R0, src: i.expected!, width: 64, span: i.span });
        out.push({ ...i, expected: R0, dst: R0 });
        if (i.dst !== undefined) out.push({ op: "mov", dst: i.dst, src: R0, width: 64, span: i.span });
      } else if (i.op === "atomic" && i.fetch) {
        const t = newVReg(fn);
        out.push({ op: "mov", dst: t, src: i.value, width: 64, span: i.span });
        out.push({ ...i, value: t, dst: t });
        if (i.dst !== undefined) out.push({ op: "mov", dst: i.dst, src: t, width: 64, span: i.span });
      } else if (
        (i.op === "alu" && !isCommutative(i.alu) && i.b === i.dst && i.a !== i.dst) ||
        (i.op === "setcc" && (i.a === i.dst || i.b === i.dst))
      ) {
        // `d = a - d` / `d = (d < x)`: selection writes d before it reads the operand, so compute
        // into a fresh vreg the allocator keeps apart from the operands, then copy.
        const t = newVReg(fn);
        out.push({ ...i, dst: t });
        out.push({ op: "mov", dst: i.dst, src: t, width: 64, span: i.span });
      } else out.push(i);
    }
    const t = b.term!;
    if (t.op === "ret") {
      out.push({ op: "mov", dst: R0, src: isImm(t.value) ? imm(t.value.imm) : t.value, width: 64, span: t.span });
      b.term = { op: "ret", value: R0, span: t.span };
    }
    b.insts = out;
  }
}

/** Registers an instruction overwrites beyond its `dst` (machine form). */
export function clobbers(i: Inst): readonly VReg[] | undefined {
  return i.op === "call" || i.op === "calllocal" ? CALL_CLOBBERS : undefined;
}
