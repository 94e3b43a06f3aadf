/**
 * @fileoverview BCC's implicit probe reads. In BCC C, `t->real_parent->tgid` on a kernel pointer
 * reads kernel memory; the verifier only allows that through bpf_probe_read_kernel. After a function
 * is checked, this pass finds every read (rvalue use) of memory reached through a *kernel* pointer
 * and turns it into `({ tmp = 0; bpf_probe_read_kernel(&tmp, sizeof tmp, &lvalue); tmp; })`.
 * Address arithmetic (`&p->field`, array decay) and writes are left alone.
 *
 * Pointer "address spaces": a pointer is direct (the verifier tracks it: the program's context,
 * map values, stack, globals) or kernel (anything else: integers cast to pointers such as
 * bpf_get_current_task() or probe arguments, pointers loaded from memory, parameters of helper
 * functions). Locals take the space of everything assigned to them (flow-insensitive, to a fixed
 * point). Treating a direct pointer as kernel is always safe for reads (probe-reading the stack or
 * a map value works), so unknowns are kernel.
 */
import type { Span } from "../diagnostics/index.ts";
import type { Checker, FunctionContext } from "./checker.ts";
import { constOf, convert, mkConst } from "./conversions.ts";
import { recordEventType } from "./map-methods.ts";
import type { FunctionSym, InitPart, LocalSym, TExpr, TInit, TStmt } from "./typed-ast.ts";
import { type CType, T, isPtr, isScalar, ptrTo, sizeOf, typeToString, unqual } from "./types.ts";

/**
 * direct: plain loads; ctx: the program context, plain loads at constant offsets only (the verifier
 * rejects variable offsets into ctx, so `args->buf[i]` is probe-read); kernel: probe reads.
 */
type Space = "direct" | "ctx" | "kernel";

const rank = (s: Space): number => (s === "direct" ? 0 : s === "ctx" ? 1 : 2);
const join = (a: Space, b: Space): Space => (rank(a) >= rank(b) ? a : b);

class ProbeReadPass {
  /** Locals holding kernel pointers (grows to a fixed point). */
  readonly kernelLocals = new Set<LocalSym>();
  /** Locals holding pointers into the context. */
  readonly ctxLocals = new Set<LocalSym>();
  /** One reusable temporary per scalar type: a read's value is consumed before the next read. */
  readonly temps = new Map<string, LocalSym>();
  changed = false;

  constructor(readonly c: Checker, readonly fn: FunctionSym, readonly ctx: FunctionContext, readonly paramSpaces: Map<FunctionSym, Map<number, Space>>) {}

  /** Parameters that may hold kernel pointers: a program's are (but not its context); a helper's when a caller passes one. */
  seedParams(): void {
    const isProgram = !this.fn.isStatic && this.fn.params.length <= 1;
    const fromCallers = this.paramSpaces.get(this.fn);
    this.fn.params.forEach((p, i) => {
      if (!isPtr(p.type)) return;
      const s: Space = isProgram ? (i === 0 ? "ctx" : "kernel") : !this.fn.isStatic ? "kernel" : fromCallers?.get(i) ?? "direct";
      this.setSpace(p, s);
    });
  }

  /** Records which arguments of calls to local functions are kernel pointers; true if anything new. */
  noteCallArgs(e: TExpr): void {
    if (e.k !== "call") return;
    e.args.forEach((a, i) => {
      if (!isPtr(a.type)) return;
      let m = this.paramSpaces.get(e.fn);
      if (!m) this.paramSpaces.set(e.fn, (m = new Map()));
      const before = m.get(i) ?? "direct";
      const after = join(before, this.space(a));
      if (after !== before) {
        m.set(i, after);
        this.changed = true;
      }
    });
  }

