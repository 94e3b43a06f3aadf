/**
 * @fileoverview Calls: program-local functions (inlined or BPF-to-BPF by lowering), BPF helpers
 * with prototype checks, compiler builtins (__builtin_memcpy/memset/memcmp, bswap, expect),
 * atomics (__sync_*, __atomic_*, lock_xadd), trace_printk format checking, and `map.method()`.
 */
import type { Expr } from "../parse/ast.ts";
import { type Checker, didYouMean } from "./checker.ts";
import { assignConvert, checkRvalue, errorExpr, markAddressTaken, rvalue } from "./check-expr.ts";
import { checkMapMethod, recordEventType } from "./map-methods.ts";
import { checkRegsBuiltin, isRegsBuiltin } from "./bcc-regs.ts";
import { constOf, convert, mkConst } from "./conversions.ts";
import type { AtomicKind, FunctionSym, TExpr } from "./typed-ast.ts";
import type { HelperProto } from "./helper-table.ts";
import { type CType, T, isInt, isPtr, isScalar, ptrTo, typeToString, unqual } from "./types.ts";

const BUILTIN_NAMES = [
  "__builtin_memcpy", "__builtin_memset", "__builtin_memcmp", "__builtin_bswap16", "__builtin_bswap32",
  "__builtin_bswap64", "__builtin_expect", "__builtin_constant_p", "bpf_printk", "bpf_htons", "bpf_ntohs",
  "bpf_htonl", "bpf_ntohl", "memcpy", "memset", "memcmp",
];

const ATOMICS: Record<string, { op: AtomicKind; fetch: boolean; returnNew: boolean; bool?: boolean }> = {
  __sync_fetch_and_add: { op: "add", fetch: true, returnNew: false },
  __sync_fetch_and_sub: { op: "sub", fetch: true, returnNew: false },
  __sync_fetch_and_or: { op: "or", fetch: true, returnNew: false },
  __sync_fetch_and_and: { op: "and", fetch: true, returnNew: false },
  __sync_fetch_and_xor: { op: "xor", fetch: true, returnNew: false },
  __sync_add_and_fetch: { op: "add", fetch: true, returnNew: true },
  __sync_sub_and_fetch: { op: "sub", fetch: true, returnNew: true },
  __sync_or_and_fetch: { op: "or", fetch: true, returnNew: true },
  __sync_and_and_fetch: { op: "and", fetch: true, returnNew: true },
  __sync_xor_and_fetch: { op: "xor", fetch: true, returnNew: true },
  __sync_lock_test_and_set: { op: "xchg", fetch: true, returnNew: false },
  __sync_val_compare_and_swap: { op: "cmpxchg", fetch: true, returnNew: false },
  __sync_bool_compare_and_swap: { op: "cmpxchg", fetch: true, returnNew: false, bool: true },
  __atomic_fetch_add: { op: "add", fetch: true, returnNew: false },
  __atomic_fetch_sub: { op: "sub", fetch: true, returnNew: false },
  __atomic_fetch_or: { op: "or", fetch: true, returnNew: false },
  __atomic_fetch_and: { op: "and", fetch: true, returnNew: false },
  __atomic_fetch_xor: { op: "xor", fetch: true, returnNew: false },
  __atomic_add_fetch: { op: "add", fetch: true, returnNew: true },
  __atomic_sub_fetch: { op: "sub", fetch: true, returnNew: true },
  __atomic_or_fetch: { op: "or", fetch: true, returnNew: true },
  __atomic_and_fetch: { op: "and", fetch: true, returnNew: true },
  __atomic_xor_fetch: { op: "xor", fetch: true, returnNew: true },
  __atomic_exchange_n: { op: "xchg", fetch: true, returnNew: false },
  lock_xadd: { op: "add", fetch: false, returnNew: false },
};

