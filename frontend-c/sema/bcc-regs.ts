/**
 * @fileoverview BCC's pt_regs accessors. PT_REGS_PARMn(ctx) / PT_REGS_RC(ctx) arrive as
 * `__bcc_regs_parm(ctx, n)` / `__bcc_regs_rc(ctx)` (bcc-prelude.ts) and become `ctx->di` & co.
 *
 * A kprobe function recompiled for a syscall tracepoint (CompileOptions.syscallTracepointAbi, used
 * where the kernel has no kprobes) gets the tracepoint record instead of pt_regs: sys_enter_X has
 * `long args[6]` at offset 16 and sys_exit_X `long ret` at 16 (tracefs format of every syscalls:
 * event). So in such a function every pt_regs member read is re-targeted to that record slot; the
 * type (unsigned long) stays the same.
 */
import type { Expr } from "../parse/ast.ts";
import type { Checker } from "./checker.ts";
import { errorExpr } from "./check-expr.ts";
import { checkMember } from "./check-access.ts";
import { constOf } from "./conversions.ts";
import { checkRvalue } from "./check-expr.ts";
import type { TExpr } from "./typed-ast.ts";

/** x86_64 argument registers of PT_REGS_PARMn (7 = r10, the 4th syscall argument). */
const PARM_REGS = ["", "di", "si", "dx", "cx", "r8", "r9", "r10"];

/** pt_regs member → sys_enter record offset (syscall argument slots). */
const ENTER_SLOTS: Record<string, number> = { di: 16, si: 24, dx: 32, r10: 40, cx: 40, r8: 48, r9: 56 };
/** pt_regs member → sys_exit record offset (the return value). */
const EXIT_SLOTS: Record<string, number> = { ax: 16 };

export function isRegsBuiltin(name: string): boolean {
  return name === "__bcc_regs_parm" || name === "__bcc_regs_rc";
}

export function checkRegsBuiltin(c: Checker, e: Expr & { kind: "call" }, name: string): TExpr {
  let reg: string | undefined;
  if (name === "__bcc_regs_rc") {
    if (e.args.length === 1) reg = "ax";
  } else if (e.args.length === 2) {
    const n = constOf(checkRvalue(c, e.args[1]!));
    if (n !== undefined && n >= 1n && n <= 7n) reg = PARM_REGS[Number(n)];
  }
  if (reg === undefined) {
    c.error("sema/bad-helper-args", e.span, "PT_REGS_PARMn(ctx) / PT_REGS_RC(ctx) take the pt_regs pointer (n is 1 to 6)");
    return errorExpr(e.span);
  }
  const member: Expr & { kind: "member" } = { kind: "member", object: e.args[0]!, name: reg, arrow: true, nameSpan: e.span, span: e.span };
  return checkMember(c, member);
}

/**
 * The record offset a pt_regs member read has in a function compiled for a syscall tracepoint, or
 * undefined when the function is an ordinary kprobe (or the member has no tracepoint equivalent).
 */
export function syscallAbiOffset(c: Checker, recordTag: string | undefined, member: string): number | undefined {
  const abi = c.fn?.syscallAbi;
  if (abi === undefined || recordTag !== "pt_regs") return undefined;
  return (abi === "enter" ? ENTER_SLOTS : EXIT_SLOTS)[member];
}
