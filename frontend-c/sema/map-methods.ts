/**
 * @fileoverview BCC-style method calls on maps (`counts.lookup(&k)`, `counts.increment(k)`, ...),
 * desugared here into helper calls and statement expressions, so lowering needs no map-specific
 * code. The dialect layer (next issue) extends this table.
 */
import type { Span } from "../diagnostics/index.ts";
import type { Expr } from "../parse/ast.ts";
import type { Checker } from "./checker.ts";
import { assignConvert, checkExpr, checkRvalue, errorExpr, isLvalue, markAddressTaken } from "./check-expr.ts";
import { convert, mkConst } from "./conversions.ts";
import type { HelperProto } from "./helper-table.ts";
import type { InitPart, TExpr, TStmt } from "./typed-ast.ts";
import { type CType, type MapDecl, T, isInt, isPtr, isScalar, ptrTo, sizeOf, typeToString, unqual } from "./types.ts";

const BPF_ANY = 0n;
const BPF_NOEXIST = 1n;

const METHODS = [
  "lookup", "update", "insert", "delete", "increment", "atomic_increment", "lookup_or_try_init", "lookup_or_init",
  "perf_submit", "perf_read", "ringbuf_output", "ringbuf_reserve", "ringbuf_submit", "ringbuf_discard", "get_stackid",
  "call", "push", "pop", "peek", "perf_submit_skb", "redirect_map",
];

function helper(c: Checker, name: string): HelperProto {
  return c.helpers.get(name)!;
}

function call(c: Checker, name: string, args: TExpr[], type: CType | undefined, span: Span): TExpr {
  const h = helper(c, name);
  return { k: "helper", helper: h, args, type: type ?? h.ret, span };
}

/** A pointer argument: `&x` given, or (for BCC's by-value keys) a temporary holding the value. */
function keyPointer(c: Checker, a: Expr, want: CType, what: string, pre: TStmt[]): TExpr {
  const v = checkRvalue(c, a);
  if (v.type.kind === "error") return v;
  if (isPtr(v.type)) return v;
  if (isLvalue(v) && v.type.kind === want.kind && (v.type.kind !== "record" || (want.kind === "record" && v.type.rec === want.rec))) {
    // A key that is already an object in memory: pass its address (BCC's `m.increment(key)`).
    if (v.type.kind === "record" || v.type.kind === "array") {
      markAddressTaken(v);
      return { k: "addr", of: v, type: ptrTo(want), span: a.span };
    }
  }
  const sym = c.newLocal(`<${what}>`, want, a.span);
  sym.addressTaken = true;
  const init = assignConvert(c, want, v, a.span, what);
  if (init.type.kind === "error") return init;
  const part: InitPart = want.kind === "record"
    ? { kind: "copy", offset: 0, expr: init, size: sizeOf(want) }
    : { kind: "scalar", offset: 0, expr: init };
  pre.push({ k: "decl", sym, init: { zeroFill: true, parts: [part] }, span: a.span });
  const ref: TExpr = { k: "local", sym, type: want, span: a.span };
  return { k: "addr", of: ref, type: ptrTo(want), span: a.span };
}

/**
 * One argument of a method that desugars straight into a helper call: a pointer (`ptr`) or an
 * integer-valued scalar (`int`). A struct passed by value would otherwise reach lowering.
 */
function methodArg(c: Checker, m: MapDecl, method: string, a: Expr, i: number, want: "ptr" | "int"): TExpr {
  const v = checkRvalue(c, a);
  if (v.type.kind === "error") return v;
  if (want === "ptr" ? isPtr(v.type) : isScalar(v.type)) return v;
  const what = want === "ptr" ? "a pointer" : "an integer";
  c.error("sema/bad-helper-args", a.span, `argument ${i + 1} of ${m.name}.${method}() must be ${what}, not ${typeToString(v.type)}`);
  return errorExpr(a.span);
}

function wrap(pre: TStmt[], result: TExpr): TExpr {
  if (pre.length === 0) return result;
  return { k: "stmt-expr", body: pre, result, type: result.type, span: result.span };
}

/**
 * Remembers the pointee type of the first record a perf/ringbuf map receives, so the runtime can
 * decode events (`b["events"].event(data)`); a different type later is reported, first one kept.
 */