export function checkCall(c: Checker, e: Expr & { kind: "call" }): TExpr {
  if (e.callee.kind === "member") return checkMapMethod(c, e, e.callee);
  if (e.callee.kind !== "ident") {
    c.error("sema/call-non-function", e.callee.span, "only named functions can be called (no function pointers in BPF)");
    e.args.forEach((a) => checkRvalue(c, a));
    return errorExpr(e.span);
  }
  const name = e.callee.name;
  if (isRegsBuiltin(name)) return checkRegsBuiltin(c, e, name);
  const sym = c.scope.lookup(name);
  if (sym?.kind === "function") return checkLocalCall(c, e, sym);
  if (sym) {
    c.error("sema/call-non-function", e.callee.span, `'${name}' is not a function`);
    return errorExpr(e.span);
  }
  const atomic = ATOMICS[name];
  if (atomic) return checkAtomic(c, e, name, atomic);
  if (name === "bpf_trace_printk" || name === "bpf_printk") return checkTracePrintk(c, e, name);
  const helper = c.helpers.get(name);
  if (helper) return checkHelper(c, e, helper);
  if (BUILTIN_NAMES.includes(name)) return checkBuiltin(c, e, name);
  const hint = didYouMean(name, [...c.helpers.keys(), ...c.functions.keys(), ...BUILTIN_NAMES, ...Object.keys(ATOMICS)]);
  c.error("sema/unknown-function", e.callee.span, `call to undeclared function '${name}'${hint ? `; did you mean '${hint}'?` : ""}`);
  e.args.forEach((a) => checkRvalue(c, a));
  return errorExpr(e.span);
}

function argCount(c: Checker, e: Expr & { kind: "call" }, name: string, min: number, max: number, code = "sema/wrong-arg-count"): boolean {
  const n = e.args.length;
  if (n >= min && n <= max) return true;
  const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  c.error(code, e.span, `'${name}' takes ${want} argument${want === "1" ? "" : "s"}, but ${n} ${n === 1 ? "was" : "were"} given`);
  e.args.forEach((a) => checkRvalue(c, a));
  return false;
}

function checkLocalCall(c: Checker, e: Expr & { kind: "call" }, fn: FunctionSym): TExpr {
  const ft = fn.type;
  const min = ft.params.length;
  if (!argCount(c, e, fn.name, min, ft.variadic ? Infinity : min)) return errorExpr(e.span);
  const args = e.args.map((a, i) => {
    const pt = ft.params[i];
    // KFUNC_PROBE's argument unpacking: ctx[i] becomes the parameter's type, like a cast.
    if (pt && a.kind === "call" && a.callee.kind === "ident" && a.callee.name === "__bcc_ctx_arg" && a.args.length === 1) {
      const raw = checkRvalue(c, a.args[0]!);
      return raw.type.kind === "error" || !isScalar(pt) ? raw : convert(raw, unqual(pt));
    }
    const v = checkRvalue(c, a);
    return pt ? assignConvert(c, pt, v, a.span, `argument ${i + 1} of '${fn.name}'`) : v;
  });
  if (args.some((a) => a.type.kind === "error")) return errorExpr(e.span);
  return { k: "call", fn, args, type: unqual(ft.ret), span: e.span };
}

/** Checks one helper argument against its kind, converting as the ABI passes it (64-bit). */
function helperArg(c: Checker, kind: string, a: Expr, fname: string, i: number): TExpr {
  const v = checkRvalue(c, a);
  const t = v.type;
  if (t.kind === "error") return v;
  const bad = (what: string): TExpr => {
    c.error("sema/bad-helper-args", a.span, `argument ${i + 1} of '${fname}' must be ${what}, not ${typeToString(t)}`);
    return errorExpr(a.span);
  };
  switch (kind) {
    case "map":
      if (v.k === "map") return v;
      if (v.k === "addr" && v.of.k === "map") return v.of;
      return bad("a map (e.g. &my_map)");
    case "ptr":
    case "ctx":
      if (isPtr(t)) return v;
      if (isInt(t) && kind === "ctx") return bad("the program context pointer");
      return bad("a pointer");
    case "ptr-or-null":
      if (isPtr(t)) return v;
      if (isInt(t)) return convert(v, T.ulong); // kernel addresses are often held in u64
      return bad("a pointer");
    case "int":
      if (isInt(t)) return convert(v, T.ulong);
      if (isPtr(t)) return bad("an integer");
      return bad("an integer");
    case "fn":
      return bad("a callback function (not supported yet)");
    default:
      return v;
  }
}

