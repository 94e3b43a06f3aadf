/**
 * @fileoverview Calls: program-local functions are inlined (each call site gets its own copies of
 * the callee's locals; recursion is reported), helpers become `call` instructions, and the memory
 * builtins and atomics expand to IR memory operations.
 */
import { type Operand, type VReg, imm, isFrame } from "../ir/ir.ts";
import type { TExpr } from "../sema/typed-ast.ts";
import { type CType, alignOf, isPtr, sizeOf } from "../sema/types.ts";
import { arith, castValue, lowerExpr } from "./lower-expr.ts";
import { type Addr, addrToReg, lowerRecordValue, pointerAddr } from "./lower-lvalue.ts";
import { lowerStmts } from "./lower-stmt.ts";
import type { FnLowerer, InlineFrame } from "./lowerer.ts";
import { Helper } from "../../src/isa/helpers.ts";
import { DROP_COUNTER_MAP } from "../../src/spec/map-spec.ts";

/** Blocks per program beyond which inlining stops (about 50k instructions). */
const MAX_BLOCKS = 10_000;

export function lowerCall(L: FnLowerer, e: TExpr & { k: "call" }): Operand {
  return inlineCall(L, e).value;
}

/** Inlines a call; for struct-returning callees `obj` is where the returned value lives. */
export function inlineCall(L: FnLowerer, e: TExpr & { k: "call" }): { value: Operand; obj?: Addr } {
  const span = e.span;
  if (L.frames.some((f) => f.fn === e.fn)) {
    L.sink.error("lower/recursion", span, `recursive call to '${e.fn.name}': BPF programs cannot recurse`);
    return { value: imm(0) };
  }
  if (!e.fn.body) {
    L.sink.error("lower/undefined-function", span, `function '${e.fn.name}' is declared but never defined`);
    return { value: imm(0) };
  }
  if (L.tooLarge || L.b.fn.blocks.length > MAX_BLOCKS) {
    if (L.tooLarge) return { value: imm(0) };
    L.tooLarge = true;
    // Inlining is exponential in the worst case (each level calling the next twice); stop long
    // before the kernel's 1M-instruction limit or our own time budget would be hit.
    L.sink.error("lower/program-too-large", span, `inlining '${e.fn.name}' makes '${L.b.fn.name}' too large for a BPF program`);
    return { value: imm(0) };
  }
  // Evaluate arguments in the caller, copying into fresh vregs so the callee's writes to its
  // parameters cannot clobber the caller's variables.
  const args: (VReg | Addr)[] = e.args.map((a) =>
    a.type.kind === "record" ? lowerRecordValue(L, a) : L.b.mov(L.b.vreg(), lowerExpr(L, a), a.span));
  const ret = e.fn.type.ret;
  const isVoid = ret.kind === "void" || ret.kind === "record";
  const frame: InlineFrame = {
    fn: e.fn,
    storage: new Map(),
    labels: new Map(),
    retBlock: L.b.newBlock(`${e.fn.name}.ret`),
    retValue: isVoid ? undefined : L.b.vreg(`${e.fn.name}.result`),
  };
  if (ret.kind === "record") frame.retObj = L.b.frameObject(`${e.fn.name}.result`, Math.max(1, sizeOf(ret)), 8, span);
  L.frames.push(frame);
  const savedTargets = L.targets.splice(0, L.targets.length);
  e.fn.params.forEach((p, i) => {
    const s = L.declare(p);
    const v = args[i] ?? L.b.mov(L.b.vreg(), imm(0), span);
    if (typeof v !== "number") {
      if (s.kind === "frame") L.b.copy(s.ref, 0, v.base, v.off, sizeOf(p.type), 1, span);
    } else if (s.kind === "vreg") L.b.mov(s.v, v, span);
    else {
      const size = p.type.kind === "int" ? p.type.size : 8;
      L.b.zero(s.ref, 0, size, size, span);
      L.b.store(s.ref, 0, size, v, span);
    }
  });
  lowerStmts(L, [e.fn.body]);
  L.fallInto(frame.retBlock!, span);
  L.targets.push(...savedTargets);
  L.frames.pop();
  if (frame.retObj) return { value: imm(0), obj: { base: frame.retObj, off: 0 } };
  return { value: frame.retValue ?? imm(0) };
}