export function recordEventType(c: Checker, m: MapDecl, data: TExpr, span: Span): void {
  if (!isPtr(data.type)) return;
  const t = unqual(data.type.to);
  if (t.kind === "void" || t.kind === "error") return;
  if (m.eventType === undefined) {
    m.eventType = t;
    return;
  }
  if (typeToString(m.eventType) !== typeToString(t)) {
    c.warn("sema/event-type", span, `'${m.name}' already receives ${typeToString(m.eventType)} records; events of ${typeToString(t)} will be decoded as that type`);
  }
}

export function checkMapMethod(c: Checker, e: Expr & { kind: "call" }, callee: Expr & { kind: "member" }): TExpr {
  const obj = checkExpr(c, callee.object);
  if (obj.type.kind === "error") return errorExpr(e.span);
  if (obj.k !== "map") {
    c.error("sema/call-non-function", callee.span, `'${callee.name}' is a member, not a method; only maps have methods`);
    return errorExpr(e.span);
  }
  const m = obj.map;
  const n = e.args.length;
  const arity = (min: number, max: number): boolean => {
    if (n >= min && n <= max) return true;
    c.error("sema/bad-helper-args", e.span, `${m.name}.${callee.name}() takes ${min === max ? min : `${min} to ${max}`} argument(s), got ${n}`);
    return false;
  };
  const pre: TStmt[] = [];
  const mapRef: TExpr = obj;
  switch (callee.name) {
    case "lookup": {
      if (!arity(1, 1)) return errorExpr(e.span);
      const k = keyPointer(c, e.args[0]!, m.key, "key", pre);
      if (k.type.kind === "error") return k;
      return wrap(pre, call(c, "bpf_map_lookup_elem", [mapRef, k], ptrTo(m.value), e.span));
    }
    case "update":
    case "insert": {
      if (!arity(2, 2)) return errorExpr(e.span);
      const k = keyPointer(c, e.args[0]!, m.key, "key", pre);
      const v = keyPointer(c, e.args[1]!, m.value, "value", pre);
      if (k.type.kind === "error" || v.type.kind === "error") return errorExpr(e.span);
      const flags = mkConst(callee.name === "insert" ? BPF_NOEXIST : BPF_ANY, T.ulong, e.span);
      return wrap(pre, call(c, "bpf_map_update_elem", [mapRef, k, v, flags], undefined, e.span));
    }
    case "delete": {
      if (!arity(1, 1)) return errorExpr(e.span);
      const k = keyPointer(c, e.args[0]!, m.key, "key", pre);
      if (k.type.kind === "error") return k;
      return wrap(pre, call(c, "bpf_map_delete_elem", [mapRef, k], undefined, e.span));
    }
    case "lookup_or_try_init":
    case "lookup_or_init":
    case "atomic_increment":
    case "increment": {
      const inc = callee.name === "increment" || callee.name === "atomic_increment";
      if (!arity(1, inc ? 2 : 2)) return errorExpr(e.span);
      if (!inc && n !== 2) return errorExpr(e.span);
      const k = keyPointer(c, e.args[0]!, m.key, "key", pre);
      if (k.type.kind === "error") return k;
      if (inc && !isInt(m.value)) {
        c.error("sema/type-mismatch", e.span, `${m.name}.increment() needs an integer value type, not ${typeToString(m.value)}`);
        return errorExpr(e.span);
      }
      // p = lookup(k); if (!p) { update(k, init, NOEXIST); p = lookup(k); }  [increment: if (p) *p += n]
      const vt = ptrTo(m.value);
      const p = c.newLocal("<p>", vt, e.span);
      const pRef: TExpr = { k: "local", sym: p, type: vt, span: e.span };
      pre.push({ k: "decl", sym: p, init: { zeroFill: false, parts: [{ kind: "scalar", offset: 0, expr: call(c, "bpf_map_lookup_elem", [mapRef, k], vt, e.span) }] }, span: e.span });
      let initPtr: TExpr;
      let amount: TExpr | undefined;
      if (inc) {
        const a = e.args[1] ? checkRvalue(c, e.args[1]) : mkConst(1n, m.value, e.span);
        if (a.type.kind === "error") return a;
        amount = assignConvert(c, m.value, a, e.span, "increment");
        const zero = c.newLocal("<zero>", m.value, e.span);
        zero.addressTaken = true;
        pre.push({ k: "decl", sym: zero, init: { zeroFill: true, parts: [] }, span: e.span });
        initPtr = { k: "addr", of: { k: "local", sym: zero, type: m.value, span: e.span }, type: vt, span: e.span };
      } else {
        initPtr = keyPointer(c, e.args[1]!, m.value, "init", pre);
        if (initPtr.type.kind === "error") return initPtr;
      }
      const isNull: TExpr = { k: "cmp", op: "eq", signed: false, left: convert(pRef, T.ulong), right: mkConst(0n, T.ulong, e.span), type: T.int, span: e.span };
      const fill: TStmt = {
        k: "block",
        items: [
          { k: "expr", expr: call(c, "bpf_map_update_elem", [mapRef, k, initPtr, mkConst(BPF_NOEXIST, T.ulong, e.span)], undefined, e.span), span: e.span },
          { k: "expr", expr: { k: "assign", target: pRef, value: call(c, "bpf_map_lookup_elem", [mapRef, k], vt, e.span), type: vt, span: e.span }, span: e.span },
        ],
        span: e.span,
      };
      pre.push({ k: "if", cond: isNull, then: fill, else: undefined, span: e.span });
      if (callee.name === "lookup_or_init" && c.fn) {
        // BCC's (deprecated) lookup_or_init returns from the function when the entry cannot be
        // created, so callers use the pointer without a NULL check.
        const ret = c.fn.ret;
        const value = ret.kind === "void" ? undefined : convert(mkConst(0n, T.int, e.span), ret);
        pre.push({ k: "if", cond: isNull, then: { k: "return", value, span: e.span }, else: undefined, span: e.span });
      }
      if (!inc) return { k: "stmt-expr", body: pre, result: pRef, type: vt, span: e.span };
      const notNull: TExpr = { ...isNull, op: "ne" };
      const add: TExpr = { k: "atomic", op: "add", ptr: pRef, value: amount!, fetch: false, returnNew: false, boolResult: false, type: T.void, span: e.span };
      pre.push({ k: "if", cond: notNull, then: { k: "expr", expr: add, span: e.span }, else: undefined, span: e.span });
      return { k: "stmt-expr", body: pre, result: undefined, type: T.void, span: e.span };
    }
    case "perf_submit": {
      if (!arity(3, 3)) return errorExpr(e.span);
      const arg = (i: number, want: "ptr" | "int"): TExpr => methodArg(c, m, callee.name, e.args[i]!, i, want);
      const ctx = arg(0, "ptr");
      const data = arg(1, "ptr");
      const size = arg(2, "int");
      if ([ctx, data, size].some((x) => x.type.kind === "error")) return errorExpr(e.span);
      recordEventType(c, m, data, e.span);
      const flags = mkConst(0xffffffffn, T.ulong, e.span); // BPF_F_CURRENT_CPU
      return call(c, "bpf_perf_event_output", [ctx, mapRef, flags, data, convert(size, T.ulong)], undefined, e.span);
    }
    case "ringbuf_output": {
      if (!arity(3, 3)) return errorExpr(e.span);
      const arg = (i: number, want: "ptr" | "int"): TExpr => methodArg(c, m, callee.name, e.args[i]!, i, want);
      const data = arg(0, "ptr");
      const size = arg(1, "int");
      const flags = arg(2, "int");
      if ([data, size, flags].some((x) => x.type.kind === "error")) return errorExpr(e.span);
      recordEventType(c, m, data, e.span);
      return call(c, "bpf_ringbuf_output", [mapRef, data, convert(size, T.ulong), convert(flags, T.ulong)], undefined, e.span);
    }
    case "perf_submit_skb": {
      // BCC: perf_submit_skb(ctx, skb_len, &data, size): the packet bytes follow the record.
      if (!arity(4, 4)) return errorExpr(e.span);
      const arg = (i: number, want: "ptr" | "int"): TExpr => methodArg(c, m, callee.name, e.args[i]!, i, want);
      const ctx = arg(0, "ptr");
      const len = arg(1, "int");
      const data = arg(2, "ptr");
      const size = arg(3, "int");
      if ([ctx, len, data, size].some((x) => x.type.kind === "error")) return errorExpr(e.span);
      recordEventType(c, m, data, e.span);
      const lenField: TExpr = { k: "arith", op: "shl", signed: false, left: convert(len, T.ulong), right: mkConst(32n, T.ulong, e.span), type: T.ulong, span: e.span };
      const flags: TExpr = { k: "arith", op: "or", signed: false, left: lenField, right: mkConst(0xffffffffn, T.ulong, e.span), type: T.ulong, span: e.span };
      return call(c, "bpf_perf_event_output", [ctx, mapRef, flags, data, convert(size, T.ulong)], undefined, e.span);
    }
    case "redirect_map": {
      if (!arity(2, 2)) return errorExpr(e.span);
      const idx = methodArg(c, m, callee.name, e.args[0]!, 0, "int");
      const flags = methodArg(c, m, callee.name, e.args[1]!, 1, "int");
      if (idx.type.kind === "error" || flags.type.kind === "error") return errorExpr(e.span);
      return call(c, "bpf_redirect_map", [mapRef, convert(idx, T.ulong), convert(flags, T.ulong)], undefined, e.span);
    }
    case "get_stackid": {
      if (!arity(2, 2)) return errorExpr(e.span);
      const ctx = methodArg(c, m, callee.name, e.args[0]!, 0, "ptr");
      const flags = methodArg(c, m, callee.name, e.args[1]!, 1, "int");
      if (ctx.type.kind === "error" || flags.type.kind === "error") return errorExpr(e.span);
      // BCC's get_stackid returns int (the helper's long, truncated as BCC's prototype does).
      return convert(call(c, "bpf_get_stackid", [ctx, mapRef, convert(flags, T.ulong)], undefined, e.span), T.int);
    }
    case "ringbuf_reserve": {
      if (!arity(1, 1)) return errorExpr(e.span);
      const size = methodArg(c, m, callee.name, e.args[0]!, 0, "int");
      if (size.type.kind === "error") return errorExpr(e.span);
      return call(c, "bpf_ringbuf_reserve", [mapRef, convert(size, T.ulong), mkConst(0n, T.ulong, e.span)], undefined, e.span);
    }
    case "ringbuf_submit":
    case "ringbuf_discard": {
      if (!arity(2, 2)) return errorExpr(e.span);
      const data = methodArg(c, m, callee.name, e.args[0]!, 0, "ptr");
      const flags = methodArg(c, m, callee.name, e.args[1]!, 1, "int");
      if (data.type.kind === "error" || flags.type.kind === "error") return errorExpr(e.span);
      if (callee.name === "ringbuf_submit") recordEventType(c, m, data, e.span);
      return call(c, `bpf_${callee.name}`, [convert(data, ptrTo(T.void)), convert(flags, T.ulong)], undefined, e.span);
    }
    case "call": {
      if (!arity(2, 2)) return errorExpr(e.span);
      const ctx = methodArg(c, m, callee.name, e.args[0]!, 0, "ptr");
      const idx = methodArg(c, m, callee.name, e.args[1]!, 1, "int");
      if (ctx.type.kind === "error" || idx.type.kind === "error") return errorExpr(e.span);
      return call(c, "bpf_tail_call", [ctx, mapRef, convert(idx, T.ulong)], undefined, e.span);
    }
    case "push": {
      if (!arity(1, 2)) return errorExpr(e.span);
      const v = keyPointer(c, e.args[0]!, m.value, "value", pre);
      const flags = e.args[1] ? methodArg(c, m, callee.name, e.args[1], 1, "int") : mkConst(0n, T.ulong, e.span);
      if (v.type.kind === "error" || flags.type.kind === "error") return errorExpr(e.span);
      return wrap(pre, call(c, "bpf_map_push_elem", [mapRef, v, convert(flags, T.ulong)], undefined, e.span));
    }
    case "pop":
    case "peek": {
      if (!arity(1, 1)) return errorExpr(e.span);
      const v = checkRvalue(c, e.args[0]!);
      if (v.type.kind === "error") return v;
      if (!isPtr(v.type)) {
        c.error("sema/bad-helper-args", e.args[0]!.span, `${m.name}.${callee.name}() needs a pointer to where the value goes`);
        return errorExpr(e.span);
      }
      return call(c, `bpf_map_${callee.name}_elem`, [mapRef, v], undefined, e.span);
    }
    case "perf_read": {
      if (!arity(1, 1) || !c.helpers.has("bpf_perf_event_read")) return errorExpr(e.span);
      const idx = methodArg(c, m, callee.name, e.args[0]!, 0, "int");
      if (idx.type.kind === "error") return idx;
      return call(c, "bpf_perf_event_read", [mapRef, convert(idx, T.ulong)], undefined, e.span);
    }
    default: {
      const hint = METHODS.find((x) => x.startsWith(callee.name.slice(0, 3)));
      c.error("sema/unknown-member", callee.nameSpan, `map '${m.name}' has no method '${callee.name}'${hint ? `; did you mean '${hint}'?` : ""}`);
      return errorExpr(e.span);
    }
  }
}