function checkHelper(c: Checker, e: Expr & { kind: "call" }, h: HelperProto): TExpr {
  if (!argCount(c, e, h.name, h.args.length, h.args.length + (h.varargs ?? 0), "sema/bad-helper-args")) return errorExpr(e.span);
  const args = e.args.map((a, i) => helperArg(c, h.args[i] ?? "int", a, h.name, i));
  if (args.some((a) => a.type.kind === "error")) return errorExpr(e.span);
  // Direct output calls record the event type like events.perf_submit() does.
  const mapArg = h.name === "bpf_perf_event_output" ? args[1] : h.name === "bpf_ringbuf_output" ? args[0] : undefined;
  const dataArg = h.name === "bpf_perf_event_output" ? args[3] : args[1];
  if (mapArg?.k === "map" && dataArg) recordEventType(c, mapArg.map, dataArg, e.span);
  return { k: "helper", helper: h, args, type: h.ret, span: e.span };
}

/** Conversions bpf_trace_printk understands (kernel/trace/bpf_trace.c, bpf_bprintf_prepare). */
const PRINTK_CONV = /%([-+ #0]*)(\d+)?(\.\d+)?(ll|l|h|hh|z)?([diuxXcspK%])/y;

function checkTracePrintk(c: Checker, e: Expr & { kind: "call" }, name: string): TExpr {
  const h = c.helpers.get("bpf_trace_printk")!;
  if (e.args.length === 0) {
    c.error("sema/bad-helper-args", e.span, `'${name}' needs a format string`);
    return errorExpr(e.span);
  }
  const fmtExpr = e.args[0]!;
  const fmt = rvalue(checkRvalue(c, fmtExpr));
  if (fmt.type.kind === "error") return errorExpr(e.span);
  let rest = e.args.slice(1);
  let sizeArg: TExpr | undefined;
  const lit = fmtExpr.kind === "string" ? fmtExpr.bytes : undefined;
  let convCount: number | undefined;
  if (lit) {
    const text = new TextDecoder().decode(lit);
    convCount = 0;
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== "%") continue;
      PRINTK_CONV.lastIndex = i;
      const m = PRINTK_CONV.exec(text);
      if (!m) {
        c.error("sema/bad-format", fmtExpr.span, `unsupported conversion '${JSON.stringify(text.slice(i, i + 2)).slice(1, -1)}' in the format string (bpf_trace_printk knows %d %i %u %x %X %c %s %p with l/ll/h/z)`);
        return errorExpr(e.span);
      }
      if (m[5] !== "%") convCount++;
      i += m[0].length - 1;
    }
    // libbpf style passes sizeof(fmt) second; BCC style omits it. Tell them apart by the count.
    if (rest.length === convCount + 1 && name === "bpf_trace_printk") {
      sizeArg = checkRvalue(c, rest[0]!);
      rest = rest.slice(1);
    }
    if (rest.length !== convCount) {
      c.error("sema/bad-format", e.span, `format string has ${convCount} conversion${convCount === 1 ? "" : "s"} but ${rest.length} argument${rest.length === 1 ? " was" : "s were"} given`);
      rest.forEach((a) => checkRvalue(c, a));
      return errorExpr(e.span);
    }
  } else {
    if (rest.length === 0) {
      c.error("sema/bad-helper-args", e.span, `'${name}' needs the format size as its second argument`);
      return errorExpr(e.span);
    }
    sizeArg = checkRvalue(c, rest[0]!);
    rest = rest.slice(1);
  }
  if (rest.length > 3) {
    c.error("sema/bad-helper-args", e.args[4]!.span, `'${name}' accepts at most 3 arguments after the format, got ${rest.length}`);
    return errorExpr(e.span);
  }
  if (!isPtr(fmt.type)) {
    c.error("sema/bad-helper-args", fmtExpr.span, `the format of '${name}' must be a string, not ${typeToString(fmt.type)}`);
    return errorExpr(e.span);
  }
  const size = sizeArg ?? mkConst(BigInt(lit ? lit.length + 1 : 0), T.ulong, fmtExpr.span);
  const args = [fmt, convert(size, T.ulong), ...rest.map((a, i) => helperArg(c, "int-or-ptr", a, name, i + 2))];
  for (let i = 2; i < args.length; i++) {
    const a = args[i]!;
    if (a.type.kind !== "error" && !isInt(a.type) && !isPtr(a.type)) {
      c.error("sema/bad-helper-args", a.span, `'${name}' arguments must be integers or pointers, not ${typeToString(a.type)}`);
      return errorExpr(e.span);
    }
    if (isInt(a.type)) args[i] = convert(a, T.ulong);
  }
  if (args.some((a) => a.type.kind === "error")) return errorExpr(e.span);
  return { k: "helper", helper: h, args, type: h.ret, span: e.span };
}