export function lowerHelper(L: FnLowerer, e: TExpr & { k: "helper" }): Operand {
  const span = e.span;
  const args: VReg[] = e.args.map((a) => L.reg(lowerExpr(L, a), a.span));
  const hasResult = e.type.kind !== "void";
  const dst = hasResult ? L.b.vreg(e.helper.name) : undefined;
  L.b.call(dst, e.helper.id, args, span);
  if (dst !== undefined) countFailedOutput(L, e, dst);
  if (dst === undefined) return imm(0);
  return castValue(L, dst, { ...(e.type as CType & { kind: "int" }), size: 8 } as CType, e.type, span);
}

/** The event map an output helper writes to (its map argument), when the call is one. */
function outputMap(e: TExpr & { k: "helper" }): string | undefined {
  const idx = e.helper.name === "bpf_perf_event_output" ? 1 : e.helper.name === "bpf_ringbuf_output" || e.helper.name === "bpf_ringbuf_reserve" ? 0 : -1;
  let a = idx < 0 ? undefined : e.args[idx];
  while (a && (a.k === "cast" || a.k === "addr")) a = a.k === "cast" ? a.operand : a.of;
  return a?.k === "map" ? a.map.name : undefined;
}

/**
 * Lost-event accounting: after a perf/ring buffer submission, one compare-and-branch; on failure
 * (helper < 0, or reserve returned NULL) the map's slot of the hidden per-CPU drop counter is
 * bumped. Per-CPU, so a plain load/add/store cannot race with another CPU (and BPF programs of one
 * CPU do not preempt each other on the same map slot in tracing contexts).
 */
function countFailedOutput(L: FnLowerer, e: TExpr & { k: "helper" }, dst: VReg): void {
  const map = outputMap(e);
  if (map === undefined) return;
  const span = e.span;
  let slot = L.dropSlots.get(map);
  if (slot === undefined) {
    slot = L.dropSlots.size;
    L.dropSlots.set(map, slot);
  }
  const fail = L.b.newBlock("output_failed");
  const ok = L.b.newBlock("output_done");
  if (e.helper.name === "bpf_ringbuf_reserve") L.b.br("eq", dst, imm(0), fail, ok, span);
  else L.b.br("slt", dst, imm(0), fail, ok, span);
  L.b.setBlock(fail);
  const key = L.b.frameObject("drop_slot", 4, 4, span);
  L.b.store(key, 0, 4, imm(BigInt(slot)), span);
  const fd = L.b.mapFd(L.b.vreg(), DROP_COUNTER_MAP, span);
  const keyPtr = L.b.frameAddr(L.b.vreg(), key, 0, span);
  const val = L.b.vreg("drops");
  L.b.call(val, Helper.map_lookup_elem, [fd, keyPtr], span);
  const bump = L.b.newBlock("drop_bump");
  L.b.br("eq", val, imm(0), ok, bump, span);
  L.b.setBlock(bump);
  const n = L.b.load(L.b.vreg(), val, 0, 8, span);
  L.b.alu("add", n, n, imm(1), span);
  L.b.store(val, 0, 8, n, span);
  L.b.jmp(ok, span);
  L.b.setBlock(ok);
}

function pointeeAlign(addr: Addr, p: TExpr): number {
  const t = p.type;
  let a = isPtr(t) && t.to.kind !== "void" ? Math.min(8, alignOf(t.to)) : 1;
  if (isFrame(addr.base)) {
    let al = 8;
    while (al > 1 && addr.off % al !== 0) al >>= 1;
    a = Math.max(a, al);
  }
  return a;
}