  space(e: TExpr): Space {
    switch (e.k) {
      case "const": case "string": case "map": return "direct";
      case "local": return this.kernelLocals.has(e.sym) ? "kernel" : this.ctxLocals.has(e.sym) ? "ctx" : "direct";
      case "cast": return isPtr(e.operand.type) || e.operand.type.kind === "array" ? this.space(e.operand) : e.operand.k === "const" ? "direct" : "kernel";
      // Map values and ring buffer records are direct; the BTF task pointer is kernel memory.
      case "helper": return isPtr(e.type) && e.helper.name !== "bpf_get_current_task_btf" ? "direct" : "kernel";
      case "addr": case "decay": return this.locSpace(e.of);
      case "ptradd": {
        const s = this.space(e.ptr);
        return s === "ctx" && constOf(e.index) === undefined ? "kernel" : s;
      }
      case "cond": return join(this.space(e.then), this.space(e.else));
      case "assign": return this.space(e.value);
      case "comma": return this.space(e.right);
      case "stmt-expr": return e.result ? this.space(e.result) : "direct";
      case "temp": return "direct";
      default: return "kernel";
    }
  }

  setSpace(sym: LocalSym, s: Space): void {
    if (s === "kernel" && !this.kernelLocals.has(sym)) {
      this.kernelLocals.add(sym);
      this.changed = true;
    } else if (s === "ctx" && !this.kernelLocals.has(sym) && !this.ctxLocals.has(sym)) {
      this.ctxLocals.add(sym);
      this.changed = true;
    }
  }

  /** Where an lvalue lives. */
  locSpace(e: TExpr): Space {
    switch (e.k) {
      case "deref": return this.space(e.ptr);
      case "member": return this.locSpace(e.base);
      default: return "direct";
    }
  }

  noteStore(sym: LocalSym, value: TExpr): void {
    if (!isPtr(sym.type)) return;
    this.setSpace(sym, this.space(value));
    // `struct event *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0)`: the record type of the ring buffer.
    let v = value;
    while (v.k === "cast") v = v.operand;
    if (v.k === "helper" && v.helper.name === "bpf_ringbuf_reserve" && v.args[0]?.k === "map") {
      recordEventType(this.c, v.args[0].map, { k: "local", sym, type: sym.type, span: value.span }, value.span);
    }
  }

  /** Pass 1: which locals hold kernel pointers. */
  scanStmt(s: TStmt): void {
    switch (s.k) {
      case "block": s.items.forEach((x) => this.scanStmt(x)); break;
      case "decl":
        if (s.init) for (const p of s.init.parts) if (p.kind === "scalar" && p.offset === 0) this.noteStore(s.sym, p.expr);
        if (s.init) s.init.parts.forEach((p) => p.kind !== "bytes" && this.scanExpr(p.expr));
        break;
      case "expr": this.scanExpr(s.expr); break;
      case "if": this.scanExpr(s.cond); this.scanStmt(s.then); if (s.else) this.scanStmt(s.else); break;
      case "loop":
        if (s.init) this.scanStmt(s.init);
        if (s.cond) this.scanExpr(s.cond);
        if (s.step) this.scanExpr(s.step);
        this.scanStmt(s.body);
        break;
      case "switch": this.scanExpr(s.cond); this.scanStmt(s.body); break;
      case "return": if (s.value) this.scanExpr(s.value); break;
      default: break;
    }
  }

  scanExpr(e: TExpr): void {
    if (e.k === "assign" && e.target.k === "local") this.noteStore(e.target.sym, e.value);
    this.noteCallArgs(e);
    if (e.k === "stmt-expr") e.body.forEach((s) => this.scanStmt(s));
    for (const child of children(e)) this.scanExpr(child);
  }

  // ---- pass 2: rewrite reads

  stmt(s: TStmt): TStmt {
    switch (s.k) {
      case "block": return { ...s, items: s.items.map((x) => this.stmt(x)) };
      case "decl": return s.init ? { ...s, init: this.init(s.init) } : s;
      case "expr": return { ...s, expr: this.expr(s.expr, false) };
      case "if": return { ...s, cond: this.expr(s.cond, false), then: this.stmt(s.then), else: s.else ? this.stmt(s.else) : undefined };
      case "loop": return {
        ...s,
        init: s.init ? this.stmt(s.init) : undefined,
        cond: s.cond ? this.expr(s.cond, false) : undefined,
        step: s.step ? this.expr(s.step, false) : undefined,
        body: this.stmt(s.body),
      };
      case "switch": return { ...s, cond: this.expr(s.cond, false), body: this.stmt(s.body) };
      case "return": return s.value ? { ...s, value: this.expr(s.value, false) } : s;
      default: return s;
    }
  }