function constSize(c: Checker, a: Expr, name: string): number | undefined {
  const v = checkRvalue(c, a);
  const n = constOf(v);
  if (v.type.kind === "error") return undefined;
  if (n === undefined || n < 0n) {
    c.error("sema/not-constant", a.span, `the size passed to '${name}' must be a non-negative constant`);
    return undefined;
  }
  if (n > 512n) {
    c.error("sema/too-large", a.span, `'${name}' of ${n} bytes exceeds the 512-byte BPF stack`);
    return undefined;
  }
  return Number(n);
}

function pointerArg(c: Checker, a: Expr, name: string, i: number): TExpr {
  const v = checkRvalue(c, a);
  if (v.type.kind === "error" || isPtr(v.type)) return v;
  c.error("sema/bad-helper-args", a.span, `argument ${i + 1} of '${name}' must be a pointer, not ${typeToString(v.type)}`);
  return errorExpr(a.span);
}

function checkBuiltin(c: Checker, e: Expr & { kind: "call" }, name: string): TExpr {
  const base = name.replace(/^__builtin_/, "");
  switch (base) {
    case "memcpy": {
      if (!argCount(c, e, name, 3, 3)) return errorExpr(e.span);
      const dst = pointerArg(c, e.args[0]!, name, 0);
      const src = pointerArg(c, e.args[1]!, name, 1);
      const size = constSize(c, e.args[2]!, name);
      if (size === undefined || dst.type.kind === "error" || src.type.kind === "error") return errorExpr(e.span);
      return { k: "memcpy", dst, src, size, type: ptrTo(T.void), span: e.span };
    }
    case "memset": {
      if (!argCount(c, e, name, 3, 3)) return errorExpr(e.span);
      const dst = pointerArg(c, e.args[0]!, name, 0);
      const byteE = checkRvalue(c, e.args[1]!);
      const bv = constOf(byteE);
      if (byteE.type.kind !== "error" && bv === undefined) {
        c.error("sema/not-constant", e.args[1]!.span, `the fill byte of '${name}' must be a constant`);
        return errorExpr(e.span);
      }
      const size = constSize(c, e.args[2]!, name);
      if (size === undefined || dst.type.kind === "error" || bv === undefined) return errorExpr(e.span);
      return { k: "memset", dst, byte: Number(bv & 0xffn), size, type: ptrTo(T.void), span: e.span };
    }
    case "memcmp": {
      if (!argCount(c, e, name, 3, 3)) return errorExpr(e.span);
      const a = pointerArg(c, e.args[0]!, name, 0);
      const b = pointerArg(c, e.args[1]!, name, 1);
      const size = constSize(c, e.args[2]!, name);
      if (size === undefined || a.type.kind === "error" || b.type.kind === "error") return errorExpr(e.span);
      return { k: "memcmp", a, b, size, type: T.int, span: e.span };
    }
    case "bswap16": case "bswap32": case "bswap64": case "bpf_htons": case "bpf_ntohs": case "bpf_htonl": case "bpf_ntohl": {
      if (!argCount(c, e, name, 1, 1)) return errorExpr(e.span);
      const bits = base.endsWith("16") || base.endsWith("s") ? 16 : base.endsWith("32") || base.endsWith("l") ? 32 : 64;
      const t: CType = bits === 16 ? T.ushort : bits === 32 ? T.uint : T.ullong;
      const v = checkRvalue(c, e.args[0]!);
      if (v.type.kind === "error") return v;
      if (!isInt(v.type)) {
        c.error("sema/type-mismatch", e.args[0]!.span, `'${name}' needs an integer`);
        return errorExpr(e.span);
      }
      const cv = convert(v, t);
      const k = constOf(cv);
      if (k !== undefined) {
        let r = 0n;
        for (let i = 0; i < bits / 8; i++) r = (r << 8n) | ((k >> BigInt(8 * i)) & 0xffn);
        return mkConst(r, t, e.span);
      }
      return { k: "bswap", operand: cv, bits, type: t, span: e.span };
    }
    case "expect": {
      if (!argCount(c, e, name, 2, 2)) return errorExpr(e.span);
      const v = checkRvalue(c, e.args[0]!);
      checkRvalue(c, e.args[1]!);
      return v;
    }
    case "constant_p": {
      if (!argCount(c, e, name, 1, 1)) return errorExpr(e.span);
      const v = checkRvalue(c, e.args[0]!);
      return mkConst(v.k === "const" ? 1n : 0n, T.int, e.span);
    }
    default:
      c.error("sema/unknown-function", e.span, `unsupported builtin '${name}'`);
      return errorExpr(e.span);
  }
}

