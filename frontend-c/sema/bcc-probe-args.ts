/**
 * @fileoverview BCC's probe arguments: `int kprobe__tcp_v4_connect(struct pt_regs *ctx, struct sock
 * *sk)` receives only ctx from the kernel; each named parameter after it is the probed function's
 * argument in the x86_64 calling convention (di, si, dx, cx, r8, r9). We turn those parameters into
 * locals initialised at entry, so the function stays a one-argument program.
 *
 * Syscall wrappers (`__x64_sys_X` since 4.17, which is what `syscall__X` and `kprobe__sys_X` attach
 * to) take a single `struct pt_regs *` holding the user's registers: the real arguments are read
 * from that inner pt_regs with bpf_probe_read_kernel (BCC does the same rewrite). When the function
 * is compiled for a syscall tracepoint (syscallTracepointAbi), the arguments are the record's
 * `args[]` slots instead.
 */
import type { Span } from "../diagnostics/index.ts";
import type { Checker } from "./checker.ts";
import { convert, mkConst } from "./conversions.ts";
import type { LocalSym, TExpr, TStmt } from "./typed-ast.ts";
import { T, isPtr, isRecord, isScalar, ptrTo, sizeOf, typeToString } from "./types.ts";

/** pt_regs offsets of di, si, dx, cx, r8, r9 (arch/x86/include/asm/ptrace.h). */
const ARG_OFFSETS = [112, 104, 96, 88, 72, 64];
/** The 4th syscall argument travels in r10 (the syscall ABI), not cx. */
const SYSCALL_ARG_OFFSETS = [112, 104, 96, 56, 72, 64];

/** True when `f`'s first parameter is `struct pt_regs *` (a kprobe/uprobe context). */
export function takesPtRegs(p: LocalSym | undefined): boolean {
  return p !== undefined && isPtr(p.type) && isRecord(p.type.to) && p.type.to.rec.tag === "pt_regs";
}

/** Functions whose kprobe target is a syscall wrapper (inner pt_regs). */
export function isSyscallWrapperProbe(name: string): boolean {
  return /^syscall__/.test(name) || /^kprobe__(__x64_|__ia32_)?sys_/.test(name) || /^kretprobe__(__x64_|__ia32_)?sys_/.test(name);
}

/**
 * Turns params[1..] into locals initialised from the registers; returns the initialising statements
 * (to put in front of the body). Reports params that cannot come from a register.
 */
export function probeArgInits(c: Checker, fnName: string, params: LocalSym[], span: Span): TStmt[] {
  const ctx = params[0]!;
  const out: TStmt[] = [];
  const extra = params.slice(1);
  if (extra.length > 6) {
    c.error("sema/too-many-params", span, `'${fnName}' has ${extra.length} probe arguments after ctx; x86_64 passes at most 6 in registers`);
    return out;
  }
  const ctxRef: TExpr = { k: "local", sym: ctx, type: ctx.type, span };
  const regsRecord = (ctx.type as { to: import("./types.ts").CType }).to;
  const abi = c.fn?.syscallAbi;
  const wrapper = isSyscallWrapperProbe(fnName);
  // One temporary serves every inner-pt_regs read: each value is copied into its local at once.
  let tmp: LocalSym | undefined;
  extra.forEach((p, i) => {
    delete p.paramIndex;
    if (!isScalar(p.type) || sizeOf(p.type) > 8) {
      c.error("sema/unsupported", p.span, `probe argument '${p.name}' has type ${typeToString(p.type)}; only scalars and pointers arrive in registers`);
      return;
    }
    let value: TExpr;
    if (abi === "enter") {
      // sys_enter_X record: long args[6] at offset 16.
      value = { k: "member", base: { k: "deref", ptr: ctxRef, type: regsRecord, span }, offset: 16 + 8 * i, type: T.ulong, span };
    } else if (wrapper && abi === undefined) {
      // Inner pt_regs: tmp = 0; bpf_probe_read_kernel(&tmp, 8, (void *)ctx->di + off); tmp.
      if (!tmp) {
        tmp = c.newLocal("<syscall-arg>", T.ulong, p.span);
        tmp.addressTaken = true;
      }
      out.push({ k: "decl", sym: tmp, init: { zeroFill: true, parts: [] }, span });
      const inner: TExpr = { k: "member", base: { k: "deref", ptr: ctxRef, type: regsRecord, span }, offset: ARG_OFFSETS[0]!, type: T.ulong, span };
      const addr: TExpr = { k: "arith", op: "add", signed: false, left: inner, right: mkConst(BigInt(SYSCALL_ARG_OFFSETS[i]!), T.ulong, span), type: T.ulong, span };
      const tmpRef: TExpr = { k: "local", sym: tmp, type: T.ulong, span };
      const read = c.helpers.get("bpf_probe_read_kernel")!;
      out.push({ k: "expr", expr: { k: "helper", helper: read, args: [{ k: "addr", of: tmpRef, type: ptrTo(T.ulong), span }, mkConst(8n, T.uint, span), convert(addr, ptrTo(T.void))], type: read.ret, span }, span });
      value = tmpRef;
    } else {
      value = { k: "member", base: { k: "deref", ptr: ctxRef, type: regsRecord, span }, offset: ARG_OFFSETS[i]!, type: T.ulong, span };
    }
    out.push({ k: "decl", sym: p, init: { zeroFill: false, parts: [{ kind: "scalar", offset: 0, expr: convert(value, p.type) }] }, span: p.span });
  });
  return out;
}