  init(i: TInit): TInit {
    return { ...i, parts: i.parts.map((p): InitPart => (p.kind === "bytes" ? p : { ...p, expr: this.expr(p.expr, false) })) };
  }

  /** `lvalue`: the expression designates memory that is not read here (address-of, assignment target). */
  expr(e: TExpr, lvalue: boolean): TExpr {
    switch (e.k) {
      case "addr": case "decay": return { ...e, of: this.expr(e.of, true) };
      case "assign": return { ...e, target: this.expr(e.target, true), value: this.expr(e.value, false) };
      case "compound": return { ...e, target: this.expr(e.target, true), rhs: this.expr(e.rhs, false) };
      case "incdec": return { ...e, target: this.expr(e.target, true) };
      case "member": {
        const base = this.expr(e.base, true);
        const out = { ...e, base };
        if (!lvalue && this.locSpace(out) === "kernel") return this.read(out);
        return out;
      }
      case "deref": {
        const out = { ...e, ptr: this.expr(e.ptr, false) };
        if (!lvalue && this.space(out.ptr) === "kernel") return this.read(out);
        return out;
      }
      case "stmt-expr": return { ...e, body: e.body.map((s) => this.stmt(s)), result: e.result ? this.expr(e.result, lvalue) : undefined };
      case "temp": return { ...e, init: this.init(e.init) };
      case "memcpy": {
        const dst = this.expr(e.dst, false);
        const src = this.expr(e.src, false);
        if (this.space(src) !== "kernel") return { ...e, dst, src };
        // Copying out of kernel memory (`__builtin_memcpy(&d, &p->x, n)`) is a probe read too.
        const helper = this.c.helpers.get("bpf_probe_read_kernel")!;
        const call: TExpr = { k: "helper", helper, args: [dst, mkConst(BigInt(e.size), T.uint, e.span), src], type: helper.ret, span: e.span };
        return { k: "comma", left: call, right: dst, type: e.type, span: e.span };
      }
      default: return mapChildren(e, (x) => this.expr(x, false));
    }
  }

  /** The probe read replacing an rvalue use of kernel memory `lv`. */
  read(lv: TExpr & { k: "member" | "deref" }): TExpr {
    const span = lv.span;
    const t = lv.type;
    if (t.kind === "array" || t.kind === "func" || t.kind === "error" || t.kind === "void") return lv;
    const helper = this.c.helpers.get("bpf_probe_read_kernel")!;
    const bitfield = lv.k === "member" ? lv.bitfield : undefined;
    // Bitfields: read the storage unit, then extract from the copy exactly as from memory.
    // Scalars go through one unsigned temporary per size (stack is scarce); records get their own.
    const tmpType: CType = bitfield ? unitType(bitfield.unitSize) : t.kind === "record" ? t : unitType(sizeOf(t) as 1 | 2 | 4 | 8);
    const tmp = this.temp(tmpType, span);
    const tmpRef: TExpr = { k: "local", sym: tmp, type: tmpType, span };
    const src: TExpr = bitfield ? { k: "addr", of: { ...lv, bitfield: undefined, type: tmpType } as TExpr, type: ptrTo(tmpType), span } : { k: "addr", of: lv, type: ptrTo(t), span };
    if (t.kind !== "record" && !isScalar(t)) return lv;
    const size = sizeOf(tmpType);
    const body: TStmt[] = [
      { k: "decl", sym: tmp, init: { zeroFill: true, parts: [] }, span },
      { k: "expr", expr: { k: "helper", helper, args: [{ k: "addr", of: tmpRef, type: ptrTo(tmpType), span }, mkConst(BigInt(size), T.uint, span), src], type: helper.ret, span }, span },
    ];
    const result: TExpr = bitfield ? { k: "member", base: tmpRef, offset: 0, bitfield, type: t, span } : t.kind === "record" ? tmpRef : convert(tmpRef, unqual(t));
    return { k: "stmt-expr", body, result, type: t, span };
  }