function checkAtomic(c: Checker, e: Expr & { kind: "call" }, name: string, a: (typeof ATOMICS)[string]): TExpr {
  const isAtomicN = name.startsWith("__atomic_");
  const want = (a.op === "cmpxchg" ? 3 : 2) + (isAtomicN ? 1 : 0);
  if (!argCount(c, e, name, want, want, "sema/bad-helper-args")) return errorExpr(e.span);
  const ptr = checkRvalue(c, e.args[0]!);
  if (ptr.type.kind === "error") return errorExpr(e.span);
  if (!isPtr(ptr.type) || !isInt(ptr.type.to) || (ptr.type.to.size !== 4 && ptr.type.to.size !== 8)) {
    c.error("sema/bad-helper-args", e.args[0]!.span, `'${name}' needs a pointer to a 32- or 64-bit integer, not ${typeToString(ptr.type)}`);
    return errorExpr(e.span);
  }
  markAddressTaken(ptr);
  const elem = unqual(ptr.type.to);
  const conv = (x: Expr): TExpr => {
    const v = checkRvalue(c, x);
    if (v.type.kind === "error") return v;
    if (!isInt(v.type)) {
      c.error("sema/bad-helper-args", x.span, `'${name}' needs an integer operand, not ${typeToString(v.type)}`);
      return errorExpr(x.span);
    }
    return convert(v, elem);
  };
  let expected: TExpr | undefined;
  let value: TExpr;
  if (a.op === "cmpxchg") {
    expected = conv(e.args[1]!);
    value = conv(e.args[2]!);
  } else value = conv(e.args[1]!);
  if (isAtomicN) checkRvalue(c, e.args[want - 1]!); // memory order: BPF atomics are all seq_cst
  if (value.type.kind === "error" || expected?.type.kind === "error") return errorExpr(e.span);
  const type = a.bool ? T.bool : a.fetch ? elem : T.void;
  const node: TExpr = { k: "atomic", op: a.op, ptr, value, fetch: a.fetch, returnNew: a.returnNew, boolResult: !!a.bool, type, span: e.span };
  if (expected) (node as TExpr & { k: "atomic" }).expected = expected;
  return node;
}