export function lowerMemcpy(L: FnLowerer, e: TExpr & { k: "memcpy" }): Operand {
  const dst = pointerAddr(L, e.dst);
  const src = pointerAddr(L, e.src);
  const align = Math.min(pointeeAlign(dst, e.dst), pointeeAlign(src, e.src));
  if (e.size > 0) L.b.copy(dst.base, dst.off, src.base, src.off, e.size, align, e.span);
  return addrToReg(L, dst, e.span);
}

export function lowerMemset(L: FnLowerer, e: TExpr & { k: "memset" }): Operand {
  const dst = pointerAddr(L, e.dst);
  const align = pointeeAlign(dst, e.dst);
  if (e.byte === 0) {
    if (e.size > 0) L.b.zero(dst.base, dst.off, e.size, align, e.span);
  } else {
    let p = 0;
    while (p < e.size) {
      let s: 1 | 2 | 4 | 8 = 8;
      while (s > 1 && (s > align || (dst.off + p) % s !== 0 || p + s > e.size)) s = (s >> 1) as 1 | 2 | 4;
      let v = 0n;
      for (let i = 0; i < s; i++) v = (v << 8n) | BigInt(e.byte);
      L.b.store(dst.base, dst.off + p, s, imm(BigInt.asIntN(s * 8, v)), e.span);
      p += s;
    }
  }
  return addrToReg(L, dst, e.span);
}

/** Byte-wise compare, stopping at the first difference (returns a[i] - b[i] like glibc). */
export function lowerMemcmp(L: FnLowerer, e: TExpr & { k: "memcmp" }): Operand {
  const span = e.span;
  const a = pointerAddr(L, e.a);
  const b = pointerAddr(L, e.b);
  const result = L.b.mov(L.b.vreg("memcmp"), imm(0), span);
  if (e.size === 0) return result;
  const end = L.b.newBlock("memcmp.end");
  for (let i = 0; i < e.size; i++) {
    const x = L.b.load(L.b.vreg(), a.base, a.off + i, 1, span);
    const y = L.b.load(L.b.vreg(), b.base, b.off + i, 1, span);
    const diff = L.b.newBlock("memcmp.diff");
    const next = L.b.newBlock("memcmp.next");
    L.b.br("ne", x, y, diff, next, span);
    L.b.setBlock(diff);
    const d = L.b.alu("sub", L.b.vreg(), x, y, span, 32);
    L.b.ext(result, d, 32, true, span);
    L.b.jmp(end, span);
    L.b.setBlock(next);
  }
  L.b.jmp(end, span);
  L.b.setBlock(end);
  return result;
}

export function lowerAtomic(L: FnLowerer, e: TExpr & { k: "atomic" }): Operand {
  const span = e.span;
  const elem = isPtr(e.ptr.type) ? e.ptr.type.to : e.type;
  const size = (elem.kind === "int" ? elem.size : 8) as 4 | 8;
  const addr = pointerAddr(L, e.ptr);
  let value = L.reg(lowerExpr(L, e.value), span);
  const orig = value;
  const aop = e.op === "sub" ? "add" : e.op;
  if (e.op === "sub") value = L.b.neg(L.b.vreg(), value, span);
  const expected = e.expected ? L.reg(lowerExpr(L, e.expected), span) : undefined;
  if (!e.fetch) {
    L.b.atomic(aop, addr.base, addr.off, size, value, span);
    return imm(0);
  }
  const old = L.b.vreg("old");
  L.b.atomic(aop, addr.base, addr.off, size, value, span, old, expected);
  const oldN = castValue(L, old, { ...(elem as CType & { kind: "int" }), size: 8 } as CType, elem, span);
  const oldR = L.reg(oldN, span);
  if (e.boolResult && expected !== undefined) return L.b.setcc(L.b.vreg(), "eq", oldR, expected, span);
  if (e.returnNew && e.op !== "xchg" && e.op !== "cmpxchg") {
    const op = e.op === "sub" ? "sub" : e.op;
    const signed = elem.kind === "int" && elem.signed;
    return arith(L, op, signed, oldR, orig, elem, span);
  }
  return oldR;
}