  temp(t: CType, span: Span): LocalSym {
    // Records are copied out of the temporary later, so each read gets its own.
    const key = t.kind === "record" ? undefined : `${typeToString(t)}/${sizeOf(t)}`;
    const existing = key ? this.temps.get(key) : undefined;
    if (existing) return existing;
    const sym = this.c.newLocal("<probe-read>", t, span);
    sym.addressTaken = true;
    if (key) this.temps.set(key, sym);
    return sym;
  }
}

function unitType(size: 1 | 2 | 4 | 8): CType {
  return size === 1 ? T.uchar : size === 2 ? T.ushort : size === 4 ? T.uint : T.ullong;
}

/** Sub-expressions of an expression (not statement bodies). */
function children(e: TExpr): TExpr[] {
  const out: TExpr[] = [];
  mapChildren(e, (x) => (out.push(x), x));
  return out;
}

function mapChildren(e: TExpr, f: (x: TExpr) => TExpr): TExpr {
  switch (e.k) {
    case "deref": return { ...e, ptr: f(e.ptr) };
    case "member": return { ...e, base: f(e.base) };
    case "addr": case "decay": return { ...e, of: f(e.of) };
    case "cast": case "not": case "neg": case "bitnot": case "bswap": return { ...e, operand: f(e.operand) };
    case "arith": case "cmp": case "logical": return { ...e, left: f(e.left), right: f(e.right) };
    case "ptradd": return { ...e, ptr: f(e.ptr), index: f(e.index) };
    case "ptrdiff": return { ...e, left: f(e.left), right: f(e.right) };
    case "assign": return { ...e, target: f(e.target), value: f(e.value) };
    case "compound": return { ...e, target: f(e.target), rhs: f(e.rhs) };
    case "incdec": return { ...e, target: f(e.target) };
    case "cond": return { ...e, cond: f(e.cond), then: f(e.then), else: f(e.else) };
    case "comma": return { ...e, left: f(e.left), right: f(e.right) };
    case "call": case "helper": return { ...e, args: e.args.map(f) };
    case "memcpy": return { ...e, dst: f(e.dst), src: f(e.src) };
    case "memset": return { ...e, dst: f(e.dst) };
    case "memcmp": return { ...e, a: f(e.a), b: f(e.b) };
    case "atomic": return { ...e, ptr: f(e.ptr), value: f(e.value), ...(e.expected ? { expected: f(e.expected) } : {}) };
    case "stmt-expr": return e.result ? { ...e, result: f(e.result) } : e;
    default: return e;
  }
}

/**
 * Rewrites every function body in place (see file comment). Pointer spaces flow through locals and
 * into the parameters of called (inlined) functions, so all functions iterate to one fixed point.
 */
export function insertProbeReads(c: Checker, fns: { fn: FunctionSym; ctx: FunctionContext }[]): void {
  const paramSpaces = new Map<FunctionSym, Map<number, Space>>();
  const passes = fns.filter((x) => x.fn.body).map((x) => new ProbeReadPass(c, x.fn, x.ctx, paramSpaces));
  for (let round = 0; round < 50; round++) {
    let changed = false;
    for (const p of passes) {
      p.changed = false;
      p.seedParams();
      p.scanStmt(p.fn.body!);
      changed ||= p.changed;
    }
    if (!changed) break;
  }
  const saved = c.fn;
  for (const p of passes) {
    // Temporaries belong to the function being rewritten (its frame and stack estimate).
    c.fn = p.ctx;
    p.fn.body = p.stmt(p.fn.body!) as typeof p.fn.body;
  }
  c.fn = saved;
}
