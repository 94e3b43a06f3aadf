import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
var __knownSymbol = (name, symbol) => (symbol = Symbol[name]) ? symbol : /* @__PURE__ */ Symbol.for("Symbol." + name);
var __typeError = (msg) => {
  throw TypeError(msg);
};
var __using = (stack, value, async) => {
  if (value != null) {
    if (typeof value !== "object" && typeof value !== "function") __typeError("Object expected");
    var dispose, inner;
    if (async) dispose = value[__knownSymbol("asyncDispose")];
    if (dispose === void 0) {
      dispose = value[__knownSymbol("dispose")];
      if (async) inner = dispose;
    }
    if (typeof dispose !== "function") __typeError("Object not disposable");
    if (inner) dispose = function() {
      try {
        inner.call(this);
      } catch (e) {
        return Promise.reject(e);
      }
    };
    stack.push([async, dispose, value]);
  } else if (async) {
    stack.push([async]);
  }
  return value;
};
var __callDispose = (stack, error, hasError) => {
  var E = typeof SuppressedError === "function" ? SuppressedError : function(e, s2, m, _) {
    return _ = Error(m), _.name = "SuppressedError", _.error = e, _.suppressed = s2, _;
  };
  var fail = (e) => error = hasError ? new E(e, error, "An error was suppressed during disposal") : (hasError = true, e);
  var next = (it) => {
    while (it = stack.pop()) {
      try {
        var result = it[1] && it[1].call(it[2]);
        if (it[0]) return Promise.resolve(result).then(next, (e) => (fail(e), next()));
      } catch (e) {
        fail(e);
      }
    }
    if (hasError) throw error;
  };
  return next();
};

// src/sandbox/sandbox.ts
import { dirname as dirname6, resolve as resolve5, basename as basename2 } from "node:path";

// src/bpf/bpf.ts
import { existsSync as existsSync7, readFileSync as readFileSync15 } from "node:fs";
import { dirname as dirname2, resolve } from "node:path";
import { fileURLToPath as fileURLToPath2 } from "node:url";

// frontend-c/diagnostics/diagnostic.ts
var DiagnosticSink = class {
  diagnostics = [];
  seen = /* @__PURE__ */ new Set();
  report(d) {
    const key2 = `${d.code}|${d.span.file}:${d.span.line}:${d.span.col}|${d.message}`;
    if (this.seen.has(key2)) return;
    this.seen.add(key2);
    this.diagnostics.push({ ...d, notes: d.notes ?? [] });
  }
  error(code, span, message, notes) {
    this.report({ code, severity: "error", span, message, notes: notes ?? [] });
  }
  warning(code, span, message, notes) {
    this.report({ code, severity: "warning", span, message, notes: notes ?? [] });
  }
  get hasErrors() {
    return this.diagnostics.some((d) => d.severity === "error");
  }
};
var InternalCompilerError = class extends Error {
  constructor(pass, message, span) {
    super(`internal compiler error in ${pass}: ${message}`);
    this.pass = pass;
    this.span = span;
    this.name = "InternalCompilerError";
  }
  pass;
  span;
};

// frontend-c/diagnostics/render.ts
function renderDiagnostic(d, sources, opts = {}) {
  const c = opts.color === true;
  const bold = (s2) => c ? `\x1B[1m${s2}\x1B[0m` : s2;
  const red = (s2) => c ? `\x1B[1;31m${s2}\x1B[0m` : s2;
  const yellow = (s2) => c ? `\x1B[1;33m${s2}\x1B[0m` : s2;
  const green = (s2) => c ? `\x1B[1;32m${s2}\x1B[0m` : s2;
  const sev = d.severity === "error" ? red("error") : yellow("warning");
  const out = [];
  out.push(`${bold(`${d.span.file}:${d.span.line}:${d.span.col}`)}: ${sev}: ${d.message} [${d.code}]`);
  const caret = caretLines(d.span, sources);
  if (caret) out.push(caret[0], green(caret[1]));
  for (const n of d.notes) {
    if (n.span) {
      out.push(`${bold(`${n.span.file}:${n.span.line}:${n.span.col}`)}: note: ${n.message}`);
      const nc = caretLines(n.span, sources);
      if (nc) out.push(nc[0], green(nc[1]));
    } else {
      out.push(`note: ${n.message}`);
    }
  }
  return out.join("\n");
}
function caretLines(span, sources) {
  const text = sources(span.file);
  if (text === void 0) return void 0;
  const line = text.split("\n")[span.line - 1];
  if (line === void 0) return void 0;
  const shown = line.replace(/\t/g, " ").replace(/\r$/, "");
  const start = Math.max(0, span.col - 1);
  const len = span.endLine === span.line ? Math.max(1, span.endCol - span.col) : Math.max(1, shown.length - start);
  return [`    ${shown}`, `    ${" ".repeat(start)}^${"~".repeat(Math.max(0, Math.min(len, shown.length - start) - 1))}`];
}
function renderDiagnostics(ds, sources, opts = {}) {
  return ds.map((d) => renderDiagnostic(d, sources, opts)).join("\n");
}

// frontend-c/ir/fold.ts
var M64 = (1n << 64n) - 1n;
var u = (v, w) => BigInt.asUintN(w, v);
var s = (v, w) => BigInt.asIntN(w, v);
var toU64 = (v) => v & M64;
function evalAlu(op, w, a, b) {
  const x = u(a, w);
  const y = u(b, w);
  let r2;
  switch (op) {
    case "add":
      r2 = x + y;
      break;
    case "sub":
      r2 = x - y;
      break;
    case "mul":
      r2 = x * y;
      break;
    case "div":
      r2 = y === 0n ? 0n : x / y;
      break;
    case "mod":
      r2 = y === 0n ? x : x % y;
      break;
    case "sdiv": {
      const sx = s(x, w);
      const sy = s(y, w);
      r2 = sy === 0n ? 0n : sx / sy;
      break;
    }
    case "smod": {
      const sx = s(x, w);
      const sy = s(y, w);
      r2 = sy === 0n ? sx : sx % sy;
      break;
    }
    case "or":
      r2 = x | y;
      break;
    case "and":
      r2 = x & y;
      break;
    case "xor":
      r2 = x ^ y;
      break;
    case "lsh":
      r2 = x << (y & BigInt(w - 1));
      break;
    case "rsh":
      r2 = x >> (y & BigInt(w - 1));
      break;
    case "arsh":
      r2 = s(x, w) >> (y & BigInt(w - 1));
      break;
  }
  return u(r2, w);
}
function evalNeg(w, a) {
  return u(-a, w);
}
function evalExt(a, from, signed2) {
  return signed2 ? toU64(BigInt.asIntN(from, a)) : BigInt.asUintN(from, a);
}
function evalEndian(a, kind, bits) {
  const v = BigInt.asUintN(bits, a);
  if (kind === "le") return v;
  let r2 = 0n;
  for (let i = 0n; i < BigInt(bits); i += 8n) r2 = r2 << 8n | v >> i & 0xffn;
  return r2;
}
function evalCond(c, w, a, b) {
  const x = u(a, w);
  const y = u(b, w);
  switch (c) {
    case "eq":
      return x === y;
    case "ne":
      return x !== y;
    case "gt":
      return x > y;
    case "ge":
      return x >= y;
    case "lt":
      return x < y;
    case "le":
      return x <= y;
    case "sgt":
      return s(x, w) > s(y, w);
    case "sge":
      return s(x, w) >= s(y, w);
    case "slt":
      return s(x, w) < s(y, w);
    case "sle":
      return s(x, w) <= s(y, w);
    case "set":
      return (x & y) !== 0n;
  }
}
function invertCond(c) {
  switch (c) {
    case "eq":
      return "ne";
    case "ne":
      return "eq";
    case "gt":
      return "le";
    case "ge":
      return "lt";
    case "lt":
      return "ge";
    case "le":
      return "gt";
    case "sgt":
      return "sle";
    case "sge":
      return "slt";
    case "slt":
      return "sge";
    case "sle":
      return "sgt";
    case "set":
      return void 0;
  }
}
function swapCond(c) {
  switch (c) {
    case "gt":
      return "lt";
    case "ge":
      return "le";
    case "lt":
      return "gt";
    case "le":
      return "ge";
    case "sgt":
      return "slt";
    case "sge":
      return "sle";
    case "slt":
      return "sgt";
    case "sle":
      return "sge";
    default:
      return c;
  }
}
function fitsImm32(v) {
  const sv = BigInt.asIntN(64, v);
  return sv >= -0x80000000n && sv <= 0x7fffffffn;
}
var isCommutative = (op) => op === "add" || op === "mul" || op === "or" || op === "and" || op === "xor";

// frontend-c/ir/ir.ts
var FIRST_VREG = 16;
var FP_VREG = 10;
var isPhys = (v) => v < FIRST_VREG;
var imm = (value) => ({ imm: BigInt(value) });
var isImm = (o) => typeof o !== "number";
var isFrame = (b) => typeof b !== "number";
function newFunction(name, span) {
  return {
    name,
    params: [],
    blocks: [{ id: 0, insts: [], term: void 0 }],
    frame: [],
    nextVReg: FIRST_VREG,
    vregNames: /* @__PURE__ */ new Map(),
    span
  };
}
function newVReg(fn, name) {
  const v = fn.nextVReg++;
  if (name !== void 0) fn.vregNames.set(v, name);
  return v;
}
function newBlock(fn, label) {
  let id = 0;
  for (const b of fn.blocks) id = Math.max(id, b.id + 1);
  const block = label === void 0 ? { id, insts: [], term: void 0 } : { id, label, insts: [], term: void 0 };
  fn.blocks.push(block);
  return block;
}
function newFrameObject(fn, name, size, align, span) {
  let id = 0;
  for (const f2 of fn.frame) id = Math.max(id, f2.id + 1);
  const obj = span === void 0 ? { id, name, size, align } : { id, name, size, align, span };
  fn.frame.push(obj);
  return { frame: id };
}
function instUses(i) {
  const out = [];
  const opnd = (o) => {
    if (!isImm(o)) out.push(o);
  };
  const base = (b) => {
    if (!isFrame(b)) out.push(b);
  };
  switch (i.op) {
    case "mov":
      opnd(i.src);
      break;
    case "alu":
      out.push(i.a);
      opnd(i.b);
      break;
    case "neg":
    case "ext":
    case "endian":
      out.push(i.a);
      break;
    case "setcc":
      out.push(i.a);
      opnd(i.b);
      break;
    case "load":
      base(i.base);
      break;
    case "store":
      base(i.base);
      opnd(i.value);
      break;
    case "frameaddr":
    case "mapfd":
    case "mapvalue":
      break;
    case "call":
    case "calllocal":
      out.push(...i.args);
      break;
    case "atomic":
      base(i.base);
      out.push(i.value);
      if (i.expected !== void 0) out.push(i.expected);
      break;
    case "zero":
      base(i.base);
      break;
    case "copy":
      base(i.dstBase);
      base(i.srcBase);
      break;
  }
  return out;
}
function instDef(i) {
  switch (i.op) {
    case "store":
    case "zero":
    case "copy":
      return void 0;
    case "call":
    case "calllocal":
    case "atomic":
      return i.dst;
    default:
      return i.dst;
  }
}
function termUses(t) {
  if (t.op === "br") return isImm(t.b) ? [t.a] : [t.a, t.b];
  if (t.op === "ret") return isImm(t.value) ? [] : [t.value];
  return [];
}
function successors(t) {
  if (t.op === "jmp") return [t.target];
  if (t.op === "br") return t.then === t.else ? [t.then] : [t.then, t.else];
  return [];
}
function hasSideEffects(i) {
  switch (i.op) {
    case "store":
    case "call":
    case "calllocal":
    case "atomic":
    case "zero":
    case "copy":
      return true;
    default:
      return false;
  }
}

// frontend-c/ir/legalize.ts
function expandMemoryOps(fn) {
  for (const b of fn.blocks) {
    if (!b.insts.some((i) => i.op === "zero" || i.op === "copy")) continue;
    const out = [];
    for (const i of b.insts) {
      if (i.op === "zero") {
        for (const [off, size] of chunks(i.off, i.size, i.align)) {
          out.push({ op: "store", base: i.base, off, size, value: imm(0n), span: i.span });
        }
      } else if (i.op === "copy") {
        const delta = i.srcOff - i.dstOff;
        for (const [off, size] of chunks(i.dstOff, i.size, alignOfOffsets(i.align, i.dstOff, i.srcOff))) {
          const t = newVReg(fn);
          out.push({ op: "load", dst: t, base: i.srcBase, off: off + delta, size, signed: false, span: i.span });
          out.push({ op: "store", base: i.dstBase, off, size, value: t, span: i.span });
        }
      } else out.push(i);
    }
    b.insts = out;
  }
}
function alignOfOffsets(align, a, b) {
  let al = Math.max(1, Math.min(8, align));
  while (al > 1 && (a - b) % al !== 0) al >>= 1;
  return al;
}
function chunks(off, size, align) {
  const out = [];
  const maxA = Math.max(1, Math.min(8, align));
  let p = off;
  const end = off + size;
  while (p < end) {
    let s2 = 8;
    while (s2 > 1 && (s2 > maxA || p % s2 !== 0 || p + s2 > end)) s2 = s2 >> 1;
    out.push([p, s2]);
    p += s2;
  }
  return out;
}
function splitMisalignedFrameAccesses(fn) {
  const align = new Map(fn.frame.map((f2) => [f2.id, Math.max(1, Math.min(8, f2.align))]));
  const misaligned = (b, off, size) => isFrame(b) && size > 1 && (off % size !== 0 || (align.get(b.frame) ?? 1) < size);
  for (const b of fn.blocks) {
    if (!b.insts.some((i) => (i.op === "load" || i.op === "store") && misaligned(i.base, i.off, i.size))) continue;
    const out = [];
    for (const i of b.insts) {
      if (i.op === "store" && misaligned(i.base, i.off, i.size)) {
        for (let k = 0; k < i.size; k++) {
          let value;
          if (isImm(i.value)) value = imm(i.value.imm >> BigInt(8 * k) & 0xffn);
          else if (k === 0) value = i.value;
          else {
            value = newVReg(fn);
            out.push({ op: "alu", alu: "rsh", dst: value, a: i.value, b: imm(8 * k), width: 64, span: i.span });
          }
          out.push({ op: "store", base: i.base, off: i.off + k, size: 1, value, span: i.span });
        }
      } else if (i.op === "load" && misaligned(i.base, i.off, i.size)) {
        let acc;
        for (let k = 0; k < i.size; k++) {
          const byte = newVReg(fn);
          out.push({ op: "load", dst: byte, base: i.base, off: i.off + k, size: 1, signed: false, span: i.span });
          let part = byte;
          if (k > 0) {
            part = newVReg(fn);
            out.push({ op: "alu", alu: "lsh", dst: part, a: byte, b: imm(8 * k), width: 64, span: i.span });
          }
          if (acc === void 0) acc = part;
          else {
            const next = newVReg(fn);
            out.push({ op: "alu", alu: "or", dst: next, a: acc, b: part, width: 64, span: i.span });
            acc = next;
          }
        }
        if (i.signed && i.size < 8) out.push({ op: "ext", dst: i.dst, a: acc, from: i.size * 8, signed: true, span: i.span });
        else out.push({ op: "mov", dst: i.dst, src: acc, width: 64, span: i.span });
      } else out.push(i);
    }
    b.insts = out;
  }
}
function legalizeImmediates(fn) {
  for (const b of fn.blocks) legalizeBlock(fn, b);
}
function legalizeBlock(fn, b) {
  const out = [];
  const enc = (o, width, span) => {
    if (!isImm(o)) return o;
    if (width === 32) return imm(BigInt.asIntN(32, o.imm));
    if (fitsImm32(o.imm)) return imm(BigInt.asIntN(64, o.imm));
    const t2 = newVReg(fn);
    out.push({ op: "mov", dst: t2, src: imm(BigInt.asUintN(64, o.imm)), width: 64, span });
    return t2;
  };
  for (const i of b.insts) {
    switch (i.op) {
      case "alu": {
        if (isImm(i.b)) {
          const w = BigInt(i.width);
          const v = BigInt.asUintN(i.width, i.b.imm);
          if (v === 0n && (i.alu === "div" || i.alu === "sdiv")) {
            out.push({ op: "mov", dst: i.dst, src: imm(0n), width: 64, span: i.span });
            continue;
          }
          if (v === 0n && (i.alu === "mod" || i.alu === "smod")) {
            out.push({ op: "mov", dst: i.dst, src: i.a, width: i.width, span: i.span });
            continue;
          }
          if (i.alu === "lsh" || i.alu === "rsh" || i.alu === "arsh") {
            out.push({ ...i, b: imm(v & w - 1n) });
            continue;
          }
        }
        out.push({ ...i, b: enc(i.b, i.width, i.span) });
        break;
      }
      case "setcc":
        out.push({ ...i, b: enc(i.b, i.width, i.span) });
        break;
      case "store": {
        if (isImm(i.value)) {
          const v = BigInt.asUintN(i.size * 8, i.value.imm);
          const value = i.size === 8 ? enc(imm(v), 64, i.span) : imm(BigInt.asIntN(32, v));
          out.push({ ...i, value });
        } else out.push(i);
        break;
      }
      default:
        out.push(i);
    }
  }
  const t = b.term;
  if (t.op === "br") t.b = enc(t.b, t.width, t.span);
  b.insts = out;
}

// frontend-c/ir/cfg.ts
function blockMap(fn) {
  return new Map(fn.blocks.map((b) => [b.id, b]));
}
function predecessors(fn) {
  const preds = new Map(fn.blocks.map((b) => [b.id, []]));
  for (const b of fn.blocks) for (const s2 of successors(b.term)) preds.get(s2)?.push(b.id);
  return preds;
}
function removeUnreachable(fn) {
  const map = blockMap(fn);
  const seen = /* @__PURE__ */ new Set();
  const stack = [fn.blocks[0].id];
  while (stack.length > 0) {
    const id = stack.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    for (const s2 of successors(map.get(id).term)) stack.push(s2);
  }
  if (seen.size === fn.blocks.length) return false;
  fn.blocks = fn.blocks.filter((b) => seen.has(b.id));
  return true;
}
function retarget(t, from, to) {
  if (t.op === "jmp") {
    if (t.target === from) t.target = to;
  } else if (t.op === "br") {
    if (t.then === from) t.then = to;
    if (t.else === from) t.else = to;
  }
}
function simplifyCfg(fn) {
  let any = false;
  for (let round = 0; round < 20; round++) {
    let changed = removeUnreachable(fn);
    const map = blockMap(fn);
    for (const b of fn.blocks) {
      const t = b.term;
      if (t.op === "br" && t.then === t.else) {
        b.term = { op: "jmp", target: t.then, span: t.span };
        changed = true;
      }
    }
    const entry = fn.blocks[0].id;
    for (const b of fn.blocks) {
      for (const s2 of successors(b.term)) {
        let target = s2;
        const hops = /* @__PURE__ */ new Set();
        for (; ; ) {
          const tb = map.get(target);
          if (tb.id === entry || tb.insts.length > 0 || tb.term.op !== "jmp" || hops.has(target)) break;
          hops.add(target);
          target = tb.term.target;
        }
        if (target !== s2) {
          retarget(b.term, s2, target);
          changed = true;
        }
      }
    }
    const preds = predecessors(fn);
    const removed = /* @__PURE__ */ new Set();
    for (const b of fn.blocks) {
      if (removed.has(b.id)) continue;
      for (; ; ) {
        const t = b.term;
        if (t.op !== "jmp") break;
        const s2 = map.get(t.target);
        if (s2.id === b.id || s2.id === entry || removed.has(s2.id) || preds.get(s2.id).length !== 1) break;
        b.insts.push(...s2.insts);
        b.term = s2.term;
        removed.add(s2.id);
        for (const ss of successors(s2.term)) {
          const p = preds.get(ss);
          for (let k = 0; k < p.length; k++) if (p[k] === s2.id) p[k] = b.id;
        }
        changed = true;
      }
    }
    if (removed.size > 0) fn.blocks = fn.blocks.filter((b) => !removed.has(b.id));
    if (!changed) break;
    any = true;
  }
  return any;
}

// frontend-c/ir/bitset.ts
var BitSet = class _BitSet {
  words;
  constructor(capacityOrWords) {
    this.words = typeof capacityOrWords === "number" ? new Uint32Array(capacityOrWords + 31 >>> 5) : capacityOrWords;
  }
  has(v) {
    return ((this.words[v >>> 5] ?? 0) & 1 << (v & 31)) !== 0;
  }
  add(v) {
    this.words[v >>> 5] |= 1 << (v & 31);
  }
  delete(v) {
    this.words[v >>> 5] &= ~(1 << (v & 31));
  }
  clone() {
    return new _BitSet(this.words.slice());
  }
  forEach(cb) {
    const w = this.words;
    for (let k = 0; k < w.length; k++) {
      let x = w[k];
      while (x !== 0) {
        const low = x & -x;
        cb(k * 32 + 31 - Math.clz32(low));
        x ^= low;
      }
    }
  }
  toArray() {
    const out = [];
    this.forEach((v) => out.push(v));
    return out;
  }
};

// frontend-c/ir/liveness.ts
function computeLiveness(fn, extra) {
  const words = fn.nextVReg + 31 >>> 5;
  const n = fn.blocks.length;
  const index = /* @__PURE__ */ new Map();
  fn.blocks.forEach((b, k) => index.set(b.id, k));
  const gen = new Uint32Array(n * words);
  const kill = new Uint32Array(n * words);
  const has = (bits, base, v) => (bits[base + (v >>> 5)] & 1 << (v & 31)) !== 0;
  const set = (bits, base, v) => {
    bits[base + (v >>> 5)] |= 1 << (v & 31);
  };
  fn.blocks.forEach((b, k) => {
    const base = k * words;
    const use = (u2) => {
      if (!has(kill, base, u2)) set(gen, base, u2);
    };
    for (const i of b.insts) {
      const e = extra?.(i);
      for (const u2 of instUses(i)) use(u2);
      if (e?.uses) for (const u2 of e.uses) use(u2);
      const d = instDef(i);
      if (d !== void 0) set(kill, base, d);
      if (e?.defs) for (const d2 of e.defs) set(kill, base, d2);
    }
    for (const u2 of termUses(b.term)) use(u2);
  });
  const succ = fn.blocks.map((b) => successors(b.term).map((s2) => index.get(s2)));
  const liveIn = gen.slice();
  const liveOut = new Uint32Array(n * words);
  let changed = true;
  while (changed) {
    changed = false;
    for (let k = n - 1; k >= 0; k--) {
      const base = k * words;
      for (const s2 of succ[k]) {
        const sb = s2 * words;
        for (let w = 0; w < words; w++) liveOut[base + w] |= liveIn[sb + w];
      }
      for (let w = 0; w < words; w++) {
        const v = (gen[base + w] | liveOut[base + w] & ~kill[base + w]) >>> 0;
        if (v !== liveIn[base + w]) {
          liveIn[base + w] = v;
          changed = true;
        }
      }
    }
  }
  const inMap = /* @__PURE__ */ new Map();
  const outMap = /* @__PURE__ */ new Map();
  fn.blocks.forEach((b, k) => {
    inMap.set(b.id, new BitSet(liveIn.slice(k * words, (k + 1) * words)));
    outMap.set(b.id, new BitSet(liveOut.slice(k * words, (k + 1) * words)));
  });
  return { liveIn: inMap, liveOut: outMap };
}

// frontend-c/ir/optimize.ts
function optimizeFunction(fn, opts = {}) {
  const rounds = opts.maxRounds ?? 6;
  simplifyCfg(fn);
  for (let r2 = 0; r2 < rounds; r2++) {
    let changed = propagate(fn);
    changed = eliminateDeadCode(fn) || changed;
    changed = simplifyCfg(fn) || changed;
    if (!changed) break;
  }
}
function defCounts(fn) {
  const n = /* @__PURE__ */ new Map();
  for (const p of fn.params) n.set(p, (n.get(p) ?? 0) + 1);
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      const d = instDef(i);
      if (d !== void 0) n.set(d, (n.get(d) ?? 0) + 1);
    }
  }
  return n;
}
function propagate(fn) {
  const defs = defCounts(fn);
  const single = (v) => defs.get(v) === 1;
  const globalConst = /* @__PURE__ */ new Map();
  const globalCopy = /* @__PURE__ */ new Map();
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op !== "mov" || !single(i.dst)) continue;
      if (isImm(i.src)) globalConst.set(i.dst, i.width === 32 ? BigInt.asUintN(32, i.src.imm) : toU64(i.src.imm));
      else if (i.width === 64 && single(i.src) && !fn.params.includes(i.dst)) globalCopy.set(i.dst, i.src);
    }
  }
  const root = (v) => {
    let r2 = v;
    for (let k = 0; k < 64 && globalCopy.has(r2); k++) r2 = globalCopy.get(r2);
    return r2;
  };
  let changed = false;
  for (const b of fn.blocks) {
    const known = /* @__PURE__ */ new Map();
    const copies = /* @__PURE__ */ new Map();
    const val = (v) => known.get(v) ?? globalConst.get(v);
    const reg = (v) => {
      const r2 = root(copies.get(v) ?? v);
      return r2;
    };
    const opnd = (o) => {
      if (isImm(o)) return o;
      const r2 = reg(o);
      const c = val(r2);
      return c === void 0 ? r2 : imm(c);
    };
    const kill = (d) => {
      known.delete(d);
      copies.delete(d);
      for (const [k, v] of copies) if (v === d) copies.delete(k);
    };
    for (let idx = 0; idx < b.insts.length; idx++) {
      const before = b.insts[idx];
      const i = rewriteOperands(before, reg, opnd);
      const folded = fold(foldConstants(i, val));
      b.insts[idx] = folded;
      if (folded !== before) changed = true;
      const d = instDef(folded);
      if (d === void 0) continue;
      kill(d);
      if (folded.op === "mov") {
        if (isImm(folded.src)) known.set(d, folded.width === 32 ? BigInt.asUintN(32, folded.src.imm) : toU64(folded.src.imm));
        else if (folded.width === 64 && folded.src !== d) copies.set(d, folded.src);
      }
    }
    const t = b.term;
    if (t.op === "ret") {
      const v = opnd(t.value);
      if (v !== t.value) {
        t.value = v;
        changed = true;
      }
    } else if (t.op === "br") {
      let a = opnd(t.a);
      let bb = opnd(t.b);
      if (isImm(a) && isImm(bb)) {
        const target = evalCond(t.cond, t.width, toU64(a.imm), toU64(bb.imm)) ? t.then : t.else;
        b.term = { op: "jmp", target, span: t.span };
        changed = true;
        continue;
      }
      let cond2 = t.cond;
      if (isImm(a) && !isImm(bb)) {
        [a, bb] = [bb, a];
        cond2 = swapCond(cond2);
      }
      if (isImm(a)) continue;
      if (a !== t.a || bb !== t.b || cond2 !== t.cond) {
        t.a = a;
        t.b = bb;
        t.cond = cond2;
        changed = true;
      }
    }
  }
  return changed;
}
function rewriteOperands(i, reg, opnd) {
  switch (i.op) {
    case "mov": {
      const src = opnd(i.src);
      return src === i.src ? i : { ...i, src };
    }
    case "alu": {
      const a = reg(i.a);
      const b = opnd(i.b);
      return a === i.a && b === i.b ? i : { ...i, a, b };
    }
    case "neg":
    case "ext":
    case "endian": {
      const a = reg(i.a);
      return a === i.a ? i : { ...i, a };
    }
    case "setcc": {
      const a = reg(i.a);
      const b = opnd(i.b);
      return a === i.a && b === i.b ? i : { ...i, a, b };
    }
    case "load":
      return typeof i.base === "number" && reg(i.base) !== i.base ? { ...i, base: reg(i.base) } : i;
    case "store": {
      const base = typeof i.base === "number" ? reg(i.base) : i.base;
      const value = opnd(i.value);
      return base === i.base && value === i.value ? i : { ...i, base, value };
    }
    case "call":
    case "calllocal": {
      const args = i.args.map(reg);
      return args.every((a, k) => a === i.args[k]) ? i : { ...i, args };
    }
    case "atomic": {
      const base = typeof i.base === "number" ? reg(i.base) : i.base;
      const value = reg(i.value);
      const expected = i.expected === void 0 ? void 0 : reg(i.expected);
      if (base === i.base && value === i.value && expected === i.expected) return i;
      const out = { ...i, base, value };
      if (expected !== void 0) out.expected = expected;
      return out;
    }
    case "zero":
      return typeof i.base === "number" && reg(i.base) !== i.base ? { ...i, base: reg(i.base) } : i;
    case "copy": {
      const dstBase = typeof i.dstBase === "number" ? reg(i.dstBase) : i.dstBase;
      const srcBase = typeof i.srcBase === "number" ? reg(i.srcBase) : i.srcBase;
      return dstBase === i.dstBase && srcBase === i.srcBase ? i : { ...i, dstBase, srcBase };
    }
    default:
      return i;
  }
}
function fold(i) {
  const known = (o) => isImm(o) ? toU64(o.imm) : void 0;
  switch (i.op) {
    case "alu": {
      const b = known(i.b);
      if (b === void 0) return i;
      const w = i.width;
      const mask = w === 64 ? toU64(-1n) : 0xffffffffn;
      const bw = b & mask;
      const identity = bw === 0n && (i.alu === "add" || i.alu === "sub" || i.alu === "or" || i.alu === "xor" || i.alu === "lsh" || i.alu === "rsh" || i.alu === "arsh") || bw === 1n && (i.alu === "mul" || i.alu === "div" || i.alu === "sdiv") || bw === mask && i.alu === "and";
      if (identity) return { op: "mov", dst: i.dst, src: i.a, width: w, span: i.span };
      if (bw === 0n && (i.alu === "mul" || i.alu === "and")) return { op: "mov", dst: i.dst, src: imm(0n), width: 64, span: i.span };
      return i;
    }
    default:
      return i;
  }
}
function foldConstants(i, val) {
  switch (i.op) {
    case "alu": {
      const a = val(i.a);
      const b = isImm(i.b) ? toU64(i.b.imm) : val(i.b);
      if (a !== void 0 && b === void 0 && isCommutative(i.alu) && !isImm(i.b)) return { ...i, a: i.b, b: imm(a) };
      if (a === void 0 || b === void 0) return i;
      return { op: "mov", dst: i.dst, src: imm(evalAlu(i.alu, i.width, a, b)), width: 64, span: i.span };
    }
    case "neg": {
      const a = val(i.a);
      return a === void 0 ? i : { op: "mov", dst: i.dst, src: imm(evalNeg(i.width, a)), width: 64, span: i.span };
    }
    case "ext": {
      const a = val(i.a);
      return a === void 0 ? i : { op: "mov", dst: i.dst, src: imm(evalExt(a, i.from, i.signed)), width: 64, span: i.span };
    }
    case "endian": {
      const a = val(i.a);
      return a === void 0 ? i : { op: "mov", dst: i.dst, src: imm(evalEndian(a, i.kind, i.bits)), width: 64, span: i.span };
    }
    case "setcc": {
      const a = val(i.a);
      const b = isImm(i.b) ? toU64(i.b.imm) : val(i.b);
      if (a === void 0 || b === void 0) return i;
      return { op: "mov", dst: i.dst, src: imm(evalCond(i.cond, i.width, a, b) ? 1n : 0n), width: 64, span: i.span };
    }
    default:
      return i;
  }
}
function eliminateDeadCode(fn) {
  let any = false;
  for (let round = 0; round < 10; round++) {
    const { liveOut } = computeLiveness(fn);
    let changed = false;
    for (const b of fn.blocks) {
      const live2 = liveOut.get(b.id);
      const t = b.term;
      if (t.op === "br") {
        live2.add(t.a);
        if (!isImm(t.b)) live2.add(t.b);
      }
      if (t.op === "ret" && !isImm(t.value)) live2.add(t.value);
      const kept = [];
      for (let idx = b.insts.length - 1; idx >= 0; idx--) {
        const i = b.insts[idx];
        const d = instDef(i);
        const selfMove = i.op === "mov" && i.width === 64 && i.src === i.dst;
        if (selfMove || d !== void 0 && !live2.has(d) && !hasSideEffects(i)) {
          changed = true;
          continue;
        }
        if (d !== void 0) live2.delete(d);
        for (const u2 of instUses(i)) live2.add(u2);
        kept.push(i);
      }
      if (kept.length !== b.insts.length) b.insts = kept.reverse();
    }
    if (!changed) break;
    any = true;
  }
  return any;
}

// frontend-c/ir/printer.ts
function printFunction(fn) {
  const reg = (v) => {
    if (isPhys(v)) return `r${v}`;
    const n = fn.vregNames.get(v);
    return n === void 0 ? `%${v}` : `%${n}.${v}`;
  };
  const frameName = (id) => fn.frame.find((f2) => f2.id === id)?.name ?? `frame${id}`;
  const opnd = (o) => isImm(o) ? String(o.imm) : reg(o);
  const base = (b, off) => {
    const s2 = isFrame(b) ? `[${frameName(b.frame)}]` : reg(b);
    return off === 0 ? s2 : `${s2}${off < 0 ? "" : "+"}${off}`;
  };
  const w = (width) => width === 32 ? "32" : "";
  const inst = (i) => {
    switch (i.op) {
      case "mov":
        return `${reg(i.dst)} = mov${w(i.width)} ${opnd(i.src)}`;
      case "alu":
        return `${reg(i.dst)} = ${i.alu}${w(i.width)} ${reg(i.a)}, ${opnd(i.b)}`;
      case "neg":
        return `${reg(i.dst)} = neg${w(i.width)} ${reg(i.a)}`;
      case "ext":
        return `${reg(i.dst)} = ${i.signed ? "sext" : "zext"}${i.from} ${reg(i.a)}`;
      case "endian":
        return `${reg(i.dst)} = ${i.kind}${i.bits} ${reg(i.a)}`;
      case "setcc":
        return `${reg(i.dst)} = set.${i.cond}${w(i.width)} ${reg(i.a)}, ${opnd(i.b)}`;
      case "load":
        return `${reg(i.dst)} = load${i.signed ? "s" : ""}${i.size * 8} ${base(i.base, i.off)}`;
      case "store":
        return `store${i.size * 8} ${base(i.base, i.off)}, ${opnd(i.value)}`;
      case "frameaddr":
        return `${reg(i.dst)} = addr ${base({ frame: i.frame }, i.off)}`;
      case "mapfd":
        return `${reg(i.dst)} = map ${i.map}`;
      case "mapvalue":
        return `${reg(i.dst)} = mapvalue ${i.map}+${i.off}`;
      case "call":
      case "calllocal": {
        const callee = i.op === "call" ? `helper#${i.helper}` : i.callee;
        const lhs = i.dst === void 0 ? "" : `${reg(i.dst)} = `;
        return `${lhs}call ${callee}(${i.args.map(reg).join(", ")})`;
      }
      case "atomic": {
        const lhs = i.dst === void 0 ? "" : `${reg(i.dst)} = `;
        const exp = i.expected === void 0 ? "" : `, expected ${reg(i.expected)}`;
        return `${lhs}atomic.${i.aop}${i.fetch ? ".fetch" : ""}${i.size * 8} ${base(i.base, i.off)}, ${reg(i.value)}${exp}`;
      }
      case "zero":
        return `zero ${base(i.base, i.off)}, ${i.size}`;
      case "copy":
        return `copy ${base(i.dstBase, i.dstOff)}, ${base(i.srcBase, i.srcOff)}, ${i.size}`;
    }
  };
  const term = (t) => {
    if (t === void 0) return "<no terminator>";
    switch (t.op) {
      case "jmp":
        return `jmp bb${t.target}`;
      case "br":
        return `br.${t.cond}${w(t.width)} ${reg(t.a)}, ${opnd(t.b)} ? bb${t.then} : bb${t.else}`;
      case "ret":
        return `ret ${opnd(t.value)}`;
    }
  };
  const out = [];
  out.push(`fn ${fn.name}(${fn.params.map(reg).join(", ")}) {`);
  for (const f2 of fn.frame) out.push(`  frame ${f2.name}#${f2.id}: size ${f2.size} align ${f2.align}`);
  const block = (b) => {
    out.push(`bb${b.id}:${b.label === void 0 ? "" : ` ; ${b.label}`}`);
    for (const i of b.insts) out.push(`  ${inst(i)}`);
    out.push(`  ${term(b.term)}`);
  };
  fn.blocks.forEach(block);
  out.push("}");
  return out.join("\n");
}

// frontend-c/ir/verify.ts
function verifyFunction(fn, pass, opts = {}) {
  const fail = (msg, i) => {
    throw new InternalCompilerError(pass, `${fn.name}: ${msg}`, i?.span);
  };
  if (fn.blocks.length === 0) fail("function has no blocks");
  const byId = /* @__PURE__ */ new Map();
  fn.blocks.forEach((b, idx) => {
    if (byId.has(b.id)) fail(`duplicate block id bb${b.id}`);
    byId.set(b.id, idx);
  });
  const frames = new Map(fn.frame.map((f2) => [f2.id, f2]));
  const checkBase = (b, off, size, i) => {
    if (isFrame(b)) {
      const f2 = frames.get(b.frame);
      if (f2 === void 0) fail(`unknown frame object ${b.frame}`, i);
      else if (off < 0 || off + size > f2.size) fail(`access ${off}+${size} outside frame object ${f2.name} (${f2.size} bytes)`, i);
    }
  };
  for (const b of fn.blocks) {
    if (b.term === void 0) fail(`bb${b.id} has no terminator`);
    for (const s2 of successors(b.term)) if (!byId.has(s2)) fail(`bb${b.id} jumps to missing bb${s2}`, b.term);
    for (const i of b.insts) {
      switch (i.op) {
        case "load":
        case "store":
          checkBase(i.base, i.off, i.size, i);
          break;
        case "atomic":
          checkBase(i.base, i.off, i.size, i);
          break;
        case "zero":
          checkBase(i.base, i.off, i.size, i);
          break;
        case "copy":
          checkBase(i.dstBase, i.dstOff, i.size, i);
          checkBase(i.srcBase, i.srcOff, i.size, i);
          break;
        case "frameaddr":
          if (!frames.has(i.frame)) fail(`unknown frame object ${i.frame}`, i);
          break;
        case "call":
        case "calllocal":
          if (i.args.length > 5) fail(`call with ${i.args.length} args (max 5)`, i);
          break;
        default:
          break;
      }
      if (i.op === "atomic" && i.aop === "cmpxchg" && i.expected === void 0) fail("cmpxchg without expected", i);
      const d = instDef(i);
      if (d !== void 0 && d === FP_VREG) fail("write to r10", i);
      if (!opts.allowPhys) {
        for (const v of [...instUses(i), ...d === void 0 ? [] : [d]]) {
          if (isPhys(v)) fail(`physical register r${v} in virtual IR`, i);
        }
      }
    }
  }
  checkDefinedBeforeUse(fn, byId, fail);
}
function checkDefinedBeforeUse(fn, byId, fail) {
  const n = fn.blocks.length;
  const preds = fn.blocks.map(() => []);
  fn.blocks.forEach((b, idx) => {
    for (const s2 of successors(b.term)) preds[byId.get(s2)].push(idx);
  });
  const entryDefs = /* @__PURE__ */ new Set([...fn.params, FP_VREG]);
  const inSets = new Array(n).fill(void 0);
  const outSets = new Array(n).fill(void 0);
  let changed = true;
  while (changed) {
    changed = false;
    for (let idx = 0; idx < n; idx++) {
      let inS;
      if (idx === 0) inS = new Set(entryDefs);
      for (const p of preds[idx]) {
        const o = outSets[p];
        if (o === void 0) continue;
        if (inS === void 0) inS = new Set(o);
        else for (const v of inS) if (!o.has(v)) inS.delete(v);
      }
      if (inS === void 0) continue;
      const out = new Set(inS);
      for (const i of fn.blocks[idx].insts) {
        const d = instDef(i);
        if (d !== void 0) out.add(d);
      }
      const prev = outSets[idx];
      if (prev === void 0 || prev.size !== out.size) {
        outSets[idx] = out;
        inSets[idx] = inS;
        changed = true;
      } else {
        inSets[idx] = inS;
      }
    }
  }
  fn.blocks.forEach((b, idx) => {
    const inS = inSets[idx];
    if (inS === void 0) return;
    const defs = new Set(inS);
    for (const i of b.insts) {
      for (const u2 of instUses(i)) if (!isPhys(u2) && !defs.has(u2)) fail(`vreg %${u2} may be used before it is defined in bb${b.id}`, i);
      const d = instDef(i);
      if (d !== void 0) defs.add(d);
    }
    for (const u2 of termUses(b.term)) if (!isPhys(u2) && !defs.has(u2)) fail(`vreg %${u2} may be used before it is defined in bb${b.id}`, b.term);
  });
}

// frontend-c/ir/rewrite.ts
function mapInstRegs(i, use, def) {
  const o = (x) => isImm(x) ? x : use(x);
  const base = (b) => isFrame(b) ? b : use(b);
  switch (i.op) {
    case "mov":
      return { ...i, src: o(i.src), dst: def(i.dst) };
    case "alu":
      return { ...i, a: use(i.a), b: o(i.b), dst: def(i.dst) };
    case "neg":
    case "ext":
    case "endian":
      return { ...i, a: use(i.a), dst: def(i.dst) };
    case "setcc":
      return { ...i, a: use(i.a), b: o(i.b), dst: def(i.dst) };
    case "load":
      return { ...i, base: base(i.base), dst: def(i.dst) };
    case "store":
      return { ...i, base: base(i.base), value: o(i.value) };
    case "frameaddr":
    case "mapfd":
    case "mapvalue":
      return { ...i, dst: def(i.dst) };
    case "call":
    case "calllocal":
      return { ...i, args: i.args.map(use), dst: i.dst === void 0 ? void 0 : def(i.dst) };
    case "atomic": {
      const out = { ...i, base: base(i.base), value: use(i.value), dst: i.dst === void 0 ? void 0 : def(i.dst) };
      if (i.expected !== void 0) out.expected = use(i.expected);
      return out;
    }
    case "zero":
      return { ...i, base: base(i.base) };
    case "copy":
      return { ...i, dstBase: base(i.dstBase), srcBase: base(i.srcBase) };
  }
}
function mapTermRegs(t, use) {
  switch (t.op) {
    case "jmp":
      return t;
    case "br":
      return { ...t, a: use(t.a), b: isImm(t.b) ? t.b : use(t.b) };
    case "ret":
      return { ...t, value: isImm(t.value) ? t.value : use(t.value) };
  }
}

// frontend-c/regalloc/loops.ts
function loopDepths(fn) {
  const map = blockMap(fn);
  const preds = predecessors(fn);
  const depth = new Map(fn.blocks.map((b) => [b.id, 0]));
  const state = /* @__PURE__ */ new Map();
  const backEdges = [];
  const stack = [[fn.blocks[0].id, successors(map.get(fn.blocks[0].id).term)]];
  state.set(fn.blocks[0].id, 1);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const next = top[1].pop();
    if (next === void 0) {
      state.set(top[0], 2);
      stack.pop();
      continue;
    }
    const st2 = state.get(next);
    if (st2 === 1) backEdges.push([top[0], next]);
    else if (st2 === void 0) {
      state.set(next, 1);
      stack.push([next, successors(map.get(next).term)]);
    }
  }
  for (const [tail, header] of backEdges) {
    const body = /* @__PURE__ */ new Set([header]);
    const work = [tail];
    while (work.length > 0) {
      const b = work.pop();
      if (body.has(b)) continue;
      body.add(b);
      for (const p of preds.get(b) ?? []) work.push(p);
    }
    for (const b of body) depth.set(b, depth.get(b) + 1);
  }
  return depth;
}

// frontend-c/regalloc/machine.ts
var R0 = 0;
var CALL_CLOBBERS = [0, 1, 2, 3, 4, 5];
var ALLOCATABLE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
function toMachineForm(fn) {
  const entry = fn.blocks[0];
  if (fn.params.length > 5) throw new InternalCompilerError("machine", `${fn.name} has more than 5 parameters`, fn.span);
  const prologue = fn.params.map((p, k) => ({ op: "mov", dst: p, src: k + 1, width: 64, span: fn.span }));
  fn.params = [];
  entry.insts = [...prologue, ...entry.insts];
  for (const b of fn.blocks) {
    const out = [];
    for (const i of b.insts) {
      if (i.op === "call" || i.op === "calllocal") {
        i.args.forEach((a, k) => out.push({ op: "mov", dst: k + 1, src: a, width: 64, span: i.span }));
        const args = i.args.map((_, k) => k + 1);
        out.push({ ...i, args, dst: R0 });
        if (i.dst !== void 0) out.push({ op: "mov", dst: i.dst, src: R0, width: 64, span: i.span });
      } else if (i.op === "atomic" && i.aop === "cmpxchg") {
        out.push({ op: "mov", dst: R0, src: i.expected, width: 64, span: i.span });
        out.push({ ...i, expected: R0, dst: R0 });
        if (i.dst !== void 0) out.push({ op: "mov", dst: i.dst, src: R0, width: 64, span: i.span });
      } else if (i.op === "atomic" && i.fetch) {
        const t2 = newVReg(fn);
        out.push({ op: "mov", dst: t2, src: i.value, width: 64, span: i.span });
        out.push({ ...i, value: t2, dst: t2 });
        if (i.dst !== void 0) out.push({ op: "mov", dst: i.dst, src: t2, width: 64, span: i.span });
      } else if (i.op === "alu" && !isCommutative(i.alu) && i.b === i.dst && i.a !== i.dst || i.op === "setcc" && (i.a === i.dst || i.b === i.dst)) {
        const t2 = newVReg(fn);
        out.push({ ...i, dst: t2 });
        out.push({ op: "mov", dst: i.dst, src: t2, width: 64, span: i.span });
      } else out.push(i);
    }
    const t = b.term;
    if (t.op === "ret") {
      out.push({ op: "mov", dst: R0, src: isImm(t.value) ? imm(t.value.imm) : t.value, width: 64, span: t.span });
      b.term = { op: "ret", value: R0, span: t.span };
    }
    b.insts = out;
  }
}
function clobbers(i) {
  return i.op === "call" || i.op === "calllocal" ? CALL_CLOBBERS : void 0;
}

// frontend-c/regalloc/allocate.ts
var K = ALLOCATABLE.length;
function allocateRegisters(fn) {
  const noSpill = /* @__PURE__ */ new Set();
  let spilled = 0;
  for (let round = 1; round <= 16; round++) {
    const g = buildGraph(fn, noSpill);
    const colour = colourGraph(g);
    if (colour.spills.length === 0) {
      const reg = (v) => isPhys(v) ? v : colour.assignment.get(v) ?? unassigned(fn, v);
      for (const b of fn.blocks) {
        b.insts = b.insts.map((i) => mapInstRegs(i, reg, reg));
        b.term = mapTermRegs(b.term, reg);
      }
      return { spilled, rounds: round };
    }
    spilled += colour.spills.length;
    insertSpillCode(fn, new Set(colour.spills), noSpill);
  }
  throw new InternalCompilerError("regalloc", `${fn.name}: register allocation did not converge`, fn.span);
}
function unassigned(fn, v) {
  throw new InternalCompilerError("regalloc", `${fn.name}: vreg %${v} has no register`, fn.span);
}
function buildGraph(fn, noSpill) {
  const n = fn.nextVReg;
  const words = n + 31 >>> 5;
  const present = new Uint8Array(n);
  const adjBits = new Uint32Array(n * words);
  const adj = Array.from({ length: n }, () => []);
  const moves = /* @__PURE__ */ new Map();
  const cost = new Float64Array(n);
  const edge = (a, b) => {
    if (a === b || isPhys(a) && isPhys(b)) return;
    const k = a * words + (b >>> 5);
    const bit = 1 << (b & 31);
    if ((adjBits[k] & bit) !== 0) return;
    adjBits[k] |= bit;
    adjBits[b * words + (a >>> 5)] |= 1 << (a & 31);
    adj[a].push(b);
    adj[b].push(a);
  };
  const move = (a, b) => {
    if (a === b) return;
    if (!moves.has(a)) moves.set(a, []);
    if (!moves.has(b)) moves.set(b, []);
    moves.get(a).push(b);
    moves.get(b).push(a);
  };
  for (const r2 of ALLOCATABLE) present[r2] = 1;
  const depth = loopDepths(fn);
  const { liveOut } = computeLiveness(fn, (i) => {
    const c = clobbers(i);
    return c === void 0 ? void 0 : { defs: c };
  });
  for (const b of fn.blocks) {
    const w = 10 ** Math.min(4, depth.get(b.id) ?? 0);
    const bump = (v) => {
      present[v] = 1;
      if (!isPhys(v)) cost[v] += w;
    };
    const live2 = liveOut.get(b.id);
    live2.forEach((v) => {
      present[v] = 1;
    });
    for (const u2 of termUses(b.term)) {
      live2.add(u2);
      bump(u2);
    }
    for (let idx = b.insts.length - 1; idx >= 0; idx--) {
      const i = b.insts[idx];
      const d = instDef(i);
      const uses = instUses(i);
      const isCopy = i.op === "mov" && i.width === 64 && !isImm(i.src);
      if (isCopy) {
        live2.delete(i.src);
        move(i.dst, i.src);
      }
      const c = clobbers(i);
      const defs = c === void 0 ? d === void 0 ? [] : [d] : d === void 0 ? c : [d, ...c];
      for (const x of defs) {
        live2.forEach((l) => edge(x, l));
        bump(x);
      }
      if (d !== void 0) {
        if (i.op === "alu" && !isImm(i.b) && i.b !== i.a && !isCommutative(i.alu)) edge(d, i.b);
        if (i.op === "setcc") {
          edge(d, i.a);
          if (!isImm(i.b)) edge(d, i.b);
        }
      }
      for (const x of defs) live2.delete(x);
      for (const u2 of uses) {
        live2.add(u2);
        bump(u2);
      }
    }
  }
  for (const v of noSpill) if (v < n) cost[v] = Infinity;
  return { n, present, adjBits, words, adj, moves, cost };
}
function colourGraph(g) {
  const degree = new Int32Array(g.n);
  const removed = new Uint8Array(g.n);
  const low = [];
  let remaining = 0;
  for (let v = FIRST_VREG; v < g.n; v++) {
    if (g.present[v] === 0) continue;
    remaining++;
    degree[v] = g.adj[v].length;
    if (degree[v] < K) low.push(v);
  }
  const stack = [];
  const remove = (v) => {
    removed[v] = 1;
    remaining--;
    stack.push(v);
    for (const m of g.adj[v]) {
      if (isPhys(m) || removed[m] === 1) continue;
      if (--degree[m] === K - 1) low.push(m);
    }
  };
  while (remaining > 0) {
    const v = low.pop();
    if (v !== void 0) {
      if (removed[v] === 0) remove(v);
      continue;
    }
    let pick = -1;
    let best = Infinity;
    for (let u2 = FIRST_VREG; u2 < g.n; u2++) {
      if (g.present[u2] === 0 || removed[u2] === 1) continue;
      const score = g.cost[u2] / (degree[u2] + 1);
      if (pick < 0 || score < best) {
        best = score;
        pick = u2;
      }
    }
    remove(pick);
  }
  const colour = new Int32Array(g.n).fill(-1);
  for (let r2 = 0; r2 <= 10; r2++) colour[r2] = r2;
  const forbiddenOf = (v) => {
    let mask = 0;
    for (const m of g.adj[v]) if (colour[m] >= 0) mask |= 1 << colour[m];
    return mask;
  };
  const firstFree = (mask) => ALLOCATABLE.find((r2) => (mask & 1 << r2) === 0);
  const spills = [];
  for (let k = stack.length - 1; k >= 0; k--) {
    const v = stack[k];
    const forbidden = forbiddenOf(v);
    let chosen;
    const partners = g.moves.get(v);
    if (partners !== void 0) {
      for (const p of partners) {
        const c = colour[p];
        if (c >= 0 && c !== 10 && (forbidden & 1 << c) === 0) {
          chosen = c;
          break;
        }
      }
      if (chosen === void 0) {
        for (const p of partners) {
          if (colour[p] >= 0) continue;
          chosen = firstFree(forbidden | forbiddenOf(p));
          if (chosen !== void 0) break;
        }
      }
    }
    chosen ??= firstFree(forbidden);
    if (chosen === void 0) spills.push(v);
    else colour[v] = chosen;
  }
  const assignment = /* @__PURE__ */ new Map();
  for (let v = FIRST_VREG; v < g.n; v++) if (colour[v] >= 0) assignment.set(v, colour[v]);
  return { assignment, spills };
}
function insertSpillCode(fn, spills, noSpill) {
  const slots = /* @__PURE__ */ new Map();
  for (const v of spills) {
    if (noSpill.has(v)) throw new InternalCompilerError("regalloc", `${fn.name}: must spill a spill temporary`, fn.span);
    slots.set(v, newFrameObject(fn, `spill.${v}`, 8, 8).frame);
  }
  for (const b of fn.blocks) {
    const out = [];
    for (const i of b.insts) {
      const pre2 = [];
      const post = [];
      const temps = /* @__PURE__ */ new Map();
      const temp = (v) => {
        let t2 = temps.get(v);
        if (t2 === void 0) {
          t2 = newVReg(fn);
          noSpill.add(t2);
          temps.set(v, t2);
        }
        return t2;
      };
      const use = (v) => {
        if (!spills.has(v)) return v;
        const had = temps.has(v);
        const t2 = temp(v);
        if (!had) pre2.push({ op: "load", dst: t2, base: { frame: slots.get(v) }, off: 0, size: 8, signed: false, span: i.span });
        return t2;
      };
      const def = (v) => {
        if (!spills.has(v)) return v;
        const t2 = temp(v);
        post.push({ op: "store", base: { frame: slots.get(v) }, off: 0, size: 8, value: t2, span: i.span });
        return t2;
      };
      const ni = mapInstRegs(i, use, def);
      out.push(...pre2, ni, ...post);
    }
    const pre = [];
    const t = b.term;
    b.term = mapTermRegs(t, (v) => {
      if (!spills.has(v)) return v;
      const tmp = newVReg(fn);
      noSpill.add(tmp);
      pre.push({ op: "load", dst: tmp, base: { frame: slots.get(v) }, off: 0, size: 8, signed: false, span: t.span });
      return tmp;
    });
    out.push(...pre);
    b.insts = out;
  }
}

// frontend-c/regalloc/frame.ts
var MAX_STACK = 512;
function layoutFrame(fn, sink) {
  const objs = [...fn.frame].sort((a, b) => b.align - a.align || b.size - a.size || a.id - b.id);
  const offsets = /* @__PURE__ */ new Map();
  let cursor = 0;
  for (const o of objs) {
    const align = Math.max(1, Math.min(8, o.align));
    cursor += Math.max(1, o.size);
    cursor = Math.ceil(cursor / align) * align;
    offsets.set(o.id, -cursor);
  }
  const size = Math.ceil(cursor / 8) * 8;
  if (size > MAX_STACK) {
    const largest = [...fn.frame].sort((a, b) => b.size - a.size).slice(0, 3);
    const notes = largest.map(
      (o) => o.span === void 0 ? { message: `'${o.name}' uses ${o.size} bytes` } : { message: `'${o.name}' uses ${o.size} bytes`, span: o.span }
    );
    notes.push({ message: "move large buffers into a BPF_PERCPU_ARRAY map value to keep them off the stack" });
    sink.error(
      "backend/stack-overflow",
      fn.span,
      `function '${fn.name}' needs ${size} bytes of stack, more than the ${MAX_STACK} BPF allows`,
      notes
    );
  }
  return { offsets, size };
}

// src/isa/opcodes.ts
var Class = {
  LD: 0,
  LDX: 1,
  ST: 2,
  STX: 3,
  ALU: 4,
  JMP: 5,
  JMP32: 6,
  ALU64: 7
};
var Size = {
  W: 0,
  H: 8,
  B: 16,
  DW: 24
};
var SIZE_BYTES = Object.freeze({
  [Size.W]: 4,
  [Size.H]: 2,
  [Size.B]: 1,
  [Size.DW]: 8
});
var Mode = {
  IMM: 0,
  /** Legacy packet access (socket filters only); still accepted by the kernel. */
  ABS: 32,
  IND: 64,
  MEM: 96,
  /** Sign-extending load (LDX only, kernel 6.6+). */
  MEMSX: 128,
  ATOMIC: 192
};
var Source = {
  K: 0,
  X: 8
};
var Endian = {
  TO_LE: 0,
  TO_BE: 8
};
var AluOp = {
  ADD: 0,
  SUB: 16,
  MUL: 32,
  DIV: 48,
  OR: 64,
  AND: 80,
  LSH: 96,
  RSH: 112,
  NEG: 128,
  MOD: 144,
  XOR: 160,
  MOV: 176,
  ARSH: 192,
  END: 208
};
var JmpOp = {
  JA: 0,
  JEQ: 16,
  JGT: 32,
  JGE: 48,
  JSET: 64,
  JNE: 80,
  JSGT: 96,
  JSGE: 112,
  CALL: 128,
  EXIT: 144,
  JLT: 160,
  JLE: 176,
  JSLT: 192,
  JSLE: 208,
  /** Conditional pseudo-jump (`may_goto`, kernel 6.9+): JMP|JCOND|K with src = JcondSrc.MAY_GOTO. */
  JCOND: 224
};
var JcondSrc = {
  MAY_GOTO: 0
};
var AtomicOp = {
  ADD: 0,
  OR: 64,
  AND: 80,
  XOR: 160,
  FETCH: 1,
  XCHG: 224 | 1,
  CMPXCHG: 240 | 1,
  LOAD_ACQ: 256,
  STORE_REL: 272
};
var CallSrc = {
  /** imm is a helper id (see helpers.ts). */
  HELPER: 0,
  /** imm is the pc-relative offset of a BPF-to-BPF call target (BPF_PSEUDO_CALL). */
  PSEUDO_CALL: 1,
  /** imm is a BTF id of a kernel function (BPF_PSEUDO_KFUNC_CALL); off selects the module BTF fd slot. */
  PSEUDO_KFUNC_CALL: 2
};
var PseudoSrc = {
  /** Plain 64-bit constant. */
  NONE: 0,
  /** Low 32 bits are a map fd; the loader replaces it with the map pointer. */
  MAP_FD: 1,
  /** Low 32 bits are a map fd, high 32 bits an offset into its value (global data). */
  MAP_VALUE: 2,
  /** Low 32 bits are a BTF id of a kernel variable (ksym). */
  BTF_ID: 3,
  /** Low 32 bits are the pc-relative offset of a BPF function (callback address). */
  FUNC: 4,
  /** Like MAP_FD but the low 32 bits index fd_array. */
  MAP_IDX: 5,
  /** Like MAP_VALUE but the low 32 bits index fd_array. */
  MAP_IDX_VALUE: 6
};
var SIGNED_DIVMOD_OFF = 1;
var ADDR_SPACE_CAST_OFF = 1;
var Opcode = {
  /** LD|IMM|DW: the two-slot 64-bit immediate load. */
  LD_IMM64: 24,
  CALL: 133,
  EXIT: 149,
  /** JMP|JA (offset in `off`). */
  JA: 5,
  /** JMP32|JA (`gotol`, offset in `imm`, kernel 6.6+). */
  JA32: 6
};
var R02 = 0;
var R1 = 1;
var R2 = 2;
var R3 = 3;
var R10 = 10;
var classOf = (code) => code & 7;
var sizeOf = (code) => code & 24;
var modeOf = (code) => code & 224;
var opOf = (code) => code & 240;
var sourceOf = (code) => code & 8;

// src/isa/instruction.ts
var InstructionError = class extends Error {
  constructor(message, index) {
    super(index === void 0 ? message : `instruction ${index}: ${message}`);
    this.index = index;
  }
  index;
  name = "InstructionError";
};
function insn(code, dst, src, off, imm2) {
  const value = code === Opcode.LD_IMM64 ? { code, dst, src, off, imm: imm2, imm64: BigInt(imm2 >>> 0) } : { code, dst, src, off, imm: imm2 };
  checkFields(value);
  return value;
}
function ldImm64(dst, value, src = PseudoSrc.NONE) {
  const imm64 = BigInt.asUintN(64, value);
  const value64 = {
    code: Opcode.LD_IMM64,
    dst,
    src,
    off: 0,
    imm: Number(BigInt.asIntN(32, imm64)),
    imm64
  };
  checkFields(value64);
  return value64;
}
function imm64Of(insn2) {
  return insn2.imm64 ?? BigInt(insn2.imm >>> 0);
}
function slotCount(insn2) {
  return insn2.code === Opcode.LD_IMM64 ? 2 : 1;
}
function programSlots(insns) {
  let n = 0;
  for (const i of insns) n += slotCount(i);
  return n;
}
function slotIndices(insns) {
  const slots = new Array(insns.length + 1);
  let n = 0;
  for (let i = 0; i < insns.length; i++) {
    slots[i] = n;
    n += slotCount(insns[i]);
  }
  slots[insns.length] = n;
  return slots;
}
var isIntIn = (v, lo, hi) => Number.isInteger(v) && v >= lo && v <= hi;
function checkFields(insn2, index) {
  if (!isIntIn(insn2.code, 0, 255)) throw new InstructionError(`opcode ${insn2.code} is not a byte`, index);
  if (!isIntIn(insn2.dst, 0, 15)) throw new InstructionError(`dst register ${insn2.dst} out of range 0..15`, index);
  if (!isIntIn(insn2.src, 0, 15)) throw new InstructionError(`src register ${insn2.src} out of range 0..15`, index);
  if (!isIntIn(insn2.off, -32768, 32767)) throw new InstructionError(`offset ${insn2.off} does not fit in s16`, index);
  if (!isIntIn(insn2.imm, -2147483648, 2147483647)) {
    throw new InstructionError(`immediate ${insn2.imm} does not fit in s32`, index);
  }
  if (insn2.imm64 !== void 0) {
    if (insn2.code !== Opcode.LD_IMM64) throw new InstructionError("imm64 is only valid on LD_IMM64", index);
    if (insn2.imm64 < 0n || insn2.imm64 > 0xffffffffffffffffn) {
      throw new InstructionError(`imm64 ${insn2.imm64} is not normalised to u64`, index);
    }
    if (Number(BigInt.asIntN(32, insn2.imm64)) !== insn2.imm) {
      throw new InstructionError("imm does not match the low 32 bits of imm64", index);
    }
  }
}

// frontend-c/emit/emit.ts
function assemble(items, sink, fnSpan) {
  const labelSlot = /* @__PURE__ */ new Map();
  let slot = 0;
  for (const m of items) {
    if (m.kind === "label") labelSlot.set(m.id, slot);
    else slot += slotCount(m.insn);
  }
  const instructions = [];
  const spans = [];
  const mapRelocations = [];
  slot = 0;
  for (const m of items) {
    if (m.kind === "label") continue;
    let i = m.insn;
    if (m.target !== void 0) {
      const to = labelSlot.get(m.target);
      if (to === void 0) throw new Error(`internal: jump to unknown label ${m.target}`);
      const off = to - (slot + 1);
      if (off < -32768 || off > 32767) {
        sink.error("backend/jump-too-far", m.span ?? fnSpan, `jump of ${off} instructions does not fit BPF's 16-bit offset`);
      } else i = insn(i.code, i.dst, i.src, off, i.imm);
    }
    if (m.reloc !== void 0) mapRelocations.push({ index: instructions.length, ...m.reloc });
    instructions.push(i);
    spans.push(m.span);
    slot += slotCount(i);
  }
  return { instructions, spans, mapRelocations };
}

// frontend-c/emit/peephole.ts
var INVERT = {
  [JmpOp.JEQ]: JmpOp.JNE,
  [JmpOp.JNE]: JmpOp.JEQ,
  [JmpOp.JGT]: JmpOp.JLE,
  [JmpOp.JLE]: JmpOp.JGT,
  [JmpOp.JGE]: JmpOp.JLT,
  [JmpOp.JLT]: JmpOp.JGE,
  [JmpOp.JSGT]: JmpOp.JSLE,
  [JmpOp.JSLE]: JmpOp.JSGT,
  [JmpOp.JSGE]: JmpOp.JSLT,
  [JmpOp.JSLT]: JmpOp.JSGE
};
var isJa = (m) => m.kind === "insn" && m.insn.code === Opcode.JA && m.target !== void 0;
var isCondJump = (m) => {
  if (m.kind !== "insn" || m.target === void 0) return false;
  const c = classOf(m.insn.code);
  return (c === Class.JMP || c === Class.JMP32) && m.insn.code !== Opcode.JA && INVERT[opOf(m.insn.code)] !== void 0;
};
function labelFollows(items, from, target) {
  for (let k = from + 1; k < items.length; k++) {
    const m = items[k];
    if (m.kind !== "label") return false;
    if (m.id === target) return true;
  }
  return false;
}
function peephole(items) {
  let cur = items;
  for (let round = 0; round < 8; round++) {
    let changed = false;
    const out = [];
    for (let k = 0; k < cur.length; k++) {
      const m = cur[k];
      if (m.kind === "insn") {
        const c = m.insn.code;
        if (c === (Class.ALU64 | AluOp.MOV | Source.X) && m.insn.dst === m.insn.src && m.insn.off === 0) {
          changed = true;
          continue;
        }
        if (isJa(m) && labelFollows(cur, k, m.target)) {
          changed = true;
          continue;
        }
        const nx = cur[k + 1];
        if (isCondJump(m) && nx !== void 0 && isJa(nx) && labelFollows(cur, k + 1, m.target)) {
          const op = INVERT[opOf(c)];
          const code = c & ~240 | op;
          const i = m.insn;
          out.push({ kind: "insn", insn: insn(code, i.dst, sourceOf(c) === Source.X ? i.src : 0, 0, i.imm), span: m.span, target: nx.kind === "insn" ? nx.target : 0 });
          k++;
          changed = true;
          continue;
        }
      }
      out.push(m);
    }
    cur = out;
    if (!changed) break;
  }
  return cur;
}

// frontend-c/emit/select.ts
var ALU = {
  add: { op: AluOp.ADD, off: 0 },
  sub: { op: AluOp.SUB, off: 0 },
  mul: { op: AluOp.MUL, off: 0 },
  div: { op: AluOp.DIV, off: 0 },
  sdiv: { op: AluOp.DIV, off: SIGNED_DIVMOD_OFF },
  mod: { op: AluOp.MOD, off: 0 },
  smod: { op: AluOp.MOD, off: SIGNED_DIVMOD_OFF },
  or: { op: AluOp.OR, off: 0 },
  and: { op: AluOp.AND, off: 0 },
  xor: { op: AluOp.XOR, off: 0 },
  lsh: { op: AluOp.LSH, off: 0 },
  rsh: { op: AluOp.RSH, off: 0 },
  arsh: { op: AluOp.ARSH, off: 0 }
};
var JMP = {
  eq: JmpOp.JEQ,
  ne: JmpOp.JNE,
  gt: JmpOp.JGT,
  ge: JmpOp.JGE,
  lt: JmpOp.JLT,
  le: JmpOp.JLE,
  sgt: JmpOp.JSGT,
  sge: JmpOp.JSGE,
  slt: JmpOp.JSLT,
  sle: JmpOp.JSLE,
  set: JmpOp.JSET
};
var SIZE = { 1: Size.B, 2: Size.H, 4: Size.W, 8: Size.DW };
var ATOMIC = {
  add: AtomicOp.ADD,
  or: AtomicOp.OR,
  and: AtomicOp.AND,
  xor: AtomicOp.XOR,
  xchg: AtomicOp.XCHG,
  cmpxchg: AtomicOp.CMPXCHG
};
function selectFunction(fn, frame) {
  const out = [];
  const bug2 = (msg, span2) => {
    throw new InternalCompilerError("select", `${fn.name}: ${msg}`, span2);
  };
  const frameOff = (id, off, span2) => {
    const base = frame.offsets.get(id);
    if (base === void 0) bug2(`frame object ${id} has no offset`, span2);
    return base + off;
  };
  let span;
  const emit = (i) => out.push({ kind: "insn", insn: i, span });
  const baseReg = (b, off) => isFrame(b) ? [10, frameOff(b.frame, off, span)] : [b, off];
  const movReg = (d, s2, w) => {
    if (d !== s2 || w === 32) emit(insn((w === 64 ? Class.ALU64 : Class.ALU) | AluOp.MOV | Source.X, d, s2, 0, 0));
  };
  const copyReg = (d, s2) => {
    if (d !== s2) emit(insn(Class.ALU64 | AluOp.MOV | Source.X, d, s2, 0, 0));
  };
  const movImm = (d, v, w) => {
    if (w === 32) emit(insn(Class.ALU | AluOp.MOV | Source.K, d, 0, 0, Number(BigInt.asIntN(32, v))));
    else if (fitsImm32(v)) emit(insn(Class.ALU64 | AluOp.MOV | Source.K, d, 0, 0, Number(BigInt.asIntN(64, v))));
    else emit(ldImm64(d, v));
  };
  const aluOp = (cls, op, off, d, b) => {
    if (isImm(b)) emit(insn(cls | op | Source.K, d, 0, off, Number(BigInt.asIntN(32, b.imm))));
    else emit(insn(cls | op | Source.X, d, b, off, 0));
  };
  const jump = (cond2, w, a, b, target) => {
    const cls = w === 64 ? Class.JMP : Class.JMP32;
    const code = JMP[cond2];
    const i = isImm(b) ? insn(cls | code | Source.K, a, 0, 0, Number(BigInt.asIntN(32, b.imm))) : insn(cls | code | Source.X, a, b, 0, 0);
    out.push({ kind: "insn", insn: i, span, target });
  };
  const ja2 = (target) => out.push({ kind: "insn", insn: insn(Opcode.JA, 0, 0, 0, 0), span, target });
  const inst = (i) => {
    span = i.span;
    switch (i.op) {
      case "mov": {
        if (isImm(i.src)) movImm(i.dst, i.src.imm, i.width);
        else movReg(i.dst, i.src, i.width);
        break;
      }
      case "alu": {
        const cls = i.width === 64 ? Class.ALU64 : Class.ALU;
        const { op, off } = ALU[i.alu];
        let b = i.b;
        if (i.dst !== i.a) {
          if (!isImm(b) && b === i.dst) {
            if (!(i.alu === "add" || i.alu === "mul" || i.alu === "or" || i.alu === "and" || i.alu === "xor")) {
              bug2(`non-commutative ${i.alu} with dst == rhs`, i.span);
            }
            b = i.a;
          } else copyReg(i.dst, i.a);
        }
        aluOp(cls, op, off, i.dst, b);
        break;
      }
      case "neg": {
        copyReg(i.dst, i.a);
        emit(insn((i.width === 64 ? Class.ALU64 : Class.ALU) | AluOp.NEG | Source.K, i.dst, 0, 0, 0));
        break;
      }
      case "ext": {
        if (i.signed) emit(insn(Class.ALU64 | AluOp.MOV | Source.X, i.dst, i.a, i.from, 0));
        else if (i.from === 32) emit(insn(Class.ALU | AluOp.MOV | Source.X, i.dst, i.a, 0, 0));
        else {
          copyReg(i.dst, i.a);
          emit(insn(Class.ALU64 | AluOp.AND | Source.K, i.dst, 0, 0, i.from === 8 ? 255 : 65535));
        }
        break;
      }
      case "endian": {
        copyReg(i.dst, i.a);
        if (i.kind === "swap") emit(insn(Class.ALU64 | AluOp.END | Endian.TO_LE, i.dst, 0, 0, i.bits));
        else emit(insn(Class.ALU | AluOp.END | (i.kind === "be" ? Endian.TO_BE : Endian.TO_LE), i.dst, 0, 0, i.bits));
        break;
      }
      case "setcc": {
        if (i.dst === i.a || i.b === i.dst) bug2("setcc dst overlaps an operand", i.span);
        movImm(i.dst, 1n, 64);
        const skip = -1 - out.length;
        jump(i.cond, i.width, i.a, i.b, skip);
        movImm(i.dst, 0n, 64);
        out.push({ kind: "label", id: skip });
        break;
      }
      case "load": {
        const [r2, off] = baseReg(i.base, i.off);
        const mode = i.signed && i.size < 8 ? Mode.MEMSX : Mode.MEM;
        emit(insn(Class.LDX | mode | SIZE[i.size], i.dst, r2, off, 0));
        break;
      }
      case "store": {
        const [r2, off] = baseReg(i.base, i.off);
        if (isImm(i.value)) emit(insn(Class.ST | Mode.MEM | SIZE[i.size], r2, 0, off, Number(BigInt.asIntN(32, i.value.imm))));
        else emit(insn(Class.STX | Mode.MEM | SIZE[i.size], r2, i.value, off, 0));
        break;
      }
      case "frameaddr": {
        copyReg(i.dst, 10);
        const off = frameOff(i.frame, i.off, i.span);
        if (off !== 0) emit(insn(Class.ALU64 | AluOp.ADD | Source.K, i.dst, 0, 0, off));
        break;
      }
      case "mapfd":
        out.push({ kind: "insn", insn: ldImm64(i.dst, 0n, PseudoSrc.MAP_FD), span, reloc: { map: i.map, kind: "fd", offset: 0 } });
        break;
      case "mapvalue":
        out.push({
          kind: "insn",
          insn: ldImm64(i.dst, BigInt(i.off) << 32n, PseudoSrc.MAP_VALUE),
          span,
          reloc: { map: i.map, kind: "value", offset: i.off }
        });
        break;
      case "call":
        emit(insn(Opcode.CALL, 0, 0, 0, i.helper));
        break;
      case "calllocal":
        bug2(`BPF-to-BPF calls are not supported yet (call to ${i.callee})`, i.span);
        break;
      case "atomic": {
        const [r2, off] = baseReg(i.base, i.off);
        if (i.fetch && i.aop !== "cmpxchg" && i.dst !== i.value) bug2("fetching atomic with dst != value", i.span);
        const imm2 = ATOMIC[i.aop] | (i.fetch ? AtomicOp.FETCH : 0);
        emit(insn(Class.STX | Mode.ATOMIC | (i.size === 8 ? Size.DW : Size.W), r2, i.value, off, imm2));
        break;
      }
      case "zero":
      case "copy":
        bug2(`${i.op} must be expanded before selection`, i.span);
    }
  };
  fn.blocks.forEach((b, idx) => {
    out.push({ kind: "label", id: b.id });
    for (const i of b.insts) inst(i);
    const t = b.term;
    span = t.span;
    const next = fn.blocks[idx + 1]?.id;
    switch (t.op) {
      case "ret":
        if (t.value !== 0) bug2("ret value must be in r0 in machine form", t.span);
        emit(insn(Opcode.EXIT, 0, 0, 0, 0));
        break;
      case "jmp":
        if (t.target !== next) ja2(t.target);
        break;
      case "br": {
        const inv = invertCond(t.cond);
        if (t.then === next && inv !== void 0) {
          jump(inv, t.width, t.a, t.b, t.else);
        } else {
          jump(t.cond, t.width, t.a, t.b, t.then);
          if (t.else !== next) ja2(t.else);
        }
        break;
      }
    }
  });
  return out;
}

// frontend-c/emit/backend.ts
function compileFunction(fn, sink, opts = {}) {
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === "calllocal") {
        sink.error("backend/unsupported", i.span, `calls to non-inlined function '${i.callee}' are not supported yet; mark it static inline`);
        return void 0;
      }
    }
  }
  opts.dump?.("ir", printFunction(fn));
  if (opts.verify) verifyFunction(fn, "input");
  expandMemoryOps(fn);
  splitMisalignedFrameAccesses(fn);
  if (opts.optimize ?? true) optimizeFunction(fn);
  legalizeImmediates(fn);
  if (opts.verify) verifyFunction(fn, "optimize");
  opts.dump?.("ir-opt", printFunction(fn));
  toMachineForm(fn);
  if (opts.verify) verifyFunction(fn, "machine", { allowPhys: true });
  allocateRegisters(fn);
  opts.dump?.("ir-alloc", printFunction(fn));
  const frame = layoutFrame(fn, sink);
  const items = peephole(selectFunction(fn, frame));
  return { ...assemble(items, sink, fn.span), stackSize: frame.size };
}
function generateCollection(mod, sink, opts = {}) {
  const programs = [];
  const byName = new Map(mod.functions.map((f2) => [f2.name, f2]));
  for (const p of mod.programs) {
    const fn = byName.get(p.function);
    if (fn === void 0) continue;
    const out = compileFunction(fn, sink, opts);
    if (out === void 0) continue;
    programs.push({
      name: p.function,
      section: p.section,
      license: mod.license,
      instructions: out.instructions,
      spans: out.spans,
      mapRelocations: out.mapRelocations,
      stackSize: out.stackSize
    });
  }
  return { programs, maps: mod.maps, license: mod.license };
}

// frontend-c/parse/parser.ts
import Parser from "tree-sitter";
import C from "tree-sitter-c";

// frontend-c/parse/known-typedefs.ts
var KNOWN_TYPEDEFS = /* @__PURE__ */ new Map([
  ["u8", ["unsigned", "char"]],
  ["u16", ["unsigned", "short"]],
  ["u32", ["unsigned", "int"]],
  ["u64", ["unsigned", "long", "long"]],
  ["s8", ["signed", "char"]],
  ["s16", ["short"]],
  ["s32", ["int"]],
  ["s64", ["long", "long"]],
  ["__u8", ["unsigned", "char"]],
  ["__u16", ["unsigned", "short"]],
  ["__u32", ["unsigned", "int"]],
  ["__u64", ["unsigned", "long", "long"]],
  ["__s8", ["signed", "char"]],
  ["__s16", ["short"]],
  ["__s32", ["int"]],
  ["__s64", ["long", "long"]],
  ["uint8_t", ["unsigned", "char"]],
  ["uint16_t", ["unsigned", "short"]],
  ["uint32_t", ["unsigned", "int"]],
  ["uint64_t", ["unsigned", "long"]],
  ["int8_t", ["signed", "char"]],
  ["int16_t", ["short"]],
  ["int32_t", ["int"]],
  ["int64_t", ["long"]],
  ["u_int8_t", ["unsigned", "char"]],
  ["u_int16_t", ["unsigned", "short"]],
  ["u_int32_t", ["unsigned", "int"]],
  ["u_int64_t", ["unsigned", "long"]],
  ["__be16", ["unsigned", "short"]],
  ["__be32", ["unsigned", "int"]],
  ["__be64", ["unsigned", "long", "long"]],
  ["__le16", ["unsigned", "short"]],
  ["__le32", ["unsigned", "int"]],
  ["__le64", ["unsigned", "long", "long"]],
  ["__sum16", ["unsigned", "short"]],
  ["__wsum", ["unsigned", "int"]],
  ["size_t", ["unsigned", "long"]],
  ["ssize_t", ["long"]],
  ["uintptr_t", ["unsigned", "long"]],
  ["intptr_t", ["long"]],
  ["ptrdiff_t", ["long"]],
  ["pid_t", ["int"]],
  ["uid_t", ["unsigned", "int"]],
  ["gid_t", ["unsigned", "int"]],
  ["off_t", ["long"]],
  ["loff_t", ["long", "long"]],
  ["dev_t", ["unsigned", "int"]],
  ["umode_t", ["unsigned", "short"]],
  ["bool", ["_Bool"]],
  // tree-sitter-c does not know the keyword and reports it as a type identifier.
  ["_Bool", ["_Bool"]]
]);

// frontend-c/parse/convert-context.ts
var ConvertContext = class {
  constructor(file, sink, mapper, externalTypedef, unrollRows = []) {
    this.file = file;
    this.sink = sink;
    this.mapper = mapper;
    this.externalTypedef = externalTypedef;
    this.unrollRows = unrollRows;
  }
  file;
  sink;
  mapper;
  externalTypedef;
  unrollRows;
  typedefScopes = [/* @__PURE__ */ new Set()];
  /** Set when a `#pragma unroll` was seen and not yet consumed by a loop. */
  pendingUnroll = false;
  /** Attributes blanked out of the text before parsing (see trailing-attributes.ts). */
  trailingAttributes = [];
  /** Takes the trailing attributes that start within [from, to) text offsets. */
  takeTrailingAttributes(from, to) {
    const out = [];
    for (const t of this.trailingAttributes) if (t.start >= from && t.start < to) out.push(...t.attrs);
    return out;
  }
  span(node) {
    return this.spanOfPoints(node.startPosition, node.endPosition);
  }
  spanOfPoints(s2, e) {
    if (this.mapper === void 0) {
      return { file: this.file, line: s2.row + 1, col: s2.column + 1, endLine: e.row + 1, endCol: e.column + 1 };
    }
    return this.mapper.span(s2.row, s2.column, e.row, e.column);
  }
  /**
   * True when a `#pragma unroll` (recorded by the preprocessor at output row r) sits just above a
   * loop starting at `row`; each pragma applies to one loop.
   */
  consumeUnroll(row) {
    for (let i = 0; i < this.unrollRows.length; i++) {
      const r2 = this.unrollRows[i];
      if (r2 < row && r2 >= row - 3) {
        this.unrollRows.splice(i, 1);
        return true;
      }
    }
    return false;
  }
  /** Span from the start of `a` to the end of `b`. */
  spanBetween(a, b) {
    const sa = this.span(a);
    const sb = this.span(b);
    return { ...sa, endLine: sb.endLine, endCol: sb.endCol };
  }
  error(code, node, message) {
    this.sink.error(code, this.span(node), message);
  }
  isTypedef(name) {
    for (let i = this.typedefScopes.length - 1; i >= 0; i--) {
      if (this.typedefScopes[i].has(name)) return true;
    }
    return KNOWN_TYPEDEFS.has(name) || this.externalTypedef(name);
  }
  addTypedef(name) {
    this.typedefScopes[this.typedefScopes.length - 1].add(name);
  }
  /** A variable declaration shadows an outer typedef of the same name. */
  shadowTypedef(name) {
    const top = this.typedefScopes[this.typedefScopes.length - 1];
    top.delete(name);
  }
  pushScope() {
    this.typedefScopes.push(/* @__PURE__ */ new Set());
  }
  popScope() {
    this.typedefScopes.pop();
  }
};
function kids(node) {
  return node.namedChildren.filter((c) => c.type !== "comment");
}

// frontend-c/parse/convert-stmt.ts
function isUnrollPragma(node) {
  return node.type === "preproc_call" && /^#\s*pragma$/.test(node.childForFieldName("directive")?.text ?? "") && /\bunroll\b/.test(node.childForFieldName("argument")?.text ?? "");
}
function convertBlock(ctx, node) {
  ctx.pushScope();
  const items = [];
  for (const k of kids(node)) {
    if (isUnrollPragma(k)) {
      ctx.pendingUnroll = true;
      continue;
    }
    const s2 = convertStmtOrDecl(ctx, k);
    if (s2) items.push(s2);
  }
  ctx.popScope();
  return { kind: "block", items, span: ctx.span(node) };
}
function convertStmtOrDecl(ctx, node) {
  switch (node.type) {
    case "declaration":
    case "type_definition":
      return convertDeclaration(ctx, node);
    case "preproc_call":
    case "preproc_def":
    case "preproc_function_def":
    case "preproc_include":
      return void 0;
    // only meaningful before preprocessing; the preprocessor owns them
    case "ERROR":
      return void 0;
    // reported by the error walk
    default:
      return convertStmt(ctx, node);
  }
}
function cond(ctx, node, owner) {
  if (!node) return { kind: "error", span: ctx.span(owner) };
  return convertExpr(ctx, node);
}
function takeUnroll(ctx, loop) {
  const u2 = ctx.pendingUnroll || ctx.consumeUnroll(loop.startPosition.row);
  ctx.pendingUnroll = false;
  return u2;
}
function convertStmt(ctx, node) {
  const span = ctx.span(node);
  switch (node.type) {
    case "compound_statement":
      return convertBlock(ctx, node);
    case "expression_statement": {
      const e = kids(node)[0];
      return e ? { kind: "expr", expr: convertExpr(ctx, e), span } : { kind: "empty", span };
    }
    case "if_statement": {
      const alt = node.childForFieldName("alternative");
      const altStmt = alt ? kids(alt)[0] : void 0;
      return {
        kind: "if",
        cond: cond(ctx, node.childForFieldName("condition"), node),
        then: convertSub(ctx, node.childForFieldName("consequence"), node),
        else: altStmt ? convertSub(ctx, altStmt, alt) : void 0,
        span
      };
    }
    case "while_statement": {
      const unroll = takeUnroll(ctx, node);
      return {
        kind: "while",
        cond: cond(ctx, node.childForFieldName("condition"), node),
        body: convertSub(ctx, node.childForFieldName("body"), node),
        unroll,
        span
      };
    }
    case "do_statement": {
      const unroll = takeUnroll(ctx, node);
      return {
        kind: "do",
        body: convertSub(ctx, node.childForFieldName("body"), node),
        cond: cond(ctx, node.childForFieldName("condition"), node),
        unroll,
        span
      };
    }
    case "for_statement": {
      const unroll = takeUnroll(ctx, node);
      ctx.pushScope();
      const initNode = node.childForFieldName("initializer");
      const init = initNode ? initNode.type === "declaration" ? convertDeclaration(ctx, initNode) : convertExpr(ctx, initNode) : void 0;
      const c = node.childForFieldName("condition");
      const step = node.childForFieldName("update");
      const out = {
        kind: "for",
        init,
        cond: c ? convertExpr(ctx, c) : void 0,
        step: step ? convertExpr(ctx, step) : void 0,
        body: convertSub(ctx, node.childForFieldName("body"), node),
        unroll,
        span
      };
      ctx.popScope();
      return out;
    }
    case "switch_statement":
      return {
        kind: "switch",
        cond: cond(ctx, node.childForFieldName("condition"), node),
        body: convertSub(ctx, node.childForFieldName("body"), node),
        span
      };
    case "case_statement": {
      const value = node.childForFieldName("value");
      const body = [];
      let high;
      let low;
      for (const k of kids(node)) {
        if (value && k.id === value.id) continue;
        if (k.type === "ERROR" && k.text.startsWith("...") && kids(k).length === 1) {
          high = convertExpr(ctx, kids(k)[0]);
          continue;
        }
        if (k.type === "ERROR" && k.text.trimEnd().endsWith("...") && kids(k).length === 1) {
          low = convertExpr(ctx, kids(k)[0]);
          continue;
        }
        const s2 = convertStmtOrDecl(ctx, k);
        if (s2) body.push(s2);
      }
      const blk = body.length === 0 ? void 0 : { kind: "block", items: body, span };
      const isDefault = node.children[0]?.type === "default";
      if (isDefault || !value) return { kind: "default", body: blk, span };
      const cs = { kind: "case", value: low ?? convertExpr(ctx, value), body: blk, span };
      if (high) cs.high = high;
      else if (low) cs.high = convertExpr(ctx, value);
      return cs;
    }
    case "break_statement":
      return { kind: "break", span };
    case "continue_statement":
      return { kind: "continue", span };
    case "return_statement": {
      const e = kids(node)[0];
      return { kind: "return", value: e ? convertExpr(ctx, e) : void 0, span };
    }
    case "goto_statement":
      return { kind: "goto", label: node.childForFieldName("label")?.text ?? "", span };
    case "labeled_statement": {
      const label = node.childForFieldName("label");
      const inner = kids(node).filter((k) => k.id !== label?.id)[0];
      return { kind: "label", label: label?.text ?? "", body: inner ? convertStmtOrDecl(ctx, inner) : void 0, span };
    }
    case "attributed_statement": {
      const inner = kids(node).find((k) => k.type !== "attribute_declaration");
      return inner ? convertStmt(ctx, inner) : { kind: "empty", span };
    }
    case "ERROR":
      return { kind: "empty", span };
    default:
      if (node.type.endsWith("_statement") || node.type === "declaration") {
        ctx.error("parse/unsupported", node, `unsupported statement (${node.type})`);
        return { kind: "empty", span };
      }
      return { kind: "expr", expr: convertExpr(ctx, node), span };
  }
}
function convertSub(ctx, node, owner) {
  if (!node) return { kind: "empty", span: ctx.span(owner) };
  if (node.type === "declaration") {
    ctx.error("parse/declaration-not-statement", node, "a declaration is not allowed here; wrap it in braces");
    return { kind: "empty", span: ctx.span(node) };
  }
  return convertStmt(ctx, node);
}

// frontend-c/parse/convert-type.ts
function qualifiersOf(node) {
  const q = { const: false, volatile: false };
  for (const c of node.children) {
    if (c.type === "type_qualifier") {
      if (c.text === "const") q.const = true;
      else if (c.text === "volatile") q.volatile = true;
    }
  }
  return q;
}
function attributesOf(ctx, node) {
  const out = [];
  for (const c of node.children) {
    if (c.type === "attribute_specifier") out.push(...convertAttributeSpecifier(ctx, c));
  }
  return out;
}
function convertAttributeSpecifier(ctx, node) {
  const out = [];
  const list = kids(node).find((k) => k.type === "argument_list");
  if (!list) return out;
  for (const a of kids(list)) {
    if (a.type === "identifier") out.push({ name: normAttr(a.text), args: [], span: ctx.span(a) });
    else if (a.type === "call_expression") {
      const fn = a.childForFieldName("function");
      const args = a.childForFieldName("arguments");
      out.push({
        name: normAttr(fn?.text ?? ""),
        args: args ? kids(args).map((x) => convertExpr(ctx, x)) : [],
        span: ctx.span(a)
      });
    }
  }
  return out;
}
function normAttr(name) {
  return name.replace(/^__(.*)__$/, "$1");
}
function convertBaseType(ctx, owner) {
  const t = owner.childForFieldName("type");
  const quals = qualifiersOf(owner);
  const span = ctx.span(t ?? owner);
  if (!t) return { base: { kind: "error", span }, quals, derived: [], span };
  const spec = convertTypeSpec(ctx, t);
  if (t.type === "sized_type_specifier") {
    for (const w of t.text.split(/\s+/)) {
      if (w === "const") quals.const = true;
      if (w === "volatile") quals.volatile = true;
    }
  }
  return { base: spec, quals, derived: [], span };
}
function convertTypeSpec(ctx, t) {
  const span = ctx.span(t);
  switch (t.type) {
    case "primitive_type":
      return { kind: "builtin", words: [t.text], span };
    case "sized_type_specifier":
      return { kind: "builtin", words: t.text.split(/\s+/).filter((w) => w !== "const" && w !== "volatile" && w !== ""), span };
    case "type_identifier":
      return { kind: "typedef-name", name: t.text, span };
    case "struct_specifier":
    case "union_specifier":
      return convertRecord(ctx, t);
    case "enum_specifier":
      return convertEnum(ctx, t);
    case "macro_type_specifier": {
      const name = t.childForFieldName("name")?.text ?? "";
      const desc = t.childForFieldName("type");
      if ((name === "typeof" || name === "__typeof__" || name === "__typeof") && desc) {
        const inner = desc.childForFieldName("type");
        const onlyName = inner?.type === "type_identifier" && !desc.childForFieldName("declarator");
        if (onlyName && !ctx.isTypedef(inner.text)) {
          return { kind: "typeof-expr", expr: { kind: "ident", name: inner.text, span: ctx.span(inner) }, span };
        }
        return { kind: "typeof-type", type: convertTypeDescriptor(ctx, desc), span };
      }
      ctx.error("parse/unknown-type-macro", t, `'${name}(...)' is not a known type; is a macro missing?`);
      return { kind: "error", span };
    }
    default:
      ctx.error("parse/syntax-error", t, `expected a type, found '${t.text.slice(0, 40)}'`);
      return { kind: "error", span };
  }
}
function convertRecord(ctx, t) {
  const nameNode = t.childForFieldName("name");
  const body = t.childForFieldName("body");
  let fields;
  if (body) {
    fields = [];
    for (const f2 of kids(body)) {
      if (f2.type !== "field_declaration") {
        if (f2.type === "ERROR") continue;
        continue;
      }
      const base = convertBaseType(ctx, f2);
      const attrs = attributesOf(ctx, f2);
      const bit = kids(f2).find((k) => k.type === "bitfield_clause");
      const bitWidth = bit ? convertExpr(ctx, kids(bit)[0]) : void 0;
      const decls = f2.childrenForFieldName("declarator");
      if (decls.length === 0) {
        fields.push({ name: void 0, type: base, bitWidth, attrs, span: ctx.span(f2) });
        continue;
      }
      for (const d of decls) {
        const { name, derived, attrs: dAttrs } = convertDeclarator(ctx, d);
        const next = d.nextNamedSibling;
        dAttrs.push(...ctx.takeTrailingAttributes(d.endIndex, next ? next.startIndex : f2.endIndex));
        fields.push({
          name: d.isMissing ? void 0 : name,
          type: { ...base, derived, span: ctx.span(d) },
          bitWidth,
          attrs: [...attrs, ...dAttrs],
          span: ctx.span(d)
        });
      }
    }
  }
  return {
    kind: "record",
    union: t.type === "union_specifier",
    tag: nameNode?.text,
    fields,
    attrs: attributesOf(ctx, t),
    span: ctx.span(t)
  };
}
function convertEnum(ctx, t) {
  const nameNode = t.childForFieldName("name");
  const body = t.childForFieldName("body");
  let enumerators;
  if (body) {
    enumerators = [];
    for (const e of kids(body)) {
      if (e.type !== "enumerator") continue;
      const v = e.childForFieldName("value");
      enumerators.push({
        name: e.childForFieldName("name")?.text ?? "",
        value: v ? convertExpr(ctx, v) : void 0,
        span: ctx.span(e)
      });
    }
  }
  return { kind: "enum", tag: nameNode?.text, enumerators, span: ctx.span(t) };
}
function convertDeclarator(ctx, node) {
  const derived = [];
  const attrs = [];
  let cur = node;
  while (cur) {
    switch (cur.type) {
      case "identifier":
      case "field_identifier":
      case "type_identifier":
      case "primitive_type":
        return { name: cur.text, nameNode: cur, derived, attrs };
      case "pointer_declarator":
      case "abstract_pointer_declarator":
        derived.push({ kind: "pointer", quals: qualifiersOf(cur) });
        cur = cur.childForFieldName("declarator");
        break;
      case "array_declarator":
      case "abstract_array_declarator": {
        const size = cur.childForFieldName("size");
        derived.push({
          kind: "array",
          size: size && size.type !== "*" ? convertExpr(ctx, size) : void 0,
          span: ctx.span(cur)
        });
        cur = cur.childForFieldName("declarator");
        break;
      }
      case "function_declarator":
      case "abstract_function_declarator": {
        const { params, variadic } = convertParams(ctx, cur.childForFieldName("parameters"));
        derived.push({ kind: "function", params, variadic, span: ctx.span(cur) });
        attrs.push(...attributesOf(ctx, cur));
        cur = cur.childForFieldName("declarator");
        break;
      }
      case "parenthesized_declarator":
      case "abstract_parenthesized_declarator":
      case "attributed_declarator":
        cur = kids(cur).find((k) => k.type !== "attribute_declaration" && k.type !== "ms_call_modifier") ?? null;
        break;
      default:
        ctx.error("parse/syntax-error", cur, `unsupported declarator '${cur.text.slice(0, 40)}'`);
        return { name: void 0, nameNode: void 0, derived, attrs };
    }
  }
  return { name: void 0, nameNode: void 0, derived, attrs };
}
function convertParams(ctx, list) {
  const params = [];
  let variadic = false;
  if (!list) return { params, variadic };
  for (const p of kids(list)) {
    if (p.type === "variadic_parameter") {
      variadic = true;
      continue;
    }
    if (p.type !== "parameter_declaration") continue;
    const base = convertBaseType(ctx, p);
    const d = convertDeclarator(ctx, p.childForFieldName("declarator"));
    params.push({ name: d.name, type: { ...base, derived: d.derived, span: ctx.span(p) }, span: ctx.span(p) });
  }
  if (params.length === 1) {
    const only = params[0];
    if (only.name === void 0 && only.type.derived.length === 0 && only.type.base.kind === "builtin" && only.type.base.words.join(" ") === "void") {
      params.length = 0;
    }
  }
  return { params, variadic };
}
function convertTypeDescriptor(ctx, node) {
  const base = convertBaseType(ctx, node);
  const d = convertDeclarator(ctx, node.childForFieldName("declarator"));
  return { ...base, derived: d.derived, span: ctx.span(node) };
}

// frontend-c/parse/literals.ts
function parseIntLiteral(text) {
  let t = text.replace(/'/g, "");
  let unsigned = false;
  let longs = 0;
  const isHex = /^0[xX]/.test(t);
  if (!isHex && /[.eE]/.test(t)) return { value: 0n, unsigned: false, longs: 0, error: "float" };
  if (isHex && /[.pP]/.test(t)) return { value: 0n, unsigned: false, longs: 0, error: "float" };
  const m = /([uUlL]+)$/.exec(t);
  if (m) {
    const suf = m[1].toLowerCase();
    unsigned = suf.includes("u");
    longs = (suf.match(/l/g) ?? []).length;
    t = t.slice(0, t.length - m[1].length);
  }
  if (/[fF]$/.test(t) && !isHex) return { value: 0n, unsigned, longs, error: "float" };
  try {
    let value;
    if (isHex || /^0[bB]/.test(t)) value = BigInt(t);
    else if (/^0[0-7]+$/.test(t)) value = BigInt("0o" + t.slice(1));
    else if (/^[0-9]+$/.test(t)) value = BigInt(t);
    else return { value: 0n, unsigned, longs, error: "bad" };
    return { value, unsigned, longs };
  } catch {
    return { value: 0n, unsigned, longs, error: "bad" };
  }
}
var SIMPLE_ESCAPES = {
  n: 10,
  t: 9,
  r: 13,
  "0": 0,
  a: 7,
  b: 8,
  f: 12,
  v: 11,
  e: 27,
  "\\": 92,
  "'": 39,
  '"': 34,
  "?": 63
};
function decodeEscapes(body) {
  const out = [];
  const enc = new TextEncoder();
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== "\\") {
      const code = body.charCodeAt(i);
      if (code < 128) out.push(code);
      else {
        const cp = body.codePointAt(i);
        const s2 = String.fromCodePoint(cp);
        for (const b of enc.encode(s2)) out.push(b);
        if (cp > 65535) i++;
      }
      continue;
    }
    const next = body[i + 1];
    if (next === void 0) break;
    if (next === "x") {
      let j = i + 2;
      let v = 0;
      while (j < body.length && /[0-9a-fA-F]/.test(body[j])) v = v * 16 + parseInt(body[j++], 16) & 255;
      out.push(v);
      i = j - 1;
    } else if (/[0-7]/.test(next)) {
      let j = i + 1;
      let v = 0;
      while (j < body.length && j < i + 4 && /[0-7]/.test(body[j])) v = v * 8 + parseInt(body[j++], 8);
      out.push(v & 255);
      i = j - 1;
    } else {
      out.push(SIMPLE_ESCAPES[next] ?? next.charCodeAt(0));
      i++;
    }
  }
  return Uint8Array.from(out);
}
function parseCharLiteral(text) {
  const body = text.replace(/^[LuU]?'/, "").replace(/'$/, "");
  const bytes = decodeEscapes(body);
  const b = bytes[0] ?? 0;
  return BigInt(b >= 128 ? b - 256 : b);
}

// frontend-c/parse/convert-expr.ts
function opText(node) {
  const op = node.childForFieldName("operator");
  return op ? { text: op.type, node: op } : { text: "", node };
}
function typedefInParens(ctx, node) {
  if (node.type !== "parenthesized_expression") return void 0;
  const inner = kids(node);
  if (inner.length !== 1) return void 0;
  const id = inner[0];
  return id.type === "identifier" && ctx.isTypedef(id.text) ? id : void 0;
}
function typeFromName(ctx, id) {
  const span = ctx.span(id);
  return { base: { kind: "typedef-name", name: id.text, span }, quals: { const: false, volatile: false }, derived: [], span };
}
function convertExpr(ctx, node) {
  const span = ctx.span(node);
  switch (node.type) {
    case "number_literal": {
      if (node.text.startsWith("-") || node.text.startsWith("+")) {
        const lit2 = parseIntLiteral(node.text.slice(1));
        const inner = {
          kind: "int",
          value: lit2.value,
          unsigned: lit2.unsigned,
          longs: lit2.longs,
          decimal: !/^[-+]0[xXbB0-7]/.test(node.text) || /^[-+]0$/.test(node.text),
          span: { ...span, col: span.col + 1 }
        };
        if (lit2.error) ctx.error(lit2.error === "float" ? "parse/float-unsupported" : "parse/bad-literal", node, lit2.error === "float" ? "floating-point is not available in BPF programs" : `invalid integer constant '${node.text}'`);
        return node.text.startsWith("-") ? { kind: "unary", op: "-", operand: inner, span } : inner;
      }
      const lit = parseIntLiteral(node.text);
      if (lit.error === "float") {
        ctx.error("parse/float-unsupported", node, "floating-point is not available in BPF programs");
      } else if (lit.error === "bad") {
        ctx.error("parse/bad-literal", node, `invalid integer constant '${node.text}'`);
      }
      return { kind: "int", value: lit.value, unsigned: lit.unsigned, longs: lit.longs, decimal: !/^0[xXbB0-7]/.test(node.text) || node.text === "0", span };
    }
    case "char_literal":
      return { kind: "char", value: parseCharLiteral(node.text), span };
    case "true":
      return { kind: "int", value: 1n, unsigned: false, longs: 0, decimal: true, span };
    case "false":
    case "null":
      return { kind: "int", value: 0n, unsigned: false, longs: 0, decimal: true, span };
    case "string_literal":
      return { kind: "string", bytes: stringBytes(node), span };
    case "concatenated_string": {
      const parts = [];
      for (const k of kids(node)) {
        if (k.type === "string_literal") parts.push(stringBytes(k));
        else ctx.error("parse/unknown-macro", k, `'${k.text}' in a string concatenation is not a string literal`);
      }
      const total = parts.reduce((n, p) => n + p.length, 0);
      const bytes = new Uint8Array(total);
      let off = 0;
      for (const p of parts) {
        bytes.set(p, off);
        off += p.length;
      }
      return { kind: "string", bytes, span };
    }
    case "identifier":
      return { kind: "ident", name: node.text, span };
    case "parenthesized_expression": {
      const inner = kids(node);
      const first = inner[0];
      if (!first) return { kind: "error", span };
      if (first.type === "compound_statement") {
        return { kind: "stmt-expr", body: convertBlock(ctx, first), span };
      }
      return convertExpr(ctx, first);
    }
    case "binary_expression": {
      const left2 = node.childForFieldName("left");
      const right2 = node.childForFieldName("right");
      const op = opText(node);
      const tyId = typedefInParens(ctx, left2);
      if (tyId && (op.text === "*" || op.text === "&" || op.text === "-" || op.text === "+")) {
        const operand = { kind: "unary", op: op.text, operand: convertExpr(ctx, right2), span: ctx.spanBetween(op.node, right2) };
        return { kind: "cast", type: typeFromName(ctx, tyId), operand, span };
      }
      return {
        kind: "binary",
        op: op.text,
        left: convertExpr(ctx, left2),
        right: convertExpr(ctx, right2),
        opSpan: ctx.span(op.node),
        span
      };
    }
    case "assignment_expression": {
      const op = opText(node);
      return {
        kind: "assign",
        op: op.text,
        target: convertExpr(ctx, node.childForFieldName("left")),
        value: convertExpr(ctx, node.childForFieldName("right")),
        opSpan: ctx.span(op.node),
        span
      };
    }
    case "unary_expression":
    case "pointer_expression":
      return { kind: "unary", op: opText(node).text, operand: convertExpr(ctx, node.childForFieldName("argument")), span };
    case "update_expression": {
      const arg = node.childForFieldName("argument");
      const op = opText(node);
      return {
        kind: "update",
        op: op.text,
        prefix: op.node.startIndex < arg.startIndex,
        operand: convertExpr(ctx, arg),
        span
      };
    }
    case "conditional_expression":
      return {
        kind: "cond",
        cond: convertExpr(ctx, node.childForFieldName("condition")),
        then: convertExpr(ctx, node.childForFieldName("consequence")),
        else: convertExpr(ctx, node.childForFieldName("alternative")),
        span
      };
    case "comma_expression":
      return {
        kind: "comma",
        left: convertExpr(ctx, node.childForFieldName("left")),
        right: convertExpr(ctx, node.childForFieldName("right")),
        span
      };
    case "call_expression": {
      const fn = node.childForFieldName("function");
      const argList = node.childForFieldName("arguments");
      const argNodes = argList ? kids(argList) : [];
      if (fn.type === "identifier" && fn.text === "__builtin_offsetof") {
        const off = convertBuiltinOffsetof(ctx, argNodes, span);
        if (off) return off;
      }
      const tyId = typedefInParens(ctx, fn);
      if (tyId && argNodes.length === 1) {
        return { kind: "cast", type: typeFromName(ctx, tyId), operand: convertExpr(ctx, argNodes[0]), span };
      }
      return { kind: "call", callee: convertExpr(ctx, fn), args: argNodes.map((a) => convertExpr(ctx, a)), span };
    }
    case "field_expression": {
      const field = node.childForFieldName("field");
      return {
        kind: "member",
        object: convertExpr(ctx, node.childForFieldName("argument")),
        name: field.text,
        arrow: opText(node).text === "->",
        nameSpan: ctx.span(field),
        span
      };
    }
    case "subscript_expression":
      return {
        kind: "index",
        base: convertExpr(ctx, node.childForFieldName("argument")),
        index: convertExpr(ctx, node.childForFieldName("index")),
        span
      };
    case "cast_expression": {
      const desc = node.childForFieldName("type");
      const value = node.childForFieldName("value");
      const lone = loneTypeIdentifier(desc);
      if (lone && !ctx.isTypedef(lone.text) && (value.type === "pointer_expression" || value.type === "unary_expression")) {
        const op = opText(value);
        return {
          kind: "binary",
          op: op.text,
          left: { kind: "ident", name: lone.text, span: ctx.span(lone) },
          right: convertExpr(ctx, value.childForFieldName("argument")),
          opSpan: ctx.span(op.node),
          span
        };
      }
      return { kind: "cast", type: convertTypeDescriptor(ctx, desc), operand: convertExpr(ctx, value), span };
    }
    case "sizeof_expression": {
      const desc = node.childForFieldName("type");
      if (desc) {
        const lone = loneTypeIdentifier(desc);
        if (lone && !ctx.isTypedef(lone.text)) {
          return { kind: "sizeof-expr", operand: { kind: "ident", name: lone.text, span: ctx.span(lone) }, span };
        }
        return { kind: "sizeof-type", type: convertTypeDescriptor(ctx, desc), span };
      }
      const value = node.childForFieldName("value");
      const tyId = typedefInParens(ctx, value);
      if (tyId) return { kind: "sizeof-type", type: typeFromName(ctx, tyId), span };
      return { kind: "sizeof-expr", operand: convertExpr(ctx, value), span };
    }
    case "alignof_expression":
      return { kind: "alignof", type: convertTypeDescriptor(ctx, node.childForFieldName("type")), span };
    case "offsetof_expression": {
      const member = node.childForFieldName("member");
      return {
        kind: "offsetof",
        type: convertTypeDescriptor(ctx, node.childForFieldName("type")),
        path: [{ kind: "field", name: member.text, span: ctx.span(member) }],
        span
      };
    }
    case "compound_literal_expression":
      return {
        kind: "compound-literal",
        type: convertTypeDescriptor(ctx, node.childForFieldName("type")),
        init: convertInitList(ctx, node.childForFieldName("value")),
        span
      };
    case "extension_expression":
      return convertExpr(ctx, kids(node)[0]);
    case "ERROR":
      return { kind: "error", span };
    default:
      if (node.isMissing) return { kind: "error", span };
      ctx.error("parse/unsupported", node, `unsupported expression '${node.text.slice(0, 40)}' (${node.type})`);
      return { kind: "error", span };
  }
}
function loneTypeIdentifier(desc) {
  const t = desc.childForFieldName("type");
  if (t?.type !== "type_identifier" || desc.childForFieldName("declarator")) return void 0;
  if (desc.children.some((c) => c.type === "type_qualifier")) return void 0;
  return t;
}
function stringBytes(node) {
  const text = node.text;
  const body = text.replace(/^(u8|[LuU])?"/, "").replace(/"$/, "");
  return decodeEscapes(body);
}
function convertInitializer(ctx, node) {
  return node.type === "initializer_list" ? convertInitList(ctx, node) : convertExpr(ctx, node);
}
function convertInitList(ctx, node) {
  const items = [];
  for (const k of kids(node)) {
    if (k.type === "initializer_pair") {
      const designators = [];
      for (const d of k.childrenForFieldName("designator")) {
        if (d.type === "field_designator") {
          designators.push({ kind: "field", name: kids(d)[0]?.text ?? "", span: ctx.span(d) });
        } else if (d.type === "field_identifier") {
          designators.push({ kind: "field", name: d.text, span: ctx.span(d) });
        } else if (d.type === "subscript_designator") {
          designators.push({ kind: "index", index: convertExpr(ctx, kids(d)[0]), span: ctx.span(d) });
        } else {
          ctx.error("parse/unsupported", d, "range designators are not supported");
        }
      }
      const v = k.childForFieldName("value");
      items.push({ designators, value: convertInitializer(ctx, v), span: ctx.span(k) });
    } else {
      items.push({ designators: [], value: convertInitializer(ctx, k), span: ctx.span(k) });
    }
  }
  return { kind: "init-list", items, span: ctx.span(node) };
}
function convertBuiltinOffsetof(ctx, args, span) {
  let type;
  let rest;
  const a0 = args[0];
  const a1 = args[1];
  if (a0?.type === "identifier" && /^(struct|union)$/.test(a0.text) && a1?.type === "ERROR" && kids(a1).length === 1) {
    const tag = kids(a1)[0];
    const s2 = ctx.spanBetween(a0, a1);
    type = {
      base: { kind: "record", union: a0.text === "union", tag: tag.text, fields: void 0, attrs: [], span: s2 },
      quals: { const: false, volatile: false },
      derived: [],
      span: s2
    };
    rest = args.slice(2);
  } else if (a0?.type === "identifier") {
    type = typeFromName(ctx, a0);
    rest = args.slice(1);
  } else return void 0;
  if (rest.length !== 1) return void 0;
  const path2 = [];
  const walk2 = (n) => {
    if (n.type === "identifier" || n.type === "field_identifier") {
      path2.push({ kind: "field", name: n.text, span: ctx.span(n) });
      return true;
    }
    if (n.type === "field_expression" && n.childForFieldName("operator")?.type === ".") {
      if (!walk2(n.childForFieldName("argument"))) return false;
      const f2 = n.childForFieldName("field");
      path2.push({ kind: "field", name: f2.text, span: ctx.span(f2) });
      return true;
    }
    if (n.type === "subscript_expression") {
      if (!walk2(n.childForFieldName("argument"))) return false;
      const idx = n.childForFieldName("index");
      path2.push({ kind: "index", index: convertExpr(ctx, idx), span: ctx.span(idx) });
      return true;
    }
    return false;
  };
  if (!walk2(rest[0])) {
    ctx.error("parse/bad-offsetof", rest[0], "offsetof needs a member designator like 'a.b[2]'");
    return { kind: "error", span };
  }
  return { kind: "offsetof", type, path: path2, span };
}

// frontend-c/parse/convert-decl.ts
function storageOf(node) {
  const out = [];
  for (const c of node.children) {
    if (c.type === "storage_class_specifier") {
      const t = c.text.replace(/^__(.*)__$/, "$1").replace(/^__inline$/, "inline");
      if (t === "static" || t === "extern" || t === "register" || t === "auto" || t === "inline") out.push(t);
    }
  }
  return out;
}
function convertDeclaration(ctx, node) {
  const isTypedef = node.type === "type_definition";
  const storage = storageOf(node);
  if (isTypedef) storage.push("typedef");
  const base = convertBaseType(ctx, node);
  const attrs = attributesOf(ctx, node);
  if (base.base.kind === "record" && base.base.fields) {
    const layoutAttrs = attrs.filter((a) => a.name === "packed" || a.name === "aligned");
    if (layoutAttrs.length > 0) base.base = { ...base.base, attrs: [...base.base.attrs, ...layoutAttrs] };
  }
  const declarators = [];
  for (const d of node.childrenForFieldName("declarator")) {
    let declNode = d;
    let initNode = null;
    if (d.type === "init_declarator") {
      declNode = d.childForFieldName("declarator");
      initNode = d.childForFieldName("value");
    }
    const cd = convertDeclarator(ctx, declNode);
    if (cd.name === void 0 || cd.nameNode === void 0) continue;
    if (isTypedef) ctx.addTypedef(cd.name);
    else ctx.shadowTypedef(cd.name);
    const type = { ...base, derived: cd.derived, span: ctx.span(declNode) };
    const next = initNode ?? d.nextNamedSibling;
    const trailing = ctx.takeTrailingAttributes(declNode.endIndex, next ? next.startIndex : node.endIndex);
    declarators.push({
      name: cd.name,
      type,
      init: initNode ? convertInitializer(ctx, initNode) : void 0,
      attrs: [...cd.attrs, ...attributesOf(ctx, d), ...trailing],
      nameSpan: ctx.span(cd.nameNode),
      span: ctx.span(d)
    });
  }
  return { kind: "decl", storage, base, declarators, attrs, span: ctx.span(node) };
}
function convertFunction(ctx, node) {
  const base = convertBaseType(ctx, node);
  const declNode = node.childForFieldName("declarator");
  const cd = convertDeclarator(ctx, declNode);
  const fnStep = [...cd.derived].reverse().find((d) => d.kind === "function");
  if (!cd.name || !cd.nameNode || !fnStep || fnStep.kind !== "function") {
    ctx.error("parse/syntax-error", declNode ?? node, "malformed function definition");
    return void 0;
  }
  ctx.pushScope();
  for (const p of fnStep.params) if (p.name) ctx.shadowTypedef(p.name);
  const bodyNode = node.childForFieldName("body");
  const body = bodyNode ? convertBlock(ctx, bodyNode) : { kind: "block", items: [], span: ctx.span(node) };
  ctx.popScope();
  return {
    kind: "function",
    name: cd.name,
    storage: storageOf(node),
    type: { ...base, derived: cd.derived, span: ctx.span(node) },
    params: fnStep.params,
    body,
    attrs: [...attributesOf(ctx, node), ...cd.attrs],
    nameSpan: ctx.span(cd.nameNode),
    span: ctx.span(node)
  };
}
function convertMapMacro(ctx, node) {
  const call2 = kids(node)[0];
  if (call2?.type !== "call_expression") return void 0;
  const fn = call2.childForFieldName("function");
  if (fn?.type !== "identifier" || !/^BPF_[A-Z0-9_]+$/.test(fn.text)) return void 0;
  const args = kids(call2.childForFieldName("arguments"));
  const first = args[0];
  if (first?.type !== "identifier") {
    ctx.error("parse/bad-map-decl", call2, `${fn.text}(...) needs the map name as its first argument`);
    return void 0;
  }
  const typeArgs = [];
  let sizeArg;
  const rest = args.slice(1);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const next = rest[i + 1];
    if (a.type === "identifier" && /^(struct|union|enum)$/.test(a.text) && next?.type === "ERROR") {
      const tagNode = kids(next)[0];
      const span = ctx.spanBetween(a, next);
      const base = a.text === "enum" ? { kind: "enum", tag: tagNode.text, enumerators: void 0, span } : { kind: "record", union: a.text === "union", tag: tagNode.text, fields: void 0, attrs: [], span };
      typeArgs.push({ base, quals: { const: false, volatile: false }, derived: [], span });
      i++;
      continue;
    }
    if (a.type === "identifier" || a.type === "primitive_type") {
      const span = ctx.span(a);
      typeArgs.push({ base: { kind: "typedef-name", name: a.text, span }, quals: { const: false, volatile: false }, derived: [], span });
    } else {
      sizeArg = convertExpr(ctx, a);
    }
  }
  return { kind: "map-macro", macro: fn.text, name: first.text, typeArgs, sizeArg, span: ctx.span(node) };
}
function convertTopLevel(ctx, root) {
  const out = [];
  for (const k of kids(root)) {
    switch (k.type) {
      case "function_definition": {
        const f2 = convertFunction(ctx, k);
        if (f2) out.push(f2);
        break;
      }
      case "declaration":
      case "type_definition":
        out.push(convertDeclaration(ctx, k));
        break;
      case "expression_statement": {
        const m = convertMapMacro(ctx, k);
        if (m) out.push(m);
        else if (!k.hasError) ctx.error("parse/unexpected-top-level", k, "expected a declaration or function definition");
        break;
      }
      case "struct_specifier":
      case "union_specifier":
      case "enum_specifier": {
        const span = ctx.span(k);
        out.push({
          kind: "decl",
          storage: [],
          declarators: [],
          attrs: [],
          span,
          base: { base: convertTypeSpec(ctx, k), quals: { const: false, volatile: false }, derived: [], span }
        });
        break;
      }
      case "ERROR":
      case "preproc_def":
      case "preproc_function_def":
      case "preproc_include":
      case "preproc_if":
      case "preproc_ifdef":
        break;
      case "preproc_call":
        if (isUnrollPragma(k)) break;
        break;
      default:
        if (!k.hasError) ctx.error("parse/unexpected-top-level", k, `unexpected ${k.type.replace(/_/g, " ")} at top level`);
    }
  }
  return out;
}

// frontend-c/parse/trailing-attributes.ts
function matchParen(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      continue;
    }
    if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i;
  }
  return -1;
}
function splitTop(s2) {
  const out = [];
  let depth = 0;
  let cur = "";
  for (let i = 0; i < s2.length; i++) {
    const ch = s2[i];
    if (ch === '"') {
      let j = i + 1;
      for (; j < s2.length && s2[j] !== '"'; j++) if (s2[j] === "\\") j++;
      cur += s2.slice(i, j + 1);
      i = j;
      continue;
    }
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur.trim() !== "") out.push(cur);
  return out;
}
function argExpr(text, span) {
  const t = text.trim();
  if (t.startsWith('"')) {
    const parts = [...t.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => decodeEscapes(m[1]));
    const len = parts.reduce((n, p) => n + p.length, 0);
    const bytes = new Uint8Array(len);
    let off = 0;
    for (const p of parts) {
      bytes.set(p, off);
      off += p.length;
    }
    return { kind: "string", bytes, span };
  }
  const lit = parseIntLiteral(t);
  if (lit.error === void 0) return { kind: "int", value: lit.value, unsigned: lit.unsigned, longs: lit.longs, decimal: true, span };
  return { kind: "ident", name: t, span };
}
function extractTrailingAttributes(text, spanAt) {
  if (!text.includes("__attribute__")) return { text, found: [] };
  const found = [];
  let out = text;
  const re = /__attribute__\s*\(/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const open = m.index + m[0].length - 1;
    const close = matchParen(text, open);
    if (close < 0) break;
    let k = close + 1;
    while (k < text.length && /\s/.test(text[k])) k++;
    const next = text[k];
    let p = m.index - 1;
    while (p >= 0 && /\s/.test(text[p])) p--;
    const prev = text[p];
    const afterDeclarator = prev !== void 0 && /[\w\])]/.test(prev) && !/\b(struct|union|enum)\s*$/.test(text.slice(0, p + 1));
    if ((next === ";" || next === "=" || next === ",") && afterDeclarator) {
      const inner = text.slice(open + 1, close).trim().replace(/^\(/, "").replace(/\)$/, "");
      const span = spanAt(m.index, close + 1 - m.index);
      const attrs = [];
      for (const item of splitTop(inner)) {
        const am = /^\s*(\w+)\s*(?:\((.*)\))?\s*$/s.exec(item);
        if (!am) continue;
        const name = am[1].replace(/^__(.*)__$/, "$1");
        const args = am[2] !== void 0 ? splitTop(am[2]).map((a) => argExpr(a, span)) : [];
        attrs.push({ name, args, span });
      }
      found.push({ start: m.index, attrs });
      out = out.slice(0, m.index) + out.slice(m.index, close + 1).replace(/[^\n]/g, " ") + out.slice(close + 1);
    }
    re.lastIndex = close + 1;
  }
  return { text: out, found };
}

// frontend-c/parse/cst.ts
var CstSource = class {
  constructor(text) {
    this.text = text;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
  }
  text;
  lineStarts = [0];
  /** (row, column) of a UTF-16 offset (tree-sitter's Node binding indexes the text in UTF-16 units). */
  point(offset) {
    const ls = this.lineStarts;
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (ls[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: offset - ls[lo] };
  }
};
var CstNode = class {
  constructor(src, id, type, isNamed, isMissing, startIndex, endIndex, fieldName) {
    this.src = src;
    this.id = id;
    this.type = type;
    this.isNamed = isNamed;
    this.isMissing = isMissing;
    this.startIndex = startIndex;
    this.endIndex = endIndex;
    this.fieldName = fieldName;
  }
  src;
  id;
  type;
  isNamed;
  isMissing;
  startIndex;
  endIndex;
  fieldName;
  children = [];
  parent = null;
  hasError = false;
  named;
  indexInParent = 0;
  get text() {
    return this.src.text.slice(this.startIndex, this.endIndex);
  }
  get startPosition() {
    return this.src.point(this.startIndex);
  }
  get endPosition() {
    return this.src.point(this.endIndex);
  }
  get namedChildren() {
    this.named ??= this.children.filter((c) => c.isNamed);
    return this.named;
  }
  childForFieldName(name) {
    for (const c of this.children) if (c.fieldName === name) return c;
    return null;
  }
  childrenForFieldName(name) {
    return this.children.filter((c) => c.fieldName === name);
  }
  get nextNamedSibling() {
    const sib = this.parent?.children;
    if (!sib) return null;
    for (let i = this.indexInParent + 1; i < sib.length; i++) if (sib[i].isNamed) return sib[i];
    return null;
  }
  get previousNamedSibling() {
    const sib = this.parent?.children;
    if (!sib) return null;
    for (let i = this.indexInParent - 1; i >= 0; i--) if (sib[i].isNamed) return sib[i];
    return null;
  }
  add(child) {
    child.parent = this;
    child.indexInParent = this.children.length;
    this.children.push(child);
  }
};
var SymbolCache = class {
  types = /* @__PURE__ */ new Map();
  fields = /* @__PURE__ */ new Map();
};
function mirrorTree(tree, text, cache = new SymbolCache()) {
  const src = new CstSource(text);
  const c = tree.walk();
  let id = 0;
  const make = () => {
    const typeId = c.nodeTypeId;
    let sym = cache.types.get(typeId);
    if (sym === void 0) {
      sym = { type: c.nodeType, named: c.nodeIsNamed };
      cache.types.set(typeId, sym);
    }
    const fieldId = c.currentFieldId;
    let field = cache.fields.get(fieldId);
    if (field === void 0) {
      field = c.currentFieldName ?? null;
      cache.fields.set(fieldId, field);
    }
    const start = c.startIndex;
    const end = c.endIndex;
    const missing = start === end && c.nodeIsMissing;
    return new CstNode(src, id++, sym.type, sym.named, missing, start, end, field);
  };
  const root = make();
  const stack = [root];
  let down = true;
  for (; ; ) {
    if (down && c.gotoFirstChild()) {
      const n = make();
      stack[stack.length - 1].add(n);
      stack.push(n);
      continue;
    }
    const done = stack.pop();
    if (done.type === "ERROR" || done.isMissing) done.hasError = true;
    if (done.hasError && done.parent) done.parent.hasError = true;
    if (c.gotoNextSibling()) {
      const n = make();
      stack[stack.length - 1].add(n);
      stack.push(n);
      down = true;
      continue;
    }
    if (!c.gotoParent()) break;
    down = false;
  }
  return root;
}

// frontend-c/parse/parser.ts
var CParser = class {
  parser;
  symbols = new SymbolCache();
  constructor() {
    this.parser = new Parser();
    this.parser.setLanguage(C);
  }
  parse(text, opts, sink) {
    const pre = new CstSource(text);
    const spanCtx = new ConvertContext(opts.file, sink, opts.mapper, () => false);
    const trailing = extractTrailingAttributes(text, (offset, length) => spanCtx.spanOfPoints(pre.point(offset), pre.point(offset + length)));
    text = trailing.text;
    const tree = this.parser.parse(text);
    const root = mirrorTree(tree, text, this.symbols);
    const ctx = new ConvertContext(opts.file, sink, opts.mapper, opts.isExternalTypedef ?? (() => false), [...opts.unrollRows ?? []]);
    ctx.trailingAttributes = trailing.found;
    if (root.hasError) reportSyntaxErrors(ctx, root);
    const items = convertTopLevel(ctx, root);
    return { items, file: opts.file };
  }
};
function reportSyntaxErrors(ctx, node) {
  if (node.isMissing && isUnnamedBitfield(node)) return;
  if (node.isMissing) {
    ctx.error("parse/missing-token", node, `expected '${node.type}'`);
    return;
  }
  if (node.type === "ERROR" && (isTagInMapMacro(node) || isCaseRange(node))) return;
  if (node.type === "ERROR") {
    const text = node.text.split("\n")[0].slice(0, 30);
    ctx.error("parse/syntax-error", node, `syntax error near '${text}'`);
    return;
  }
  for (const c of node.children) {
    if (c.hasError || c.isMissing) reportSyntaxErrors(ctx, c);
  }
}
function isTagInMapMacro(node) {
  const list = node.parent;
  const call2 = list?.parent;
  if (list?.type !== "argument_list" || call2?.type !== "call_expression") return false;
  if (!/^(BPF_[A-Z0-9_]+|__builtin_offsetof)$/.test(call2.childForFieldName("function")?.text ?? "")) return false;
  const prev = node.previousNamedSibling;
  return prev?.type === "identifier" && /^(struct|union|enum)$/.test(prev.text) && node.namedChildren.length === 1 && node.namedChildren[0].type === "identifier";
}
function isCaseRange(node) {
  return node.parent?.type === "case_statement" && node.namedChildren.length === 1 && (node.text.startsWith("...") || node.text.trimEnd().endsWith("..."));
}
function isUnnamedBitfield(node) {
  return node.type === "field_identifier" && node.parent?.type === "field_declaration" && node.parent.children.some((c) => c.type === "bitfield_clause");
}

// frontend-c/preprocess/cflags.ts
var NAME = /^[A-Za-z_$][A-Za-z0-9_$]*/;
function defineLine(spec) {
  const m = NAME.exec(spec);
  if (!m) return void 0;
  const name = m[0];
  let rest = spec.slice(name.length);
  let params = "";
  if (rest.startsWith("(")) {
    const close = rest.indexOf(")");
    if (close < 0) return void 0;
    params = rest.slice(0, close + 1);
    rest = rest.slice(close + 1);
  }
  let value;
  if (rest === "") value = "1";
  else if (rest.startsWith("=")) value = rest.slice(1);
  else return void 0;
  return { name, text: `#define ${name}${params} ${value.replace(/[\r\n]/g, " ")}` };
}
function parseCflags(cflags) {
  const out = { macros: [], includeDirs: [], forcedIncludes: [], ignored: [], errors: [] };
  for (let i = 0; i < cflags.length; i++) {
    const flag = cflags[i];
    const takeArg = (prefix2) => {
      if (flag.length > prefix2.length) return flag.slice(prefix2.length);
      const next = cflags[i + 1];
      if (next === void 0) {
        out.errors.push(`missing argument to '${prefix2}'`);
        return void 0;
      }
      i++;
      return next;
    };
    if (flag.startsWith("-D")) {
      const arg = takeArg("-D");
      if (arg === void 0) continue;
      const d = defineLine(arg);
      if (d) out.macros.push({ kind: "define", name: d.name, text: d.text });
      else out.errors.push(`invalid macro definition '${arg}'`);
    } else if (flag.startsWith("-U")) {
      const arg = takeArg("-U");
      if (arg === void 0) continue;
      if (NAME.exec(arg)?.[0] === arg) out.macros.push({ kind: "undef", name: arg });
      else out.errors.push(`invalid macro name '${arg}'`);
    } else if (flag === "-include") {
      const arg = takeArg("-include");
      if (arg !== void 0) out.forcedIncludes.push(arg);
    } else if (flag.startsWith("-isystem") || flag.startsWith("-iquote") || flag.startsWith("-idirafter")) {
      const prefix2 = flag.startsWith("-isystem") ? "-isystem" : flag.startsWith("-iquote") ? "-iquote" : "-idirafter";
      const arg = takeArg(prefix2);
      if (arg !== void 0) out.includeDirs.push(arg);
    } else if (flag.startsWith("-I")) {
      const arg = takeArg("-I");
      if (arg !== void 0) out.includeDirs.push(arg);
    } else {
      out.ignored.push(flag);
    }
  }
  return out;
}

// frontend-c/preprocess/lexer.ts
var EMPTY_HIDESET = Object.freeze([]);
function punctLen(text, i) {
  const c = text.charCodeAt(i);
  const d = text.charCodeAt(i + 1);
  switch (c) {
    case 46:
      return d === 46 && text.charCodeAt(i + 2) === 46 ? 3 : 1;
    case 60:
    // <
    case 62:
      if (d === c) return text.charCodeAt(i + 2) === 61 ? 3 : 2;
      return d === 61 ? 2 : 1;
    case 45:
      return d === 62 || d === 45 || d === 61 ? 2 : 1;
    case 43:
    // +
    case 38:
    // &
    case 124:
      return d === c || d === 61 ? 2 : 1;
    case 61:
    // =
    case 33:
    // !
    case 42:
    // *
    case 47:
    // /
    case 37:
    // %
    case 94:
      return d === 61 ? 2 : 1;
    case 35:
      return d === 35 ? 2 : 1;
    case 91:
    case 93:
    case 40:
    case 41:
    case 123:
    case 125:
    case 126:
    case 63:
    case 58:
    case 59:
    case 44:
      return 1;
  }
  return 0;
}
function isIdentStart(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c === 95 || c === 36 || c >= 128;
}
function isIdentChar(c) {
  return isIdentStart(c) || c >= 48 && c <= 57;
}
function isDigit(c) {
  return c >= 48 && c <= 57;
}
function splice(src) {
  const removedAt = [];
  const removedLen = [];
  if (src.indexOf("\\") < 0) return { text: src, removedAt, removedLen };
  const parts = [];
  let from = 0;
  let logical = 0;
  let i = src.indexOf("\\");
  while (i >= 0) {
    let j = i + 1;
    while (j < src.length && (src.charCodeAt(j) === 32 || src.charCodeAt(j) === 9)) j++;
    if (j < src.length && src.charCodeAt(j) === 13) j++;
    if (j < src.length && src.charCodeAt(j) === 10) {
      parts.push(src.slice(from, i));
      logical += i - from;
      removedAt.push(logical);
      removedLen.push(j + 1 - i);
      from = j + 1;
      i = src.indexOf("\\", from);
    } else {
      i = src.indexOf("\\", i + 1);
    }
  }
  if (removedAt.length === 0) return { text: src, removedAt, removedLen };
  parts.push(src.slice(from));
  return { text: parts.join(""), removedAt, removedLen };
}
var Positions = class {
  constructor(src, removedAt, removedLen) {
    this.removedAt = removedAt;
    this.removedLen = removedLen;
    for (let p = src.indexOf("\n"); p >= 0; p = src.indexOf("\n", p + 1)) this.lineStarts.push(p + 1);
  }
  removedAt;
  removedLen;
  line = 1;
  col = 1;
  lineCursor = 0;
  spliceCursor = 0;
  spliceShift = 0;
  lineStarts = [0];
  /** Sets `line`/`col` for a logical (spliced-text) offset. */
  at(logical) {
    while (this.spliceCursor < this.removedAt.length && this.removedAt[this.spliceCursor] <= logical) {
      this.spliceShift += this.removedLen[this.spliceCursor];
      this.spliceCursor++;
    }
    const off = logical + this.spliceShift;
    const starts = this.lineStarts;
    let lc = this.lineCursor;
    while (lc + 1 < starts.length && starts[lc + 1] <= off) lc++;
    this.lineCursor = lc;
    this.line = lc + 1;
    this.col = off - starts[lc] + 1;
  }
};
function mkToken(kind, text, fileIdx, pos, space) {
  return { kind, text, file: fileIdx, line: pos.line, col: pos.col, spaceBefore: space, exp: -1, hs: EMPTY_HIDESET };
}
function lexFile(src, fileIdx) {
  const { text, removedAt, removedLen } = splice(src);
  const problems = [];
  const lines = [];
  const pos = new Positions(src, removedAt, removedLen);
  const n = text.length;
  let i = 0;
  let tokens = [];
  let lineStartPhys = 1;
  let space = false;
  let state = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      pos.at(i);
      lines.push({ tokens, line: lineStartPhys, endLine: pos.line });
      tokens = [];
      space = true;
      state = 0;
      lineStartPhys = pos.line + 1;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 11 || c === 12) {
      space = true;
      i++;
      continue;
    }
    if (c === 47) {
      const d = text.charCodeAt(i + 1);
      if (d === 47) {
        const nl = text.indexOf("\n", i);
        i = nl < 0 ? n : nl;
        space = true;
        continue;
      }
      if (d === 42) {
        const close = text.indexOf("*/", i + 2);
        if (close < 0) {
          pos.at(i);
          problems.push({ code: "pp/unterminated-comment", message: "unterminated /* comment", line: pos.line, col: pos.col });
          i = n;
        } else {
          i = close + 2;
        }
        space = true;
        continue;
      }
    }
    const start = i;
    let kind;
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentChar(text.charCodeAt(j))) j++;
      const q = text.charCodeAt(j);
      kind = 0 /* Ident */;
      i = j;
      if ((q === 34 || q === 39) && j - start <= 2) {
        const pre = text.slice(start, j);
        if (pre === "L" || pre === "u" || pre === "U" || pre === "u8" && q === 34) {
          const e = lexQuoted(text, j, q);
          i = e < 0 ? lineEnd(text, start) : e;
          kind = e < 0 ? 7 /* BadString */ : q === 34 ? 3 /* String */ : 2 /* Char */;
        }
      }
      if (kind === 0 /* Ident */ && state === 1) {
        const word = text.slice(start, i);
        state = word === "include" || word === "include_next" || word === "import" ? 2 : 3;
      } else state = 3;
    } else if (isDigit(c) || c === 46 && isDigit(text.charCodeAt(i + 1))) {
      i++;
      while (i < n) {
        const e = text.charCodeAt(i);
        if (isIdentChar(e) || e === 46) i++;
        else if ((e === 43 || e === 45) && isExpChar(text.charCodeAt(i - 1))) i++;
        else break;
      }
      kind = 1 /* Number */;
      state = 3;
    } else if (c === 34 || c === 39) {
      const e = lexQuoted(text, i, c);
      i = e < 0 ? lineEnd(text, i) : e;
      kind = e < 0 ? 7 /* BadString */ : c === 34 ? 3 /* String */ : 2 /* Char */;
      state = 3;
    } else if (c === 60 && state === 2 && headerEnd(text, i) > 0) {
      i = headerEnd(text, i);
      kind = 6 /* HeaderName */;
      state = 3;
    } else {
      const plen = punctLen(text, i);
      if (plen > 0) {
        i += plen;
        kind = 4 /* Punct */;
        state = state === 0 && c === 35 && plen === 1 ? 1 : 3;
      } else {
        i += c >= 55296 && c <= 56319 && i + 1 < n ? 2 : 1;
        kind = 5 /* Other */;
        state = 3;
      }
    }
    pos.at(start);
    tokens.push(mkToken(kind, text.slice(start, i), fileIdx, pos, space));
    space = false;
  }
  if (tokens.length > 0 || lines.length === 0 || text.charCodeAt(n - 1) !== 10) {
    pos.at(n);
    lines.push({ tokens, line: lineStartPhys, endLine: pos.line });
  }
  return { lines, problems };
}
function isExpChar(c) {
  return c === 101 || c === 69 || c === 112 || c === 80;
}
function headerEnd(text, i) {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 62) return j + 1;
    if (c === 10) return -1;
  }
  return -1;
}
function lexQuoted(text, i, quote) {
  let j = i + 1;
  const n = text.length;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === quote) return j + 1;
    if (c === 10) return -1;
    if (c === 92) {
      if (text.charCodeAt(j + 1) === 10) return -1;
      j += 2;
    } else j++;
  }
  return -1;
}
function lineEnd(text, i) {
  const nl = text.indexOf("\n", i);
  return nl < 0 ? text.length : nl;
}

// frontend-c/preprocess/define.ts
function parseDefine(toks, def) {
  const nameTok = toks[0];
  if (nameTok === void 0) return { ok: false, message: "macro name missing", at: toks[0] };
  if (nameTok.kind !== 0 /* Ident */) return { ok: false, message: "macro names must be identifiers", at: nameTok };
  if (nameTok.text === "defined") return { ok: false, message: '"defined" cannot be used as a macro name', at: nameTok };
  let i = 1;
  let params;
  let variadic = false;
  const open = toks[1];
  if (open !== void 0 && open.kind === 4 /* Punct */ && open.text === "(" && !open.spaceBefore) {
    params = [];
    i = 2;
    for (; ; ) {
      const t = toks[i];
      if (t === void 0) return { ok: false, message: "missing ')' in macro parameter list", at: toks[i - 1] };
      if (t.kind === 4 /* Punct */ && t.text === ")" && params.length === 0) {
        i++;
        break;
      }
      if (t.kind === 4 /* Punct */ && t.text === "...") {
        params.push("__VA_ARGS__");
        variadic = true;
        i++;
      } else if (t.kind === 0 /* Ident */) {
        if (t.text === "__VA_ARGS__") return { ok: false, message: "__VA_ARGS__ can only appear in the expansion of a variadic macro", at: t };
        if (params.includes(t.text)) return { ok: false, message: `duplicate macro parameter "${t.text}"`, at: t };
        params.push(t.text);
        i++;
        const dots = toks[i];
        if (dots !== void 0 && dots.kind === 4 /* Punct */ && dots.text === "...") {
          variadic = true;
          i++;
        }
      } else {
        return { ok: false, message: `expected parameter name, found "${t.text}"`, at: t };
      }
      const sep2 = toks[i];
      if (sep2 === void 0) return { ok: false, message: "missing ')' in macro parameter list", at: toks[i - 1] };
      if (sep2.kind === 4 /* Punct */ && sep2.text === ")") {
        i++;
        break;
      }
      if (variadic || sep2.kind !== 4 /* Punct */ || sep2.text !== ",") {
        return { ok: false, message: variadic ? `missing ')' after "..."` : `expected ',' or ')', found "${sep2.text}"`, at: sep2 };
      }
      i++;
    }
  } else if (open !== void 0 && !open.spaceBefore) {
  }
  const body = toks.slice(i);
  const paramIndex = body.map((t) => params !== void 0 && t.kind === 0 /* Ident */ ? params.indexOf(t.text) : -1);
  for (let k = 0; k < body.length; k++) {
    const t = body[k];
    if (t.kind !== 4 /* Punct */ && t.kind !== 0 /* Ident */) continue;
    if (t.text === "##" && (k === 0 || k === body.length - 1)) {
      return { ok: false, message: "'##' cannot appear at either end of a macro expansion", at: t };
    }
    if (params !== void 0 && t.text === "#" && t.kind === 4 /* Punct */) {
      const next = body[k + 1];
      const isParam = (paramIndex[k + 1] ?? -1) >= 0 || next !== void 0 && next.text === "__VA_OPT__";
      if (!isParam) return { ok: false, message: "'#' is not followed by a macro parameter", at: t };
    }
    if (t.kind === 0 /* Ident */ && (t.text === "__VA_ARGS__" || t.text === "__VA_OPT__") && !(variadic && params?.[params.length - 1] === "__VA_ARGS__")) {
      return { ok: false, message: `${t.text} can only appear in the expansion of a variadic macro`, at: t };
    }
  }
  return { ok: true, macro: { name: nameTok.text, params, variadic, body, paramIndex, def: def(nameTok) } };
}
function sameDefinition(a, b) {
  if (a.params === void 0 !== (b.params === void 0) || a.variadic !== b.variadic) return false;
  if (a.params && b.params && (a.params.length !== b.params.length || a.params.some((p, i) => p !== b.params?.[i]))) return false;
  if (a.body.length !== b.body.length) return false;
  for (let i = 0; i < a.body.length; i++) {
    const x = a.body[i];
    const y = b.body[i];
    if (x.text !== y.text || i > 0 && x.spaceBefore !== y.spaceBefore) return false;
  }
  return true;
}

// frontend-c/preprocess/expr.ts
var ExprError = class {
  constructor(message, at2) {
    this.message = message;
    this.at = at2;
  }
  message;
  at;
};
var MAX_DEPTH = 256;
function norm(v, unsigned) {
  return { v: unsigned ? BigInt.asUintN(64, v) : BigInt.asIntN(64, v), unsigned };
}
var bool = (b) => ({ v: b ? 1n : 0n, unsigned: false });
var PREC = {
  "||": 1,
  "&&": 2,
  "|": 3,
  "^": 4,
  "&": 5,
  "==": 6,
  "!=": 6,
  "<": 7,
  ">": 7,
  "<=": 7,
  ">=": 7,
  "<<": 8,
  ">>": 8,
  "+": 9,
  "-": 9,
  "*": 10,
  "/": 10,
  "%": 10
};
function evaluate(toks) {
  const p = new Parser2(toks);
  try {
    if (toks.length === 0) return { ok: false, message: "#if with no expression", at: void 0 };
    const v = p.comma(true);
    const rest = toks[p.pos];
    if (rest !== void 0) {
      let message = `missing binary operator before token "${rest.text}"`;
      if (rest.kind === 4 /* Punct */ && rest.text === ")") message = "missing '(' in expression";
      else if (rest.kind === 4 /* Punct */) message = `token "${rest.text}" is not valid in preprocessor expressions`;
      throw new ExprError(message, rest);
    }
    return { ok: true, value: v };
  } catch (e) {
    if (e instanceof ExprError) return { ok: false, message: e.message, at: e.at };
    throw e;
  }
}
var Parser2 = class {
  constructor(toks) {
    this.toks = toks;
  }
  toks;
  pos = 0;
  depth = 0;
  peek() {
    return this.toks[this.pos];
  }
  isPunct(text) {
    const t = this.toks[this.pos];
    return t !== void 0 && t.kind === 4 /* Punct */ && t.text === text;
  }
  last() {
    return this.toks[this.pos - 1] ?? this.toks[this.toks.length - 1];
  }
  comma(ev) {
    let v = this.cond(ev);
    while (this.isPunct(",")) {
      this.pos++;
      v = this.cond(ev);
    }
    return v;
  }
  cond(ev) {
    if (++this.depth > MAX_DEPTH) throw new ExprError("#if expression nested too deeply", this.peek());
    const c = this.binary(1, ev);
    let result = c;
    if (this.isPunct("?")) {
      this.pos++;
      const t = c.v !== 0n;
      const a = this.comma(ev && t);
      if (!this.isPunct(":")) throw new ExprError("expected ':' in conditional expression", this.peek() ?? this.last());
      this.pos++;
      const b = this.cond(ev && !t);
      const unsigned = a.unsigned || b.unsigned;
      result = norm(t ? a.v : b.v, unsigned);
    }
    this.depth--;
    return result;
  }
  binary(minPrec, ev) {
    let lhs = this.unary(ev);
    for (; ; ) {
      const op = this.peek();
      if (op === void 0 || op.kind !== 4 /* Punct */) return lhs;
      const prec = PREC[op.text];
      if (prec === void 0 || prec < minPrec) return lhs;
      this.pos++;
      if (op.text === "&&") {
        const rhs = this.binary(prec + 1, ev && lhs.v !== 0n);
        lhs = bool(lhs.v !== 0n && rhs.v !== 0n);
      } else if (op.text === "||") {
        const rhs = this.binary(prec + 1, ev && lhs.v === 0n);
        lhs = bool(lhs.v !== 0n || rhs.v !== 0n);
      } else {
        const rhs = this.binary(prec + 1, ev);
        lhs = this.apply(op, lhs, rhs, ev);
      }
    }
  }
  apply(op, a, b, ev) {
    const text = op.text;
    if (text === "<<" || text === ">>") {
      let n = b.v;
      let left2 = text === "<<";
      if (!b.unsigned && n < 0n) {
        n = -n;
        left2 = !left2;
      }
      if (left2) return norm(n >= 64n ? 0n : a.v << n, a.unsigned);
      if (n >= 64n) return norm(!a.unsigned && a.v < 0n ? -1n : 0n, a.unsigned);
      return norm(a.v >> n, a.unsigned);
    }
    const unsigned = a.unsigned || b.unsigned;
    const x = unsigned ? BigInt.asUintN(64, a.v) : a.v;
    const y = unsigned ? BigInt.asUintN(64, b.v) : b.v;
    switch (text) {
      case "*":
        return norm(x * y, unsigned);
      case "/":
      case "%":
        if (y === 0n) {
          if (ev) throw new ExprError(text === "/" ? "division by zero in #if" : "remainder by zero in #if", op);
          return norm(0n, unsigned);
        }
        return norm(text === "/" ? x / y : x % y, unsigned);
      case "+":
        return norm(x + y, unsigned);
      case "-":
        return norm(x - y, unsigned);
      case "<":
        return bool(x < y);
      case ">":
        return bool(x > y);
      case "<=":
        return bool(x <= y);
      case ">=":
        return bool(x >= y);
      case "==":
        return bool(x === y);
      case "!=":
        return bool(x !== y);
      case "&":
        return norm(x & y, unsigned);
      case "^":
        return norm(x ^ y, unsigned);
      case "|":
        return norm(x | y, unsigned);
    }
    throw new ExprError(`invalid operator '${text}' in #if`, op);
  }
  unary(ev) {
    const t = this.peek();
    if (t === void 0) throw new ExprError("#if expression ends unexpectedly", this.last());
    if (t.kind === 4 /* Punct */) {
      switch (t.text) {
        case "(": {
          this.pos++;
          if (++this.depth > MAX_DEPTH) throw new ExprError("#if expression nested too deeply", t);
          const v = this.comma(ev);
          this.depth--;
          if (!this.isPunct(")")) throw new ExprError("missing ')' in expression", this.peek() ?? t);
          this.pos++;
          return v;
        }
        case "+":
        case "-":
        case "~":
        case "!": {
          this.pos++;
          if (++this.depth > MAX_DEPTH) throw new ExprError("#if expression nested too deeply", t);
          const v = this.unary(ev);
          this.depth--;
          if (t.text === "+") return v;
          if (t.text === "-") return norm(-v.v, v.unsigned);
          if (t.text === "~") return norm(~v.v, v.unsigned);
          return bool(v.v === 0n);
        }
      }
      throw new ExprError(`token "${t.text}" is not valid in preprocessor expressions`, t);
    }
    this.pos++;
    switch (t.kind) {
      case 1 /* Number */:
        return parseNumber(t);
      case 2 /* Char */:
        return parseChar(t);
      case 0 /* Ident */:
        return { v: 0n, unsigned: false };
    }
    throw new ExprError(`token "${t.text}" is not valid in preprocessor expressions`, t);
  }
};
var INT64_MAX = (1n << 63n) - 1n;
function parseNumber(t) {
  const s2 = t.text;
  const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)([uUlL]*)$/.exec(s2.replace(/'/g, ""));
  if (!m) {
    if (/^(0[xX][0-9a-fA-F.]*[pP]|[0-9.]*[.eE])/.test(s2)) throw new ExprError("floating constant in preprocessor expression", t);
    throw new ExprError(`invalid integer constant "${s2}" in #if`, t);
  }
  const digits = m[1];
  const suffix = m[2].toLowerCase();
  if (!/^(u?(l|ll)?|(l|ll)u)$/.test(suffix)) throw new ExprError(`invalid suffix "${m[2]}" on integer constant`, t);
  let v;
  if (/^0[xXbB]/.test(digits)) v = BigInt(digits.toLowerCase());
  else if (digits.length > 1 && digits.startsWith("0")) {
    if (/[89]/.test(digits)) throw new ExprError(`invalid digit in octal constant "${s2}"`, t);
    v = BigInt(`0o${digits.slice(1)}`);
  } else {
    v = BigInt(digits);
  }
  if (v > (1n << 64n) - 1n) throw new ExprError(`integer constant "${s2}" is too large`, t);
  const unsigned = suffix.includes("u") || v > INT64_MAX;
  return norm(v, unsigned);
}
var SIMPLE_ESCAPES2 = {
  n: 10,
  t: 9,
  r: 13,
  a: 7,
  b: 8,
  f: 12,
  v: 11,
  e: 27,
  "\\": 92,
  "'": 39,
  '"': 34,
  "?": 63
};
function decodeChars(body, t) {
  const out = [];
  for (let i = 0; i < body.length; ) {
    const c = body.charCodeAt(i);
    if (c !== 92) {
      const cp = body.codePointAt(i);
      out.push([cp, false]);
      i += cp > 65535 ? 2 : 1;
      continue;
    }
    const e = body[i + 1] ?? "";
    if (e in SIMPLE_ESCAPES2) {
      out.push([SIMPLE_ESCAPES2[e], true]);
      i += 2;
    } else if (e === "x") {
      const m = /^[0-9a-fA-F]+/.exec(body.slice(i + 2));
      if (!m) throw new ExprError("\\x used with no following hex digits", t);
      out.push([Number(BigInt(`0x${m[0]}`) & 0xffffffffn), true]);
      i += 2 + m[0].length;
    } else if (/[0-7]/.test(e)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1));
      out.push([parseInt(m[0], 8), true]);
      i += 1 + m[0].length;
    } else if (e === "u" || e === "U") {
      const len = e === "u" ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new ExprError("incomplete universal character name", t);
      out.push([parseInt(hex, 16), false]);
      i += 2 + len;
    } else {
      out.push([body.charCodeAt(i + 1) || 92, true]);
      i += 2;
    }
  }
  return out;
}
function parseChar(t) {
  const s2 = t.text;
  const q = s2.indexOf("'");
  const prefix2 = s2.slice(0, q);
  const body = s2.slice(q + 1, -1);
  if (body.length === 0) throw new ExprError("empty character constant", t);
  const chars = decodeChars(body, t);
  if (prefix2 === "L" || prefix2 === "U") {
    const v2 = BigInt(chars[chars.length - 1][0]);
    return prefix2 === "L" ? norm(BigInt.asIntN(32, v2), false) : norm(BigInt.asUintN(32, v2), false);
  }
  if (prefix2 === "u") return norm(BigInt(chars[chars.length - 1][0] & 65535), false);
  const bytes = [];
  for (const [c, escaped] of chars) {
    if (escaped || c < 128) bytes.push(c & 255);
    else for (const b of new TextEncoder().encode(String.fromCodePoint(c))) bytes.push(b);
  }
  if (bytes.length === 1) return norm(BigInt.asIntN(8, BigInt(bytes[0])), false);
  let v = 0n;
  for (const b of bytes) v = v << 8n | BigInt(b);
  return norm(BigInt.asIntN(32, v), false);
}

// frontend-c/preprocess/macros.ts
var TokenStream = class {
  constructor(line, pos = 0, more) {
    this.line = line;
    this.pos = pos;
    this.more = more;
  }
  line;
  pos;
  more;
  stack = [];
  /** Starts over on a new line (the push-back stack is empty once a line has been expanded). */
  reset(line) {
    this.line = line;
    this.pos = 0;
    this.stack.length = 0;
  }
  next(allowMore) {
    if (this.stack.length > 0) return this.stack.pop();
    for (; ; ) {
      if (this.pos < this.line.length) return this.line[this.pos++];
      if (!allowMore || this.more === void 0) return void 0;
      const l = this.more();
      if (l === void 0) return void 0;
      this.line = l;
      this.pos = 0;
    }
  }
  unshift(toks) {
    for (let i = toks.length - 1; i >= 0; i--) this.stack.push(toks[i]);
  }
  pushBack(t) {
    this.stack.push(t);
  }
};
var MAX_ARG_DEPTH = 200;
var HideSets = class {
  adds = /* @__PURE__ */ new Map();
  unions = /* @__PURE__ */ new Map();
  intersections = /* @__PURE__ */ new Map();
  add(hs, name) {
    let byName = this.adds.get(hs);
    if (byName === void 0) this.adds.set(hs, byName = /* @__PURE__ */ new Map());
    let r2 = byName.get(name);
    if (r2 === void 0) {
      r2 = hs.includes(name) ? hs : [...hs, name];
      byName.set(name, r2);
    }
    return r2;
  }
  union(a, b) {
    if (a.length === 0) return b;
    if (b.length === 0 || a === b) return a;
    let byB = this.unions.get(a);
    if (byB === void 0) this.unions.set(a, byB = /* @__PURE__ */ new Map());
    let r2 = byB.get(b);
    if (r2 === void 0) {
      let out;
      for (const n of b) if (!a.includes(n)) (out ??= [...a]).push(n);
      r2 = out ?? a;
      byB.set(b, r2);
    }
    return r2;
  }
  intersect(a, b) {
    if (a.length === 0 || b.length === 0) return EMPTY_HIDESET;
    if (a === b) return a;
    let byB = this.intersections.get(a);
    if (byB === void 0) this.intersections.set(a, byB = /* @__PURE__ */ new Map());
    let r2 = byB.get(b);
    if (r2 === void 0) {
      r2 = a.filter((n) => b.includes(n));
      byB.set(b, r2);
    }
    return r2;
  }
};
var isPunct = (t, text) => t !== void 0 && t.kind === 4 /* Punct */ && t.text === text;
var Expander = class {
  constructor(host, budget) {
    this.host = host;
    this.budget = budget;
  }
  host;
  budget;
  /** Tokens produced by substitutions so far in this run. */
  produced = 0;
  /**
   * Tokens the expansion loop has rescanned. Nested arguments rescan the same tokens once per level,
   * so the produced-token budget alone would allow budget x depth work; this bounds the total.
   */
  steps = 0;
  exhausted = false;
  argDepth = 0;
  hidesets = new HideSets();
  /** Expands everything `stream` yields, handing finished tokens to `out`. */
  expand(stream, out, opts) {
    for (; ; ) {
      const t = stream.next(false);
      if (t === void 0) return;
      if ((t.exp >= 0 || this.argDepth > 0) && ++this.steps > this.budget * 8) this.charge(this.budget + 1, t);
      if (t.kind !== 0 /* Ident */ || this.exhausted) {
        out(t);
        continue;
      }
      if (opts.inIf && (t.text === "defined" || t.text === "__has_include" || t.text === "__has_include_next")) {
        out(t.text === "defined" ? this.defined(stream, t) : this.hasInclude(stream, t));
        continue;
      }
      if (t.text === "_Pragma" && this.pragmaOperator(stream, t)) continue;
      const m = this.host.macros.get(t.text);
      if (m === void 0 || t.hs.includes(t.text) || !this.charge(1, t)) {
        out(t);
        continue;
      }
      if (m.builtin !== void 0) {
        out(this.host.builtin(m.builtin, t));
        continue;
      }
      if (m.params === void 0) {
        const exp2 = this.record(m, t, t);
        const body2 = this.substitute(m, void 0, this.hidesets.add(t.hs, m.name), t, exp2);
        if (body2 !== void 0) stream.unshift(body2);
        continue;
      }
      const lp = stream.next(opts.allowMore);
      if (!isPunct(lp, "(")) {
        if (lp !== void 0) stream.pushBack(lp);
        out(t);
        continue;
      }
      const collected = this.collectArgs(stream, m, t, opts.allowMore);
      if (collected === void 0) continue;
      const { args, rparen } = collected;
      const hs = this.hidesets.add(this.hidesets.intersect(t.hs, rparen.hs), m.name);
      const exp = this.record(m, t, rparen);
      const body = this.substitute(m, args, hs, t, exp);
      if (body !== void 0) stream.unshift(body);
    }
  }
  /** Expands a token list in isolation (macro arguments, `#if` and `#include` lines). */
  expandList(toks, inIf) {
    const out = [];
    this.expand(new TokenStream(toks), (t) => out.push(t), { inIf, allowMore: false });
    return out;
  }
  record(m, name, end) {
    const call2 = name.exp >= 0 ? this.host.expansions[name.exp].call : this.host.spanOf(name, end);
    this.host.expansions.push({ macro: m.name, call: call2, def: m.def, parent: name.exp });
    return this.host.expansions.length - 1;
  }
  collectArgs(stream, m, name, allowMore) {
    const nparams = m.params.length;
    const args = [[]];
    let depth = 0;
    for (; ; ) {
      const t = stream.next(allowMore);
      if (t === void 0) {
        this.host.error("pp/unterminated-macro-call", name, `unterminated argument list invoking macro "${m.name}"`);
        return void 0;
      }
      if (t.kind === 4 /* Punct */) {
        if (t.text === "(") depth++;
        else if (t.text === ")") {
          if (depth === 0) return this.checkArgs(m, name, args, nparams) ? { args, rparen: t } : void 0;
          depth--;
        } else if (t.text === "," && depth === 0 && !(m.variadic && args.length === nparams)) {
          args.push([]);
          continue;
        }
      }
      args[args.length - 1].push(t);
    }
  }
  checkArgs(m, name, args, nparams) {
    if (nparams === 0) {
      if (args.length === 1 && args[0].length === 0) {
        args.length = 0;
        return true;
      }
      this.host.error("pp/macro-arg-count", name, `macro "${m.name}" passed ${args.length} arguments, but takes just 0`);
      return false;
    }
    if (args.length === nparams - 1 && m.variadic) args.push([]);
    if (args.length < nparams) {
      this.host.error("pp/macro-arg-count", name, `macro "${m.name}" requires ${nparams} arguments, but only ${args.length} given`);
      return false;
    }
    if (args.length > nparams) {
      this.host.error("pp/macro-arg-count", name, `macro "${m.name}" passed ${args.length} arguments, but takes just ${nparams}`);
      return false;
    }
    return true;
  }
  charge(n, at2) {
    this.produced += n;
    if (this.produced > this.budget) {
      if (!this.exhausted) {
        this.exhausted = true;
        this.host.error("pp/expansion-too-large", at2, `macro expansion exceeds ${this.budget} tokens; further macros are not expanded`);
      }
      return false;
    }
    return true;
  }
  /** Builds the replacement list: parameters substituted, `#` and `##` applied, hide sets added. */
  substitute(m, args, hs, name, exp) {
    const expanded = [];
    const out = [];
    const ok3 = this.substRange(m, 0, m.body.length, args, expanded, name, exp, hs, out);
    if (!ok3 || !this.charge(out.length, name)) return void 0;
    const result = [];
    for (let i = 0; i < out.length; i++) {
      const t = out[i];
      if (t.kind === 8 /* Placemarker */) continue;
      const ths = t.hs === hs ? hs : this.hidesets.union(t.hs, hs);
      const space = result.length === 0 ? name.spaceBefore : t.spaceBefore;
      result.push(ths === t.hs && space === t.spaceBefore ? t : retoken(t, t.kind, t.text, space, ths));
    }
    return result;
  }
  /** Copies a body token as produced by this expansion: it maps to the invocation. */
  fromBody(t, name, exp, hs) {
    return { kind: t.kind, text: t.text, file: name.file, line: name.line, col: name.col, spaceBefore: t.spaceBefore, exp, hs };
  }
  substRange(m, from, to, args, expanded, name, exp, hs, out) {
    const body = m.body;
    const vaIndex = m.variadic ? m.params.length - 1 : -1;
    for (let i = from; i < to; i++) {
      const bt = body[i];
      const pi = m.paramIndex[i];
      if (args !== void 0 && bt.kind === 0 /* Ident */ && bt.text === "__VA_OPT__" && vaIndex >= 0) {
        const close = this.matchParen(body, i + 1, to);
        if (close < 0) {
          this.host.error("pp/bad-va-opt", this.fromBody(bt, name, exp, hs), "unterminated __VA_OPT__");
          return false;
        }
        const before = out.length;
        if (args[vaIndex].length > 0) {
          if (!this.substRange(m, i + 2, close, args, expanded, name, exp, hs, out)) return false;
        }
        if (out.length === before) out.push(this.placemarker(name, exp));
        else {
          const b0 = out[before];
          out[before] = retoken(b0, b0.kind, b0.text, bt.spaceBefore, b0.hs);
        }
        i = close;
        continue;
      }
      if (args !== void 0 && bt.kind === 4 /* Punct */ && bt.text === "#") {
        const pj = m.paramIndex[i + 1] ?? -1;
        if (pj >= 0) {
          const s2 = stringize(args[pj]);
          const b = this.fromBody(bt, name, exp, hs);
          out.push(retoken(b, 3 /* String */, s2, b.spaceBefore, hs));
          i++;
          continue;
        }
      }
      if (bt.kind === 4 /* Punct */ && bt.text === "##") {
        while (i + 2 < to && isPunct(body[i + 1], "##")) i++;
        const lhs = out.pop();
        const next = body[i + 1];
        const nj = m.paramIndex[i + 1];
        let rhs;
        if (args !== void 0 && nj >= 0) {
          rhs = args[nj].slice();
          if (nj === vaIndex && lhs !== void 0 && lhs.kind === 4 /* Punct */ && lhs.text === ",") {
            if (rhs.length > 0) {
              out.push(lhs);
              const r0 = rhs[0];
              rhs[0] = retoken(r0, r0.kind, r0.text, next.spaceBefore, r0.hs);
              out.push(...rhs);
            }
            i++;
            continue;
          }
          i++;
        } else if (args !== void 0 && isPunct(next, "#") && (m.paramIndex[i + 2] ?? -1) >= 0) {
          const b = this.fromBody(next, name, exp, hs);
          rhs = [retoken(b, 3 /* String */, stringize(args[m.paramIndex[i + 2]]), b.spaceBefore, hs)];
          i += 2;
        } else {
          rhs = [this.fromBody(next, name, exp, hs)];
          i++;
        }
        if (lhs === void 0 || lhs.kind === 8 /* Placemarker */) {
          if (rhs.length === 0) out.push(this.placemarker(name, exp));
          else out.push(...rhs);
          continue;
        }
        const first = rhs[0];
        if (first === void 0) {
          out.push(lhs);
          continue;
        }
        out.push(this.paste(lhs, first, name, exp));
        for (let k = 1; k < rhs.length; k++) out.push(rhs[k]);
        continue;
      }
      if (args !== void 0 && pi >= 0) {
        const nextIsPaste = isPunct(body[i + 1], "##") && i + 1 < to;
        const arg = args[pi];
        let toks;
        if (nextIsPaste) toks = arg;
        else {
          let e = expanded[pi];
          if (e === void 0) {
            e = this.expandArg(arg, name);
            expanded[pi] = e;
          }
          toks = e;
        }
        if (toks.length === 0) {
          out.push(this.placemarker(name, exp));
          continue;
        }
        const t02 = toks[0];
        out.push(t02.spaceBefore === bt.spaceBefore ? t02 : retoken(t02, t02.kind, t02.text, bt.spaceBefore, t02.hs));
        for (let k = 1; k < toks.length; k++) out.push(toks[k]);
        continue;
      }
      out.push(this.fromBody(bt, name, exp, hs));
    }
    return true;
  }
  matchParen(body, open, to) {
    if (!isPunct(body[open], "(")) return -1;
    let depth = 0;
    for (let k = open; k < to; k++) {
      const t = body[k];
      if (isPunct(t, "(")) depth++;
      else if (isPunct(t, ")") && --depth === 0) return k;
    }
    return -1;
  }
  placemarker(name, exp) {
    return { kind: 8 /* Placemarker */, text: "", file: name.file, line: name.line, col: name.col, spaceBefore: false, exp, hs: EMPTY_HIDESET };
  }
  expandArg(arg, name) {
    if (arg.length === 0) return arg;
    if (this.argDepth >= MAX_ARG_DEPTH) {
      if (!this.exhausted) {
        this.exhausted = true;
        this.host.error("pp/expansion-too-large", name, `macro arguments nested more than ${MAX_ARG_DEPTH} deep; further macros are not expanded`);
      }
      return arg;
    }
    this.argDepth++;
    try {
      return this.expandList(arg, false);
    } finally {
      this.argDepth--;
    }
  }
  paste(lhs, rhs, name, exp) {
    const text = lhs.text + rhs.text;
    const kind = lexSingle(text);
    if (kind === void 0) {
      this.host.error("pp/invalid-paste", this.fromBody(lhs, name, exp, EMPTY_HIDESET), `pasting "${lhs.text}" and "${rhs.text}" does not give a valid preprocessing token`);
      return lhs;
    }
    return { kind, text, file: name.file, line: name.line, col: name.col, spaceBefore: lhs.spaceBefore, exp, hs: this.hidesets.intersect(lhs.hs, rhs.hs) };
  }
  defined(stream, t) {
    let n = stream.next(false);
    let paren = false;
    if (isPunct(n, "(")) {
      paren = true;
      n = stream.next(false);
    }
    const mk = (v) => retoken(t, 1 /* Number */, v ? "1" : "0", t.spaceBefore, t.hs);
    if (n === void 0 || n.kind !== 0 /* Ident */) {
      this.host.error("pp/bad-expression", n ?? t, 'operator "defined" requires an identifier');
      return mk(false);
    }
    if (paren) {
      const close = stream.next(false);
      if (!isPunct(close, ")")) {
        this.host.error("pp/bad-expression", close ?? n, `missing ')' after "defined"`);
        if (close !== void 0) stream.pushBack(close);
      }
    }
    return mk(this.host.macros.has(n.text));
  }
  hasInclude(stream, t) {
    const mk = (v) => retoken(t, 1 /* Number */, v ? "1" : "0", t.spaceBefore, t.hs);
    if (!isPunct(stream.next(false), "(")) {
      this.host.error("pp/bad-expression", t, `missing '(' after "${t.text}"`);
      return mk(false);
    }
    const parts = [];
    let depth = 0;
    for (; ; ) {
      const x = stream.next(false);
      if (x === void 0) {
        this.host.error("pp/bad-expression", t, `missing ')' after "${t.text}" operand`);
        return mk(false);
      }
      if (isPunct(x, "(")) depth++;
      if (isPunct(x, ")") && depth-- === 0) break;
      parts.push(x);
    }
    const first = parts[0];
    if (first !== void 0 && first.kind === 3 /* String */ && parts.length === 1) return mk(this.host.hasInclude(first.text.slice(1, -1), false));
    const expandedParts = this.expandList(parts, false);
    const f2 = expandedParts[0];
    if (f2 !== void 0 && f2.kind === 3 /* String */) return mk(this.host.hasInclude(f2.text.slice(1, -1), false));
    const last = expandedParts[expandedParts.length - 1];
    if (isPunct(f2, "<") && isPunct(last, ">") && expandedParts.length > 2) {
      return mk(this.host.hasInclude(spell(expandedParts.slice(1, -1)), true));
    }
    this.host.error("pp/bad-expression", t, `operator "${t.text}" requires a header name`);
    return mk(false);
  }
  /** `_Pragma ( string-literal )`: destringized and recorded like a `#pragma` line. */
  pragmaOperator(stream, t) {
    const lp = stream.next(false);
    if (!isPunct(lp, "(")) {
      if (lp !== void 0) stream.pushBack(lp);
      return false;
    }
    const s2 = stream.next(false);
    const rp = stream.next(false);
    if (s2 === void 0 || s2.kind !== 3 /* String */ || !isPunct(rp, ")")) {
      this.host.error("pp/bad-pragma", t, "_Pragma takes a parenthesized string literal");
      if (rp !== void 0) stream.pushBack(rp);
      return true;
    }
    const body = s2.text.slice(s2.text.indexOf('"') + 1, -1).replace(/\\(["\\])/g, "$1");
    this.host.pragma(body, t);
    return true;
  }
};
function stringize(arg) {
  let s2 = "";
  for (let i = 0; i < arg.length; i++) {
    const t = arg[i];
    if (t.kind === 8 /* Placemarker */) continue;
    if (i > 0 && t.spaceBefore && s2 !== "") s2 += " ";
    s2 += t.kind === 3 /* String */ || t.kind === 2 /* Char */ || t.kind === 7 /* BadString */ ? t.text.replace(/[\\"]/g, "\\$&") : t.text;
  }
  return `"${s2}"`;
}
function spell(toks) {
  let s2 = "";
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (i > 0 && t.spaceBefore) s2 += " ";
    s2 += t.text;
  }
  return s2;
}
function retoken(t, kind, text, spaceBefore, hs) {
  return { kind, text, file: t.file, line: t.line, col: t.col, spaceBefore, exp: t.exp, hs };
}
var IDENT_RE = /^[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*$/;
var NUMBER_RE = /^\.?[0-9](?:[eEpP][+-]|[\w$.\u0080-\uffff])*$/;
function lexSingle(text) {
  if (IDENT_RE.test(text)) return 0 /* Ident */;
  if (NUMBER_RE.test(text)) return 1 /* Number */;
  if (text.includes("\n")) return void 0;
  const r2 = lexFile(text, 0);
  const line = r2.lines[0];
  if (r2.lines.length !== 1 || line === void 0 || line.tokens.length !== 1) return void 0;
  const t = line.tokens[0];
  return t.text === text && t.kind !== 7 /* BadString */ ? t.kind : void 0;
}

// frontend-c/preprocess/pragma.ts
function classifyUnroll(text) {
  const t = text.replace(/\s+/g, " ").trim();
  let m = /^(?:GCC )?unroll(?:\s*\(?\s*(\d+)\s*\)?)?$/.exec(t);
  if (m) return m[1] !== void 0 ? { kind: "unroll", count: Number(m[1]) } : { kind: "full" };
  if (t === "nounroll") return { kind: "disable" };
  m = /^clang loop unroll ?\( ?(full|enable|disable) ?\)/.exec(t);
  if (m) return { kind: m[1] === "disable" ? "disable" : m[1] === "full" ? "full" : "unroll" };
  m = /^clang loop unroll_count ?\( ?(\d+) ?\)/.exec(t);
  if (m) return { kind: "unroll", count: Number(m[1]) };
  return void 0;
}

// frontend-c/preprocess/predefined.ts
var PREDEFINED = `
#define __STDC__ 1
#define __STDC_VERSION__ 201710L
#define __STDC_HOSTED__ 1
#define __GNUC__ 4
#define __GNUC_MINOR__ 2
#define __GNUC_PATCHLEVEL__ 1
#define __clang__ 1
#define __clang_major__ 16
#define __clang_minor__ 0
#define __x86_64__ 1
#define __x86_64 1
#define __amd64__ 1
#define __linux__ 1
#define __linux 1
#define __unix__ 1
#define __ELF__ 1
#define __LP64__ 1
#define _LP64 1
#define __CHAR_BIT__ 8
#define __SIZEOF_SHORT__ 2
#define __SIZEOF_INT__ 4
#define __SIZEOF_LONG__ 8
#define __SIZEOF_LONG_LONG__ 8
#define __SIZEOF_POINTER__ 8
#define __SIZEOF_INT128__ 16
#define __ORDER_LITTLE_ENDIAN__ 1234
#define __ORDER_BIG_ENDIAN__ 4321
#define __ORDER_PDP_ENDIAN__ 3412
#define __BYTE_ORDER__ __ORDER_LITTLE_ENDIAN__
#define __LITTLE_ENDIAN__ 1
#define __KERNEL__ 1
#define __BPF_TRACING__ 1
#define __TARGET_ARCH_x86 1
#define __HAVE_BUILTIN_BSWAP16__ 1
#define __HAVE_BUILTIN_BSWAP32__ 1
#define __HAVE_BUILTIN_BSWAP64__ 1
#define __BCC_TS__ 1
#define __DATE__ "Jan  1 1970"
#define __TIME__ "00:00:00"
`;
var BUILTINS = [
  ["__LINE__", "line"],
  ["__FILE__", "file"],
  ["__COUNTER__", "counter"],
  ["__INCLUDE_LEVEL__", "include-level"],
  ["__BASE_FILE__", "base-file"]
];

// frontend-c/preprocess/source-map.ts
var SourceMap = class {
  constructor(files, expansions, rowFile, rowLine, rowSegs) {
    this.files = files;
    this.expansions = expansions;
    this.rowFile = rowFile;
    this.rowLine = rowLine;
    this.rowSegs = rowSegs;
  }
  files;
  expansions;
  rowFile;
  rowLine;
  rowSegs;
  get rowCount() {
    return this.rowFile.length;
  }
  /** Maps a 0-based output (row, column) to the original position; rows past the end clamp to the last. */
  lookup(row, column) {
    const r2 = Math.max(0, Math.min(row, this.rowFile.length - 1));
    const c = Math.max(0, column);
    const segs = this.rowSegs[r2];
    let seg;
    if (segs !== void 0) {
      let lo = 0;
      let hi = segs.length - 1;
      while (lo <= hi) {
        const mid = lo + hi >> 1;
        if (segs[mid].outCol <= c) {
          seg = segs[mid];
          lo = mid + 1;
        } else hi = mid - 1;
      }
    }
    if (seg === void 0) {
      return { file: this.files[this.rowFile[r2] ?? 0] ?? "", line: this.rowLine[r2] ?? 1, col: c + 1, expansion: -1 };
    }
    const file = this.files[seg.file] ?? "";
    if (seg.exp >= 0) return { file, line: seg.line, col: seg.col, expansion: seg.exp };
    return { file, line: seg.line, col: seg.col + (c - seg.outCol), expansion: -1 };
  }
  /**
   * Maps an output range (0-based, end exclusive, e.g. a tree-sitter node's start/end points) to a
   * Span. A range end inside a macro expansion extends to the end of the invocation; if the two ends
   * land in different files the span degrades to its start position.
   */
  span(startRow, startCol, endRow, endColumn) {
    const a = this.lookup(startRow, startCol);
    const aCall = a.expansion >= 0 ? this.callOf(a.expansion) : void 0;
    const line = aCall ? aCall.line : a.line;
    const col = aCall ? aCall.col : a.col;
    let endLine = aCall ? aCall.endLine : line;
    let endCol = aCall ? aCall.endCol : col + 1;
    if (endRow > startRow || endRow === startRow && endColumn > startCol + 1) {
      const b = endColumn > 0 ? this.lookup(endRow, endColumn - 1) : this.lookup(endRow, 0);
      if (b.file === a.file) {
        let bl = b.line;
        let bc = b.col + (endColumn > 0 ? 1 : 0);
        if (b.expansion >= 0) {
          const call2 = this.callOf(b.expansion);
          bl = call2.endLine;
          bc = call2.endCol;
        }
        if (bl > endLine || bl === endLine && bc > endCol) {
          endLine = bl;
          endCol = bc;
        }
      }
    }
    return { file: a.file, line, col, endLine, endCol };
  }
  /** The outermost invocation span of an expansion (the text the user wrote). */
  callOf(exp) {
    let rec = this.expansions[exp];
    while (rec.parent >= 0) rec = this.expansions[rec.parent];
    return rec.call;
  }
  /** "expanded from macro 'X'" notes, innermost first, for a position's expansion. */
  notes(exp) {
    const out = [];
    for (let e = exp; e >= 0; ) {
      const rec = this.expansions[e];
      out.push(rec.def ? { message: `expanded from macro '${rec.macro}'`, span: rec.def } : { message: `expanded from macro '${rec.macro}'` });
      e = rec.parent;
      if (out.length > 64) break;
    }
    return out;
  }
};
var SPACES = " ".repeat(128);
var PASTE2 = /* @__PURE__ */ new Set([
  "->",
  "++",
  "--",
  "<<",
  ">>",
  "<=",
  ">=",
  "==",
  "!=",
  "&&",
  "||",
  "*=",
  "/=",
  "%=",
  "+=",
  "-=",
  "&=",
  "^=",
  "|=",
  "##",
  "//",
  "/*",
  "..",
  "<<=",
  ">>=",
  "%:",
  "<:",
  ":>",
  "<%",
  "%>"
]);
function identChar(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57 || c === 95 || c === 36 || c >= 128;
}
function wouldPaste(a, b) {
  const x = a.text.charCodeAt(a.text.length - 1);
  const y = b.text.charCodeAt(0);
  if (identChar(x) && (identChar(y) || a.kind === 1 /* Number */ && (y === 46 || y === 43 || y === 45))) return true;
  if (a.kind === 0 /* Ident */ && (b.kind === 3 /* String */ || b.kind === 2 /* Char */)) return true;
  if (x === 46 && y >= 48 && y <= 57) return true;
  if (a.kind === 4 /* Punct */ && b.kind === 4 /* Punct */) {
    return PASTE2.has(a.text.slice(-1) + b.text.slice(0, 1)) || PASTE2.has(a.text.slice(-2) + b.text.slice(0, 1));
  }
  return false;
}
var OutputWriter = class {
  /** @param alignFile the main file's index (see moveTo); rows before any text map to its line 1. */
  constructor(alignFile = -1) {
    this.alignFile = alignFile;
    if (alignFile >= 0) this.rowFile[0] = alignFile;
  }
  alignFile;
  /** All output text so far (V8 builds appended strings as ropes, flattened once in finish()). */
  out = "";
  rowCount = 0;
  rowFile = [0];
  rowLine = [1];
  rowSegs = [void 0];
  col = 0;
  file = -1;
  srcLine = 1;
  prev;
  /** Total characters written, for the output-size cap. */
  size = 0;
  get row() {
    return this.rowCount;
  }
  /** Moves to the row of (file, line): new rows while the line is below the current one. */
  moveTo(file, line) {
    if (file !== this.file) {
      if (this.col > 0) this.newline();
      this.file = file;
      const pad = file === this.alignFile ? Math.max(0, line - 1 - this.rowCount) : 0;
      this.srcLine = line - pad;
      this.rowFile[this.rowCount] = file;
      this.rowLine[this.rowCount] = this.srcLine;
    }
    while (this.srcLine < line) this.newline();
  }
  newline() {
    this.out += "\n";
    this.rowCount++;
    this.col = 0;
    this.prev = void 0;
    this.srcLine++;
    this.size++;
    this.rowFile.push(this.file < 0 ? 0 : this.file);
    this.rowLine.push(this.srcLine);
    this.rowSegs.push(void 0);
  }
  emit(tok) {
    this.moveTo(tok.file, tok.line);
    const target = tok.col - 1;
    const prev = this.prev;
    if (tok.line === this.srcLine && this.col < target) {
      const n = target - this.col;
      this.out += n <= SPACES.length ? SPACES.slice(0, n) : " ".repeat(n);
      this.size += target - this.col;
      this.col = target;
    } else if (prev !== void 0) {
      const adjacentInSource = prev.exp === -1 && tok.exp === -1 && prev.file === tok.file && prev.line === tok.line && prev.col + prev.text.length === tok.col;
      if (!adjacentInSource && (tok.spaceBefore || this.col < target || wouldPaste(prev, tok))) {
        this.out += " ";
        this.col++;
        this.size++;
      }
    }
    this.record(tok);
    this.out += tok.text;
    this.col += tok.text.length;
    this.size += tok.text.length;
    this.prev = tok;
  }
  record(tok) {
    const r2 = this.rowCount;
    let segs = this.rowSegs[r2];
    const last = segs?.[segs.length - 1];
    let same;
    if (last === void 0) {
      same = tok.exp === -1 && tok.file === this.rowFile[r2] && tok.line === this.rowLine[r2] && tok.col === this.col + 1;
    } else if (last.exp === -1) {
      same = tok.exp === -1 && tok.file === last.file && tok.line === last.line && tok.col === last.col + (this.col - last.outCol);
    } else {
      same = tok.exp === last.exp && tok.file === last.file && tok.line === last.line && tok.col === last.col;
    }
    if (same) return;
    if (segs === void 0) {
      segs = [];
      this.rowSegs[r2] = segs;
    }
    segs.push({ outCol: this.col, file: tok.file, line: tok.line, col: tok.col, exp: tok.exp });
  }
  finish(files, expansions) {
    this.out += "\n";
    return { text: this.out, map: new SourceMap(files, expansions, this.rowFile, this.rowLine, this.rowSegs) };
  }
};

// frontend-c/preprocess/preprocess.ts
var TEXT_LINE = { inIf: false, allowMore: true };
function preprocess(source, opts, sink) {
  return new Preprocessor(opts, sink).run(source);
}
var Preprocessor = class {
  constructor(opts, sink) {
    this.opts = opts;
    this.sink = sink;
    this.expander = new Expander(this, opts.limits?.expansionTokens ?? 5e5);
    this.maxOutput = opts.limits?.outputChars ?? 16 * 1024 * 1024;
    this.maxDepth = opts.limits?.includeDepth ?? 200;
    this.writer = new OutputWriter(2);
  }
  opts;
  sink;
  macros = /* @__PURE__ */ new Map();
  expansions = [];
  files = [];
  fileIndex = /* @__PURE__ */ new Map();
  pragmas = [];
  writer;
  once = /* @__PURE__ */ new Set();
  includes = [];
  pushed = /* @__PURE__ */ new Map();
  expander;
  includeDirs = [];
  maxOutput;
  maxDepth;
  counter = 0;
  capped = false;
  current;
  emitFn = (t) => this.emitToken(t);
  run(source) {
    const builtinFile = this.fileId("<built-in>");
    const cmdFile = this.fileId("<command line>");
    const mainIdx = this.fileId(this.opts.file);
    for (const [name, builtin] of BUILTINS) {
      this.macros.set(name, { name, params: void 0, variadic: false, body: [], paramIndex: [], def: void 0, builtin });
    }
    this.processFile(PREDEFINED, "<built-in>", builtinFile, 0);
    const cmd = [];
    for (const [name, value] of Object.entries(this.opts.defines ?? {})) cmd.push(`#define ${name} ${value.replace(/[\r\n]/g, " ")}`);
    const flags = parseCflags(this.opts.cflags ?? []);
    for (const m of flags.macros) cmd.push(m.kind === "define" ? m.text : `#undef ${m.name}`);
    this.includeDirs.push(...flags.includeDirs);
    for (const e of flags.errors) this.sink.error("pp/bad-cflag", { file: "<command line>", line: 1, col: 1, endLine: 1, endCol: 2 }, e);
    if (cmd.length > 0) this.processFile(cmd.join("\n"), "<command line>", cmdFile, 0);
    for (const name of flags.forcedIncludes) {
      const found = this.opts.includeHost.resolveQuote(this.opts.file, name, this.includeDirs);
      if (found === void 0) {
        this.sink.error("pp/include-not-found", { file: "<command line>", line: 1, col: 1, endLine: 1, endCol: 2 }, `-include file '${name}' not found`);
        continue;
      }
      this.includes.push(found.file);
      this.processFile(found.text, found.file, this.fileId(found.file), 1);
    }
    this.processFile(source, this.opts.file, mainIdx, 0);
    const { text, map } = this.writer.finish(this.files, this.expansions);
    return { text, map, pragmas: this.pragmas, macros: this.macros, includes: this.includes };
  }
  fileId(name) {
    let idx = this.fileIndex.get(name);
    if (idx === void 0) {
      idx = this.files.length;
      this.files.push(name);
      this.fileIndex.set(name, idx);
    }
    return idx;
  }
  processFile(text, name, idx, depth) {
    const lex = lexFile(text, idx);
    for (const p of lex.problems) {
      this.sink.error(p.code, { file: name, line: p.line, col: p.col, endLine: p.line, endCol: p.col + 2 }, p.message);
    }
    const ctx = { idx, name, lines: lex.lines, pos: 0, conds: [], depth };
    const outer = this.current;
    this.current = ctx;
    const stream = new TokenStream([], 0, () => this.nextTextLine(ctx, true));
    for (let line = this.nextTextLine(ctx, false); line !== void 0; line = this.nextTextLine(ctx, false)) {
      stream.reset(line);
      this.expander.expand(stream, this.emitFn, TEXT_LINE);
    }
    for (const c of ctx.conds) {
      this.sink.error("pp/unterminated-conditional", this.tokSpan(c.tok), `unterminated conditional directive`);
    }
    this.current = outer;
  }
  /** The next active text line of the file, handling directives and skipped groups on the way. */
  nextTextLine(ctx, inArgs) {
    while (ctx.pos < ctx.lines.length) {
      const line = ctx.lines[ctx.pos++];
      const first = line.tokens[0];
      if (first === void 0) continue;
      if (first.kind === 4 /* Punct */ && first.text === "#") {
        this.directive(ctx, line.tokens, inArgs);
        continue;
      }
      if (!this.active(ctx)) continue;
      return line.tokens;
    }
    return void 0;
  }
  active(ctx) {
    const top = ctx.conds[ctx.conds.length - 1];
    return top === void 0 || top.active;
  }
  emitToken(t) {
    if (this.capped) return;
    if (t.kind === 5 /* Other */) {
      const c = t.text.charCodeAt(0);
      if (c < 32 || c === 127) {
        this.error("pp/invalid-character", t, `invalid character U+${c.toString(16).padStart(4, "0").toUpperCase()} in source`);
        return;
      }
    } else if (t.kind === 7 /* BadString */) {
      this.error("pp/unterminated-literal", t, `missing terminating ${t.text.includes('"') && (!t.text.includes("'") || t.text.indexOf('"') < t.text.indexOf("'")) ? '"' : "'"} character`);
    }
    this.writer.emit(t);
    if (this.writer.size > this.maxOutput) {
      this.capped = true;
      this.error("pp/expansion-too-large", t, `preprocessed output exceeds ${this.maxOutput} characters; the rest is dropped`);
    }
  }
  // ---- ExpanderHost ----
  error(code, at2, message) {
    this.sink.error(code, this.tokSpan(at2), message, this.expansionNotes(at2));
  }
  warning(code, at2, message, notes) {
    this.sink.warning(code, this.tokSpan(at2), message, notes ?? this.expansionNotes(at2));
  }
  spanOf(t, end) {
    const e = end ?? t;
    const file = this.files[t.file] ?? "";
    if (e.line < t.line || e.line === t.line && e.col < t.col || e.file !== t.file) {
      return { file, line: t.line, col: t.col, endLine: t.line, endCol: t.col + Math.max(1, t.text.length) };
    }
    return { file, line: t.line, col: t.col, endLine: e.line, endCol: e.col + Math.max(1, e.text.length) };
  }
  /** Where to point for a token: itself, or the user's invocation if a macro produced it. */
  tokSpan(t) {
    if (t.exp < 0) return this.spanOf(t);
    let rec = this.expansions[t.exp];
    while (rec.parent >= 0) rec = this.expansions[rec.parent];
    return rec.call;
  }
  expansionNotes(t) {
    const out = [];
    for (let e = t.exp; e >= 0 && out.length < 16; ) {
      const rec = this.expansions[e];
      out.push(rec.def ? { message: `expanded from macro '${rec.macro}'`, span: rec.def } : { message: `expanded from macro '${rec.macro}'` });
      e = rec.parent;
    }
    return out;
  }
  builtin(kind, t) {
    let text;
    let k = 1 /* Number */;
    switch (kind) {
      case "line":
        text = String(t.line);
        break;
      case "counter":
        text = String(this.counter++);
        break;
      case "include-level":
        text = String(this.current?.depth ?? 0);
        break;
      case "file":
      case "base-file":
        text = JSON.stringify(kind === "file" ? this.files[t.file] ?? "" : this.opts.file);
        k = 3 /* String */;
        break;
    }
    return { ...t, kind: k, text };
  }
  pragma(text, at2) {
    this.writer.moveTo(at2.file, at2.line);
    this.recordPragma(text, this.tokSpan(at2));
  }
  hasInclude(spelling, angle) {
    const host = this.opts.includeHost;
    const from = this.current?.name ?? this.opts.file;
    if (!angle && host.resolveQuote(from, spelling, this.includeDirs) !== void 0) return true;
    const r2 = host.resolveAngle(spelling, this.includeDirs);
    return angle ? r2 !== void 0 : r2 !== void 0 && r2 !== "ignore";
  }
  // ---- directives ----
  directive(ctx, toks, inArgs) {
    const hash = toks[0];
    const nameTok = toks[1];
    if (nameTok === void 0) return;
    const name = nameTok.kind === 0 /* Ident */ ? nameTok.text : "";
    const rest = toks.slice(2);
    switch (name) {
      case "if":
      case "ifdef":
      case "ifndef": {
        if (!this.active(ctx)) {
          ctx.conds.push({ parentActive: false, active: false, taken: true, sawElse: false, tok: hash });
          return;
        }
        const v = this.condition(name, nameTok, rest);
        ctx.conds.push({ parentActive: true, active: v, taken: v, sawElse: false, tok: hash });
        return;
      }
      case "elif":
      case "elifdef":
      case "elifndef": {
        const c = ctx.conds[ctx.conds.length - 1];
        if (c === void 0) {
          this.error("pp/unmatched-conditional", nameTok, `#${name} without #if`);
          return;
        }
        if (c.sawElse) this.error("pp/unmatched-conditional", nameTok, `#${name} after #else`);
        if (!c.parentActive || c.taken) {
          c.active = false;
          return;
        }
        const v = this.condition(name === "elif" ? "if" : name === "elifdef" ? "ifdef" : "ifndef", nameTok, rest);
        c.active = v;
        c.taken = v;
        return;
      }
      case "else":
      case "endif": {
        const c = ctx.conds[ctx.conds.length - 1];
        if (c === void 0) {
          this.error("pp/unmatched-conditional", nameTok, `#${name} without #if`);
          return;
        }
        if (rest[0] !== void 0 && c.parentActive) this.warning("pp/extra-tokens", rest[0], `extra tokens at end of #${name} directive`);
        if (name === "endif") {
          ctx.conds.pop();
          return;
        }
        if (c.sawElse) this.error("pp/unmatched-conditional", nameTok, "#else after #else");
        c.sawElse = true;
        c.active = c.parentActive && !c.taken;
        c.taken = true;
        return;
      }
    }
    if (!this.active(ctx)) return;
    switch (name) {
      case "define":
        return this.define(nameTok, rest);
      case "undef":
        return this.undef(nameTok, rest);
      case "include":
      case "include_next":
      case "import":
        if (inArgs) {
          this.error("pp/invalid-directive", nameTok, `#${name} inside macro arguments is not supported`);
          return;
        }
        return this.include(ctx, nameTok, rest);
      case "error":
        this.sink.error("pp/error-directive", this.spanOf(hash, toks[toks.length - 1]), `#error ${spell(rest)}`.trimEnd());
        return;
      case "warning":
        this.sink.warning("pp/warning-directive", this.spanOf(hash, toks[toks.length - 1]), `#warning ${spell(rest)}`.trimEnd());
        return;
      case "pragma":
        return this.pragmaDirective(ctx, hash, toks, rest);
      case "line":
      case "ident":
      case "sccs":
      case "assert":
      case "unassert":
        return;
    }
    if (nameTok.kind === 1 /* Number */) return;
    this.error("pp/invalid-directive", nameTok, `invalid preprocessing directive #${nameTok.text}`);
  }
  condition(kind, nameTok, rest) {
    if (kind === "ifdef" || kind === "ifndef") {
      const id = rest[0];
      if (id === void 0 || id.kind !== 0 /* Ident */) {
        this.error("pp/invalid-directive", id ?? nameTok, id === void 0 ? `no macro name given in #${nameTok.text} directive` : `macro names must be identifiers`);
        return false;
      }
      if (rest[1] !== void 0) this.warning("pp/extra-tokens", rest[1], `extra tokens at end of #${nameTok.text} directive`);
      return this.macros.has(id.text) === (kind === "ifdef");
    }
    if (rest.length === 0) {
      this.error("pp/bad-expression", nameTok, `#${nameTok.text} with no expression`);
      return false;
    }
    const expanded = this.expander.expandList(rest, true);
    const r2 = evaluate(expanded);
    if (!r2.ok) {
      this.error("pp/bad-expression", r2.at ?? rest[rest.length - 1] ?? nameTok, r2.message);
      return false;
    }
    return r2.value.v !== 0n;
  }
  define(nameTok, rest) {
    const r2 = parseDefine(rest, (t) => this.spanOf(t));
    if (!r2.ok) {
      this.error("pp/bad-define", r2.at ?? nameTok, r2.message);
      return;
    }
    const m = r2.macro;
    const old = this.macros.get(m.name);
    if (old !== void 0) {
      if (old.builtin === void 0 && sameDefinition(old, m)) return;
      const notes = old.def ? [{ message: "previous definition is here", span: old.def }] : [];
      this.warning("pp/macro-redefined", rest[0], `"${m.name}" redefined`, notes);
    }
    this.macros.set(m.name, m);
  }
  undef(nameTok, rest) {
    const id = rest[0];
    if (id === void 0 || id.kind !== 0 /* Ident */) {
      this.error("pp/bad-define", id ?? nameTok, "macro names must be identifiers");
      return;
    }
    if (id.text === "defined") {
      this.error("pp/bad-define", id, '"defined" cannot be used as a macro name');
      return;
    }
    if (rest[1] !== void 0) this.warning("pp/extra-tokens", rest[1], "extra tokens at end of #undef directive");
    this.macros.delete(id.text);
  }
  include(ctx, nameTok, rest) {
    let spec;
    const first = rest[0];
    if (first !== void 0 && first.kind === 6 /* HeaderName */) spec = { name: first.text.slice(1, -1), angle: true };
    else if (first !== void 0 && first.kind === 3 /* String */ && first.text.startsWith('"')) spec = { name: first.text.slice(1, -1), angle: false };
    else {
      const x = this.expander.expandList(rest, false);
      const f2 = x[0];
      const l = x[x.length - 1];
      if (f2 !== void 0 && f2.kind === 3 /* String */ && f2.text.startsWith('"')) spec = { name: f2.text.slice(1, -1), angle: false };
      else if (f2 !== void 0 && f2.text === "<" && l !== void 0 && l.text === ">" && x.length > 2) {
        spec = { name: spell(x.slice(1, -1)), angle: true };
      }
    }
    const at2 = first ?? nameTok;
    if (spec === void 0 || spec.name === "") {
      this.error("pp/invalid-directive", at2, `#${nameTok.text} expects "FILENAME" or <FILENAME>`);
      return;
    }
    if (ctx.depth + 1 > this.maxDepth) {
      this.error("pp/recursive-include", at2, `#include nested depth ${ctx.depth + 1} exceeds maximum of ${this.maxDepth}`);
      return;
    }
    const host = this.opts.includeHost;
    let found;
    if (spec.angle) {
      const r2 = host.resolveAngle(spec.name, this.includeDirs);
      if (r2 === "ignore") return;
      found = r2;
    } else {
      found = host.resolveQuote(ctx.name, spec.name, this.includeDirs);
      if (found === void 0) {
        const r2 = host.resolveAngle(spec.name, this.includeDirs);
        if (r2 !== void 0 && r2 !== "ignore") found = r2;
      }
    }
    if (found === void 0) {
      const q = spec.angle ? `<${spec.name}>` : `"${spec.name}"`;
      this.sink.error("pp/include-not-found", this.spanOf(at2, rest[rest.length - 1]), `${q} file not found`, this.expansionNotes(at2));
      return;
    }
    if (this.once.has(found.file)) return;
    if (!this.fileIndex.has(found.file)) this.includes.push(found.file);
    this.processFile(found.text, found.file, this.fileId(found.file), ctx.depth + 1);
  }
  pragmaDirective(ctx, hash, toks, rest) {
    const head = rest[0]?.text;
    if (head === "once") {
      this.once.add(ctx.name);
      return;
    }
    if ((head === "push_macro" || head === "pop_macro") && rest[1]?.text === "(" && rest[2]?.kind === 3 /* String */) {
      const name = rest[2].text.slice(1, -1);
      const stack = this.pushed.get(name) ?? [];
      if (head === "push_macro") {
        stack.push(this.macros.get(name));
        this.pushed.set(name, stack);
      } else if (stack.length > 0) {
        const m = stack.pop();
        if (m === void 0) this.macros.delete(name);
        else this.macros.set(name, m);
      }
      return;
    }
    this.writer.moveTo(hash.file, hash.line);
    this.recordPragma(spell(rest), this.spanOf(hash, toks[toks.length - 1]));
  }
  recordPragma(text, span) {
    const rec = { row: this.writer.row, text, span };
    const unroll = classifyUnroll(text);
    if (unroll) rec.unroll = unroll;
    this.pragmas.push(rec);
  }
};

// frontend-c/preprocess/include-host.ts
function dirnameOf(file) {
  const i = file.lastIndexOf("/");
  if (i < 0) return ".";
  return i === 0 ? "/" : file.slice(0, i);
}
function joinPath(dir, name) {
  if (name.startsWith("/")) return normalizePath(name);
  return normalizePath(dir === "" ? name : `${dir}/${name}`);
}
function normalizePath(p) {
  const abs = p.startsWith("/");
  const out = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (part !== ".." || !abs) out.push(part);
  }
  const joined = out.join("/");
  return abs ? `/${joined}` : joined === "" ? "." : joined;
}
var MemoryIncludeHost = class {
  files = /* @__PURE__ */ new Map();
  system;
  accept;
  constructor(files = {}, opts = {}) {
    for (const [k, v] of Object.entries(files)) this.files.set(normalizePath(k), v);
    this.system = new Map(Object.entries(opts.system ?? {}));
    this.accept = opts.acceptUnknownAngle ?? (() => true);
  }
  resolveQuote(fromFile, name, searchDirs) {
    for (const dir of [dirnameOf(fromFile), ...searchDirs]) {
      const file = joinPath(dir, name);
      const text = this.files.get(file);
      if (text !== void 0) return { file, text };
    }
    return void 0;
  }
  resolveAngle(name, searchDirs) {
    for (const dir of searchDirs) {
      const file = joinPath(dir, name);
      const text = this.files.get(file);
      if (text !== void 0) return { file, text };
    }
    const sys = this.system.get(name);
    if (sys !== void 0) return { file: `<${name}>`, text: sys };
    return this.accept(name) ? "ignore" : void 0;
  }
};

// frontend-c/sema/types.ts
function int(name, size, signed2, rank2) {
  return Object.freeze({ kind: "int", size, signed: signed2, rank: rank2, name });
}
var T = Object.freeze({
  void: Object.freeze({ kind: "void" }),
  error: Object.freeze({ kind: "error" }),
  bool: Object.freeze({ kind: "int", size: 1, signed: false, rank: 0, name: "_Bool", bool: true }),
  char: int("char", 1, true, 1),
  schar: int("signed char", 1, true, 1),
  uchar: int("unsigned char", 1, false, 1),
  short: int("short", 2, true, 2),
  ushort: int("unsigned short", 2, false, 2),
  int: int("int", 4, true, 3),
  uint: int("unsigned int", 4, false, 3),
  long: int("long", 8, true, 4),
  ulong: int("unsigned long", 8, false, 4),
  llong: int("long long", 8, true, 5),
  ullong: int("unsigned long long", 8, false, 5)
});
var ptrTo = (to) => ({ kind: "ptr", to });
var arrayOf = (of, length) => ({ kind: "array", of, length });
var isInt = (t) => t.kind === "int";
var isPtr = (t) => t.kind === "ptr";
var isArray = (t) => t.kind === "array";
var isRecord = (t) => t.kind === "record";
var isScalar = (t) => t.kind === "int" || t.kind === "ptr";
var isAggregate = (t) => t.kind === "record" || t.kind === "array";
function unqual(t) {
  if (t.kind === "error") return t;
  if (!t.const && !t.volatile) return t;
  const { const: _c, volatile: _v, ...rest } = t;
  return rest;
}
function withQuals(t, q) {
  if (t.kind === "error" || !q.const && !q.volatile) return t;
  return { ...t, ...q.const ? { const: true } : {}, ...q.volatile ? { volatile: true } : {} };
}
function sizeOf2(t) {
  switch (t.kind) {
    case "int":
      return t.size;
    case "ptr":
      return 8;
    case "array":
      return t.length === void 0 ? 0 : t.length * sizeOf2(t.of);
    case "record":
      return t.rec.size;
    case "void":
      return 1;
    // GNU C: sizeof(void) == 1, also what void* arithmetic scales by
    case "func":
      return 1;
    case "map":
      return 8;
    case "error":
      return 0;
  }
}
function alignOf(t) {
  switch (t.kind) {
    case "int":
      return t.size;
    case "ptr":
    case "map":
      return 8;
    case "array":
      return alignOf(t.of);
    case "record":
      return t.rec.align;
    default:
      return 1;
  }
}
function isComplete(t) {
  switch (t.kind) {
    case "void":
    case "func":
      return false;
    case "array":
      return t.length !== void 0 && isComplete(t.of);
    case "record":
      return t.rec.complete;
    default:
      return true;
  }
}
function typeToString(t) {
  const q = (t.kind !== "error" && t.const ? "const " : "") + (t.kind !== "error" && t.volatile ? "volatile " : "");
  switch (t.kind) {
    case "void":
      return q + "void";
    case "int":
      return q + (t.enumTag !== void 0 ? `enum ${t.enumTag}` : t.name);
    case "ptr": {
      if (t.to.kind === "func") return `${typeToString(t.to.ret)} (*)(${t.to.params.map(typeToString).join(", ")})`;
      const inner = typeToString(t.to);
      return `${inner} *${q ? " " + q.trim() : ""}`;
    }
    case "array":
      return `${typeToString(t.of)}[${t.length ?? ""}]`;
    case "record":
      return `${q}${t.rec.union ? "union" : "struct"} ${t.rec.tag ?? "<anonymous>"}`;
    case "func":
      return `${typeToString(t.ret)} (${t.params.map(typeToString).join(", ")}${t.variadic ? ", ..." : ""})`;
    case "map":
      return `map ${t.map.name}`;
    case "error":
      return "<error>";
  }
}
function sameType(a, b) {
  if (a.kind === "error" || b.kind === "error") return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "int": {
      const bi = b;
      return a.size === bi.size && a.signed === bi.signed && !!a.bool === !!bi.bool && (a.rank === bi.rank || a.size === bi.size);
    }
    case "ptr":
      return sameType(a.to, b.to);
    case "array": {
      const ba = b;
      return sameType(a.of, ba.of) && (a.length === ba.length || a.length === void 0 || ba.length === void 0);
    }
    case "record":
      return a.rec === b.rec;
    case "func": {
      const bf = b;
      return sameType(a.ret, bf.ret) && a.params.length === bf.params.length && a.params.every((p, i) => sameType(p, bf.params[i]));
    }
    case "map":
      return a.map === b.map;
    default:
      return true;
  }
}
function normalizeConst(value, t) {
  if (t.kind === "ptr") return BigInt.asUintN(64, value);
  if (t.kind !== "int") return value;
  if (t.bool) return value !== 0n ? 1n : 0n;
  const bits = t.size * 8;
  return t.signed ? BigInt.asIntN(bits, value) : BigInt.asUintN(bits, value);
}

// frontend-c/sema/type-desc.ts
function toTypeDesc(t) {
  switch (t.kind) {
    case "void":
    case "error":
    case "func":
      return { kind: "void", size: 0 };
    case "int":
      if (t.bool) return { kind: "bool", size: 1 };
      if (t.enumTag !== void 0) return { kind: "enum", name: t.enumTag, size: t.size, signed: t.signed, values: [] };
      return { kind: "int", name: t.name, size: t.size, signed: t.signed };
    case "ptr":
    case "map":
      return { kind: "pointer", size: 8, target: t.kind === "ptr" ? typeToString(t.to) : "void" };
    case "array":
      return { kind: "array", size: sizeOf2(t), element: toTypeDesc(t.of), length: t.length ?? 0 };
    case "record": {
      const fields = [];
      const add = (rec, base) => {
        for (const f2 of rec.fields) {
          if (f2.name === void 0) {
            if (f2.type.kind === "record") add(f2.type.rec, base + f2.offset);
            continue;
          }
          const d = { name: f2.name, offset: base + f2.offset, type: toTypeDesc(f2.type) };
          if (f2.bitWidth !== void 0) {
            d.bitOffset = f2.bitOffset;
            d.bitSize = f2.bitWidth;
          }
          fields.push(d);
        }
      };
      add(t.rec, 0);
      return { kind: t.rec.union ? "union" : "struct", name: t.rec.tag ?? "", size: sizeOf2(t), align: alignOf(t), fields };
    }
  }
}

// frontend-c/lower/lower-init.ts
function effectiveAlign(a, t) {
  if (isFrame(a.base) && sizeOf2(t) >= 8) {
    let al = 8;
    while (al > 1 && a.off % al !== 0) al >>= 1;
    return Math.max(al, Math.min(8, alignOf(t)));
  }
  return Math.min(8, alignOf(t));
}
function initObject(L, a, t, init, span) {
  const size = sizeOf2(t);
  const align = effectiveAlign(a, t);
  if (!init) {
    L.b.zero(a.base, a.off, size, align, span);
    return;
  }
  const coversAll = init.parts.length === 1 && init.parts[0].offset === 0 && (init.parts[0].kind === "copy" || init.parts[0].kind === "scalar" && t.kind !== "record" && t.kind !== "array");
  if (init.zeroFill || !coversAll) L.b.zero(a.base, a.off, size, align, span);
  for (const p of init.parts) {
    const at2 = { base: a.base, off: a.off + p.offset };
    switch (p.kind) {
      case "scalar": {
        const v = lowerExpr(L, p.expr);
        const lv = p.bitfield ? { kind: "mem", addr: at2, type: p.expr.type, bitfield: p.bitfield } : { kind: "mem", addr: at2, type: p.expr.type };
        writeLvalue(L, lv, v, p.expr.span);
        break;
      }
      case "copy": {
        const src = lowerRecordValue(L, p.expr);
        L.b.copy(at2.base, at2.off, src.base, src.off, p.size, Math.min(align, Math.min(8, alignOf(p.expr.type))), p.expr.span);
        break;
      }
      case "bytes":
        storeBytes(L, at2, p.bytes, isFrame(at2.base) && at2.off % 8 === 0, span);
        break;
    }
  }
}

// frontend-c/lower/lower-lvalue.ts
function lowerLvalue(L, e) {
  switch (e.k) {
    case "local": {
      const s2 = L.storageOf(e.sym, e.span);
      return s2.kind === "vreg" ? { kind: "vreg", v: s2.v, type: e.type } : { kind: "mem", addr: { base: s2.ref, off: 0 }, type: e.type };
    }
    case "deref":
      return { kind: "mem", addr: pointerAddr(L, e.ptr), type: e.type };
    case "member": {
      const base = lowerLvalue(L, e.base);
      if (base.kind !== "mem") throw new InternalCompilerError("lower", "member of a register-resident object", e.span);
      const lv = { kind: "mem", addr: { base: base.addr.base, off: base.addr.off + e.offset }, type: e.type };
      if (e.bitfield) lv.bitfield = e.bitfield;
      return lv;
    }
    case "temp": {
      const s2 = L.storageOf(e.sym, e.span);
      if (s2.kind !== "frame") throw new InternalCompilerError("lower", "temporary not in memory", e.span);
      initObject(L, { base: s2.ref, off: 0 }, e.type, e.init, e.span);
      return { kind: "mem", addr: { base: s2.ref, off: 0 }, type: e.type };
    }
    case "string": {
      const ref = L.b.frameObject("<string>", e.bytes.length, 8, e.span);
      storeBytes(L, { base: ref, off: 0 }, e.bytes, true, e.span);
      return { kind: "mem", addr: { base: ref, off: 0 }, type: e.type };
    }
    case "assign":
    case "comma":
    case "call":
    case "cond":
    case "stmt-expr": {
      const r2 = lowerRecordValue(L, e);
      return { kind: "mem", addr: r2, type: e.type };
    }
    default:
      throw new InternalCompilerError("lower", `not an lvalue: ${e.k}`, e.span);
  }
}
function lowerRecordValue(L, e) {
  switch (e.k) {
    case "assign": {
      lowerExpr(L, e);
      return memAddr(L, lowerLvalue(L, e.target), e.span);
    }
    case "comma":
      lowerExpr(L, e.left);
      return lowerRecordValue(L, e.right);
    case "call": {
      const r2 = inlineCall(L, e);
      if (!r2.obj) throw new InternalCompilerError("lower", "struct value from a non-struct call", e.span);
      return r2.obj;
    }
    case "cond": {
      const size = sizeOf2(e.type);
      const tmp = L.b.frameObject("<cond>", Math.max(1, size), 8, e.span);
      const thenB = L.b.newBlock("cond.then");
      const elseB = L.b.newBlock("cond.else");
      const join4 = L.b.newBlock("cond.end");
      lowerCond(L, e.cond, thenB, elseB);
      for (const [blk, side] of [[thenB, e.then], [elseB, e.else]]) {
        L.b.setBlock(blk);
        const src = lowerRecordValue(L, side);
        L.b.copy(tmp, 0, src.base, src.off, size, 1, e.span);
        L.fallInto(join4, e.span);
      }
      return { base: tmp, off: 0 };
    }
    case "stmt-expr": {
      lowerExpr(L, { ...e, result: void 0, type: { kind: "void" } });
      if (!e.result) throw new InternalCompilerError("lower", "statement expression without a value", e.span);
      return lowerRecordValue(L, e.result);
    }
    default:
      return memAddr(L, lowerLvalue(L, e), e.span);
  }
}
function memAddr(L, lv, span) {
  if (lv.kind !== "mem") throw new InternalCompilerError("lower", "aggregate in a register", span);
  void L;
  return lv.addr;
}
function pointerAddr(L, p) {
  switch (p.k) {
    case "addr":
    case "decay": {
      const lv = lowerLvalue(L, p.of);
      if (lv.kind === "mem") return lv.addr;
      break;
    }
    case "ptradd":
      if (p.index.k === "const") {
        const a = pointerAddr(L, p.ptr);
        const delta = Number(p.index.value) * p.scale;
        return { base: a.base, off: a.off + (p.negate ? -delta : delta) };
      }
      break;
    case "cast":
      if (isPtr(p.operand.type)) return pointerAddr(L, p.operand);
      break;
    default:
      break;
  }
  return { base: L.reg(lowerExpr(L, p), p.span), off: 0 };
}
function addrToReg(L, a, span) {
  if (isFrame(a.base)) return L.b.frameAddr(L.b.vreg(), a.base, a.off, span);
  if (a.off === 0) return a.base;
  return L.b.alu("add", L.b.vreg(), a.base, imm(a.off), span);
}
function accessOf(t) {
  if (t.kind === "int") return { size: t.size, signed: t.signed && !t.bool };
  return { size: 8, signed: false };
}
function readLvalue(L, lv, span) {
  if (lv.kind === "vreg") return lv.v;
  const bf = lv.bitfield;
  if (!bf) {
    const { size, signed: signed3 } = accessOf(lv.type);
    return L.b.load(L.b.vreg(), lv.addr.base, lv.addr.off, size, span, signed3);
  }
  const unit = L.b.load(L.b.vreg(), lv.addr.base, lv.addr.off, bf.unitSize, span, false);
  const signed2 = lv.type.kind === "int" && lv.type.signed;
  const up = 64 - bf.bitOffset - bf.bitWidth;
  const hi = up === 0 ? unit : L.b.alu("lsh", L.b.vreg(), unit, imm(up), span);
  return L.b.alu(signed2 ? "arsh" : "rsh", L.b.vreg(), hi, imm(64 - bf.bitWidth), span);
}
function writeLvalue(L, lv, value, span) {
  if (lv.kind === "vreg") {
    L.b.mov(lv.v, value, span);
    return;
  }
  const bf = lv.bitfield;
  if (!bf) {
    L.b.store(lv.addr.base, lv.addr.off, accessOf(lv.type).size, value, span);
    return;
  }
  const mask = (1n << BigInt(bf.bitWidth)) - 1n;
  const unitMask = bf.unitSize === 8 ? (1n << 64n) - 1n : (1n << BigInt(bf.unitSize * 8)) - 1n;
  const keep = unitMask & ~(mask << BigInt(bf.bitOffset));
  const unit = L.b.load(L.b.vreg(), lv.addr.base, lv.addr.off, bf.unitSize, span, false);
  const cleared = L.b.alu("and", L.b.vreg(), unit, imm(BigInt.asIntN(64, keep)), span);
  let field;
  if (isImm(value)) field = imm(BigInt.asIntN(64, (value.imm & mask) << BigInt(bf.bitOffset)));
  else {
    const m = L.b.alu("and", L.b.vreg(), value, imm(BigInt.asIntN(64, mask)), span);
    field = bf.bitOffset === 0 ? m : L.b.alu("lsh", L.b.vreg(), m, imm(bf.bitOffset), span);
  }
  const merged = L.b.alu("or", L.b.vreg(), cleared, field, span);
  L.b.store(lv.addr.base, lv.addr.off, bf.unitSize, merged, span);
}
function storeBytes(L, a, bytes, aligned8, span) {
  let i = 0;
  if (aligned8) {
    for (; i + 8 <= bytes.length; i += 8) {
      let v = 0n;
      for (let j = 7; j >= 0; j--) v = v << 8n | BigInt(bytes[i + j]);
      L.b.store(a.base, a.off + i, 8, imm(BigInt.asIntN(64, v)), span);
    }
    for (; i + 4 <= bytes.length; i += 4) {
      const v = bytes[i] | bytes[i + 1] << 8 | bytes[i + 2] << 16 | bytes[i + 3] << 24;
      L.b.store(a.base, a.off + i, 4, imm(v | 0), span);
    }
  }
  for (; i < bytes.length; i++) L.b.store(a.base, a.off + i, 1, imm(bytes[i]), span);
}

// frontend-c/lower/lower-calls.ts
function lowerCall(L, e) {
  return inlineCall(L, e).value;
}
function inlineCall(L, e) {
  const span = e.span;
  if (L.frames.some((f2) => f2.fn === e.fn)) {
    L.sink.error("lower/recursion", span, `recursive call to '${e.fn.name}': BPF programs cannot recurse`);
    return { value: imm(0) };
  }
  if (!e.fn.body) {
    L.sink.error("lower/undefined-function", span, `function '${e.fn.name}' is declared but never defined`);
    return { value: imm(0) };
  }
  const args = e.args.map((a) => a.type.kind === "record" ? lowerRecordValue(L, a) : L.b.mov(L.b.vreg(), lowerExpr(L, a), a.span));
  const ret = e.fn.type.ret;
  const isVoid = ret.kind === "void" || ret.kind === "record";
  const frame = {
    fn: e.fn,
    storage: /* @__PURE__ */ new Map(),
    labels: /* @__PURE__ */ new Map(),
    retBlock: L.b.newBlock(`${e.fn.name}.ret`),
    retValue: isVoid ? void 0 : L.b.vreg(`${e.fn.name}.result`)
  };
  if (ret.kind === "record") frame.retObj = L.b.frameObject(`${e.fn.name}.result`, Math.max(1, sizeOf2(ret)), 8, span);
  L.frames.push(frame);
  const savedTargets = L.targets.splice(0, L.targets.length);
  e.fn.params.forEach((p, i) => {
    const s2 = L.declare(p, span);
    const v = args[i] ?? L.b.mov(L.b.vreg(), imm(0), span);
    if (typeof v !== "number") {
      if (s2.kind === "frame") L.b.copy(s2.ref, 0, v.base, v.off, sizeOf2(p.type), 1, span);
    } else if (s2.kind === "vreg") L.b.mov(s2.v, v, span);
    else {
      const size = p.type.kind === "int" ? p.type.size : 8;
      L.b.zero(s2.ref, 0, size, size, span);
      L.b.store(s2.ref, 0, size, v, span);
    }
  });
  lowerStmts(L, [e.fn.body]);
  L.fallInto(frame.retBlock, span);
  L.targets.push(...savedTargets);
  L.frames.pop();
  if (frame.retObj) return { value: imm(0), obj: { base: frame.retObj, off: 0 } };
  return { value: frame.retValue ?? imm(0) };
}
function lowerHelper(L, e) {
  const span = e.span;
  const args = e.args.map((a) => L.reg(lowerExpr(L, a), a.span));
  const hasResult = e.type.kind !== "void";
  const dst = hasResult ? L.b.vreg(e.helper.name) : void 0;
  L.b.call(dst, e.helper.id, args, span);
  if (dst === void 0) return imm(0);
  return castValue(L, dst, { ...e.type, size: 8 }, e.type, span);
}
function pointeeAlign(addr, p) {
  const t = p.type;
  let a = isPtr(t) && t.to.kind !== "void" ? Math.min(8, alignOf(t.to)) : 1;
  if (isFrame(addr.base)) {
    let al = 8;
    while (al > 1 && addr.off % al !== 0) al >>= 1;
    a = Math.max(a, al);
  }
  return a;
}
function lowerMemcpy(L, e) {
  const dst = pointerAddr(L, e.dst);
  const src = pointerAddr(L, e.src);
  const align = Math.min(pointeeAlign(dst, e.dst), pointeeAlign(src, e.src));
  if (e.size > 0) L.b.copy(dst.base, dst.off, src.base, src.off, e.size, align, e.span);
  return addrToReg(L, dst, e.span);
}
function lowerMemset(L, e) {
  const dst = pointerAddr(L, e.dst);
  const align = pointeeAlign(dst, e.dst);
  if (e.byte === 0) {
    if (e.size > 0) L.b.zero(dst.base, dst.off, e.size, align, e.span);
  } else {
    let p = 0;
    while (p < e.size) {
      let s2 = 8;
      while (s2 > 1 && (s2 > align || (dst.off + p) % s2 !== 0 || p + s2 > e.size)) s2 = s2 >> 1;
      let v = 0n;
      for (let i = 0; i < s2; i++) v = v << 8n | BigInt(e.byte);
      L.b.store(dst.base, dst.off + p, s2, imm(BigInt.asIntN(s2 * 8, v)), e.span);
      p += s2;
    }
  }
  return addrToReg(L, dst, e.span);
}
function lowerMemcmp(L, e) {
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
function lowerAtomic(L, e) {
  const span = e.span;
  const elem = isPtr(e.ptr.type) ? e.ptr.type.to : e.type;
  const size = elem.kind === "int" ? elem.size : 8;
  const addr = pointerAddr(L, e.ptr);
  let value = L.reg(lowerExpr(L, e.value), span);
  const orig = value;
  const aop = e.op === "sub" ? "add" : e.op;
  if (e.op === "sub") value = L.b.neg(L.b.vreg(), value, span);
  const expected = e.expected ? L.reg(lowerExpr(L, e.expected), span) : void 0;
  if (!e.fetch) {
    L.b.atomic(aop, addr.base, addr.off, size, value, span);
    return imm(0);
  }
  const old = L.b.vreg("old");
  L.b.atomic(aop, addr.base, addr.off, size, value, span, old, expected);
  const oldN = castValue(L, old, { ...elem, size: 8 }, elem, span);
  const oldR = L.reg(oldN, span);
  if (e.boolResult && expected !== void 0) return L.b.setcc(L.b.vreg(), "eq", oldR, expected, span);
  if (e.returnNew && e.op !== "xchg" && e.op !== "cmpxchg") {
    const op = e.op === "sub" ? "sub" : e.op;
    const signed2 = elem.kind === "int" && elem.signed;
    return arith(L, op, signed2, oldR, orig, elem, span);
  }
  return oldR;
}

// frontend-c/lower/lower-expr.ts
var ALU2 = {
  // [unsigned, signed]
  add: ["add", "add"],
  sub: ["sub", "sub"],
  mul: ["mul", "mul"],
  div: ["div", "sdiv"],
  mod: ["mod", "smod"],
  shl: ["lsh", "lsh"],
  shr: ["rsh", "arsh"],
  and: ["and", "and"],
  or: ["or", "or"],
  xor: ["xor", "xor"]
};
function cmpCond(op, signed2) {
  switch (op) {
    case "eq":
      return "eq";
    case "ne":
      return "ne";
    case "lt":
      return signed2 ? "slt" : "lt";
    case "gt":
      return signed2 ? "sgt" : "gt";
    case "le":
      return signed2 ? "sle" : "le";
    case "ge":
      return signed2 ? "sge" : "ge";
  }
}
function arith(L, op, signed2, a, b, t, span) {
  const aop = ALU2[op][signed2 ? 1 : 0];
  const size = t.kind === "int" ? t.size : 8;
  const width = size === 8 ? 64 : 32;
  const r2 = L.b.alu(aop, L.b.vreg(), a, b, span, width);
  if (size === 8) return r2;
  if (size === 4 && !signed2) return r2;
  return L.normalize(r2, t, span);
}
function castValue(L, v, from, to, span) {
  if (to.kind === "void") return imm(0);
  if (to.kind === "int" && to.bool) {
    if (isImm(v)) return imm(v.imm !== 0n ? 1 : 0);
    if (from.kind === "int" && from.bool) return v;
    return L.b.setcc(L.b.vreg(), "ne", v, imm(0), span);
  }
  if (to.kind !== "int" || to.size === 8) return v;
  if (from.kind === "int" && (from.size < to.size || from.size === to.size && from.signed === to.signed)) {
    if (from.size < to.size && (!from.signed || to.signed)) return v;
    if (from.size === to.size && from.signed === to.signed) return v;
  }
  if (isImm(v)) {
    const bits = to.size * 8;
    return imm(to.signed ? BigInt.asIntN(bits, v.imm) : BigInt.asUintN(bits, v.imm));
  }
  return L.normalize(v, to, span);
}
function lowerExpr(L, e) {
  const span = e.span;
  switch (e.k) {
    case "const":
      return imm(e.value);
    case "local":
    case "deref":
    case "member": {
      if (e.type.kind === "record" || e.type.kind === "array") {
        throw new InternalCompilerError("lower", `aggregate ${e.k} used as a scalar value`, span);
      }
      return readLvalue(L, lowerLvalue(L, e), span);
    }
    case "map":
      return L.b.mapFd(L.b.vreg(), e.map.name, span);
    case "string":
      throw new InternalCompilerError("lower", "string literal used without decay", span);
    case "addr": {
      if (e.of.k === "map") return L.b.mapFd(L.b.vreg(), e.of.map.name, span);
      return addrToReg(L, pointerAddr(L, e), span);
    }
    case "decay":
      return addrToReg(L, pointerAddr(L, e), span);
    case "cast": {
      if (e.type.kind === "void") {
        lowerEffect(L, e.operand);
        return imm(0);
      }
      return castValue(L, lowerExpr(L, e.operand), e.operand.type, e.type, span);
    }
    case "arith": {
      const a = L.reg(lowerExpr(L, e.left), span);
      const b = lowerExpr(L, e.right);
      return arith(L, e.op, e.signed, a, b, e.type, span);
    }
    case "ptradd": {
      if (e.index.k === "const") {
        const p2 = L.reg(lowerExpr(L, e.ptr), span);
        const delta = e.index.value * BigInt(e.scale);
        if (delta === 0n) return p2;
        return L.b.alu(e.negate ? "sub" : "add", L.b.vreg(), p2, imm(delta), span);
      }
      const p = L.reg(lowerExpr(L, e.ptr), span);
      const idx = L.reg(lowerExpr(L, e.index), span);
      const scaled = scaleIndex(L, idx, e.scale, span);
      return L.b.alu(e.negate ? "sub" : "add", L.b.vreg(), p, scaled, span);
    }
    case "ptrdiff": {
      const a = L.reg(lowerExpr(L, e.left), span);
      const b = lowerExpr(L, e.right);
      const d = L.b.alu("sub", L.b.vreg(), a, b, span);
      if (e.scale === 1) return d;
      return L.b.alu("sdiv", L.b.vreg(), d, imm(e.scale), span);
    }
    case "cmp": {
      const a = L.reg(lowerExpr(L, e.left), span);
      const b = lowerExpr(L, e.right);
      return L.b.setcc(L.b.vreg(), cmpCond(e.op, e.signed), a, b, span);
    }
    case "logical":
    case "not":
      return boolValue(L, e);
    case "neg": {
      const a = L.reg(lowerExpr(L, e.operand), span);
      const size = e.type.kind === "int" ? e.type.size : 8;
      const r2 = L.b.neg(L.b.vreg(), a, span, size === 8 ? 64 : 32);
      return size === 8 ? r2 : L.normalize(r2, e.type, span);
    }
    case "bitnot": {
      const a = L.reg(lowerExpr(L, e.operand), span);
      const size = e.type.kind === "int" ? e.type.size : 8;
      const r2 = L.b.alu("xor", L.b.vreg(), a, imm(-1), span, size === 8 ? 64 : 32);
      return size === 8 ? r2 : L.normalize(r2, e.type, span);
    }
    case "assign":
      return lowerAssign(L, e);
    case "compound": {
      const lv = lowerLvalue(L, e.target);
      const cur = readLvalue(L, lv, span);
      let result;
      if (isPtr(e.target.type)) {
        const rhs = L.reg(lowerExpr(L, e.rhs), span);
        const scaled = scaleIndex(L, rhs, e.scale, span);
        result = L.b.alu(e.op === "sub" ? "sub" : "add", L.b.vreg(), cur, scaled, span);
      } else {
        const asOp = L.reg(castValue(L, cur, e.target.type, e.opType, span), span);
        const rhs = lowerExpr(L, e.rhs);
        const r2 = arith(L, e.op, e.signed, asOp, rhs, e.opType, span);
        result = castValue(L, r2, e.opType, e.target.type, span);
      }
      writeLvalue(L, lv, result, span);
      return result;
    }
    case "incdec": {
      const lv = lowerLvalue(L, e.target);
      const old = readLvalue(L, lv, span);
      const saved = e.prefix ? old : L.b.mov(L.b.vreg(), old, span);
      let next;
      if (e.target.type.kind === "int") {
        const t = e.target.type;
        const sum = L.b.alu("add", L.b.vreg(), old, imm(e.delta), span, t.size === 8 ? 64 : 32);
        if (t.bool) {
          next = e.delta > 0n ? imm(1) : L.b.setcc(L.b.vreg(), "eq", old, imm(0), span);
        } else {
          next = t.size === 8 || t.size === 4 && !t.signed ? sum : L.normalize(sum, t, span);
        }
      } else {
        next = L.b.alu("add", L.b.vreg(), old, imm(e.delta), span);
      }
      writeLvalue(L, lv, next, span);
      return e.prefix ? next : saved;
    }
    case "cond": {
      if (e.type.kind === "void") {
        const thenB2 = L.b.newBlock("cond.then");
        const elseB2 = L.b.newBlock("cond.else");
        const join5 = L.b.newBlock("cond.end");
        lowerCond(L, e.cond, thenB2, elseB2);
        L.b.setBlock(thenB2);
        lowerEffect(L, e.then);
        L.fallInto(join5, span);
        L.b.setBlock(elseB2);
        lowerEffect(L, e.else);
        L.fallInto(join5, span);
        return imm(0);
      }
      const result = L.b.vreg("cond");
      const thenB = L.b.newBlock("cond.then");
      const elseB = L.b.newBlock("cond.else");
      const join4 = L.b.newBlock("cond.end");
      lowerCond(L, e.cond, thenB, elseB);
      L.b.setBlock(thenB);
      L.b.mov(result, lowerExpr(L, e.then), span);
      L.fallInto(join4, span);
      L.b.setBlock(elseB);
      L.b.mov(result, lowerExpr(L, e.else), span);
      L.fallInto(join4, span);
      return result;
    }
    case "comma":
      lowerEffect(L, e.left);
      return lowerExpr(L, e.right);
    case "call":
      return lowerCall(L, e);
    case "helper":
      return lowerHelper(L, e);
    case "memcpy":
      return lowerMemcpy(L, e);
    case "memset":
      return lowerMemset(L, e);
    case "memcmp":
      return lowerMemcmp(L, e);
    case "bswap": {
      const a = L.reg(lowerExpr(L, e.operand), span);
      const r2 = L.b.vreg();
      L.b.emit({ op: "endian", dst: r2, a, kind: "be", bits: e.bits, span });
      return r2;
    }
    case "atomic":
      return lowerAtomic(L, e);
    case "temp": {
      if (e.type.kind === "record" || e.type.kind === "array") {
        throw new InternalCompilerError("lower", "aggregate compound literal used as a scalar", span);
      }
      return readLvalue(L, lowerLvalue(L, e), span);
    }
    case "stmt-expr": {
      lowerStmts(L, e.body);
      if (!e.result) return imm(0);
      if (e.result.type.kind === "record") {
        lowerRecordValue(L, e.result);
        return imm(0);
      }
      return lowerExpr(L, e.result);
    }
    case "error":
      throw new InternalCompilerError("lower", "error node reached lowering", span);
  }
}
function lowerEffect(L, e) {
  if (e.type.kind === "record" || e.type.kind === "array") {
    if (e.k === "assign" || e.k === "comma" || e.k === "stmt-expr" || e.k === "call") {
      if (e.k === "call") lowerExpr(L, e);
      else lowerRecordValue(L, e);
    }
    return;
  }
  lowerExpr(L, e);
}
function lowerAssign(L, e) {
  const span = e.span;
  if (e.target.type.kind === "record") {
    const src = lowerRecordValue(L, e.value);
    const dst = lowerLvalue(L, e.target);
    if (dst.kind !== "mem") throw new InternalCompilerError("lower", "record in a register", span);
    L.b.copy(dst.addr.base, dst.addr.off, src.base, src.off, sizeOf2(e.target.type), 1, span);
    return imm(0);
  }
  const v = lowerExpr(L, e.value);
  const lv = lowerLvalue(L, e.target);
  writeLvalue(L, lv, v, span);
  if (lv.kind === "mem" && lv.bitfield) {
    return readLvalue(L, lv, span);
  }
  return v;
}
function scaleIndex(L, idx, scale, span) {
  if (scale === 1) return idx;
  if ((scale & scale - 1) === 0) return L.b.alu("lsh", L.b.vreg(), idx, imm(Math.log2(scale)), span);
  return L.b.alu("mul", L.b.vreg(), idx, imm(scale), span);
}
function boolValue(L, e) {
  const result = L.b.vreg("bool");
  const t = L.b.newBlock("bool.true");
  const f2 = L.b.newBlock("bool.false");
  const join4 = L.b.newBlock("bool.end");
  lowerCond(L, e, t, f2);
  L.b.setBlock(t);
  L.b.mov(result, imm(1), e.span);
  L.b.jmp(join4, e.span);
  L.b.setBlock(f2);
  L.b.mov(result, imm(0), e.span);
  L.b.jmp(join4, e.span);
  L.b.setBlock(join4);
  return result;
}
function lowerCond(L, e, t, f2) {
  const span = e.span;
  switch (e.k) {
    case "const":
      L.b.jmp(e.value !== 0n ? t : f2, span);
      return;
    case "cmp": {
      const a = L.reg(lowerExpr(L, e.left), span);
      const b = lowerExpr(L, e.right);
      L.b.br(cmpCond(e.op, e.signed), a, b, t, f2, span);
      return;
    }
    case "not":
      lowerCond(L, e.operand, f2, t);
      return;
    case "logical": {
      const mid = L.b.newBlock(e.op === "and" ? "and.rhs" : "or.rhs");
      if (e.op === "and") lowerCond(L, e.left, mid, f2);
      else lowerCond(L, e.left, t, mid);
      L.b.setBlock(mid);
      lowerCond(L, e.right, t, f2);
      return;
    }
    case "cast":
      if (e.type.kind === "int" && e.type.bool) {
        lowerCond(L, e.operand, t, f2);
        return;
      }
      break;
    default:
      break;
  }
  const v = L.reg(lowerExpr(L, e), span);
  L.b.br("ne", v, imm(0), t, f2, span);
}

// frontend-c/lower/lower-stmt.ts
function lowerStmts(L, items) {
  for (const s2 of items) lowerStmt(L, s2);
}
function labelBlock(L, name) {
  let b = L.frame.labels.get(name);
  if (!b) {
    b = L.b.newBlock(name);
    L.frame.labels.set(name, b);
  }
  return b;
}
function lowerReturn(L, s2) {
  const f2 = L.frame;
  if (f2.retBlock) {
    if (s2.value && f2.retObj) {
      const src = lowerRecordValue(L, s2.value);
      L.b.copy(f2.retObj, 0, src.base, src.off, sizeOf2(s2.value.type), 1, s2.span);
    } else if (s2.value && f2.retValue !== void 0) L.b.mov(f2.retValue, lowerExpr(L, s2.value), s2.span);
    else if (s2.value) lowerEffect(L, s2.value);
    L.b.jmp(f2.retBlock, s2.span);
    return;
  }
  const v = s2.value ? lowerExpr(L, s2.value) : imm(0);
  L.b.ret(v, s2.span);
}
function lowerStmt(L, s2) {
  const span = s2.span;
  switch (s2.k) {
    case "block":
      lowerStmts(L, s2.items);
      return;
    case "decl": {
      const st2 = L.declare(s2.sym, span);
      if (st2.kind === "vreg") {
        const part = s2.init?.parts[0];
        if (part && part.kind === "scalar") {
          const v = lowerExpr(L, part.expr);
          L.b.mov(st2.v, castValue(L, v, part.expr.type, s2.sym.type, span), span);
        } else {
          L.b.mov(st2.v, imm(0), span);
        }
        return;
      }
      initObject(L, { base: st2.ref, off: 0 }, s2.sym.type, s2.init, span);
      return;
    }
    case "expr":
      lowerEffect(L, s2.expr);
      return;
    case "empty":
      return;
    case "if": {
      const thenB = L.b.newBlock("if.then");
      const join4 = L.b.newBlock("if.end");
      const elseB = s2.else ? L.b.newBlock("if.else") : join4;
      lowerCond(L, s2.cond, thenB, elseB);
      L.b.setBlock(thenB);
      lowerStmt(L, s2.then);
      if (L.b.open) L.b.jmp(join4, span);
      if (s2.else) {
        L.b.setBlock(elseB);
        lowerStmt(L, s2.else);
        if (L.b.open) L.b.jmp(join4, span);
      }
      L.b.setBlock(join4);
      return;
    }
    case "loop":
      lowerLoop(L, s2);
      return;
    case "switch": {
      const v = L.reg(lowerExpr(L, s2.cond), span);
      const exit2 = L.b.newBlock("switch.end");
      for (const c of s2.cases) L.caseBlocks.set(c.label, L.b.newBlock("case"));
      if (s2.defaultLabel !== void 0) L.caseBlocks.set(s2.defaultLabel, L.b.newBlock("default"));
      for (const c of s2.cases) {
        const next = L.b.newBlock("switch.next");
        L.b.br("eq", v, imm(c.value), L.caseBlocks.get(c.label), next, span);
        L.b.setBlock(next);
      }
      L.b.jmp(s2.defaultLabel !== void 0 ? L.caseBlocks.get(s2.defaultLabel) : exit2, span);
      L.targets.push({ breakTo: exit2, continueTo: void 0 });
      L.startBlock("switch.dead");
      lowerStmt(L, s2.body);
      L.targets.pop();
      L.fallInto(exit2, span);
      return;
    }
    case "case-label": {
      const b = L.caseBlocks.get(s2.label);
      if (b) L.fallInto(b, span);
      return;
    }
    case "break": {
      const t = L.targets[L.targets.length - 1];
      if (t) L.b.jmp(t.breakTo, span);
      return;
    }
    case "continue": {
      for (let i = L.targets.length - 1; i >= 0; i--) {
        const c = L.targets[i].continueTo;
        if (c) {
          L.b.jmp(c, span);
          return;
        }
      }
      return;
    }
    case "return":
      lowerReturn(L, s2);
      return;
    case "goto":
      L.b.jmp(labelBlock(L, s2.label), span);
      return;
    case "label":
      L.fallInto(labelBlock(L, s2.label), span);
      return;
  }
}
function lowerLoop(L, s2) {
  const span = s2.span;
  if (s2.init) lowerStmt(L, s2.init);
  const condB = L.b.newBlock("loop.cond");
  const bodyB = L.b.newBlock("loop.body");
  const stepB = L.b.newBlock("loop.step");
  const exit2 = L.b.newBlock("loop.end");
  L.b.jmp(s2.postTest ? bodyB : condB, span);
  L.b.setBlock(condB);
  if (s2.cond) lowerCond(L, s2.cond, bodyB, exit2);
  else L.b.jmp(bodyB, span);
  L.b.setBlock(bodyB);
  L.targets.push({ breakTo: exit2, continueTo: stepB });
  lowerStmt(L, s2.body);
  L.targets.pop();
  L.fallInto(stepB, span);
  if (s2.step) lowerEffect(L, s2.step);
  L.b.jmp(condB, span);
  L.b.setBlock(exit2);
}

// frontend-c/ir/builder.ts
var IrBuilder = class _IrBuilder {
  fn;
  /** The block instructions are appended to; undefined after a terminator until `setBlock`. */
  block;
  constructor(fn) {
    this.fn = fn;
    this.block = fn.blocks[0];
  }
  static create(name, span) {
    return new _IrBuilder(newFunction(name, span));
  }
  vreg(name) {
    return newVReg(this.fn, name);
  }
  /** Declares the next parameter (r1, r2, ... in order) and returns its vreg. */
  param(name) {
    const v = this.vreg(name);
    this.fn.params.push(v);
    return v;
  }
  newBlock(label) {
    return newBlock(this.fn, label);
  }
  setBlock(b) {
    this.block = b;
  }
  frameObject(name, size, align, span) {
    return newFrameObject(this.fn, name, size, align, span);
  }
  /** True when the current block is still open (code emitted now is reachable in program order). */
  get open() {
    return this.block !== void 0 && this.block.term === void 0;
  }
  emit(i) {
    const b = this.block;
    if (b === void 0 || b.term !== void 0) {
      this.block = this.newBlock("dead");
    }
    this.block.insts.push(i);
  }
  mov(dst, src, span, width = 64) {
    this.emit({ op: "mov", dst, src, width, span });
    return dst;
  }
  alu(alu, dst, a, b, span, width = 64) {
    this.emit({ op: "alu", alu, dst, a, b, width, span });
    return dst;
  }
  neg(dst, a, span, width = 64) {
    this.emit({ op: "neg", dst, a, width, span });
    return dst;
  }
  ext(dst, a, from, signed2, span) {
    this.emit({ op: "ext", dst, a, from, signed: signed2, span });
    return dst;
  }
  endian(dst, a, kind, bits, span) {
    this.emit({ op: "endian", dst, a, kind, bits, span });
    return dst;
  }
  setcc(dst, cond2, a, b, span, width = 64) {
    this.emit({ op: "setcc", dst, cond: cond2, a, b, width, span });
    return dst;
  }
  load(dst, base, off, size, span, signed2 = false) {
    this.emit({ op: "load", dst, base, off, size, signed: signed2, span });
    return dst;
  }
  store(base, off, size, value, span) {
    this.emit({ op: "store", base, off, size, value, span });
  }
  frameAddr(dst, frame, off, span) {
    this.emit({ op: "frameaddr", dst, frame: frame.frame, off, span });
    return dst;
  }
  mapFd(dst, map, span) {
    this.emit({ op: "mapfd", dst, map, span });
    return dst;
  }
  call(dst, helper2, args, span) {
    this.emit({ op: "call", dst, helper: helper2, args, span });
  }
  atomic(aop, base, off, size, value, span, dst, expected) {
    const fetch = dst !== void 0 || aop === "xchg" || aop === "cmpxchg";
    const i = { op: "atomic", aop, base, off, size, value, fetch, dst, span };
    if (expected !== void 0) i.expected = expected;
    this.emit(i);
  }
  zero(base, off, size, align, span) {
    this.emit({ op: "zero", base, off, size, align, span });
  }
  copy(dstBase, dstOff, srcBase, srcOff, size, align, span) {
    this.emit({ op: "copy", dstBase, dstOff, srcBase, srcOff, size, align, span });
  }
  jmp(target, span) {
    this.terminate({ op: "jmp", target: target.id, span });
  }
  br(cond2, a, b, then, els, span, width = 64) {
    this.terminate({ op: "br", cond: cond2, width, a, b, then: then.id, else: els.id, span });
  }
  ret(value, span) {
    this.terminate({ op: "ret", value, span });
  }
  terminate(t) {
    if (this.block === void 0 || this.block.term !== void 0) this.block = this.newBlock("dead");
    this.block.term = t;
  }
};

// frontend-c/lower/lowerer.ts
var FnLowerer = class {
  constructor(name, span, sink) {
    this.sink = sink;
    this.b = IrBuilder.create(name, span);
  }
  sink;
  b;
  frames = [];
  targets = [];
  /** Switch case label id → block. */
  caseBlocks = /* @__PURE__ */ new Map();
  get frame() {
    const f2 = this.frames[this.frames.length - 1];
    if (!f2) throw new InternalCompilerError("lower", "no active function");
    return f2;
  }
  /** Storage of a local; declares it on first sight (compound-literal temps, sema-made temps). */
  storageOf(sym, span) {
    const s2 = this.frame.storage.get(sym.id);
    if (s2) return s2;
    return this.declare(sym, span);
  }
  declare(sym, span) {
    const t = sym.type;
    let s2;
    if (t.kind === "record" || t.kind === "array" || sym.addressTaken) {
      const size = Math.max(1, sizeOf2(t));
      const align = size >= 8 ? 8 : Math.min(8, Math.max(1, alignOf(t)));
      s2 = { kind: "frame", ref: this.b.frameObject(sym.name, size, align, sym.span) };
    } else {
      s2 = { kind: "vreg", v: this.b.vreg(sym.name) };
    }
    this.frame.storage.set(sym.id, s2);
    void span;
    return s2;
  }
  /** Materialises an operand into a vreg. */
  reg(o, span) {
    if (!isImm(o)) return o;
    return this.b.mov(this.b.vreg(), o, span);
  }
  /** Re-normalises a vreg holding a (possibly wrapped) value of integer/pointer type `t`. */
  normalize(v, t, span) {
    if (t.kind !== "int" || t.size === 8) return v;
    if (t.bool) return this.b.setcc(this.b.vreg(), "ne", v, imm(0), span);
    return this.b.ext(this.b.vreg(), v, t.size * 8, t.signed, span);
  }
  /** Starts a fresh block and makes it current (used after unconditional jumps). */
  startBlock(label) {
    const blk = this.b.newBlock(label);
    this.b.setBlock(blk);
    return blk;
  }
  /** Jumps to `target` when the current block is still open, then continues in `target`. */
  fallInto(target, span) {
    if (this.b.open) this.b.jmp(target, span);
    this.b.setBlock(target);
  }
};

// frontend-c/lower/lower-module.ts
function isProgram(f2) {
  return !f2.isStatic && f2.body !== void 0 && f2.params.length <= 1;
}
function lowerFunction(f2, sink) {
  const L = new FnLowerer(f2.name, f2.span, sink);
  L.frames.push({ fn: f2, storage: /* @__PURE__ */ new Map(), labels: /* @__PURE__ */ new Map(), retBlock: void 0, retValue: void 0 });
  for (const p of f2.params) {
    const v = L.b.param(p.name);
    const s2 = L.declare(p, p.span);
    if (s2.kind === "vreg") L.b.mov(s2.v, v, p.span);
    else L.b.store(s2.ref, 0, 8, v, p.span);
  }
  lowerStmts(L, f2.body ? [f2.body] : []);
  if (L.b.open) L.b.ret(imm(0), f2.span);
  for (const b of L.b.fn.blocks) if (b.term === void 0) b.term = { op: "ret", value: imm(0), span: f2.span };
  return L.b.fn;
}
function lowerModule(m, sink) {
  const functions = [];
  const programs = [];
  for (const f2 of m.functions) {
    if (!isProgram(f2)) continue;
    functions.push(lowerFunction(f2, sink));
    programs.push({ function: f2.name, section: f2.section ?? "" });
  }
  const maps = m.maps.map((d) => ({
    name: d.name,
    kind: d.kind,
    keySize: d.key.kind === "void" ? 0 : sizeOf2(d.key),
    valueSize: d.value.kind === "void" ? 0 : sizeOf2(d.value),
    maxEntries: d.maxEntries,
    flags: d.flags,
    key: toTypeDesc(d.key),
    value: toTypeDesc(d.value)
  }));
  return { functions, programs, maps, license: m.license };
}

// frontend-c/sema/checker.ts
var Scope = class {
  constructor(parent) {
    this.parent = parent;
  }
  parent;
  names = /* @__PURE__ */ new Map();
  tags = /* @__PURE__ */ new Map();
  lookup(name) {
    for (let s2 = this; s2; s2 = s2.parent) {
      const v = s2.names.get(name);
      if (v) return v;
    }
    return void 0;
  }
  lookupTag(name) {
    for (let s2 = this; s2; s2 = s2.parent) {
      const v = s2.tags.get(name);
      if (v) return v;
    }
    return void 0;
  }
  /** Every visible name (for did-you-mean). */
  *allNames() {
    for (let s2 = this; s2; s2 = s2.parent) yield* s2.names.keys();
  }
};
var Checker = class {
  constructor(sink, helpers, external) {
    this.sink = sink;
    this.helpers = helpers;
    this.external = external;
    this.globals = new Scope(void 0);
    this.scope = this.globals;
  }
  sink;
  helpers;
  external;
  scope;
  globals;
  fn;
  nextId = 0;
  maps = [];
  functions = /* @__PURE__ */ new Map();
  license = "GPL";
  newId() {
    return this.nextId++;
  }
  error(code, span, message, notes) {
    this.sink.error(code, span, message, notes);
  }
  warn(code, span, message) {
    this.sink.warning(code, span, message);
  }
  pushScope() {
    this.scope = new Scope(this.scope);
  }
  popScope() {
    if (this.scope.parent) this.scope = this.scope.parent;
  }
  newLocal(name, type, span) {
    const sym = { kind: "local", id: this.newId(), name, type, span, addressTaken: false };
    this.fn?.locals.push(sym);
    return sym;
  }
};
function distance(a, b) {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
function typoDistance(a, b) {
  let d = distance(a, b);
  for (let i = 0; i + 1 < a.length; i++) {
    if (a[i] !== a[i + 1]) {
      const swapped = a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2);
      if (swapped === b) d = Math.min(d, 1);
    }
  }
  return d;
}
function didYouMean(name, candidates) {
  let best;
  if (name.length <= 2) return void 0;
  let bestD = Math.max(1, Math.min(3, Math.floor(name.length / 3) + 1));
  for (const c of candidates) {
    if (c === name || Math.abs(c.length - name.length) > bestD) continue;
    const d = typoDistance(name, c);
    if (d <= bestD && (best === void 0 || d < bestD)) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

// frontend-c/sema/conversions.ts
function promote(t) {
  if (t.rank < 3) return T.int;
  if (t.enumTag !== void 0 || t.const || t.volatile) {
    return t.size === 4 ? t.signed ? T.int : T.uint : t.signed ? T.long : T.ulong;
  }
  return t;
}
var bySizeSign = (size, signed2, rank2) => {
  if (size === 8) return rank2 >= 5 ? signed2 ? T.llong : T.ullong : signed2 ? T.long : T.ulong;
  return signed2 ? T.int : T.uint;
};
function usualArith(a, b) {
  const x = promote(a);
  const y = promote(b);
  if (x.size === y.size && x.signed === y.signed) return x.rank >= y.rank ? x : y;
  if (x.signed === y.signed) return x.size > y.size ? x : y;
  const [s2, u2] = x.signed ? [x, y] : [y, x];
  if (u2.size >= s2.size) return bySizeSign(u2.size, false, Math.max(u2.rank, s2.rank));
  return s2;
}
function constOf(e) {
  return e.k === "const" ? e.value : void 0;
}
function mkConst(value, type, span) {
  return { k: "const", value: normalizeConst(value, type), type, span };
}
function convert(e, to) {
  if (e.type.kind === "error" || to.kind === "error") return e;
  const target = unqual(to);
  if (sameType(unqual(e.type), target) && (e.type.kind !== "int" || target.kind !== "int" || e.type.size === target.size && e.type.signed === target.signed && !!e.type.bool === !!target.bool)) {
    return e.type === to ? e : { ...e, type: to };
  }
  if (e.k === "const" && (target.kind === "int" || target.kind === "ptr")) {
    return mkConst(e.value, to, e.span);
  }
  return { k: "cast", operand: e, type: to, span: e.span };
}
function divTrunc(a, b) {
  return a / b;
}
function foldArith(op, a, b, type) {
  const bits = BigInt(type.size * 8);
  switch (op) {
    case "add":
      return a + b;
    case "sub":
      return a - b;
    case "mul":
      return a * b;
    case "div":
      return b === 0n ? void 0 : divTrunc(a, b);
    case "mod":
      return b === 0n ? void 0 : a % b;
    case "shl":
      return b < 0n || b >= bits ? void 0 : a << b;
    case "shr": {
      if (b < 0n || b >= bits) return void 0;
      return a >> b;
    }
    case "and":
      return a & b;
    case "or":
      return a | b;
    case "xor":
      return a ^ b;
  }
}
function foldCmp(op, a, b) {
  switch (op) {
    case "eq":
      return a === b;
    case "ne":
      return a !== b;
    case "lt":
      return a < b;
    case "gt":
      return a > b;
    case "le":
      return a <= b;
    case "ge":
      return a >= b;
  }
}
function isNullConst(e) {
  return e.k === "const" && e.value === 0n && isInt(e.type);
}

// frontend-c/sema/map-methods.ts
var BPF_ANY = 0n;
var BPF_NOEXIST = 1n;
var METHODS = ["lookup", "update", "insert", "delete", "increment", "lookup_or_try_init", "perf_submit", "ringbuf_output"];
function helper(c, name) {
  return c.helpers.get(name);
}
function call(c, name, args, type, span) {
  const h = helper(c, name);
  return { k: "helper", helper: h, args, type: type ?? h.ret, span };
}
function keyPointer(c, a, want, what, pre) {
  const v = checkRvalue(c, a);
  if (v.type.kind === "error") return v;
  if (isPtr(v.type)) return v;
  const sym = c.newLocal(`<${what}>`, want, a.span);
  sym.addressTaken = true;
  const init = assignConvert(c, want, v, a.span, what);
  if (init.type.kind === "error") return init;
  pre.push({ k: "decl", sym, init: { zeroFill: true, parts: [{ kind: "scalar", offset: 0, expr: init }] }, span: a.span });
  const ref = { k: "local", sym, type: want, span: a.span };
  return { k: "addr", of: ref, type: ptrTo(want), span: a.span };
}
function wrap(pre, result) {
  if (pre.length === 0) return result;
  return { k: "stmt-expr", body: pre, result, type: result.type, span: result.span };
}
function checkMapMethod(c, e, callee) {
  const obj = checkExpr(c, callee.object);
  if (obj.type.kind === "error") return errorExpr(e.span);
  if (obj.k !== "map") {
    c.error("sema/call-non-function", callee.span, `'${callee.name}' is a member, not a method; only maps have methods`);
    return errorExpr(e.span);
  }
  const m = obj.map;
  const n = e.args.length;
  const arity = (min, max) => {
    if (n >= min && n <= max) return true;
    c.error("sema/bad-helper-args", e.span, `${m.name}.${callee.name}() takes ${min === max ? min : `${min} to ${max}`} argument(s), got ${n}`);
    return false;
  };
  const pre = [];
  const mapRef = obj;
  switch (callee.name) {
    case "lookup": {
      if (!arity(1, 1)) return errorExpr(e.span);
      const k = keyPointer(c, e.args[0], m.key, "key", pre);
      if (k.type.kind === "error") return k;
      return wrap(pre, call(c, "bpf_map_lookup_elem", [mapRef, k], ptrTo(m.value), e.span));
    }
    case "update":
    case "insert": {
      if (!arity(2, 2)) return errorExpr(e.span);
      const k = keyPointer(c, e.args[0], m.key, "key", pre);
      const v = keyPointer(c, e.args[1], m.value, "value", pre);
      if (k.type.kind === "error" || v.type.kind === "error") return errorExpr(e.span);
      const flags = mkConst(callee.name === "insert" ? BPF_NOEXIST : BPF_ANY, T.ulong, e.span);
      return wrap(pre, call(c, "bpf_map_update_elem", [mapRef, k, v, flags], void 0, e.span));
    }
    case "delete": {
      if (!arity(1, 1)) return errorExpr(e.span);
      const k = keyPointer(c, e.args[0], m.key, "key", pre);
      if (k.type.kind === "error") return k;
      return wrap(pre, call(c, "bpf_map_delete_elem", [mapRef, k], void 0, e.span));
    }
    case "lookup_or_try_init":
    case "increment": {
      const inc = callee.name === "increment";
      if (!arity(1, inc ? 2 : 2)) return errorExpr(e.span);
      if (!inc && n !== 2) return errorExpr(e.span);
      const k = keyPointer(c, e.args[0], m.key, "key", pre);
      if (k.type.kind === "error") return k;
      if (inc && !isInt(m.value)) {
        c.error("sema/type-mismatch", e.span, `${m.name}.increment() needs an integer value type, not ${typeToString(m.value)}`);
        return errorExpr(e.span);
      }
      const vt = ptrTo(m.value);
      const p = c.newLocal("<p>", vt, e.span);
      const pRef = { k: "local", sym: p, type: vt, span: e.span };
      pre.push({ k: "decl", sym: p, init: { zeroFill: false, parts: [{ kind: "scalar", offset: 0, expr: call(c, "bpf_map_lookup_elem", [mapRef, k], vt, e.span) }] }, span: e.span });
      let initPtr;
      let amount;
      if (inc) {
        const a = e.args[1] ? checkRvalue(c, e.args[1]) : mkConst(1n, m.value, e.span);
        if (a.type.kind === "error") return a;
        amount = assignConvert(c, m.value, a, e.span, "increment");
        const zero = c.newLocal("<zero>", m.value, e.span);
        zero.addressTaken = true;
        pre.push({ k: "decl", sym: zero, init: { zeroFill: true, parts: [] }, span: e.span });
        initPtr = { k: "addr", of: { k: "local", sym: zero, type: m.value, span: e.span }, type: vt, span: e.span };
      } else {
        initPtr = keyPointer(c, e.args[1], m.value, "init", pre);
        if (initPtr.type.kind === "error") return initPtr;
      }
      const isNull = { k: "cmp", op: "eq", signed: false, left: convert(pRef, T.ulong), right: mkConst(0n, T.ulong, e.span), type: T.int, span: e.span };
      const fill = {
        k: "block",
        items: [
          { k: "expr", expr: call(c, "bpf_map_update_elem", [mapRef, k, initPtr, mkConst(BPF_NOEXIST, T.ulong, e.span)], void 0, e.span), span: e.span },
          { k: "expr", expr: { k: "assign", target: pRef, value: call(c, "bpf_map_lookup_elem", [mapRef, k], vt, e.span), type: vt, span: e.span }, span: e.span }
        ],
        span: e.span
      };
      pre.push({ k: "if", cond: isNull, then: fill, else: void 0, span: e.span });
      if (!inc) return { k: "stmt-expr", body: pre, result: pRef, type: vt, span: e.span };
      const notNull = { ...isNull, op: "ne" };
      const add = { k: "atomic", op: "add", ptr: pRef, value: amount, fetch: false, returnNew: false, boolResult: false, type: T.void, span: e.span };
      pre.push({ k: "if", cond: notNull, then: { k: "expr", expr: add, span: e.span }, else: void 0, span: e.span });
      return { k: "stmt-expr", body: pre, result: void 0, type: T.void, span: e.span };
    }
    case "perf_submit": {
      if (!arity(3, 3)) return errorExpr(e.span);
      const ctx = checkRvalue(c, e.args[0]);
      const data = checkRvalue(c, e.args[1]);
      const size = checkRvalue(c, e.args[2]);
      if ([ctx, data, size].some((x) => x.type.kind === "error")) return errorExpr(e.span);
      const flags = mkConst(0xffffffffn, T.ulong, e.span);
      return call(c, "bpf_perf_event_output", [ctx, mapRef, flags, data, convert(size, T.ulong)], void 0, e.span);
    }
    case "ringbuf_output": {
      if (!arity(3, 3)) return errorExpr(e.span);
      const data = checkRvalue(c, e.args[0]);
      const size = checkRvalue(c, e.args[1]);
      const flags = checkRvalue(c, e.args[2]);
      if ([data, size, flags].some((x) => x.type.kind === "error")) return errorExpr(e.span);
      return call(c, "bpf_ringbuf_output", [mapRef, data, convert(size, T.ulong), convert(flags, T.ulong)], void 0, e.span);
    }
    default: {
      const hint = METHODS.find((x) => x.startsWith(callee.name.slice(0, 3)));
      c.error("sema/unknown-member", callee.nameSpan, `map '${m.name}' has no method '${callee.name}'${hint ? `; did you mean '${hint}'?` : ""}`);
      return errorExpr(e.span);
    }
  }
}

// frontend-c/sema/check-call.ts
var BUILTIN_NAMES = [
  "__builtin_memcpy",
  "__builtin_memset",
  "__builtin_memcmp",
  "__builtin_bswap16",
  "__builtin_bswap32",
  "__builtin_bswap64",
  "__builtin_expect",
  "__builtin_constant_p",
  "bpf_printk",
  "bpf_htons",
  "bpf_ntohs",
  "bpf_htonl",
  "bpf_ntohl",
  "memcpy",
  "memset",
  "memcmp"
];
var ATOMICS = {
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
  lock_xadd: { op: "add", fetch: false, returnNew: false }
};
function checkCall(c, e) {
  if (e.callee.kind === "member") return checkMapMethod(c, e, e.callee);
  if (e.callee.kind !== "ident") {
    c.error("sema/call-non-function", e.callee.span, "only named functions can be called (no function pointers in BPF)");
    e.args.forEach((a) => checkRvalue(c, a));
    return errorExpr(e.span);
  }
  const name = e.callee.name;
  const sym = c.scope.lookup(name);
  if (sym?.kind === "function") return checkLocalCall(c, e, sym);
  if (sym) {
    c.error("sema/call-non-function", e.callee.span, `'${name}' is not a function`);
    return errorExpr(e.span);
  }
  const atomic2 = ATOMICS[name];
  if (atomic2) return checkAtomic(c, e, name, atomic2);
  if (name === "bpf_trace_printk" || name === "bpf_printk") return checkTracePrintk(c, e, name);
  const helper2 = c.helpers.get(name);
  if (helper2) return checkHelper(c, e, helper2);
  if (BUILTIN_NAMES.includes(name)) return checkBuiltin(c, e, name);
  const hint = didYouMean(name, [...c.helpers.keys(), ...c.functions.keys(), ...BUILTIN_NAMES, ...Object.keys(ATOMICS)]);
  c.error("sema/unknown-function", e.callee.span, `call to undeclared function '${name}'${hint ? `; did you mean '${hint}'?` : ""}`);
  e.args.forEach((a) => checkRvalue(c, a));
  return errorExpr(e.span);
}
function argCount(c, e, name, min, max, code = "sema/wrong-arg-count") {
  const n = e.args.length;
  if (n >= min && n <= max) return true;
  const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  c.error(code, e.span, `'${name}' takes ${want} argument${want === "1" ? "" : "s"}, but ${n} ${n === 1 ? "was" : "were"} given`);
  e.args.forEach((a) => checkRvalue(c, a));
  return false;
}
function checkLocalCall(c, e, fn) {
  const ft = fn.type;
  const min = ft.params.length;
  if (!argCount(c, e, fn.name, min, ft.variadic ? Infinity : min)) return errorExpr(e.span);
  const args = e.args.map((a, i) => {
    const v = checkRvalue(c, a);
    const pt = ft.params[i];
    return pt ? assignConvert(c, pt, v, a.span, `argument ${i + 1} of '${fn.name}'`) : v;
  });
  if (args.some((a) => a.type.kind === "error")) return errorExpr(e.span);
  return { k: "call", fn, args, type: unqual(ft.ret), span: e.span };
}
function helperArg(c, kind, a, fname, i) {
  const v = checkRvalue(c, a);
  const t = v.type;
  if (t.kind === "error") return v;
  const bad = (what) => {
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
      if (isInt(t)) return convert(v, T.ulong);
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
function checkHelper(c, e, h) {
  if (!argCount(c, e, h.name, h.args.length, h.args.length + (h.varargs ?? 0), "sema/bad-helper-args")) return errorExpr(e.span);
  const args = e.args.map((a, i) => helperArg(c, h.args[i] ?? "int", a, h.name, i));
  if (args.some((a) => a.type.kind === "error")) return errorExpr(e.span);
  return { k: "helper", helper: h, args, type: h.ret, span: e.span };
}
var PRINTK_CONV = /%([-+ #0]*)(\d+)?(\.\d+)?(ll|l|h|hh|z)?([diuxXcspK%])/y;
function checkTracePrintk(c, e, name) {
  const h = c.helpers.get("bpf_trace_printk");
  if (e.args.length === 0) {
    c.error("sema/bad-helper-args", e.span, `'${name}' needs a format string`);
    return errorExpr(e.span);
  }
  const fmtExpr = e.args[0];
  const fmt = rvalue(checkRvalue(c, fmtExpr));
  if (fmt.type.kind === "error") return errorExpr(e.span);
  let rest = e.args.slice(1);
  let sizeArg;
  const lit = fmtExpr.kind === "string" ? fmtExpr.bytes : void 0;
  let convCount;
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
    if (rest.length === convCount + 1 && name === "bpf_trace_printk") {
      sizeArg = checkRvalue(c, rest[0]);
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
    sizeArg = checkRvalue(c, rest[0]);
    rest = rest.slice(1);
  }
  if (rest.length > 3) {
    c.error("sema/bad-helper-args", e.args[4].span, `'${name}' accepts at most 3 arguments after the format, got ${rest.length}`);
    return errorExpr(e.span);
  }
  if (!isPtr(fmt.type)) {
    c.error("sema/bad-helper-args", fmtExpr.span, `the format of '${name}' must be a string, not ${typeToString(fmt.type)}`);
    return errorExpr(e.span);
  }
  const size = sizeArg ?? mkConst(BigInt(lit ? lit.length + 1 : 0), T.ulong, fmtExpr.span);
  const args = [fmt, convert(size, T.ulong), ...rest.map((a, i) => helperArg(c, "int-or-ptr", a, name, i + 2))];
  for (let i = 2; i < args.length; i++) {
    const a = args[i];
    if (a.type.kind !== "error" && !isInt(a.type) && !isPtr(a.type)) {
      c.error("sema/bad-helper-args", a.span, `'${name}' arguments must be integers or pointers, not ${typeToString(a.type)}`);
      return errorExpr(e.span);
    }
    if (isInt(a.type)) args[i] = convert(a, T.ulong);
  }
  if (args.some((a) => a.type.kind === "error")) return errorExpr(e.span);
  return { k: "helper", helper: h, args, type: h.ret, span: e.span };
}
function constSize(c, a, name) {
  const v = checkRvalue(c, a);
  const n = constOf(v);
  if (v.type.kind === "error") return void 0;
  if (n === void 0 || n < 0n) {
    c.error("sema/not-constant", a.span, `the size passed to '${name}' must be a non-negative constant`);
    return void 0;
  }
  if (n > 512n) {
    c.error("sema/too-large", a.span, `'${name}' of ${n} bytes exceeds the 512-byte BPF stack`);
    return void 0;
  }
  return Number(n);
}
function pointerArg(c, a, name, i) {
  const v = checkRvalue(c, a);
  if (v.type.kind === "error" || isPtr(v.type)) return v;
  c.error("sema/bad-helper-args", a.span, `argument ${i + 1} of '${name}' must be a pointer, not ${typeToString(v.type)}`);
  return errorExpr(a.span);
}
function checkBuiltin(c, e, name) {
  const base = name.replace(/^__builtin_/, "");
  switch (base) {
    case "memcpy": {
      if (!argCount(c, e, name, 3, 3)) return errorExpr(e.span);
      const dst = pointerArg(c, e.args[0], name, 0);
      const src = pointerArg(c, e.args[1], name, 1);
      const size = constSize(c, e.args[2], name);
      if (size === void 0 || dst.type.kind === "error" || src.type.kind === "error") return errorExpr(e.span);
      return { k: "memcpy", dst, src, size, type: ptrTo(T.void), span: e.span };
    }
    case "memset": {
      if (!argCount(c, e, name, 3, 3)) return errorExpr(e.span);
      const dst = pointerArg(c, e.args[0], name, 0);
      const byteE = checkRvalue(c, e.args[1]);
      const bv = constOf(byteE);
      if (byteE.type.kind !== "error" && bv === void 0) {
        c.error("sema/not-constant", e.args[1].span, `the fill byte of '${name}' must be a constant`);
        return errorExpr(e.span);
      }
      const size = constSize(c, e.args[2], name);
      if (size === void 0 || dst.type.kind === "error" || bv === void 0) return errorExpr(e.span);
      return { k: "memset", dst, byte: Number(bv & 0xffn), size, type: ptrTo(T.void), span: e.span };
    }
    case "memcmp": {
      if (!argCount(c, e, name, 3, 3)) return errorExpr(e.span);
      const a = pointerArg(c, e.args[0], name, 0);
      const b = pointerArg(c, e.args[1], name, 1);
      const size = constSize(c, e.args[2], name);
      if (size === void 0 || a.type.kind === "error" || b.type.kind === "error") return errorExpr(e.span);
      return { k: "memcmp", a, b, size, type: T.int, span: e.span };
    }
    case "bswap16":
    case "bswap32":
    case "bswap64":
    case "bpf_htons":
    case "bpf_ntohs":
    case "bpf_htonl":
    case "bpf_ntohl": {
      if (!argCount(c, e, name, 1, 1)) return errorExpr(e.span);
      const bits = base.endsWith("16") || base.endsWith("s") ? 16 : base.endsWith("32") || base.endsWith("l") ? 32 : 64;
      const t = bits === 16 ? T.ushort : bits === 32 ? T.uint : T.ullong;
      const v = checkRvalue(c, e.args[0]);
      if (v.type.kind === "error") return v;
      if (!isInt(v.type)) {
        c.error("sema/type-mismatch", e.args[0].span, `'${name}' needs an integer`);
        return errorExpr(e.span);
      }
      const cv = convert(v, t);
      const k = constOf(cv);
      if (k !== void 0) {
        let r2 = 0n;
        for (let i = 0; i < bits / 8; i++) r2 = r2 << 8n | k >> BigInt(8 * i) & 0xffn;
        return mkConst(r2, t, e.span);
      }
      return { k: "bswap", operand: cv, bits, type: t, span: e.span };
    }
    case "expect": {
      if (!argCount(c, e, name, 2, 2)) return errorExpr(e.span);
      const v = checkRvalue(c, e.args[0]);
      checkRvalue(c, e.args[1]);
      return v;
    }
    case "constant_p": {
      if (!argCount(c, e, name, 1, 1)) return errorExpr(e.span);
      const v = checkRvalue(c, e.args[0]);
      return mkConst(v.k === "const" ? 1n : 0n, T.int, e.span);
    }
    default:
      c.error("sema/unknown-function", e.span, `unsupported builtin '${name}'`);
      return errorExpr(e.span);
  }
}
function checkAtomic(c, e, name, a) {
  const isAtomicN = name.startsWith("__atomic_");
  const want = (a.op === "cmpxchg" ? 3 : 2) + (isAtomicN ? 1 : 0);
  if (!argCount(c, e, name, want, want, "sema/bad-helper-args")) return errorExpr(e.span);
  const ptr2 = checkRvalue(c, e.args[0]);
  if (ptr2.type.kind === "error") return errorExpr(e.span);
  if (!isPtr(ptr2.type) || !isInt(ptr2.type.to) || ptr2.type.to.size !== 4 && ptr2.type.to.size !== 8) {
    c.error("sema/bad-helper-args", e.args[0].span, `'${name}' needs a pointer to a 32- or 64-bit integer, not ${typeToString(ptr2.type)}`);
    return errorExpr(e.span);
  }
  markAddressTaken(ptr2);
  const elem = unqual(ptr2.type.to);
  const conv = (x) => {
    const v = checkRvalue(c, x);
    if (v.type.kind === "error") return v;
    if (!isInt(v.type)) {
      c.error("sema/bad-helper-args", x.span, `'${name}' needs an integer operand, not ${typeToString(v.type)}`);
      return errorExpr(x.span);
    }
    return convert(v, elem);
  };
  let expected;
  let value;
  if (a.op === "cmpxchg") {
    expected = conv(e.args[1]);
    value = conv(e.args[2]);
  } else value = conv(e.args[1]);
  if (isAtomicN) checkRvalue(c, e.args[want - 1]);
  if (value.type.kind === "error" || expected?.type.kind === "error") return errorExpr(e.span);
  const type = a.bool ? T.bool : a.fetch ? elem : T.void;
  const node = { k: "atomic", op: a.op, ptr: ptr2, value, fetch: a.fetch, returnNew: a.returnNew, boolResult: !!a.bool, type, span: e.span };
  if (expected) node.expected = expected;
  return node;
}

// frontend-c/sema/layout.ts
var roundUp = (n, a) => a <= 1 ? n : Math.ceil(n / a) * a;
function coverSize(bits) {
  if (bits <= 8) return 1;
  if (bits <= 16) return 2;
  if (bits <= 32) return 4;
  if (bits <= 64) return 8;
  return void 0;
}
function layoutRecord(rec, fields, attrs) {
  const bad = [];
  const out = [];
  let bitOff = 0;
  let maxBits = 0;
  let align = 1;
  for (const f2 of fields) {
    const tSize = sizeOf2(f2.type);
    const tAlign = alignOf(f2.type);
    const packed = attrs.packed || f2.packedAttr;
    if (f2.bitWidth !== void 0) {
      const w = f2.bitWidth;
      const unitBits = tSize * 8;
      let start = rec.union ? 0 : bitOff;
      if (w === 0) {
        if (!rec.union) bitOff = roundUp(bitOff, tAlign * 8);
        continue;
      }
      if (!packed) {
        if (Math.floor(start / unitBits) !== Math.floor((start + w - 1) / unitBits)) start = roundUp(start, tAlign * 8);
      }
      if (f2.alignAttr !== void 0) start = roundUp(start, f2.alignAttr * 8);
      let unitStart;
      let unitSize;
      if (!packed) {
        unitStart = Math.floor(start / unitBits) * tSize;
        unitSize = tSize;
      } else {
        unitStart = Math.floor(start / 8);
        unitSize = coverSize(start - unitStart * 8 + w);
        if (unitSize === void 0) {
          bad.push(f2.name ?? "<unnamed>");
          unitSize = 8;
        }
      }
      if (f2.name !== void 0) {
        out.push({ name: f2.name, type: f2.type, offset: unitStart, bitOffset: start - unitStart * 8, bitWidth: w, unitSize, span: f2.span });
        if (!packed) align = Math.max(align, tAlign);
      }
      if (f2.alignAttr !== void 0) align = Math.max(align, f2.alignAttr);
      if (rec.union) maxBits = Math.max(maxBits, w);
      else bitOff = start + w;
      continue;
    }
    let fAlign = packed ? 1 : tAlign;
    if (f2.alignAttr !== void 0) fAlign = Math.max(fAlign, f2.alignAttr);
    align = Math.max(align, fAlign);
    if (rec.union) {
      out.push({ name: f2.name, type: f2.type, offset: 0, span: f2.span });
      maxBits = Math.max(maxBits, tSize * 8);
    } else {
      const off = roundUp(Math.ceil(bitOff / 8), fAlign);
      out.push({ name: f2.name, type: f2.type, offset: off, span: f2.span });
      bitOff = (off + tSize) * 8;
    }
  }
  if (attrs.aligned !== void 0) align = Math.max(align, attrs.aligned);
  const bytes = Math.ceil((rec.union ? maxBits : bitOff) / 8);
  rec.fields = out;
  rec.align = align;
  rec.size = roundUp(bytes, align);
  rec.complete = true;
  return bad;
}
function findMember(rec, name) {
  for (const f2 of rec.fields) {
    if (f2.name === name) return { offset: f2.offset, field: f2 };
    if (f2.name === void 0 && f2.type.kind === "record") {
      const inner = findMember(f2.type.rec, name);
      if (inner) return { offset: f2.offset + inner.offset, field: inner.field };
    }
  }
  return void 0;
}
function memberNames(rec) {
  const out = [];
  for (const f2 of rec.fields) {
    if (f2.name !== void 0) out.push(f2.name);
    else if (f2.type.kind === "record") out.push(...memberNames(f2.type.rec));
  }
  return out;
}

// frontend-c/sema/resolve-type.ts
var WORD_TYPES = {
  "void": T.void,
  "_Bool": T.bool,
  "char": T.char,
  "signed char": T.schar,
  "unsigned char": T.uchar,
  "short": T.short,
  "short int": T.short,
  "signed short": T.short,
  "signed short int": T.short,
  "unsigned short": T.ushort,
  "unsigned short int": T.ushort,
  "int": T.int,
  "signed": T.int,
  "signed int": T.int,
  "unsigned": T.uint,
  "unsigned int": T.uint,
  "long": T.long,
  "long int": T.long,
  "signed long": T.long,
  "signed long int": T.long,
  "unsigned long": T.ulong,
  "unsigned long int": T.ulong,
  "long long": T.llong,
  "long long int": T.llong,
  "signed long long": T.llong,
  "signed long long int": T.llong,
  "unsigned long long": T.ullong,
  "unsigned long long int": T.ullong
};
function canonicalWords(words) {
  const order = ["signed", "unsigned", "short", "long", "char", "int", "_Bool", "void"];
  const sorted = [...words].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return sorted.join(" ");
}
function builtinType(c, words, span) {
  const key2 = canonicalWords(words);
  const t = WORD_TYPES[key2];
  if (t) return t;
  if (words.some((w) => w === "float" || w === "double")) {
    c.error("sema/float-unsupported", span, "floating-point types are not available in BPF programs");
  } else {
    c.error("sema/unknown-type", span, `'${words.join(" ")}' is not a valid type`);
  }
  return T.error;
}
function constInt(c, e, what) {
  const te = checkExpr(c, e);
  if (te.type.kind === "error") return void 0;
  if (te.k !== "const" || !isInt(te.type)) {
    c.error("sema/not-constant", e.span, `${what} must be an integer constant expression`);
    return void 0;
  }
  return te.value;
}
function attrInt(c, attrs, name) {
  const a = attrs.find((x) => x.name === name);
  if (!a) return void 0;
  const arg = a.args[0];
  if (!arg) return 16;
  const v = constInt(c, arg, `the argument of ${name}`);
  if (v === void 0) return void 0;
  if (v <= 0n || (v & v - 1n) !== 0n) {
    c.error("sema/bad-attribute", a.span, `${name}(${v}) is not a power of two`);
    return void 0;
  }
  return Number(v);
}
function resolveTypeName(c, tn) {
  let t = withQuals(resolveSpec(c, tn.base), tn.quals);
  for (const d of tn.derived) {
    if (t.kind === "error") return t;
    switch (d.kind) {
      case "pointer":
        t = withQuals(ptrTo(t), d.quals);
        break;
      case "array": {
        if (t.kind === "void" || t.kind === "func") {
          c.error("sema/bad-array", d.span, `array of ${typeToString(t)} is not allowed`);
          return T.error;
        }
        let len;
        if (d.size) {
          const v = constInt(c, d.size, "an array size");
          if (v === void 0) return T.error;
          if (v < 0n) {
            c.error("sema/bad-array-size", d.size.span, `array size ${v} is negative`);
            return T.error;
          }
          len = Number(v);
        }
        t = arrayOf(t, len);
        break;
      }
      case "function": {
        const params = d.params.map((p) => {
          const pt = resolveTypeName(c, p.type);
          return pt.kind === "array" ? ptrTo(pt.of) : pt;
        });
        t = { kind: "func", ret: t, params, variadic: d.variadic };
        break;
      }
    }
  }
  return t;
}
function resolveSpec(c, spec) {
  switch (spec.kind) {
    case "builtin":
      return builtinType(c, spec.words, spec.span);
    case "typedef-name": {
      const sym = c.scope.lookup(spec.name);
      if (sym?.kind === "typedef") return sym.type;
      const known = KNOWN_TYPEDEFS.get(spec.name);
      if (known) return builtinType(c, [...known], spec.span);
      const ext = c.external?.lookupTypedef(spec.name);
      if (ext) return ext;
      const typedefs = [...KNOWN_TYPEDEFS.keys()];
      for (const n of c.scope.allNames()) if (c.scope.lookup(n)?.kind === "typedef") typedefs.push(n);
      const hint = didYouMean(spec.name, typedefs);
      c.error("sema/unknown-type", spec.span, `unknown type name '${spec.name}'${hint ? `; did you mean '${hint}'?` : ""}`);
      return T.error;
    }
    case "record":
      return resolveRecord(c, spec);
    case "enum":
      return resolveEnum(c, spec);
    case "typeof-expr":
      return checkExpr(c, spec.expr).type;
    case "typeof-type":
      return resolveTypeName(c, spec.type);
    case "error":
      return T.error;
  }
}
function resolveRecord(c, spec) {
  const kw = spec.union ? "union" : "struct";
  if (spec.fields === void 0) {
    if (spec.tag === void 0) return T.error;
    const found = c.scope.lookupTag(`${kw} ${spec.tag}`);
    if (found) return found;
    const ext = c.external?.lookupStruct(spec.tag, spec.union);
    if (ext) return ext;
    const rec2 = { union: spec.union, tag: spec.tag, complete: false, fields: [], size: 0, align: 1, span: spec.span };
    const t2 = { kind: "record", rec: rec2 };
    c.globals.tags.set(`${kw} ${spec.tag}`, t2);
    return t2;
  }
  let t;
  if (spec.tag !== void 0) {
    const existing = c.scope.tags.get(`${kw} ${spec.tag}`) ?? c.globals.tags.get(`${kw} ${spec.tag}`);
    if (existing?.kind === "record" && !existing.rec.complete) t = existing;
    else if (existing?.kind === "record" && existing.rec.span !== spec.span) {
      c.error("sema/redefinition", spec.span, `redefinition of '${kw} ${spec.tag}'`, [
        { message: "previous definition is here", span: existing.rec.span }
      ]);
      return existing;
    } else if (existing) return existing;
  }
  if (!t) {
    const rec2 = { union: spec.union, tag: spec.tag, complete: false, fields: [], size: 0, align: 1, span: spec.span };
    t = { kind: "record", rec: rec2 };
    if (spec.tag !== void 0) c.scope.tags.set(`${kw} ${spec.tag}`, t);
  }
  const rec = t.rec;
  const inputs = [];
  const seen = /* @__PURE__ */ new Set();
  for (const f2 of spec.fields) {
    const ft = resolveTypeName(c, f2.type);
    if (ft.kind === "error") continue;
    if (f2.name !== void 0) {
      if (seen.has(f2.name)) c.error("sema/redefinition", f2.span, `duplicate member '${f2.name}'`);
      seen.add(f2.name);
    }
    let bitWidth;
    if (f2.bitWidth) {
      const v = constInt(c, f2.bitWidth, "a bitfield width");
      if (v === void 0) continue;
      if (!isInt(ft)) {
        c.error("sema/bitfield-type", f2.span, `bitfield '${f2.name ?? ""}' has non-integer type ${typeToString(ft)}`);
        continue;
      }
      if (v < 0n || v > BigInt(ft.size * 8) || v === 0n && f2.name !== void 0) {
        c.error("sema/bitfield-width", f2.bitWidth.span, `invalid width ${v} for bitfield '${f2.name ?? "<unnamed>"}' of type ${typeToString(ft)}`);
        continue;
      }
      bitWidth = Number(v);
    } else if (!isComplete(ft) && !(ft.kind === "array" && ft.length === void 0)) {
      c.error("sema/incomplete-type", f2.span, `member '${f2.name ?? ""}' has incomplete type ${typeToString(ft)}`);
      continue;
    }
    inputs.push({
      name: f2.name,
      type: ft,
      bitWidth,
      alignAttr: attrInt(c, f2.attrs, "aligned"),
      packedAttr: f2.attrs.some((a) => a.name === "packed"),
      span: f2.span
    });
  }
  const bad = layoutRecord(rec, inputs, { packed: spec.attrs.some((a) => a.name === "packed"), aligned: attrInt(c, spec.attrs, "aligned") });
  for (const name of bad) c.error("sema/unsupported", spec.span, `bitfield '${name}' spans more than 8 bytes in a packed record`);
  return t;
}
function resolveEnum(c, spec) {
  const tagKey = spec.tag !== void 0 ? `enum ${spec.tag}` : void 0;
  if (spec.enumerators === void 0) {
    const found = tagKey ? c.scope.lookupTag(tagKey) : void 0;
    return found ?? { ...T.uint, enumTag: spec.tag ?? "<anonymous>" };
  }
  let next = 0n;
  let min = 0n;
  let max = 0n;
  const values = [];
  for (const e of spec.enumerators) {
    if (e.value) {
      const v = constInt(c, e.value, `the value of '${e.name}'`);
      if (v !== void 0) next = v;
    }
    values.push([e.name, next, e.span]);
    if (next < min) min = next;
    if (next > max) max = next;
    c.scope.names.set(e.name, { kind: "enum-const", value: next, type: T.int, span: e.span });
    next += 1n;
  }
  const wide = max > 0xffffffffn || min < -0x80000000n || min < 0n && max > 0x7fffffffn;
  const base = wide ? min < 0n ? T.long : T.ulong : min < 0n ? T.int : T.uint;
  const t = { ...base, enumTag: spec.tag ?? "<anonymous>" };
  if (tagKey) c.scope.tags.set(tagKey, t);
  return t;
}

// frontend-c/sema/check-stmt.ts
function checkBlockItems(c, items) {
  const out = [];
  for (const s2 of items) {
    if (s2.kind === "decl") out.push(...checkLocalDecl(c, s2));
    else out.push(checkStmt(c, s2));
  }
  return out;
}
function checkLocalDecl(c, d) {
  const out = [];
  const isTypedef = d.storage.includes("typedef");
  if (d.declarators.length === 0) resolveTypeName(c, d.base);
  for (const v of d.declarators) {
    let t = resolveTypeName(c, v.type);
    if (isTypedef) {
      c.scope.names.set(v.name, { kind: "typedef", type: t, span: v.nameSpan });
      continue;
    }
    if (d.storage.includes("static") || d.storage.includes("extern")) {
      c.error("sema/unsupported", v.nameSpan, `'${d.storage.includes("static") ? "static" : "extern"}' local variables are not supported in BPF programs; use a map`);
      continue;
    }
    if (t.kind === "func") {
      c.error("sema/unsupported", v.nameSpan, "local function declarations are not supported");
      continue;
    }
    const prev = c.scope.names.get(v.name);
    if (prev && prev.kind === "local") {
      c.error("sema/redefinition", v.nameSpan, `redefinition of '${v.name}'`, [{ message: "previous definition is here", span: prev.span }]);
    }
    if (t.kind === "error") {
      c.scope.names.set(v.name, c.newLocal(v.name, t, v.nameSpan));
      continue;
    }
    let tinit;
    if (v.init) {
      const r2 = checkInitializer(c, t, v.init);
      t = r2.type;
      tinit = { zeroFill: r2.zeroFill, parts: r2.parts };
    }
    if (!isComplete(t)) {
      c.error("sema/incomplete-type", v.nameSpan, `variable '${v.name}' has incomplete type ${typeToString(t)}`);
      t = { kind: "error" };
    }
    const sym = c.newLocal(v.name, t, v.nameSpan);
    c.scope.names.set(v.name, sym);
    out.push({ k: "decl", sym, init: tinit, span: v.span });
  }
  return out;
}
function condition(c, e, what) {
  return checkScalar(c, e, what);
}
function canExit(s2, depth) {
  switch (s2.kind) {
    case "break":
      return depth === 0;
    case "return":
    case "goto":
      return true;
    case "block":
      return s2.items.some((x) => canExit(x, depth));
    case "if":
      return canExit(s2.then, depth) || s2.else !== void 0 && canExit(s2.else, depth);
    case "while":
    case "do":
    case "for":
      return canExit(s2.body, depth + 1);
    case "switch":
      return canExit(s2.body, depth + 1);
    case "case":
    case "default":
    case "label":
      return s2.body !== void 0 && canExit(s2.body, depth);
    case "expr":
      return s2.expr.kind === "stmt-expr" && canExit(s2.expr.body, depth);
    default:
      return false;
  }
}
function checkLoopBound(c, cond2, body, span) {
  const forever = cond2 === void 0 || cond2.k === "const" && cond2.value !== 0n;
  if (forever && !canExit(body, 0)) {
    c.error("sema/unbounded-loop", span, "this loop never terminates; the BPF verifier only accepts bounded loops");
  }
}
function checkStmt(c, s2) {
  const fn = c.fn;
  switch (s2.kind) {
    case "block": {
      c.pushScope();
      const items = checkBlockItems(c, s2.items);
      c.popScope();
      return { k: "block", items, span: s2.span };
    }
    case "decl":
      return { k: "block", items: checkLocalDecl(c, s2), span: s2.span };
    case "expr":
      return { k: "expr", expr: checkRvalue(c, s2.expr), span: s2.span };
    case "empty":
      return { k: "empty", span: s2.span };
    case "if":
      return {
        k: "if",
        cond: condition(c, s2.cond, "an if condition"),
        then: checkStmt(c, s2.then),
        else: s2.else ? checkStmt(c, s2.else) : void 0,
        span: s2.span
      };
    case "while":
    case "do": {
      const cond2 = condition(c, s2.cond, "a loop condition");
      checkLoopBound(c, cond2, s2.body, s2.span);
      fn.loopDepth++;
      fn.breakable++;
      const body = checkStmt(c, s2.body);
      fn.loopDepth--;
      fn.breakable--;
      return { k: "loop", init: void 0, cond: cond2, step: void 0, body, postTest: s2.kind === "do", unroll: s2.unroll, span: s2.span };
    }
    case "for": {
      c.pushScope();
      let init;
      if (s2.init) {
        init = s2.init.kind === "decl" ? { k: "block", items: checkLocalDecl(c, s2.init), span: s2.init.span } : { k: "expr", expr: checkRvalue(c, s2.init), span: s2.init.span };
      }
      const cond2 = s2.cond ? condition(c, s2.cond, "a loop condition") : void 0;
      checkLoopBound(c, cond2, s2.body, s2.span);
      const step = s2.step ? checkRvalue(c, s2.step) : void 0;
      fn.loopDepth++;
      fn.breakable++;
      const body = checkStmt(c, s2.body);
      fn.loopDepth--;
      fn.breakable--;
      c.popScope();
      return { k: "loop", init, cond: cond2, step, body, postTest: false, unroll: s2.unroll, span: s2.span };
    }
    case "switch": {
      let cond2 = checkRvalue(c, s2.cond);
      if (cond2.type.kind !== "error" && !isInt(cond2.type)) {
        c.error("sema/type-mismatch", s2.cond.span, `switch needs an integer, not ${typeToString(cond2.type)}`);
        cond2 = errorExpr(s2.cond.span);
      }
      if (isInt(cond2.type)) cond2 = convert(cond2, promote(cond2.type));
      const sw = { cases: /* @__PURE__ */ new Map(), list: [], defaultLabel: void 0, type: cond2.type };
      fn.switches.push(sw);
      fn.breakable++;
      const body = checkStmt(c, s2.body);
      fn.breakable--;
      fn.switches.pop();
      return { k: "switch", cond: cond2, body, cases: sw.list, defaultLabel: sw.defaultLabel, span: s2.span };
    }
    case "case":
    case "default": {
      const sw = fn.switches[fn.switches.length - 1];
      const label = c.newId();
      if (!sw) {
        c.error("sema/case-outside-switch", s2.span, `'${s2.kind}' label not within a switch statement`);
      } else if (s2.kind === "case") {
        const v = checkRvalue(c, s2.value);
        const k = constOf(v);
        if (v.type.kind !== "error" && (k === void 0 || !isInt(v.type))) {
          c.error("sema/not-constant", s2.value.span, "case label must be an integer constant expression");
        } else if (k !== void 0) {
          let hi = k;
          if (s2.high) {
            const hv = constOf(checkRvalue(c, s2.high));
            if (hv === void 0) c.error("sema/not-constant", s2.high.span, "case range end must be an integer constant expression");
            else hi = hv;
            if (hi - k > 4096n) {
              c.error("sema/unsupported", s2.span, "case ranges of more than 4096 values are not supported");
              hi = k;
            }
          }
          for (let x = k; x <= hi; x++) {
            const cv = mkConst(x, v.type, s2.value.span);
            const conv = sw.type && isInt(sw.type) ? constOf(convert(cv, sw.type)) ?? x : x;
            const prev = sw.cases.get(conv);
            if (prev) {
              c.error("sema/duplicate-case", s2.value.span, `duplicate case value ${conv}`, [{ message: "previous case is here", span: prev }]);
              break;
            }
            sw.cases.set(conv, s2.span);
            sw.list.push({ value: conv, label });
          }
        }
      } else {
        if (sw.defaultLabel !== void 0) c.error("sema/duplicate-case", s2.span, "multiple default labels in one switch");
        else sw.defaultLabel = label;
      }
      const items = [{ k: "case-label", label, span: s2.span }];
      if (s2.body) items.push(checkStmt(c, s2.body));
      return { k: "block", items, span: s2.span };
    }
    case "break":
      if (fn.breakable === 0) c.error("sema/break-outside-loop", s2.span, "'break' outside of a loop or switch");
      return { k: "break", span: s2.span };
    case "continue":
      if (fn.loopDepth === 0) c.error("sema/continue-outside-loop", s2.span, "'continue' outside of a loop");
      return { k: "continue", span: s2.span };
    case "return": {
      const ret = fn.ret;
      if (!s2.value) {
        if (ret.kind !== "void" && ret.kind !== "error") {
          c.error("sema/return-type", s2.span, `non-void function '${fn.sym.name}' must return a value`);
        }
        return { k: "return", value: void 0, span: s2.span };
      }
      const v = checkRvalue(c, s2.value);
      if (ret.kind === "void") {
        if (v.type.kind !== "void" && v.type.kind !== "error") {
          c.error("sema/return-type", s2.value.span, `void function '${fn.sym.name}' should not return a value`);
        }
        return { k: "block", items: [{ k: "expr", expr: v, span: s2.span }, { k: "return", value: void 0, span: s2.span }], span: s2.span };
      }
      return { k: "return", value: assignConvert(c, ret, v, s2.value.span, "return value"), span: s2.span };
    }
    case "goto":
      fn.gotos.push({ label: s2.label, span: s2.span });
      return { k: "goto", label: s2.label, span: s2.span };
    case "label": {
      const prev = fn.labels.get(s2.label);
      if (prev) c.error("sema/duplicate-label", s2.span, `redefinition of label '${s2.label}'`);
      fn.labels.set(s2.label, s2.span);
      const items = [{ k: "label", label: s2.label, span: s2.span }];
      if (s2.body) {
        if (s2.body.kind === "decl") items.push(...checkLocalDecl(c, s2.body));
        else items.push(checkStmt(c, s2.body));
      }
      return { k: "block", items, span: s2.span };
    }
  }
}

// frontend-c/sema/check-expr.ts
var errorExpr = (span) => ({ k: "error", type: T.error, span });
function isLvalue(e) {
  switch (e.k) {
    case "local":
    case "deref":
    case "temp":
    case "string":
      return true;
    case "member":
      return isLvalue(e.base);
    default:
      return false;
  }
}
function markAddressTaken(e) {
  if (e.k === "local") e.sym.addressTaken = true;
  else if (e.k === "member") markAddressTaken(e.base);
  else if (e.k === "temp") e.sym.addressTaken = true;
}
function rvalue(e) {
  if (e.type.kind === "array") {
    markAddressTaken(e);
    return { k: "decay", of: e, type: ptrTo(e.type.of), span: e.span };
  }
  return e;
}
function checkRvalue(c, e) {
  return rvalue(checkExpr(c, e));
}
function checkScalar(c, e, what) {
  const te = checkRvalue(c, e);
  if (te.type.kind === "error" || isScalar(te.type)) return te;
  c.error("sema/type-mismatch", e.span, `${what} must be a scalar, not ${typeToString(te.type)}`);
  return errorExpr(e.span);
}
function intLiteralType(e) {
  const v = e.value;
  const fitsInt = v <= 0x7fffffffn;
  const fitsUint = v <= 0xffffffffn;
  const fitsLong = v <= 0x7fffffffffffffffn;
  if (e.longs === 0) {
    if (e.unsigned) return fitsUint ? T.uint : T.ulong;
    if (fitsInt) return T.int;
    if (!e.decimal && fitsUint) return T.uint;
    return fitsLong ? T.long : T.ulong;
  }
  if (e.unsigned) return e.longs >= 2 ? T.ullong : T.ulong;
  if (e.longs >= 2) return fitsLong ? T.llong : T.ullong;
  return fitsLong ? T.long : T.ulong;
}
function checkExpr(c, e) {
  switch (e.kind) {
    case "int": {
      const t = intLiteralType(e);
      if (e.value > 0xffffffffffffffffn) c.error("sema/constant-too-large", e.span, "integer constant does not fit in 64 bits");
      return mkConst(e.value, t, e.span);
    }
    case "char":
      return mkConst(e.value, T.int, e.span);
    case "string": {
      const bytes = new Uint8Array(e.bytes.length + 1);
      bytes.set(e.bytes);
      return { k: "string", bytes, type: { kind: "array", of: T.char, length: bytes.length }, span: e.span };
    }
    case "ident":
      return checkIdent(c, e);
    case "binary":
      return checkBinary(c, e);
    case "assign":
      return checkAssign(c, e);
    case "unary":
      return checkUnary(c, e);
    case "update":
      return checkUpdate(c, e);
    case "cond":
      return checkCond(c, e);
    case "comma": {
      const left2 = checkRvalue(c, e.left);
      const right2 = checkRvalue(c, e.right);
      return { k: "comma", left: left2, right: right2, type: right2.type, span: e.span };
    }
    case "call":
      return checkCall(c, e);
    case "member":
      return checkMember(c, e);
    case "index":
      return checkIndex(c, e);
    case "cast":
      return checkCast(c, e);
    case "sizeof-type": {
      const t = resolveTypeName(c, e.type);
      return sizeofResult(c, t, e.span);
    }
    case "sizeof-expr": {
      const te = checkExpr(c, e.operand);
      if (te.k === "member" && te.bitfield) {
        c.error("sema/sizeof-bitfield", e.span, "sizeof cannot be applied to a bitfield");
        return errorExpr(e.span);
      }
      return sizeofResult(c, te.type, e.span);
    }
    case "alignof": {
      const t = resolveTypeName(c, e.type);
      if (t.kind === "error") return errorExpr(e.span);
      return mkConst(BigInt(alignOf(t)), T.ulong, e.span);
    }
    case "offsetof": {
      const t = resolveTypeName(c, e.type);
      if (t.kind === "error") return errorExpr(e.span);
      if (!isRecord(t)) {
        c.error("sema/member-on-non-record", e.type.span, `offsetof needs a struct or union, not ${typeToString(t)}`);
        return errorExpr(e.span);
      }
      let off = 0;
      let cur = t;
      for (const p of e.path) {
        if (p.kind === "index") {
          if (!isArray(cur)) {
            c.error("sema/subscript-non-array", p.span, `offsetof: ${typeToString(cur)} is not an array`);
            return errorExpr(e.span);
          }
          const iv = constOf(checkRvalue(c, p.index));
          if (iv === void 0) {
            c.error("sema/not-constant", p.span, "offsetof array index must be a constant");
            return errorExpr(e.span);
          }
          off += Number(iv) * sizeOf2(cur.of);
          cur = cur.of;
          continue;
        }
        if (!isRecord(cur)) {
          c.error("sema/member-on-non-record", p.span, `offsetof: member '${p.name}' of non-struct type ${typeToString(cur)}`);
          return errorExpr(e.span);
        }
        const m = findMember(cur.rec, p.name);
        if (!m) {
          unknownMember(c, cur, p.name, p.span);
          return errorExpr(e.span);
        }
        off += m.offset;
        cur = m.field.type;
      }
      return mkConst(BigInt(off), T.ulong, e.span);
    }
    case "compound-literal": {
      const t = resolveTypeName(c, e.type);
      if (t.kind === "error") return errorExpr(e.span);
      const sym = c.newLocal("<compound literal>", t, e.span);
      const init = checkInitializer(c, t, e.init);
      return { k: "temp", sym, init, type: sym.type, span: e.span };
    }
    case "stmt-expr": {
      c.pushScope();
      const body = checkBlockItems(c, e.body.items);
      c.popScope();
      const last = body[body.length - 1];
      let result;
      if (last?.k === "expr") {
        body.pop();
        result = rvalue(last.expr);
      }
      return { k: "stmt-expr", body, result, type: result?.type ?? T.void, span: e.span };
    }
    case "error":
      return errorExpr(e.span);
  }
}
function sizeofResult(c, t, span) {
  if (t.kind === "error") return errorExpr(span);
  if (!isComplete(t) && t.kind !== "void") {
    c.error("sema/incomplete-type", span, `sizeof applied to incomplete type ${typeToString(t)}`);
    return errorExpr(span);
  }
  return mkConst(BigInt(sizeOf2(t)), T.ulong, span);
}
function checkIdent(c, e) {
  const sym = c.scope.lookup(e.name);
  if (!sym) {
    const ext = c.external?.lookupEnumConst(e.name);
    if (ext !== void 0) return mkConst(ext, T.int, e.span);
    const hint = didYouMean(e.name, c.scope.allNames());
    c.error("sema/unknown-identifier", e.span, `use of undeclared identifier '${e.name}'${hint ? `; did you mean '${hint}'?` : ""}`);
    return errorExpr(e.span);
  }
  switch (sym.kind) {
    case "local":
      return { k: "local", sym, type: sym.type, span: e.span };
    case "enum-const":
      return mkConst(sym.value, sym.type, e.span);
    case "global-const":
      return { ...sym.value, span: e.span };
    case "map":
      return { k: "map", map: sym.map, type: { kind: "map", map: sym.map }, span: e.span };
    case "typedef":
      c.error("sema/type-as-value", e.span, `'${e.name}' is a type, not a value`);
      return errorExpr(e.span);
    case "function":
      c.error("sema/function-as-value", e.span, `function '${e.name}' can only be called here, not used as a value`);
      return errorExpr(e.span);
  }
}
var ARITH = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "div",
  "%": "mod",
  "<<": "shl",
  ">>": "shr",
  "&": "and",
  "|": "or",
  "^": "xor"
};
var CMP = { "==": "eq", "!=": "ne", "<": "lt", ">": "gt", "<=": "le", ">=": "ge" };
function buildArith(c, op, left2, right2, span, opSpan) {
  const lt = left2.type;
  const rt = right2.type;
  const common = op === "shl" || op === "shr" ? promote(lt) : usualArith(lt, rt);
  const l = convert(left2, common);
  const r2 = convert(right2, op === "shl" || op === "shr" ? promote(rt) : common);
  const lv = constOf(l);
  const rv = constOf(r2);
  if ((op === "div" || op === "mod") && rv === 0n) {
    c.warn("sema/division-by-zero", opSpan, "division by zero (BPF defines x/0 = 0 and x%0 = x)");
  }
  if ((op === "shl" || op === "shr") && rv !== void 0 && (rv < 0n || rv >= BigInt(common.size * 8))) {
    c.warn("sema/shift-count", opSpan, `shift count ${rv} is out of range for ${typeToString(common)}`);
  }
  if (lv !== void 0 && rv !== void 0) {
    const v = foldArith(op, lv, rv, common);
    if (v !== void 0) return mkConst(v, common, span);
  }
  return { k: "arith", op, signed: common.signed, left: l, right: r2.type === common ? r2 : convert(r2, op === "shl" || op === "shr" ? common : common), type: common, span };
}
function checkBinary(c, e) {
  if (e.op === "&&" || e.op === "||") {
    const l = checkScalar(c, e.left, `the left operand of '${e.op}'`);
    const r2 = checkScalar(c, e.right, `the right operand of '${e.op}'`);
    if (l.type.kind === "error" || r2.type.kind === "error") return errorExpr(e.span);
    const lv = constOf(l);
    const rv = constOf(r2);
    if (lv !== void 0 && rv !== void 0) {
      const v = e.op === "&&" ? lv !== 0n && rv !== 0n : lv !== 0n || rv !== 0n;
      return mkConst(v ? 1n : 0n, T.int, e.span);
    }
    return { k: "logical", op: e.op === "&&" ? "and" : "or", left: l, right: r2, type: T.int, span: e.span };
  }
  const left2 = checkRvalue(c, e.left);
  const right2 = checkRvalue(c, e.right);
  if (left2.type.kind === "error" || right2.type.kind === "error") return errorExpr(e.span);
  const cmp = CMP[e.op];
  if (cmp) return buildCompare(c, cmp, left2, right2, e.span, e.opSpan);
  const op = ARITH[e.op];
  if ((op === "add" || op === "sub") && (isPtr(left2.type) || isPtr(right2.type))) {
    return buildPointerArith(c, op, left2, right2, e.span, e.opSpan);
  }
  if (!isInt(left2.type) || !isInt(right2.type)) {
    c.error(
      "sema/type-mismatch",
      e.opSpan,
      `invalid operands to '${e.op}' (${typeToString(left2.type)} and ${typeToString(right2.type)})`
    );
    return errorExpr(e.span);
  }
  return buildArith(c, op, left2, right2, e.span, e.opSpan);
}
function elementScale(c, ptrType, span) {
  if (!isPtr(ptrType)) return void 0;
  const to = ptrType.to;
  if (to.kind === "void" || to.kind === "func") return 1;
  if (!isComplete(to)) {
    c.error("sema/incomplete-type", span, `arithmetic on a pointer to incomplete type ${typeToString(to)}`);
    return void 0;
  }
  return sizeOf2(to);
}
function buildPointerArith(c, op, left2, right2, span, opSpan) {
  if (isPtr(left2.type) && isPtr(right2.type)) {
    if (op === "add" || !sameType(unqual(left2.type.to), unqual(right2.type.to))) {
      c.error("sema/type-mismatch", opSpan, `invalid operands to '${op === "add" ? "+" : "-"}' (${typeToString(left2.type)} and ${typeToString(right2.type)})`);
      return errorExpr(span);
    }
    const scale2 = elementScale(c, left2.type, span);
    if (scale2 === void 0) return errorExpr(span);
    return { k: "ptrdiff", left: left2, right: right2, scale: scale2, type: T.long, span };
  }
  const [ptr2, idx] = isPtr(left2.type) ? [left2, right2] : [right2, left2];
  if (op === "sub" && ptr2 === right2) {
    c.error("sema/type-mismatch", opSpan, "cannot subtract a pointer from an integer");
    return errorExpr(span);
  }
  if (!isInt(idx.type)) {
    c.error("sema/type-mismatch", opSpan, `pointer arithmetic needs an integer operand, not ${typeToString(idx.type)}`);
    return errorExpr(span);
  }
  const scale = elementScale(c, ptr2.type, span);
  if (scale === void 0) return errorExpr(span);
  return { k: "ptradd", ptr: ptr2, index: convert(idx, T.long), scale, negate: op === "sub", type: ptr2.type, span };
}
function buildCompare(c, op, left2, right2, span, opSpan) {
  if (isInt(left2.type) && isInt(right2.type)) {
    const common = usualArith(left2.type, right2.type);
    const l = convert(left2, common);
    const r2 = convert(right2, common);
    const lv = constOf(l);
    const rv = constOf(r2);
    if (lv !== void 0 && rv !== void 0) return mkConst(foldCmp(op, lv, rv) ? 1n : 0n, T.int, span);
    return { k: "cmp", op, signed: common.signed, left: l, right: r2, type: T.int, span };
  }
  if (isPtr(left2.type) || isPtr(right2.type)) {
    const okPair = isPtr(left2.type) && isPtr(right2.type) || isNullConst(left2) || isNullConst(right2);
    if (!okPair) {
      c.warn("sema/pointer-int-compare", opSpan, `comparison between ${typeToString(left2.type)} and ${typeToString(right2.type)}`);
    }
    if (!isScalar(left2.type) || !isScalar(right2.type)) {
      c.error("sema/type-mismatch", opSpan, `invalid operands to comparison (${typeToString(left2.type)} and ${typeToString(right2.type)})`);
      return errorExpr(span);
    }
    return { k: "cmp", op, signed: false, left: convert(left2, T.ulong), right: convert(right2, T.ulong), type: T.int, span };
  }
  c.error("sema/type-mismatch", opSpan, `invalid operands to comparison (${typeToString(left2.type)} and ${typeToString(right2.type)})`);
  return errorExpr(span);
}
function checkModifiable(c, target, span) {
  if (target.type.kind === "error") return false;
  if (!isLvalue(target) || target.k === "string") {
    c.error("sema/not-lvalue", span, "expression is not assignable (not an lvalue)");
    return false;
  }
  if (isArray(target.type)) {
    c.error("sema/not-assignable", span, `array type ${typeToString(target.type)} is not assignable; copy it with __builtin_memcpy`);
    return false;
  }
  if (target.type.const) {
    c.error("sema/assign-to-const", span, `cannot assign to an object of const-qualified type '${typeToString(target.type)}'`);
    return false;
  }
  return true;
}
function assignConvert(c, to, value, span, what) {
  const from = value.type;
  if (to.kind === "error" || from.kind === "error") return errorExpr(span);
  const t = unqual(to);
  if (isInt(t) && isInt(from)) return convert(value, to);
  if (isRecord(t)) {
    if (isRecord(from) && from.rec === t.rec) return value;
  } else if (isPtr(t)) {
    if (isPtr(from)) {
      const compatible = from.to.kind === "void" || t.to.kind === "void" || sameType(unqual(from.to), unqual(t.to));
      if (!compatible) {
        c.warn("sema/incompatible-pointer", span, `${what}: converting ${typeToString(from)} to ${typeToString(to)}`);
      }
      return convert(value, to);
    }
    if (isNullConst(value)) return convert(value, to);
    if (from.kind === "map" && t.to.kind === "void") return { k: "addr", of: value, type: to, span };
  } else if (isInt(t) && t.bool && isPtr(from)) {
    return convert(value, to);
  }
  c.error("sema/type-mismatch", span, `${what}: cannot convert ${typeToString(from)} to ${typeToString(to)}`);
  return errorExpr(span);
}
function checkAssign(c, e) {
  const target = checkExpr(c, e.target);
  const value = checkRvalue(c, e.value);
  if (!checkModifiable(c, target, e.target.span) || value.type.kind === "error") return errorExpr(e.span);
  if (e.op === "=") {
    const v = assignConvert(c, target.type, value, e.value.span, "assignment");
    if (v.type.kind === "error") return v;
    return { k: "assign", target, value: v, type: unqual(target.type), span: e.span };
  }
  const bop = e.op.slice(0, -1);
  const op = ARITH[bop];
  if (isPtr(target.type)) {
    if (op !== "add" && op !== "sub" || !isInt(value.type)) {
      c.error("sema/type-mismatch", e.opSpan, `invalid operands to '${e.op}' (${typeToString(target.type)} and ${typeToString(value.type)})`);
      return errorExpr(e.span);
    }
    const scale = elementScale(c, target.type, e.span);
    if (scale === void 0) return errorExpr(e.span);
    return { k: "compound", target, op, opType: T.long, signed: true, rhs: convert(value, T.long), scale, type: unqual(target.type), span: e.span };
  }
  if (!isInt(target.type) || !isInt(value.type)) {
    c.error("sema/type-mismatch", e.opSpan, `invalid operands to '${e.op}' (${typeToString(target.type)} and ${typeToString(value.type)})`);
    return errorExpr(e.span);
  }
  const opType = op === "shl" || op === "shr" ? promote(target.type) : usualArith(target.type, value.type);
  const rhsType = op === "shl" || op === "shr" ? opType : opType;
  if ((op === "div" || op === "mod") && constOf(value) === 0n) c.warn("sema/division-by-zero", e.opSpan, "division by zero");
  return { k: "compound", target, op, opType, signed: opType.signed, rhs: convert(value, rhsType), scale: 1, type: unqual(target.type), span: e.span };
}
function checkUnary(c, e) {
  if (e.op === "&") {
    const of = checkExpr(c, e.operand);
    if (of.type.kind === "error") return of;
    if (of.k === "map") return { k: "addr", of, type: ptrTo(of.type), span: e.span };
    if (!isLvalue(of)) {
      c.error("sema/not-lvalue", e.operand.span, "cannot take the address of an rvalue");
      return errorExpr(e.span);
    }
    if (of.k === "member" && of.bitfield) {
      c.error("sema/address-of-bitfield", e.operand.span, "cannot take the address of a bitfield");
      return errorExpr(e.span);
    }
    markAddressTaken(of);
    return { k: "addr", of, type: ptrTo(of.type), span: e.span };
  }
  if (e.op === "*") {
    const p = checkRvalue(c, e.operand);
    if (p.type.kind === "error") return p;
    if (!isPtr(p.type)) {
      c.error("sema/deref-non-pointer", e.span, `cannot dereference a non-pointer of type ${typeToString(p.type)}`);
      return errorExpr(e.span);
    }
    if (p.type.to.kind === "void") {
      c.error("sema/deref-void", e.span, "cannot dereference a 'void *'; cast it to a typed pointer first");
      return errorExpr(e.span);
    }
    return { k: "deref", ptr: p, type: p.type.to, span: e.span };
  }
  const v = checkRvalue(c, e.operand);
  if (v.type.kind === "error") return v;
  if (e.op === "!") {
    if (!isScalar(v.type)) {
      c.error("sema/type-mismatch", e.span, `invalid operand to '!' (${typeToString(v.type)})`);
      return errorExpr(e.span);
    }
    const cv2 = constOf(v);
    if (cv2 !== void 0) return mkConst(cv2 === 0n ? 1n : 0n, T.int, e.span);
    return { k: "not", operand: v, type: T.int, span: e.span };
  }
  if (!isInt(v.type)) {
    c.error("sema/type-mismatch", e.span, `invalid operand to unary '${e.op}' (${typeToString(v.type)})`);
    return errorExpr(e.span);
  }
  const t = promote(v.type);
  const pv = convert(v, t);
  const cv = constOf(pv);
  if (e.op === "+") return pv;
  if (cv !== void 0) return mkConst(e.op === "-" ? -cv : ~cv, t, e.span);
  return { k: e.op === "-" ? "neg" : "bitnot", operand: pv, type: t, span: e.span };
}
function checkUpdate(c, e) {
  const target = checkExpr(c, e.operand);
  if (!checkModifiable(c, target, e.operand.span)) return errorExpr(e.span);
  let delta = 1n;
  if (isPtr(target.type)) {
    const s2 = elementScale(c, target.type, e.span);
    if (s2 === void 0) return errorExpr(e.span);
    delta = BigInt(s2);
  } else if (!isInt(target.type)) {
    c.error("sema/type-mismatch", e.span, `cannot apply '${e.op}' to ${typeToString(target.type)}`);
    return errorExpr(e.span);
  }
  return { k: "incdec", target, delta: e.op === "++" ? delta : -delta, prefix: e.prefix, type: unqual(target.type), span: e.span };
}
function checkCond(c, e) {
  const cond2 = checkScalar(c, e.cond, "the condition of '?:'");
  const a = checkRvalue(c, e.then);
  const b = checkRvalue(c, e.else);
  if (cond2.type.kind === "error" || a.type.kind === "error" || b.type.kind === "error") return errorExpr(e.span);
  let t;
  if (isInt(a.type) && isInt(b.type)) t = usualArith(a.type, b.type);
  else if (isPtr(a.type) && (isPtr(b.type) || isNullConst(b))) t = isPtr(b.type) && a.type.to.kind === "void" ? b.type : a.type;
  else if (isPtr(b.type) && isNullConst(a)) t = b.type;
  else if (a.type.kind === "void" && b.type.kind === "void") t = T.void;
  else if (isRecord(a.type) && isRecord(b.type) && a.type.rec === b.type.rec) {
    return { k: "cond", cond: cond2, then: a, else: b, type: a.type, span: e.span };
  } else {
    c.error("sema/type-mismatch", e.span, `'?:' operands have incompatible types ${typeToString(a.type)} and ${typeToString(b.type)}`);
    return errorExpr(e.span);
  }
  const ca = t.kind === "void" ? a : convert(a, t);
  const cb = t.kind === "void" ? b : convert(b, t);
  const cv = constOf(cond2);
  if (cv !== void 0 && ca.k === "const" && cb.k === "const") return cv !== 0n ? { ...ca, span: e.span } : { ...cb, span: e.span };
  return { k: "cond", cond: cond2, then: ca, else: cb, type: t, span: e.span };
}
function unknownMember(c, t, name, span) {
  const hint = didYouMean(name, memberNames(t.rec));
  c.error("sema/unknown-member", span, `no member named '${name}' in ${typeToString(t)}${hint ? `; did you mean '${hint}'?` : ""}`);
}
function checkMember(c, e) {
  let base = checkExpr(c, e.object);
  if (base.type.kind === "error") return base;
  if (e.arrow) {
    base = rvalue(base);
    if (!isPtr(base.type)) {
      c.error("sema/arrow-on-non-pointer", e.span, `'->' needs a pointer, but the operand has type ${typeToString(base.type)}; use '.'`);
      return errorExpr(e.span);
    }
    base = { k: "deref", ptr: base, type: base.type.to, span: e.object.span };
  } else if (isPtr(base.type) && isRecord(base.type.to)) {
    c.error("sema/member-on-pointer", e.span, `'${typeToString(base.type)}' is a pointer; did you mean to use '->'?`);
    return errorExpr(e.span);
  }
  const rt = base.type;
  if (rt.kind === "map") return { k: "error", type: T.error, span: e.span };
  if (!isRecord(rt)) {
    c.error("sema/member-on-non-record", e.span, `member reference '${e.name}' on non-struct type ${typeToString(rt)}`);
    return errorExpr(e.span);
  }
  if (!rt.rec.complete) {
    c.error("sema/incomplete-type", e.span, `member access into incomplete type ${typeToString(rt)}`);
    return errorExpr(e.span);
  }
  const m = findMember(rt.rec, e.name);
  if (!m) {
    unknownMember(c, rt, e.name, e.nameSpan);
    return errorExpr(e.span);
  }
  let ft = m.field.type;
  if (rt.const) ft = { ...ft, const: true };
  const f2 = m.field;
  if (f2.bitWidth !== void 0) {
    return { k: "member", base, offset: m.offset, bitfield: { bitOffset: f2.bitOffset, bitWidth: f2.bitWidth, unitSize: f2.unitSize }, type: ft, span: e.span };
  }
  return { k: "member", base, offset: m.offset, type: ft, span: e.span };
}
function checkIndex(c, e) {
  const rawBase = checkExpr(c, e.base);
  let base = rvalue(rawBase);
  let idx = checkRvalue(c, e.index);
  if (base.type.kind === "error" || idx.type.kind === "error") return errorExpr(e.span);
  if (isInt(base.type) && isPtr(idx.type)) [base, idx] = [idx, base];
  if (!isPtr(base.type)) {
    c.error("sema/subscript-non-array", e.span, `subscripted value of type ${typeToString(base.type)} is not an array or pointer`);
    return errorExpr(e.span);
  }
  if (!isInt(idx.type)) {
    c.error("sema/type-mismatch", e.index.span, `array subscript has type ${typeToString(idx.type)}, not an integer`);
    return errorExpr(e.span);
  }
  const iv = constOf(idx);
  if (rawBase.type.kind === "array" && rawBase.type.length !== void 0 && iv !== void 0 && (iv < 0n || iv >= BigInt(rawBase.type.length))) {
    c.error("sema/array-bounds", e.index.span, `index ${iv} is out of bounds for ${typeToString(rawBase.type)}`);
    return errorExpr(e.span);
  }
  if (base.type.to.kind === "void") {
    c.error("sema/deref-void", e.span, "cannot subscript a 'void *'");
    return errorExpr(e.span);
  }
  const scale = elementScale(c, base.type, e.span);
  if (scale === void 0) return errorExpr(e.span);
  const addr = { k: "ptradd", ptr: base, index: convert(idx, T.long), scale, negate: false, type: base.type, span: e.span };
  return { k: "deref", ptr: addr, type: base.type.to, span: e.span };
}
function checkCast(c, e) {
  const to = resolveTypeName(c, e.type);
  const v = checkRvalue(c, e.operand);
  if (to.kind === "error" || v.type.kind === "error") return errorExpr(e.span);
  if (to.kind === "void") return { k: "cast", operand: v, type: T.void, span: e.span };
  if (isRecord(to) && isRecord(v.type) && to.rec === v.type.rec) return v;
  if (!isScalar(to)) {
    c.error("sema/bad-cast", e.span, `cannot cast to non-scalar type ${typeToString(to)}`);
    return errorExpr(e.span);
  }
  if (v.type.kind === "map" && isPtr(to)) return { k: "addr", of: v, type: to, span: e.span };
  if (!isScalar(v.type)) {
    c.error("sema/bad-cast", e.span, `cannot cast ${typeToString(v.type)} to ${typeToString(to)}`);
    return errorExpr(e.span);
  }
  if (isPtr(to) && isInt(v.type) && v.type.size < 8 && v.k !== "const") {
    c.warn("sema/int-to-pointer-size", e.span, `cast to pointer from integer of different size (${typeToString(v.type)})`);
  }
  const r2 = convert(v, to);
  return r2 === v ? { ...v, type: to, span: e.span } : { ...r2, span: e.span };
}

// frontend-c/sema/check-init.ts
function checkInitializer(c, type, init) {
  const parts = [];
  if (init.kind === "init-list") {
    if (!isRecord(type) && !isArray(type)) {
      if (init.items.length > 1) c.error("sema/too-many-initializers", init.items[1].span, `too many initializers for ${typeToString(type)}`);
      const first = init.items[0];
      if (first && first.value.kind !== "init-list") {
        const v2 = assignConvert(c, type, rvalue(checkExpr(c, first.value)), first.span, "initialization");
        parts.push({ kind: "scalar", offset: 0, expr: v2 });
      }
      return { zeroFill: true, parts, type };
    }
    const maxIndex = { n: 0 };
    walk(c, type, 0, init.items, { i: 0 }, parts, true, maxIndex);
    let t = type;
    if (isArray(type) && type.length === void 0) t = { ...type, length: maxIndex.n };
    return { zeroFill: true, parts, type: t };
  }
  if (isArray(type) && init.kind === "string") {
    const t = stringInto(c, type, 0, init.bytes, init.span, parts);
    return { zeroFill: true, parts, type: t };
  }
  const v = rvalue(checkExpr(c, init));
  if (isRecord(type) || isArray(type)) {
    if (v.type.kind === "error") return { zeroFill: false, parts, type };
    if (isRecord(type) && isRecord(v.type) && v.type.rec === type.rec) {
      parts.push({ kind: "copy", offset: 0, expr: v, size: sizeOf2(type) });
      return { zeroFill: false, parts, type };
    }
    c.error("sema/bad-initializer", init.span, `cannot initialize ${typeToString(type)} with ${typeToString(v.type)}`);
    return { zeroFill: false, parts, type };
  }
  parts.push({ kind: "scalar", offset: 0, expr: assignConvert(c, type, v, init.span, "initialization") });
  return { zeroFill: false, parts, type };
}
function stringInto(c, t, off, raw, span, parts) {
  if (!(t.of.kind === "int" && t.of.size === 1)) {
    c.error("sema/bad-initializer", span, `cannot initialize ${typeToString(t)} with a string literal`);
    return t;
  }
  const len = t.length ?? raw.length + 1;
  if (raw.length > len) c.warn("sema/string-too-long", span, `string of ${raw.length} bytes truncated to ${len}`);
  parts.push({ kind: "bytes", offset: off, bytes: raw.slice(0, Math.min(raw.length, len)) });
  return t.length === void 0 ? { ...t, length: len } : t;
}
function initFields(t) {
  return t.rec.fields.filter((f2) => f2.name !== void 0 || f2.type.kind === "record");
}
function walk(c, t, off, list, idx, parts, braced, maxIndex) {
  let pos = 0;
  const isRec = isRecord(t);
  const fields = isRec ? initFields(t) : [];
  const elem = isArray(t) ? t.of : void 0;
  const limit = isRec ? fields.length : isArray(t) ? t.length ?? Infinity : 0;
  while (idx.i < list.length) {
    const item = list[idx.i];
    let designators = item.designators;
    if (designators.length > 0) {
      if (!braced) return;
      const d = designators[0];
      const p = designatorPosition(c, t, d);
      if (p === void 0) {
        idx.i++;
        continue;
      }
      pos = p;
      designators = designators.slice(1);
    }
    if (pos >= limit) {
      if (braced) c.error("sema/too-many-initializers", item.span, `excess elements in initializer for ${typeToString(t)}`);
      if (braced) idx.i = list.length;
      return;
    }
    const [subType, subOff, bit] = isRec ? [fields[pos].type, off + fields[pos].offset, fields[pos]] : [elem, off + pos * sizeOf2(elem), void 0];
    initOne(c, subType, subOff, bit, item, designators, list, idx, parts, maxIndex);
    pos++;
    if (isArray(t)) maxIndex.n = Math.max(maxIndex.n, pos);
    if (isRec && t.rec.union && !braced) return;
  }
}
function designatorPosition(c, t, d) {
  if (d.kind === "field") {
    if (!isRecord(t)) {
      c.error("sema/bad-designator", d.span, `field designator '.${d.name}' in an initializer for ${typeToString(t)}`);
      return void 0;
    }
    const i = initFields(t).findIndex((f2) => f2.name === d.name);
    if (i < 0) {
      c.error("sema/unknown-member", d.span, `no member named '${d.name}' in ${typeToString(t)}`);
      return void 0;
    }
    return i;
  }
  if (!isArray(t)) {
    c.error("sema/bad-designator", d.span, `array designator in an initializer for ${typeToString(t)}`);
    return void 0;
  }
  const v = constOf(rvalue(checkExpr(c, d.index)));
  if (v === void 0 || v < 0n || t.length !== void 0 && v >= BigInt(t.length)) {
    c.error("sema/bad-designator", d.span, `array designator index is not a constant within ${typeToString(t)}`);
    return void 0;
  }
  return Number(v);
}
function initOne(c, t, off, field, item, rest, list, idx, parts, maxIndex) {
  if (rest.length > 0) {
    const p = designatorPosition(c, t, rest[0]);
    if (p === void 0) {
      idx.i++;
      return;
    }
    if (isRecord(t)) {
      const f2 = initFields(t)[p];
      initOne(c, f2.type, off + f2.offset, f2, item, rest.slice(1), list, idx, parts, maxIndex);
    } else if (isArray(t)) {
      initOne(c, t.of, off + p * sizeOf2(t.of), void 0, item, rest.slice(1), list, idx, parts, maxIndex);
    }
    return;
  }
  const value = item.value;
  if (value.kind === "init-list") {
    idx.i++;
    if (isRecord(t) || isArray(t)) walk(c, t, off, value.items, { i: 0 }, parts, true, { n: 0 });
    else {
      const first = value.items[0];
      if (first && first.value.kind !== "init-list") {
        parts.push({ kind: "scalar", offset: off, expr: assignConvert(c, t, rvalue(checkExpr(c, first.value)), first.span, "initialization") });
      }
    }
    return;
  }
  if (isArray(t) && value.kind === "string") {
    idx.i++;
    stringInto(c, t, off, value.bytes, value.span, parts);
    return;
  }
  if (isRecord(t) || isArray(t)) {
    if (isRecord(t)) {
      const probe = checkExpr(c, value);
      if (isRecord(probe.type) && probe.type.rec === t.rec) {
        idx.i++;
        parts.push({ kind: "copy", offset: off, expr: probe, size: sizeOf2(t) });
        return;
      }
    }
    walk(c, t, off, list, idx, parts, false, { n: 0 });
    return;
  }
  idx.i++;
  const v = assignConvert(c, t, rvalue(checkExpr(c, value)), item.span, "initialization");
  const part = { kind: "scalar", offset: off, expr: v };
  if (field?.bitWidth !== void 0) part.bitfield = { bitOffset: field.bitOffset, bitWidth: field.bitWidth, unitSize: field.unitSize };
  parts.push(part);
}

// frontend-c/sema/check-decl.ts
var MAX_STACK2 = 512;
function sectionOf(c, attrs) {
  const a = attrs.find((x) => x.name === "section");
  if (!a) return void 0;
  const arg = a.args[0];
  if (arg?.kind !== "string" || !arg.bytes) {
    c.error("sema/bad-attribute", a.span, "section(...) needs a string literal");
    return void 0;
  }
  return new TextDecoder().decode(arg.bytes);
}
function checkGlobalDecl(c, d) {
  const isTypedef = d.storage.includes("typedef");
  if (d.declarators.length === 0) {
    resolveTypeName(c, d.base);
    return;
  }
  for (const v of d.declarators) {
    const t = resolveTypeName(c, v.type);
    if (isTypedef) {
      const prev = c.scope.names.get(v.name);
      if (prev?.kind === "typedef" && prev.type !== t && t.kind !== "error" && typeToString(prev.type) !== typeToString(t)) {
        c.error("sema/redefinition", v.nameSpan, `typedef '${v.name}' redefined with a different type`);
      }
      c.scope.names.set(v.name, { kind: "typedef", type: t, span: v.nameSpan });
      continue;
    }
    if (t.kind === "error") continue;
    if (t.kind === "func") {
      declareFunction(c, v.name, t, [], d.storage.includes("static"), void 0, v.nameSpan);
      continue;
    }
    const section = sectionOf(c, [...d.attrs, ...v.attrs]);
    if (section === "license" || v.name === "_license" || v.name === "LICENSE") {
      if (v.init?.kind === "string") c.license = new TextDecoder().decode(v.init.bytes);
      continue;
    }
    if (section === ".maps") {
      const m = libbpfMap(c, v.name, t, v.nameSpan);
      if (m) addMap(c, m);
      continue;
    }
    if (d.storage.includes("extern")) {
      c.error("sema/unsupported", v.nameSpan, `extern variable '${v.name}' is not supported (no kconfig/ksym yet)`);
      continue;
    }
    const isConst = !!t.const;
    if (isConst && v.init && (isInt(t) || isPtr(t))) {
      const r2 = checkInitializer(c, t, v.init);
      const part = r2.parts[0];
      const value = part?.kind === "scalar" ? part.expr : void 0;
      if (value && constOf(value) !== void 0) {
        c.scope.names.set(v.name, { kind: "global-const", value, type: t, span: v.nameSpan });
        continue;
      }
      c.error("sema/not-constant", v.span, `the initializer of const global '${v.name}' is not a constant`);
      continue;
    }
    c.error(
      "sema/unsupported-global",
      v.nameSpan,
      `global variable '${v.name}' is not supported yet: use a map, or make it a const scalar with a constant initializer`
    );
  }
}
function addMap(c, m) {
  const prev = c.scope.names.get(m.name);
  if (prev) {
    c.error("sema/redefinition", m.span, `redefinition of '${m.name}'`, prev.span ? [{ message: "previous definition is here", span: prev.span }] : []);
    return;
  }
  c.maps.push(m);
  c.scope.names.set(m.name, { kind: "map", map: m, span: m.span });
}
var MAP_KIND_BY_ID = {
  1: "hash",
  2: "array",
  3: "prog_array",
  4: "perf_event_array",
  5: "percpu_hash",
  6: "percpu_array",
  7: "stack_trace",
  8: "cgroup_array",
  9: "lru_hash",
  10: "lru_percpu_hash",
  11: "lpm_trie",
  12: "array_of_maps",
  13: "hash_of_maps",
  22: "queue",
  23: "stack",
  27: "ringbuf",
  29: "task_storage"
};
function libbpfMap(c, name, t, span) {
  if (!isRecord(t)) {
    c.error("sema/bad-map", span, `'${name}' in section .maps must be a struct describing the map`);
    return void 0;
  }
  const num = (f2) => {
    const fld = t.rec.fields.find((x) => x.name === f2);
    if (!fld) return void 0;
    if (isPtr(fld.type) && fld.type.to.kind === "array") return fld.type.to.length;
    return void 0;
  };
  const typ = (f2) => {
    const fld = t.rec.fields.find((x) => x.name === f2);
    return fld && isPtr(fld.type) ? fld.type.to : void 0;
  };
  const typeId = num("type");
  const kind = typeId !== void 0 ? MAP_KIND_BY_ID[typeId] : void 0;
  if (!kind) {
    c.error("sema/bad-map", span, `map '${name}' needs a known __uint(type, BPF_MAP_TYPE_...)`);
    return void 0;
  }
  const keySize = num("key_size");
  const valueSize = num("value_size");
  const key2 = typ("key") ?? (keySize !== void 0 ? arrayOf(T.uchar, keySize) : T.void);
  const value = typ("value") ?? (valueSize !== void 0 ? arrayOf(T.uchar, valueSize) : T.void);
  return { name, kind, key: key2, value, maxEntries: num("max_entries") ?? 0, flags: num("map_flags") ?? 0, span };
}
function macroShape(macro) {
  switch (macro) {
    case "BPF_HASH":
      return { kind: "hash", key: T.ullong, value: T.ullong, size: 10240, args: ["key", "value"] };
    case "BPF_LRU_HASH":
      return { kind: "lru_hash", key: T.ullong, value: T.ullong, size: 10240, args: ["key", "value"] };
    case "BPF_PERCPU_HASH":
      return { kind: "percpu_hash", key: T.ullong, value: T.ullong, size: 10240, args: ["key", "value"] };
    case "BPF_ARRAY":
      return { kind: "array", key: T.uint, value: T.ullong, size: 10240, args: ["value"] };
    case "BPF_PERCPU_ARRAY":
      return { kind: "percpu_array", key: T.uint, value: T.ullong, size: 10240, args: ["value"] };
    case "BPF_HISTOGRAM":
      return { kind: "hash", key: T.int, value: T.ullong, size: 64, args: ["key"] };
    case "BPF_PERF_OUTPUT":
      return { kind: "perf_event_array", key: T.int, value: T.uint, size: 0, args: [] };
    case "BPF_RINGBUF_OUTPUT":
      return { kind: "ringbuf", key: T.void, value: T.void, size: 0, args: [] };
    case "BPF_STACK_TRACE":
      return { kind: "stack_trace", key: T.uint, value: arrayOf(T.ullong, 127), size: 1024, args: [] };
    case "BPF_QUEUE":
      return { kind: "queue", key: T.void, value: T.ullong, size: 1024, args: ["value"] };
    default:
      return void 0;
  }
}
function checkMapMacro(c, m) {
  const shape = macroShape(m.macro);
  if (!shape) {
    c.error("sema/unknown-map-macro", m.span, `unknown map declaration macro '${m.macro}'`);
    return;
  }
  const types = {};
  if (m.typeArgs.length > shape.args.length) {
    c.error("sema/bad-map", m.span, `${m.macro} takes at most ${shape.args.length} type argument(s)`);
    return;
  }
  m.typeArgs.forEach((tn, i) => {
    types[shape.args[i]] = resolveTypeName(c, tn);
  });
  let size = shape.size;
  if (m.sizeArg) {
    const v = constInt(c, m.sizeArg, "the map size");
    if (v === void 0) return;
    size = Number(v);
    if (m.macro === "BPF_RINGBUF_OUTPUT") size *= 4096;
  }
  const key2 = types.key ?? shape.key ?? T.void;
  const value = types.value ?? shape.value ?? T.void;
  if (key2.kind === "error" || value.kind === "error") return;
  addMap(c, { name: m.name, kind: shape.kind, key: key2, value, maxEntries: size, flags: 0, span: m.span });
}
function declareFunction(c, name, t, params, isStatic, section, span) {
  const prev = c.scope.names.get(name);
  if (prev?.kind === "function") {
    if (params.length > 0) prev.params = params;
    if (section !== void 0) prev.section = section;
    return prev;
  }
  if (prev) c.error("sema/redefinition", span, `'${name}' redeclared as a different kind of symbol`);
  const sym = { kind: "function", name, type: t, params, body: void 0, isStatic, section, span };
  c.scope.names.set(name, sym);
  c.functions.set(name, sym);
  return sym;
}
function checkFunction(c, f2) {
  const t = resolveTypeName(c, f2.type);
  if (t.kind !== "func") return;
  const section = sectionOf(c, f2.attrs);
  const existing = c.scope.names.get(f2.name);
  if (existing?.kind === "function" && existing.body) {
    c.error("sema/redefinition", f2.nameSpan, `redefinition of function '${f2.name}'`, [{ message: "previous definition is here", span: existing.span }]);
    return;
  }
  const sym = declareFunction(c, f2.name, t, [], f2.storage.includes("static"), section, f2.nameSpan);
  sym.type = t;
  const ctx = { sym, ret: t.ret, locals: [], loopDepth: 0, switches: [], breakable: 0, labels: /* @__PURE__ */ new Map(), gotos: [] };
  c.fn = ctx;
  c.pushScope();
  const params = [];
  f2.params.forEach((p, i) => {
    const pt = t.params[i] ?? T.error;
    if (isAggregate(pt) && !f2.storage.includes("static") && t.params.length <= 1) {
      c.error("sema/unsupported", p.span, `a program's context parameter '${p.name ?? i}' must be a pointer`);
    }
    const ls = c.newLocal(p.name ?? `<param${i}>`, pt, p.span);
    ls.paramIndex = i;
    params.push(ls);
    if (p.name) c.scope.names.set(p.name, ls);
  });
  if (params.length > 5) c.error("sema/too-many-params", f2.nameSpan, `'${f2.name}' has ${params.length} parameters; BPF functions take at most 5`);
  sym.params = params;
  sym.span = f2.nameSpan;
  const body = checkBlockItems(c, f2.body.items);
  c.popScope();
  for (const g of ctx.gotos) {
    if (!ctx.labels.has(g.label)) c.error("sema/unknown-label", g.span, `use of undeclared label '${g.label}'`);
  }
  sym.body = { k: "block", items: body, span: f2.body.span };
  checkStack(c, f2, ctx.locals);
  c.fn = void 0;
}
function checkStack(c, f2, locals) {
  const inMemory = locals.filter((l) => l.type.kind !== "error" && (isAggregate(l.type) || l.addressTaken));
  let total = 0;
  for (const l of inMemory) total += Math.ceil(sizeOf2(l.type) / 8) * 8;
  if (total <= MAX_STACK2) return;
  const largest = [...inMemory].sort((a, b) => sizeOf2(b.type) - sizeOf2(a.type)).slice(0, 3);
  c.error(
    "sema/stack-overflow",
    f2.nameSpan,
    `'${f2.name}' needs at least ${total} bytes of stack; BPF allows ${MAX_STACK2}. Largest locals: ` + largest.map((l) => `'${l.name}' (${sizeOf2(l.type)} bytes)`).join(", ") + ". Move large buffers into a per-CPU array map.",
    largest.map((l) => ({ message: `'${l.name}' is ${sizeOf2(l.type)} bytes`, span: l.span }))
  );
}

// src/isa/helpers.ts
var HELPER_NAMES = Object.freeze([
  "unspec",
  // 0
  "map_lookup_elem",
  // 1
  "map_update_elem",
  // 2
  "map_delete_elem",
  // 3
  "probe_read",
  // 4
  "ktime_get_ns",
  // 5
  "trace_printk",
  // 6
  "get_prandom_u32",
  // 7
  "get_smp_processor_id",
  // 8
  "skb_store_bytes",
  // 9
  "l3_csum_replace",
  // 10
  "l4_csum_replace",
  // 11
  "tail_call",
  // 12
  "clone_redirect",
  // 13
  "get_current_pid_tgid",
  // 14
  "get_current_uid_gid",
  // 15
  "get_current_comm",
  // 16
  "get_cgroup_classid",
  // 17
  "skb_vlan_push",
  // 18
  "skb_vlan_pop",
  // 19
  "skb_get_tunnel_key",
  // 20
  "skb_set_tunnel_key",
  // 21
  "perf_event_read",
  // 22
  "redirect",
  // 23
  "get_route_realm",
  // 24
  "perf_event_output",
  // 25
  "skb_load_bytes",
  // 26
  "get_stackid",
  // 27
  "csum_diff",
  // 28
  "skb_get_tunnel_opt",
  // 29
  "skb_set_tunnel_opt",
  // 30
  "skb_change_proto",
  // 31
  "skb_change_type",
  // 32
  "skb_under_cgroup",
  // 33
  "get_hash_recalc",
  // 34
  "get_current_task",
  // 35
  "probe_write_user",
  // 36
  "current_task_under_cgroup",
  // 37
  "skb_change_tail",
  // 38
  "skb_pull_data",
  // 39
  "csum_update",
  // 40
  "set_hash_invalid",
  // 41
  "get_numa_node_id",
  // 42
  "skb_change_head",
  // 43
  "xdp_adjust_head",
  // 44
  "probe_read_str",
  // 45
  "get_socket_cookie",
  // 46
  "get_socket_uid",
  // 47
  "set_hash",
  // 48
  "setsockopt",
  // 49
  "skb_adjust_room",
  // 50
  "redirect_map",
  // 51
  "sk_redirect_map",
  // 52
  "sock_map_update",
  // 53
  "xdp_adjust_meta",
  // 54
  "perf_event_read_value",
  // 55
  "perf_prog_read_value",
  // 56
  "getsockopt",
  // 57
  "override_return",
  // 58
  "sock_ops_cb_flags_set",
  // 59
  "msg_redirect_map",
  // 60
  "msg_apply_bytes",
  // 61
  "msg_cork_bytes",
  // 62
  "msg_pull_data",
  // 63
  "bind",
  // 64
  "xdp_adjust_tail",
  // 65
  "skb_get_xfrm_state",
  // 66
  "get_stack",
  // 67
  "skb_load_bytes_relative",
  // 68
  "fib_lookup",
  // 69
  "sock_hash_update",
  // 70
  "msg_redirect_hash",
  // 71
  "sk_redirect_hash",
  // 72
  "lwt_push_encap",
  // 73
  "lwt_seg6_store_bytes",
  // 74
  "lwt_seg6_adjust_srh",
  // 75
  "lwt_seg6_action",
  // 76
  "rc_repeat",
  // 77
  "rc_keydown",
  // 78
  "skb_cgroup_id",
  // 79
  "get_current_cgroup_id",
  // 80
  "get_local_storage",
  // 81
  "sk_select_reuseport",
  // 82
  "skb_ancestor_cgroup_id",
  // 83
  "sk_lookup_tcp",
  // 84
  "sk_lookup_udp",
  // 85
  "sk_release",
  // 86
  "map_push_elem",
  // 87
  "map_pop_elem",
  // 88
  "map_peek_elem",
  // 89
  "msg_push_data",
  // 90
  "msg_pop_data",
  // 91
  "rc_pointer_rel",
  // 92
  "spin_lock",
  // 93
  "spin_unlock",
  // 94
  "sk_fullsock",
  // 95
  "tcp_sock",
  // 96
  "skb_ecn_set_ce",
  // 97
  "get_listener_sock",
  // 98
  "skc_lookup_tcp",
  // 99
  "tcp_check_syncookie",
  // 100
  "sysctl_get_name",
  // 101
  "sysctl_get_current_value",
  // 102
  "sysctl_get_new_value",
  // 103
  "sysctl_set_new_value",
  // 104
  "strtol",
  // 105
  "strtoul",
  // 106
  "sk_storage_get",
  // 107
  "sk_storage_delete",
  // 108
  "send_signal",
  // 109
  "tcp_gen_syncookie",
  // 110
  "skb_output",
  // 111
  "probe_read_user",
  // 112
  "probe_read_kernel",
  // 113
  "probe_read_user_str",
  // 114
  "probe_read_kernel_str",
  // 115
  "tcp_send_ack",
  // 116
  "send_signal_thread",
  // 117
  "jiffies64",
  // 118
  "read_branch_records",
  // 119
  "get_ns_current_pid_tgid",
  // 120
  "xdp_output",
  // 121
  "get_netns_cookie",
  // 122
  "get_current_ancestor_cgroup_id",
  // 123
  "sk_assign",
  // 124
  "ktime_get_boot_ns",
  // 125
  "seq_printf",
  // 126
  "seq_write",
  // 127
  "sk_cgroup_id",
  // 128
  "sk_ancestor_cgroup_id",
  // 129
  "ringbuf_output",
  // 130
  "ringbuf_reserve",
  // 131
  "ringbuf_submit",
  // 132
  "ringbuf_discard",
  // 133
  "ringbuf_query",
  // 134
  "csum_level",
  // 135
  "skc_to_tcp6_sock",
  // 136
  "skc_to_tcp_sock",
  // 137
  "skc_to_tcp_timewait_sock",
  // 138
  "skc_to_tcp_request_sock",
  // 139
  "skc_to_udp6_sock",
  // 140
  "get_task_stack",
  // 141
  "load_hdr_opt",
  // 142
  "store_hdr_opt",
  // 143
  "reserve_hdr_opt",
  // 144
  "inode_storage_get",
  // 145
  "inode_storage_delete",
  // 146
  "d_path",
  // 147
  "copy_from_user",
  // 148
  "snprintf_btf",
  // 149
  "seq_printf_btf",
  // 150
  "skb_cgroup_classid",
  // 151
  "redirect_neigh",
  // 152
  "per_cpu_ptr",
  // 153
  "this_cpu_ptr",
  // 154
  "redirect_peer",
  // 155
  "task_storage_get",
  // 156
  "task_storage_delete",
  // 157
  "get_current_task_btf",
  // 158
  "bprm_opts_set",
  // 159
  "ktime_get_coarse_ns",
  // 160
  "ima_inode_hash",
  // 161
  "sock_from_file",
  // 162
  "check_mtu",
  // 163
  "for_each_map_elem",
  // 164
  "snprintf",
  // 165
  "sys_bpf",
  // 166
  "btf_find_by_name_kind",
  // 167
  "sys_close",
  // 168
  "timer_init",
  // 169
  "timer_set_callback",
  // 170
  "timer_start",
  // 171
  "timer_cancel",
  // 172
  "get_func_ip",
  // 173
  "get_attach_cookie",
  // 174
  "task_pt_regs",
  // 175
  "get_branch_snapshot",
  // 176
  "trace_vprintk",
  // 177
  "skc_to_unix_sock",
  // 178
  "kallsyms_lookup_name",
  // 179
  "find_vma",
  // 180
  "loop",
  // 181
  "strncmp",
  // 182
  "get_func_arg",
  // 183
  "get_func_ret",
  // 184
  "get_func_arg_cnt",
  // 185
  "get_retval",
  // 186
  "set_retval",
  // 187
  "xdp_get_buff_len",
  // 188
  "xdp_load_bytes",
  // 189
  "xdp_store_bytes",
  // 190
  "copy_from_user_task",
  // 191
  "skb_set_tstamp",
  // 192
  "ima_file_hash",
  // 193
  "kptr_xchg",
  // 194
  "map_lookup_percpu_elem",
  // 195
  "skc_to_mptcp_sock",
  // 196
  "dynptr_from_mem",
  // 197
  "ringbuf_reserve_dynptr",
  // 198
  "ringbuf_submit_dynptr",
  // 199
  "ringbuf_discard_dynptr",
  // 200
  "dynptr_read",
  // 201
  "dynptr_write",
  // 202
  "dynptr_data",
  // 203
  "tcp_raw_gen_syncookie_ipv4",
  // 204
  "tcp_raw_gen_syncookie_ipv6",
  // 205
  "tcp_raw_check_syncookie_ipv4",
  // 206
  "tcp_raw_check_syncookie_ipv6",
  // 207
  "ktime_get_tai_ns",
  // 208
  "user_ringbuf_drain",
  // 209
  "cgrp_storage_get",
  // 210
  "cgrp_storage_delete"
  // 211
]);
var Helper = Object.freeze(
  Object.fromEntries(HELPER_NAMES.map((name, id) => [name, id]))
);
var MAX_HELPER_ID = HELPER_NAMES.length - 1;
function helperId(name) {
  const bare = name.startsWith("bpf_") ? name.slice(4) : name;
  if (bare === "unspec" || !Object.hasOwn(Helper, bare)) return void 0;
  return Helper[bare];
}

// frontend-c/sema/helper-table.ts
var u64 = T.ullong;
var long = T.long;
var voidp = ptrTo(T.void);
var PROTOS = [
  ["map_lookup_elem", ["map", "ptr"], voidp],
  ["map_update_elem", ["map", "ptr", "ptr", "int"], long],
  ["map_delete_elem", ["map", "ptr"], long],
  ["map_push_elem", ["map", "ptr", "int"], long],
  ["map_pop_elem", ["map", "ptr"], long],
  ["map_peek_elem", ["map", "ptr"], long],
  ["probe_read", ["ptr", "int", "ptr-or-null"], long],
  ["probe_read_str", ["ptr", "int", "ptr-or-null"], long],
  ["probe_read_kernel", ["ptr", "int", "ptr-or-null"], long],
  ["probe_read_user", ["ptr", "int", "ptr-or-null"], long],
  ["probe_read_kernel_str", ["ptr", "int", "ptr-or-null"], long],
  ["probe_read_user_str", ["ptr", "int", "ptr-or-null"], long],
  ["probe_write_user", ["ptr", "ptr", "int"], long],
  ["ktime_get_ns", [], u64],
  ["ktime_get_boot_ns", [], u64],
  ["ktime_get_coarse_ns", [], u64],
  ["ktime_get_tai_ns", [], u64],
  ["jiffies64", [], u64],
  ["trace_printk", ["ptr", "int"], long, 3],
  ["get_prandom_u32", [], T.uint],
  ["get_smp_processor_id", [], T.uint],
  ["get_numa_node_id", [], long],
  ["get_current_pid_tgid", [], u64],
  ["get_current_uid_gid", [], u64],
  ["get_current_comm", ["ptr", "int"], long],
  ["get_current_task", [], u64],
  ["get_current_cgroup_id", [], u64],
  ["get_current_ancestor_cgroup_id", ["int"], u64],
  ["perf_event_output", ["ctx", "map", "int", "ptr", "int"], long],
  ["get_stackid", ["ctx", "map", "int"], long],
  ["get_stack", ["ctx", "ptr", "int", "int"], long],
  ["tail_call", ["ctx", "map", "int"], long],
  ["ringbuf_output", ["map", "ptr", "int", "int"], long],
  ["ringbuf_reserve", ["map", "int", "int"], voidp],
  ["ringbuf_submit", ["ptr", "int"], T.void],
  ["ringbuf_discard", ["ptr", "int"], T.void],
  ["ringbuf_query", ["map", "int"], u64],
  ["loop", ["int", "fn", "ptr-or-null", "int"], long],
  ["snprintf", ["ptr", "int", "ptr", "ptr-or-null", "int"], long],
  ["send_signal", ["int"], long],
  ["send_signal_thread", ["int"], long],
  ["override_return", ["ctx", "int"], long],
  ["get_func_ip", ["ctx"], u64],
  ["get_attach_cookie", ["ctx"], u64],
  ["get_ns_current_pid_tgid", ["int", "int", "ptr", "int"], long],
  ["for_each_map_elem", ["map", "fn", "ptr-or-null", "int"], long]
];
function buildHelperTable() {
  const out = /* @__PURE__ */ new Map();
  for (const [bare, args, ret, varargs] of PROTOS) {
    const id = helperId(bare);
    if (id === void 0) continue;
    const p = { name: `bpf_${bare}`, id, args, ret };
    if (varargs !== void 0) p.varargs = varargs;
    out.set(p.name, p);
  }
  return out;
}

// frontend-c/sema/sema.ts
var UAPI_CONSTANTS = [
  ["BPF_ANY", 0n],
  ["BPF_NOEXIST", 1n],
  ["BPF_EXIST", 2n],
  ["BPF_F_LOCK", 4n],
  ["BPF_F_CURRENT_CPU", 0xffffffffn],
  ["BPF_F_INDEX_MASK", 0xffffffffn],
  ["BPF_F_NO_PREALLOC", 1n],
  ["BPF_F_USER_STACK", 256n],
  ["BPF_F_FAST_STACK_CMP", 512n],
  ["BPF_F_REUSE_STACKID", 1024n],
  ["BPF_RB_NO_WAKEUP", 1n],
  ["BPF_RB_FORCE_WAKEUP", 2n],
  ["BPF_MAP_TYPE_HASH", 1n],
  ["BPF_MAP_TYPE_ARRAY", 2n],
  ["BPF_MAP_TYPE_PROG_ARRAY", 3n],
  ["BPF_MAP_TYPE_PERF_EVENT_ARRAY", 4n],
  ["BPF_MAP_TYPE_PERCPU_HASH", 5n],
  ["BPF_MAP_TYPE_PERCPU_ARRAY", 6n],
  ["BPF_MAP_TYPE_STACK_TRACE", 7n],
  ["BPF_MAP_TYPE_CGROUP_ARRAY", 8n],
  ["BPF_MAP_TYPE_LRU_HASH", 9n],
  ["BPF_MAP_TYPE_LRU_PERCPU_HASH", 10n],
  ["BPF_MAP_TYPE_LPM_TRIE", 11n],
  ["BPF_MAP_TYPE_QUEUE", 22n],
  ["BPF_MAP_TYPE_STACK", 23n],
  ["BPF_MAP_TYPE_RINGBUF", 27n],
  ["NULL", 0n],
  // GCC's memory-order macros (predefined by the compiler, so no header provides them).
  ["__ATOMIC_RELAXED", 0n],
  ["__ATOMIC_CONSUME", 1n],
  ["__ATOMIC_ACQUIRE", 2n],
  ["__ATOMIC_RELEASE", 3n],
  ["__ATOMIC_ACQ_REL", 4n],
  ["__ATOMIC_SEQ_CST", 5n]
];
function analyze(tu, opts, sink) {
  const c = new Checker(sink, buildHelperTable(), opts.externalTypes);
  const span = { file: tu.file, line: 1, col: 1, endLine: 1, endCol: 1 };
  for (const [name, value] of UAPI_CONSTANTS) {
    c.globals.names.set(name, { kind: "enum-const", value, type: name === "NULL" ? T.int : T.ulong, span });
  }
  c.pushScope();
  for (const item of tu.items) {
    switch (item.kind) {
      case "decl":
        checkGlobalDecl(c, item);
        break;
      case "function":
        checkFunction(c, item);
        break;
      case "map-macro":
        checkMapMacro(c, item);
        break;
    }
  }
  return { functions: [...c.functions.values()], maps: c.maps, license: c.license };
}

// frontend-c/pipeline.ts
var BPF_C_DEFINES = Object.freeze({
  "__always_inline": "inline __attribute__((always_inline))",
  "__noinline": "__attribute__((noinline))",
  "__inline": "inline",
  "__weak": "__attribute__((weak))",
  "SEC(name)": "__attribute__((section(name), used))",
  "__uint(name, val)": "int (*name)[val]",
  "__type(name, val)": "typeof(val) *name",
  "__array(name, val)": "typeof(val) *name[]"
});
var CompileContext = class {
  parserInstance;
  get parser() {
    this.parserInstance ??= new CParser();
    return this.parserInstance;
  }
};
function runPipeline(source, opts, ctx, sink) {
  let text = source;
  let mapper;
  let unrollRows = [];
  if (!opts.noPreprocess) {
    const pp = preprocess(source, {
      file: opts.file,
      defines: { ...BPF_C_DEFINES },
      cflags: opts.cflags ?? [],
      includeHost: opts.includeHost ?? new MemoryIncludeHost()
    }, sink);
    text = pp.text;
    mapper = pp.map;
    unrollRows = pp.pragmas.filter((p) => p.unroll !== void 0 && p.unroll.kind !== "disable").map((p) => p.row);
  }
  const ext = opts.externalTypes;
  const tu = ctx.parser.parse(text, {
    file: opts.file,
    ...mapper ? { mapper } : {},
    ...ext ? { isExternalTypedef: (n) => ext.lookupTypedef(n) !== void 0 } : {},
    unrollRows
  }, sink);
  const typed = analyze(tu, ext ? { externalTypes: ext } : {}, sink);
  if (sink.hasErrors) return { typed, ir: void 0, collection: void 0 };
  let ir;
  try {
    ir = lowerModule(typed, sink);
  } catch (e) {
    if (e instanceof InternalCompilerError) throw e;
    throw new InternalCompilerError("lower", e instanceof Error ? e.message : String(e));
  }
  if (sink.hasErrors) return { typed, ir, collection: void 0 };
  const collection = generateCollection(ir, sink, opts.backend ?? {});
  return { typed, ir, collection };
}

// frontend-c/index.ts
function compile(source, options = {}) {
  const sink = new DiagnosticSink();
  const ctx = options.context ?? new CompileContext();
  const r2 = runPipeline(source, {
    file: options.file ?? "<input>",
    ...options.cflags ? { cflags: options.cflags } : {},
    ...options.includeHost ? { includeHost: options.includeHost } : {},
    ...options.externalTypes ? { externalTypes: options.externalTypes } : {}
  }, ctx, sink);
  const ok3 = !sink.hasErrors && r2.collection !== void 0;
  return {
    ok: ok3,
    programs: ok3 ? r2.collection.programs : [],
    maps: ok3 ? r2.collection.maps : r2.typed ? [] : [],
    license: r2.typed?.license ?? "GPL",
    diagnostics: sink.diagnostics
  };
}

// frontend-c/preprocess/node-include-host.ts
import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
function defaultVirtualDir() {
  for (const rel of ["../../compat/include", "../compat/include"]) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    try {
      if (statSync(dir).isDirectory()) return dir;
    } catch {
    }
  }
  return void 0;
}
var NodeIncludeHost = class {
  virtualDir;
  accept;
  /** Per-host cache: a tool compiles the same headers many times (one compile per program). */
  cache = /* @__PURE__ */ new Map();
  constructor(opts = {}) {
    this.virtualDir = opts.virtualDir ?? defaultVirtualDir();
    this.accept = opts.acceptUnknownAngle ?? (() => true);
  }
  read(file) {
    let text = this.cache.get(file);
    if (text === void 0) {
      try {
        text = statSync(file).isFile() ? readFileSync(file, "utf8") : null;
      } catch {
        text = null;
      }
      this.cache.set(file, text);
    }
    return text === null ? void 0 : { file, text };
  }
  resolveQuote(fromFile, name, searchDirs) {
    for (const dir of [dirnameOf(fromFile), ...searchDirs]) {
      const found = this.read(joinPath(dir, name));
      if (found) return found;
    }
    return void 0;
  }
  resolveAngle(name, searchDirs) {
    const dirs = this.virtualDir === void 0 ? searchDirs : [...searchDirs, this.virtualDir];
    for (const dir of dirs) {
      const found = this.read(joinPath(dir, name));
      if (found) return found;
    }
    return this.accept(name) ? "ignore" : void 0;
  }
};

// src/sys/errors.ts
var ERRNO = {
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  EINTR: 4,
  EIO: 5,
  ENXIO: 6,
  E2BIG: 7,
  ENOEXEC: 8,
  EBADF: 9,
  ECHILD: 10,
  EAGAIN: 11,
  ENOMEM: 12,
  EACCES: 13,
  EFAULT: 14,
  EBUSY: 16,
  EEXIST: 17,
  EXDEV: 18,
  ENODEV: 19,
  ENOTDIR: 20,
  EISDIR: 21,
  EINVAL: 22,
  ENFILE: 23,
  EMFILE: 24,
  ENOTTY: 25,
  EFBIG: 27,
  ENOSPC: 28,
  ESPIPE: 29,
  EROFS: 30,
  EPIPE: 32,
  ERANGE: 34,
  EDEADLK: 35,
  ENAMETOOLONG: 36,
  ENOSYS: 38,
  ELOOP: 40,
  ENODATA: 61,
  EOVERFLOW: 75,
  EBADFD: 77,
  EILSEQ: 84,
  EOPNOTSUPP: 95,
  EAFNOSUPPORT: 97,
  EADDRINUSE: 98,
  ENOBUFS: 105,
  ETIMEDOUT: 110,
  EALREADY: 114,
  EINPROGRESS: 115,
  ECANCELED: 125,
  // Kernel-internal codes (include/linux/errno.h) that bpf() and perf paths can return to user space.
  ERESTARTSYS: 512,
  ENOTSUPP: 524,
  ETOOSMALL: 525
};
var NAME_BY_CODE = new Map(
  Object.entries(ERRNO).map(([name, code]) => [code, name])
);
function errnoName(code) {
  return NAME_BY_CODE.get(code) ?? `errno ${code}`;
}
var PRIVILEGE_HINT = "needs root or CAP_BPF+CAP_PERFMON (and CAP_SYS_ADMIN on older kernels)";
var ROOT_DENIED_HINT = "denied even to root: kernel lockdown, an LSM, or a feature this kernel restricts or lacks (e.g. fentry without BTF)";
function runningAsRoot() {
  return typeof process !== "undefined" && typeof process.geteuid === "function" && process.geteuid() === 0;
}
function errnoHint(code, syscall = "bpf", command = "", asRoot = runningAsRoot()) {
  switch (code) {
    case ERRNO.EPERM:
    case ERRNO.EACCES:
      return asRoot ? ROOT_DENIED_HINT : PRIVILEGE_HINT;
    case ERRNO.E2BIG:
      return command === "PROG_LOAD" ? "program too large or attr has unknown non-zero fields for this kernel" : "a size or count is too large, or the attr has fields this kernel does not know";
    case ERRNO.ENOSPC:
      return command === "PROG_LOAD" || command === "BTF_LOAD" ? "verifier log buffer too small" : "map is full (raise max_entries)";
    case ERRNO.EINVAL:
      return `the kernel rejected an argument of ${syscall}${command ? ` ${command}` : ""} (wrong type, size or flags for this kernel)`;
    case ERRNO.ENOENT:
      return "no such element or object (key not found, id gone, or name unknown)";
    case ERRNO.EBUSY:
      return "resource busy (already attached, or exclusive use by another tool)";
    case ERRNO.ENOMEM:
      return "out of memory (locked-memory limit or map size too large)";
    case ERRNO.EFAULT:
      return "the kernel could not read or write a user buffer (bad pointer or size)";
    case ERRNO.EBADF:
      return "a file descriptor argument is closed or of the wrong kind";
    case ERRNO.EEXIST:
      return "element already exists (BPF_NOEXIST)";
    case ERRNO.ENOTSUPP:
    case ERRNO.EOPNOTSUPP:
    case ERRNO.ENOSYS:
    case ERRNO.ENODEV:
      return "not supported by this kernel or its configuration";
    case ERRNO.EMFILE:
    case ERRNO.ENFILE:
      return "too many open files (raise `ulimit -n` or close unused objects)";
    case ERRNO.ESRCH:
      return "no such process";
    case ERRNO.EAGAIN:
      return "try again (resource temporarily unavailable)";
    case ERRNO.EINTR:
      return "interrupted by a signal; retry";
    default:
      return "see the kernel source for this command";
  }
}
var KernelError = class extends Error {
  syscall;
  command;
  errno;
  code;
  hint;
  constructor(init, hint) {
    const command = init.command ?? "";
    const name = errnoName(init.code);
    const h = hint ?? errnoHint(init.code, init.syscall, command);
    const where = command ? `${init.syscall}(${command})` : init.syscall;
    const detail = init.detail ? ` [${init.detail}]` : "";
    super(`${where} failed: ${name}${detail}: ${h}`);
    this.name = "KernelError";
    this.syscall = init.syscall;
    this.command = command;
    this.errno = name;
    this.code = init.code;
    this.hint = h;
  }
};
var PermissionError = class extends KernelError {
  constructor(init, hint) {
    super(init, hint);
    this.name = "PermissionError";
  }
};
var NotSupportedError = class extends KernelError {
  /** What is unsupported, e.g. "BPF_PROG_TEST_RUN for tracepoint programs". */
  feature;
  constructor(init, hint) {
    const feature = init.feature ?? (init.command ? `${init.syscall} ${init.command}` : init.syscall);
    super(init, hint ?? `${feature} is not supported by this kernel or its configuration`);
    this.name = "NotSupportedError";
    this.feature = feature;
  }
};
var SUMMARY_LINES = 3;
var VerifierError = class extends KernelError {
  log;
  lines;
  summary;
  /** True when even the largest log buffer was too small and the head of the log was lost. */
  truncated;
  constructor(init) {
    const lines = splitLog(init.log);
    const summary = summarizeLog(lines);
    const what = init.command === "BTF_LOAD" ? "BTF rejected by the kernel" : "program rejected by the verifier";
    super(init, summary ? `${what}: ${summary}` : `${what} (empty log)`);
    this.name = "VerifierError";
    this.log = init.log;
    this.lines = lines;
    this.summary = summary;
    this.truncated = init.truncated ?? false;
  }
};
function splitLog(log) {
  const lines = log.split("\n").map((l) => l.replace(/\s+$/, ""));
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}
function summarizeLog(lines) {
  const meaningful = [];
  for (let i = lines.length - 1; i >= 0 && meaningful.length < SUMMARY_LINES; i--) {
    const line = lines[i] ?? "";
    if (line === "" || /^processed \d+ insns/.test(line) || /^verification time/.test(line)) continue;
    meaningful.unshift(i);
  }
  if (meaningful.length === 0) return "";
  const shown = meaningful.map((i) => (lines[i] ?? "").trim()).join(" | ");
  const omitted = lines.filter((l) => l !== "").length - meaningful.length;
  return omitted > 0 ? `${shown} (${omitted} lines omitted)` : shown;
}
function kernelError(init) {
  switch (init.code) {
    case ERRNO.EPERM:
    case ERRNO.EACCES:
      return new PermissionError(init);
    case ERRNO.ENOTSUPP:
    case ERRNO.EOPNOTSUPP:
    case ERRNO.ENOSYS:
      return new NotSupportedError(init);
    default:
      return new KernelError(init);
  }
}

// src/sys/ffi.ts
import koffi from "koffi";
if (process.platform !== "linux") {
  throw new Error(`bcc-ts needs Linux (running on ${process.platform})`);
}
var SYSCALL_NUMBERS = {
  x64: { bpf: 321, perf_event_open: 298, gettid: 186 },
  arm64: { bpf: 280, perf_event_open: 241, gettid: 178 },
  riscv64: { bpf: 280, perf_event_open: 241, gettid: 178 },
  loong64: { bpf: 280, perf_event_open: 241, gettid: 178 }
};
var nrs = SYSCALL_NUMBERS[process.arch];
if (nrs === void 0) throw new Error(`bcc-ts: unsupported architecture ${process.arch}`);
var NR = nrs;
var libc = koffi.load("libc.so.6");
var bpfCall = libc.func("syscall", "long", ["long", "int", "void *", "uint"]);
var perfCall = libc.func("syscall", "long", ["long", "void *", "int", "int", "int", "ulong"]);
var gettidCall = libc.func("syscall", "long", ["long"]);
var ioctlInt = libc.func("ioctl", "int", ["int", "ulong", "ulong"]);
var ioctlPtr = libc.func("ioctl", "int", ["int", "ulong", "void *"]);
var fcntlInt = libc.func("fcntl", "int", ["int", "int", "int"]);
var mmapCall = libc.func("mmap", "void *", ["void *", "size_t", "int", "int", "int", "int64_t"]);
var munmapCall = libc.func("munmap", "int", ["void *", "size_t"]);
var closeCall = libc.func("close", "int", ["int"]);
var epollCreate1 = libc.func("epoll_create1", "int", ["int"]);
var epollCtl = libc.func("epoll_ctl", "int", ["int", "int", "int", "void *"]);
var epollWait = libc.func("epoll_wait", "int", ["int", "void *", "int", "int"]);
var getpidCall = libc.func("getpid", "int", []);
var getppidCall = libc.func("getppid", "int", []);
var sysconfCall = libc.func("sysconf", "long", ["int"]);
function lastErrno() {
  return koffi.errno();
}
function sysBpf(cmd, attr, size) {
  return Number(bpfCall(NR.bpf, cmd, attr, size));
}
function sysPerfEventOpen(attr, pid, cpu, groupFd, flags) {
  return Number(perfCall(NR.perf_event_open, attr, pid, cpu, groupFd, flags));
}
function sysIoctl(fd, request, arg) {
  return ioctlInt(fd, request, BigInt.asUintN(64, BigInt(arg)));
}
function sysFcntl(fd, cmd, arg) {
  return fcntlInt(fd, cmd, arg);
}
var MAP_FAILED = 0xffffffffffffffffn;
function sysMmap(length, prot, flags, fd, offset) {
  const p = mmapCall(null, length, prot, flags, fd, offset);
  return p ?? 0n;
}
function sysMunmap(addr, length) {
  return munmapCall(addr, length);
}
function viewMemory(addr, length) {
  return koffi.view(addr, length);
}
function addressOf(buf) {
  return koffi.address(buf);
}
function sysClose(fd) {
  return closeCall(fd);
}
function sysEpollCreate1(flags) {
  return epollCreate1(flags);
}
function sysEpollCtl(epfd, op, fd, event) {
  return epollCtl(epfd, op, fd, event);
}
function sysEpollWait(epfd, events, maxEvents, timeoutMs) {
  return epollWait(epfd, events, maxEvents, timeoutMs);
}
function sysGetpid() {
  return getpidCall();
}
function sysPageSize() {
  return Number(sysconfCall(30));
}
function watchFd(fd, onReady) {
  const cb = onReady;
  const handle = koffi.node.poll(fd, { readable: true }, cb);
  return {
    start: (next) => handle.start({ readable: true }, next),
    stop: () => handle.stop(),
    close: () => handle.close(),
    ref: () => handle.ref(),
    unref: () => handle.unref()
  };
}

// src/sys/fd.ts
var F_DUPFD_CLOEXEC = 1030;
var leakReporter = new FinalizationRegistry((rec) => {
  process.emitWarning(
    `bcc-ts: ${rec.label} (fd ${rec.raw}) was garbage-collected without close(); it stays open until exit`,
    { code: "BCC_TS_FD_LEAK" }
  );
});
var Fd = class _Fd {
  #raw;
  label;
  #tracker;
  constructor(raw, label, tracker) {
    this.#raw = raw;
    this.label = label;
    this.#tracker = tracker;
    leakReporter.register(this, { raw, label }, this);
    tracker?.add(this, new Error().stack?.split("\n").slice(3).join("\n") ?? "");
  }
  /**
   * Take ownership of a raw descriptor returned by a syscall. A descriptor 0 is moved to a higher
   * number first (see the module comment). `label` names the object in errors and leak reports.
   */
  static adopt(raw, label, options) {
    if (!Number.isInteger(raw) || raw < 0) throw new RangeError(`Fd.adopt: invalid descriptor ${raw} (${label})`);
    if (raw === 0) {
      const moved = sysFcntl(0, F_DUPFD_CLOEXEC, 3);
      if (moved < 0) {
        const code = lastErrno();
        sysClose(0);
        throw kernelError({ syscall: "fcntl", command: "F_DUPFD_CLOEXEC", code, detail: label });
      }
      sysClose(0);
      raw = moved;
    }
    return new _Fd(raw, label, options?.tracker);
  }
  /** The descriptor number. Throws after close()/take(): using a stale number could hit a reused fd. */
  get raw() {
    if (this.#raw < 0) throw new Error(`${this.label}: file descriptor already closed`);
    return this.#raw;
  }
  /** The descriptor number or -1, without throwing (for diagnostics). */
  peek() {
    return this.#raw;
  }
  get closed() {
    return this.#raw < 0;
  }
  /** A second, independently owned descriptor for the same kernel object. */
  dup(label = this.label, options) {
    const raw = sysFcntl(this.raw, F_DUPFD_CLOEXEC, 3);
    if (raw < 0) throw kernelError({ syscall: "fcntl", command: "F_DUPFD_CLOEXEC", code: lastErrno(), detail: label });
    return new _Fd(raw, label, options?.tracker ?? this.#tracker);
  }
  /** Transfer ownership out: returns the number, and this Fd no longer closes it. */
  take() {
    const raw = this.raw;
    this.#forget();
    return raw;
  }
  /** Alias of take() for readers who think in terms of ownership. */
  disown() {
    return this.take();
  }
  /** Close the descriptor. Idempotent. close(2) errors are ignored: the fd is released regardless. */
  close() {
    const raw = this.#raw;
    if (raw < 0) return;
    this.#forget();
    sysClose(raw);
  }
  [Symbol.dispose]() {
    this.close();
  }
  toString() {
    return `Fd(${this.#raw}, ${this.label})`;
  }
  #forget() {
    this.#raw = -1;
    leakReporter.unregister(this);
    this.#tracker?.delete(this);
  }
};
function rawFd(fd) {
  return typeof fd === "number" ? fd : fd.raw;
}

// src/sys/bpf-constants.ts
var BPF_CMD = {
  MAP_CREATE: 0,
  MAP_LOOKUP_ELEM: 1,
  MAP_UPDATE_ELEM: 2,
  MAP_DELETE_ELEM: 3,
  MAP_GET_NEXT_KEY: 4,
  PROG_LOAD: 5,
  OBJ_PIN: 6,
  OBJ_GET: 7,
  PROG_ATTACH: 8,
  PROG_DETACH: 9,
  PROG_TEST_RUN: 10,
  PROG_GET_NEXT_ID: 11,
  MAP_GET_NEXT_ID: 12,
  PROG_GET_FD_BY_ID: 13,
  MAP_GET_FD_BY_ID: 14,
  OBJ_GET_INFO_BY_FD: 15,
  PROG_QUERY: 16,
  RAW_TRACEPOINT_OPEN: 17,
  BTF_LOAD: 18,
  BTF_GET_FD_BY_ID: 19,
  TASK_FD_QUERY: 20,
  MAP_LOOKUP_AND_DELETE_ELEM: 21,
  MAP_FREEZE: 22,
  BTF_GET_NEXT_ID: 23,
  MAP_LOOKUP_BATCH: 24,
  MAP_LOOKUP_AND_DELETE_BATCH: 25,
  MAP_UPDATE_BATCH: 26,
  MAP_DELETE_BATCH: 27,
  LINK_CREATE: 28,
  LINK_UPDATE: 29,
  LINK_GET_FD_BY_ID: 30,
  LINK_GET_NEXT_ID: 31,
  ENABLE_STATS: 32,
  ITER_CREATE: 33,
  LINK_DETACH: 34,
  PROG_BIND_MAP: 35,
  TOKEN_CREATE: 36
};
var BPF_MAP_TYPE = {
  UNSPEC: 0,
  HASH: 1,
  ARRAY: 2,
  PROG_ARRAY: 3,
  PERF_EVENT_ARRAY: 4,
  PERCPU_HASH: 5,
  PERCPU_ARRAY: 6,
  STACK_TRACE: 7,
  CGROUP_ARRAY: 8,
  LRU_HASH: 9,
  LRU_PERCPU_HASH: 10,
  LPM_TRIE: 11,
  ARRAY_OF_MAPS: 12,
  HASH_OF_MAPS: 13,
  DEVMAP: 14,
  SOCKMAP: 15,
  CPUMAP: 16,
  XSKMAP: 17,
  SOCKHASH: 18,
  CGROUP_STORAGE: 19,
  REUSEPORT_SOCKARRAY: 20,
  PERCPU_CGROUP_STORAGE: 21,
  QUEUE: 22,
  STACK: 23,
  SK_STORAGE: 24,
  DEVMAP_HASH: 25,
  STRUCT_OPS: 26,
  RINGBUF: 27,
  INODE_STORAGE: 28,
  TASK_STORAGE: 29,
  BLOOM_FILTER: 30,
  USER_RINGBUF: 31,
  CGRP_STORAGE: 32,
  ARENA: 33
};
var BPF_PROG_TYPE = {
  UNSPEC: 0,
  SOCKET_FILTER: 1,
  KPROBE: 2,
  SCHED_CLS: 3,
  SCHED_ACT: 4,
  TRACEPOINT: 5,
  XDP: 6,
  PERF_EVENT: 7,
  CGROUP_SKB: 8,
  CGROUP_SOCK: 9,
  LWT_IN: 10,
  LWT_OUT: 11,
  LWT_XMIT: 12,
  SOCK_OPS: 13,
  SK_SKB: 14,
  CGROUP_DEVICE: 15,
  SK_MSG: 16,
  RAW_TRACEPOINT: 17,
  CGROUP_SOCK_ADDR: 18,
  LWT_SEG6LOCAL: 19,
  LIRC_MODE2: 20,
  SK_REUSEPORT: 21,
  FLOW_DISSECTOR: 22,
  CGROUP_SYSCTL: 23,
  RAW_TRACEPOINT_WRITABLE: 24,
  CGROUP_SOCKOPT: 25,
  TRACING: 26,
  STRUCT_OPS: 27,
  EXT: 28,
  LSM: 29,
  SK_LOOKUP: 30,
  SYSCALL: 31,
  NETFILTER: 32
};
var BPF_ATTACH_TYPE = {
  CGROUP_INET_INGRESS: 0,
  CGROUP_INET_EGRESS: 1,
  CGROUP_INET_SOCK_CREATE: 2,
  CGROUP_SOCK_OPS: 3,
  SK_SKB_STREAM_PARSER: 4,
  SK_SKB_STREAM_VERDICT: 5,
  CGROUP_DEVICE: 6,
  SK_MSG_VERDICT: 7,
  CGROUP_INET4_BIND: 8,
  CGROUP_INET6_BIND: 9,
  CGROUP_INET4_CONNECT: 10,
  CGROUP_INET6_CONNECT: 11,
  CGROUP_INET4_POST_BIND: 12,
  CGROUP_INET6_POST_BIND: 13,
  CGROUP_UDP4_SENDMSG: 14,
  CGROUP_UDP6_SENDMSG: 15,
  LIRC_MODE2: 16,
  FLOW_DISSECTOR: 17,
  CGROUP_SYSCTL: 18,
  CGROUP_UDP4_RECVMSG: 19,
  CGROUP_UDP6_RECVMSG: 20,
  CGROUP_GETSOCKOPT: 21,
  CGROUP_SETSOCKOPT: 22,
  TRACE_RAW_TP: 23,
  TRACE_FENTRY: 24,
  TRACE_FEXIT: 25,
  MODIFY_RETURN: 26,
  LSM_MAC: 27,
  TRACE_ITER: 28,
  CGROUP_INET4_GETPEERNAME: 29,
  CGROUP_INET6_GETPEERNAME: 30,
  CGROUP_INET4_GETSOCKNAME: 31,
  CGROUP_INET6_GETSOCKNAME: 32,
  XDP_DEVMAP: 33,
  CGROUP_INET_SOCK_RELEASE: 34,
  XDP_CPUMAP: 35,
  SK_LOOKUP: 36,
  XDP: 37,
  SK_SKB_VERDICT: 38,
  SK_REUSEPORT_SELECT: 39,
  SK_REUSEPORT_SELECT_OR_MIGRATE: 40,
  PERF_EVENT: 41,
  TRACE_KPROBE_MULTI: 42,
  LSM_CGROUP: 43,
  STRUCT_OPS: 44,
  NETFILTER: 45,
  TCX_INGRESS: 46,
  TCX_EGRESS: 47,
  TRACE_UPROBE_MULTI: 48,
  CGROUP_UNIX_CONNECT: 49,
  CGROUP_UNIX_SENDMSG: 50,
  CGROUP_UNIX_RECVMSG: 51,
  CGROUP_UNIX_GETPEERNAME: 52,
  CGROUP_UNIX_GETSOCKNAME: 53,
  NETKIT_PRIMARY: 54,
  NETKIT_PEER: 55,
  TRACE_KPROBE_SESSION: 56,
  TRACE_UPROBE_SESSION: 57
};
var BPF_ANY2 = 0;
var BPF_MAP_FLAG = {
  NO_PREALLOC: 1 << 0,
  NO_COMMON_LRU: 1 << 1,
  NUMA_NODE: 1 << 2,
  RDONLY: 1 << 3,
  WRONLY: 1 << 4,
  STACK_BUILD_ID: 1 << 5,
  ZERO_SEED: 1 << 6,
  RDONLY_PROG: 1 << 7,
  WRONLY_PROG: 1 << 8,
  CLONE: 1 << 9,
  MMAPABLE: 1 << 10,
  PRESERVE_ELEMS: 1 << 11,
  INNER_MAP: 1 << 12
};
var BPF_PROG_FLAG = {
  STRICT_ALIGNMENT: 1 << 0,
  ANY_ALIGNMENT: 1 << 1,
  TEST_RND_HI32: 1 << 2,
  TEST_STATE_FREQ: 1 << 3,
  SLEEPABLE: 1 << 4,
  XDP_HAS_FRAGS: 1 << 5
};
var BPF_F_TEST_RUN_ON_CPU = 1 << 0;
var BPF_F_KPROBE_MULTI_RETURN = 1 << 0;
var BPF_LOG_MAX_LEGACY = 4294967295 >>> 8;
var BPF_LOG_MAX = 4294967295 >>> 2;

// src/sys/bpf.ts
function bpfRaw(cmd, attr, keepAlive) {
  const ret = sysBpf(BPF_CMD[cmd], attr, attr.byteLength);
  const errno = ret < 0 ? lastErrno() : 0;
  void keepAlive?.length;
  return ret < 0 ? { ok: false, errno } : { ok: true, value: ret };
}
function bpfCall2(cmd, attr, keepAlive, detail) {
  const r2 = bpfRaw(cmd, attr, keepAlive);
  if (!r2.ok) throw kernelError({ syscall: "bpf", command: cmd, code: r2.errno, detail });
  return r2.value;
}
function ptr(buf) {
  return buf ? addressOf(buf) : 0n;
}
function optFd(fd) {
  return fd === void 0 ? void 0 : rawFd(fd);
}
function sanitizeObjectName(name) {
  return name.replace(/[^A-Za-z0-9_.]/g, "_").slice(0, 15);
}
function cString(s2) {
  const bytes = new TextEncoder().encode(s2);
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}
function decodeCString(buf) {
  if (buf === null) return "";
  const nul = buf.indexOf(0);
  return new TextDecoder().decode(nul < 0 ? buf : buf.subarray(0, nul));
}

// src/sys/attr-layout.ts
var SIZES = { u8: 1, u16: 2, u32: 4, i32: 4, u64: 8, name16: 16 };
function f(offset, kind) {
  return { offset, kind };
}
function layoutSize(layout) {
  let end = 0;
  for (const field of Object.values(layout)) end = Math.max(end, field.offset + SIZES[field.kind]);
  return end + 7 & ~7;
}
function encode(layout, values, size = layoutSize(layout)) {
  const buf = new Uint8Array(size);
  const dv = new DataView(buf.buffer);
  for (const [name, value] of Object.entries(values)) {
    if (value === void 0) continue;
    const field = layout[name];
    if (field === void 0) throw new Error(`attr layout has no field ${name}`);
    writeField(buf, dv, field, value, name);
  }
  return buf;
}
function writeField(buf, dv, field, value, name) {
  const { offset, kind } = field;
  if (kind === "name16") {
    if (typeof value !== "string") throw new TypeError(`${name}: expected a string`);
    const bytes = new TextEncoder().encode(value);
    buf.set(bytes.subarray(0, 15), offset);
    return;
  }
  if (typeof value === "string") throw new TypeError(`${name}: expected a number`);
  switch (kind) {
    case "u8":
      dv.setUint8(offset, Number(value));
      break;
    case "u16":
      dv.setUint16(offset, Number(value), true);
      break;
    case "u32":
      dv.setUint32(offset, Number(value) >>> 0, true);
      break;
    case "i32":
      dv.setInt32(offset, Number(value), true);
      break;
    case "u64":
      dv.setBigUint64(offset, BigInt.asUintN(64, BigInt(value)), true);
      break;
  }
}
function readField(buf, field) {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  switch (field.kind) {
    case "u8":
      return dv.getUint8(field.offset);
    case "u16":
      return dv.getUint16(field.offset, true);
    case "u32":
      return dv.getUint32(field.offset, true);
    case "i32":
      return dv.getInt32(field.offset, true);
    case "u64":
      return dv.getBigUint64(field.offset, true);
    case "name16":
      throw new TypeError("readField: use readName for name16 fields");
  }
}
function readU32(buf, field) {
  return Number(readField(buf, field));
}
function readU64(buf, field) {
  return BigInt(readField(buf, field));
}
function readName(buf, field) {
  const bytes = buf.subarray(field.offset, field.offset + SIZES[field.kind]);
  const nul = bytes.indexOf(0);
  return new TextDecoder().decode(nul < 0 ? bytes : bytes.subarray(0, nul));
}
var MAP_CREATE = {
  map_type: f(0, "u32"),
  key_size: f(4, "u32"),
  value_size: f(8, "u32"),
  max_entries: f(12, "u32"),
  map_flags: f(16, "u32"),
  inner_map_fd: f(20, "u32"),
  numa_node: f(24, "u32"),
  map_name: f(28, "name16"),
  map_ifindex: f(44, "u32"),
  btf_fd: f(48, "u32"),
  btf_key_type_id: f(52, "u32"),
  btf_value_type_id: f(56, "u32"),
  btf_vmlinux_value_type_id: f(60, "u32"),
  map_extra: f(64, "u64")
};
var MAP_ELEM = {
  map_fd: f(0, "u32"),
  key: f(8, "u64"),
  value: f(16, "u64"),
  next_key: f(16, "u64"),
  flags: f(24, "u64")
};
var MAP_BATCH = {
  in_batch: f(0, "u64"),
  out_batch: f(8, "u64"),
  keys: f(16, "u64"),
  values: f(24, "u64"),
  count: f(32, "u32"),
  map_fd: f(36, "u32"),
  elem_flags: f(40, "u64"),
  flags: f(48, "u64")
};
var PROG_LOAD = {
  prog_type: f(0, "u32"),
  insn_cnt: f(4, "u32"),
  insns: f(8, "u64"),
  license: f(16, "u64"),
  log_level: f(24, "u32"),
  log_size: f(28, "u32"),
  log_buf: f(32, "u64"),
  kern_version: f(40, "u32"),
  prog_flags: f(44, "u32"),
  prog_name: f(48, "name16"),
  prog_ifindex: f(64, "u32"),
  expected_attach_type: f(68, "u32"),
  prog_btf_fd: f(72, "u32"),
  func_info_rec_size: f(76, "u32"),
  func_info: f(80, "u64"),
  func_info_cnt: f(88, "u32"),
  line_info_rec_size: f(92, "u32"),
  line_info: f(96, "u64"),
  line_info_cnt: f(104, "u32"),
  attach_btf_id: f(108, "u32"),
  // attach_prog_fd and attach_btf_obj_fd are a union at 112.
  attach_prog_fd: f(112, "u32"),
  attach_btf_obj_fd: f(112, "u32"),
  core_relo_cnt: f(116, "u32"),
  fd_array: f(120, "u64"),
  core_relos: f(128, "u64"),
  core_relo_rec_size: f(136, "u32"),
  log_true_size: f(140, "u32")
};
var OBJ = {
  pathname: f(0, "u64"),
  bpf_fd: f(8, "u32"),
  file_flags: f(12, "u32")
};
var TEST_RUN = {
  prog_fd: f(0, "u32"),
  retval: f(4, "u32"),
  data_size_in: f(8, "u32"),
  data_size_out: f(12, "u32"),
  data_in: f(16, "u64"),
  data_out: f(24, "u64"),
  repeat: f(32, "u32"),
  duration: f(36, "u32"),
  ctx_size_in: f(40, "u32"),
  ctx_size_out: f(44, "u32"),
  ctx_in: f(48, "u64"),
  ctx_out: f(56, "u64"),
  flags: f(64, "u32"),
  cpu: f(68, "u32"),
  batch_size: f(72, "u32")
};
var GET_ID = {
  start_id: f(0, "u32"),
  id: f(0, "u32"),
  next_id: f(4, "u32"),
  open_flags: f(8, "u32")
};
var INFO = {
  bpf_fd: f(0, "u32"),
  info_len: f(4, "u32"),
  info: f(8, "u64")
};
var RAW_TRACEPOINT = {
  name: f(0, "u64"),
  prog_fd: f(8, "u32")
};
var BTF_LOAD = {
  btf: f(0, "u64"),
  btf_log_buf: f(8, "u64"),
  btf_size: f(16, "u32"),
  btf_log_size: f(20, "u32"),
  btf_log_level: f(24, "u32"),
  btf_log_true_size: f(28, "u32")
};
var LINK_CREATE = {
  prog_fd: f(0, "u32"),
  target_fd: f(4, "u32"),
  attach_type: f(8, "u32"),
  flags: f(12, "u32"),
  target_btf_id: f(16, "u32"),
  perf_event_bpf_cookie: f(16, "u64"),
  tracing_target_btf_id: f(16, "u32"),
  tracing_cookie: f(24, "u64"),
  iter_info: f(16, "u64"),
  iter_info_len: f(24, "u32")
};
var LINK_DETACH = {
  link_fd: f(0, "u32")
};
var ENABLE_STATS = {
  type: f(0, "u32")
};
var PROG_INFO = {
  type: f(0, "u32"),
  id: f(4, "u32"),
  tag: f(8, "u64"),
  jited_prog_len: f(16, "u32"),
  xlated_prog_len: f(20, "u32"),
  jited_prog_insns: f(24, "u64"),
  xlated_prog_insns: f(32, "u64"),
  load_time: f(40, "u64"),
  created_by_uid: f(48, "u32"),
  nr_map_ids: f(52, "u32"),
  map_ids: f(56, "u64"),
  name: f(64, "name16"),
  ifindex: f(80, "u32"),
  netns_dev: f(88, "u64"),
  netns_ino: f(96, "u64"),
  nr_jited_ksyms: f(104, "u32"),
  nr_jited_func_lens: f(108, "u32"),
  jited_ksyms: f(112, "u64"),
  jited_func_lens: f(120, "u64"),
  btf_id: f(128, "u32"),
  func_info_rec_size: f(132, "u32"),
  func_info: f(136, "u64"),
  nr_func_info: f(144, "u32"),
  nr_line_info: f(148, "u32"),
  line_info: f(152, "u64"),
  jited_line_info: f(160, "u64"),
  nr_jited_line_info: f(168, "u32"),
  line_info_rec_size: f(172, "u32"),
  jited_line_info_rec_size: f(176, "u32"),
  nr_prog_tags: f(180, "u32"),
  prog_tags: f(184, "u64"),
  run_time_ns: f(192, "u64"),
  run_cnt: f(200, "u64"),
  recursion_misses: f(208, "u64"),
  verified_insns: f(216, "u32"),
  attach_btf_obj_id: f(220, "u32"),
  attach_btf_id: f(224, "u32")
};
var MAP_INFO = {
  type: f(0, "u32"),
  id: f(4, "u32"),
  key_size: f(8, "u32"),
  value_size: f(12, "u32"),
  max_entries: f(16, "u32"),
  map_flags: f(20, "u32"),
  name: f(24, "name16"),
  ifindex: f(40, "u32"),
  btf_vmlinux_value_type_id: f(44, "u32"),
  netns_dev: f(48, "u64"),
  netns_ino: f(56, "u64"),
  btf_id: f(64, "u32"),
  btf_key_type_id: f(68, "u32"),
  btf_value_type_id: f(72, "u32"),
  map_extra: f(80, "u64")
};
var LINK_INFO = {
  type: f(0, "u32"),
  id: f(4, "u32"),
  prog_id: f(8, "u32"),
  raw_tp_name: f(16, "u64"),
  raw_tp_name_len: f(24, "u32"),
  tracing_attach_type: f(16, "u32"),
  tracing_target_obj_id: f(20, "u32"),
  tracing_target_btf_id: f(24, "u32")
};
var BTF_INFO = {
  btf: f(0, "u64"),
  btf_size: f(8, "u32"),
  id: f(12, "u32"),
  name: f(16, "u64"),
  name_len: f(24, "u32"),
  kernel_btf: f(28, "u32")
};
var PERF_EVENT_ATTR = {
  type: f(0, "u32"),
  size: f(4, "u32"),
  config: f(8, "u64"),
  sample_period: f(16, "u64"),
  sample_freq: f(16, "u64"),
  sample_type: f(24, "u64"),
  read_format: f(32, "u64"),
  flags: f(40, "u64"),
  wakeup_events: f(48, "u32"),
  wakeup_watermark: f(48, "u32"),
  bp_type: f(52, "u32"),
  config1: f(56, "u64"),
  config2: f(64, "u64"),
  branch_sample_type: f(72, "u64"),
  sample_regs_user: f(80, "u64"),
  sample_stack_user: f(88, "u32"),
  clockid: f(92, "i32"),
  sample_regs_intr: f(96, "u64"),
  aux_watermark: f(104, "u32"),
  sample_max_stack: f(108, "u16"),
  aux_sample_size: f(112, "u32"),
  sig_data: f(120, "u64"),
  config3: f(128, "u64")
};
var PERF_ATTR_SIZE = 136;
var PERF_ATTR_FLAG = {
  disabled: 0,
  inherit: 1,
  pinned: 2,
  exclusive: 3,
  exclude_user: 4,
  exclude_kernel: 5,
  exclude_hv: 6,
  exclude_idle: 7,
  mmap: 8,
  comm: 9,
  freq: 10,
  inherit_stat: 11,
  enable_on_exec: 12,
  task: 13,
  watermark: 14,
  precise_ip: 15,
  mmap_data: 17,
  sample_id_all: 18,
  exclude_host: 19,
  exclude_guest: 20,
  exclude_callchain_kernel: 21,
  exclude_callchain_user: 22,
  mmap2: 23,
  comm_exec: 24,
  use_clockid: 25,
  context_switch: 26,
  write_backward: 27,
  namespaces: 28,
  ksymbol: 29,
  bpf_event: 30,
  aux_output: 31,
  cgroup: 32,
  text_poke: 33,
  build_id: 34,
  inherit_thread: 35,
  remove_on_exec: 36,
  sigtrap: 37
};
var PERF_MMAP_PAGE = {
  data_head: f(1024, "u64"),
  data_tail: f(1032, "u64"),
  data_offset: f(1040, "u64"),
  data_size: f(1048, "u64")
};

// src/sys/bpf-map.ts
function encodeMapCreate(a) {
  return encode(MAP_CREATE, {
    map_type: a.mapType,
    key_size: a.keySize,
    value_size: a.valueSize,
    max_entries: a.maxEntries,
    map_flags: a.mapFlags,
    inner_map_fd: optFd(a.innerMapFd),
    numa_node: a.numaNode,
    map_name: a.name === void 0 ? void 0 : sanitizeObjectName(a.name),
    map_ifindex: a.mapIfindex,
    btf_fd: optFd(a.btfFd),
    btf_key_type_id: a.btfKeyTypeId,
    btf_value_type_id: a.btfValueTypeId,
    btf_vmlinux_value_type_id: a.btfVmlinuxValueTypeId,
    map_extra: a.mapExtra
  });
}
function mapCreate(a, options) {
  const label = `map ${a.name ?? "(unnamed)"}`;
  const fd = bpfCall2("MAP_CREATE", encodeMapCreate(a), void 0, a.name);
  return Fd.adopt(fd, label, options);
}
function elemAttr(map, key2, value, flags) {
  return encode(MAP_ELEM, { map_fd: rawFd(map), key: ptr(key2), value: ptr(value), flags });
}
function mapLookupElem(map, key2, value, flags = 0) {
  const r2 = bpfRaw("MAP_LOOKUP_ELEM", elemAttr(map, key2, value, flags), [key2, value]);
  if (r2.ok) return true;
  if (r2.errno === ERRNO.ENOENT) return false;
  throw kernelError({ syscall: "bpf", command: "MAP_LOOKUP_ELEM", code: r2.errno });
}
function mapUpdateElem(map, key2, value, flags = BPF_ANY2) {
  bpfCall2("MAP_UPDATE_ELEM", elemAttr(map, key2, value, flags), [key2, value]);
}
function mapDeleteElem(map, key2) {
  const r2 = bpfRaw("MAP_DELETE_ELEM", elemAttr(map, key2, null, 0), [key2]);
  if (r2.ok) return true;
  if (r2.errno === ERRNO.ENOENT) return false;
  throw kernelError({ syscall: "bpf", command: "MAP_DELETE_ELEM", code: r2.errno });
}
function mapGetNextKey(map, key2, nextKey) {
  const attr = encode(MAP_ELEM, { map_fd: rawFd(map), key: ptr(key2), next_key: ptr(nextKey) });
  const r2 = bpfRaw("MAP_GET_NEXT_KEY", attr, [key2, nextKey]);
  if (r2.ok) return true;
  if (r2.errno === ERRNO.ENOENT) return false;
  throw kernelError({ syscall: "bpf", command: "MAP_GET_NEXT_KEY", code: r2.errno });
}
function mapLookupAndDeleteElem(map, key2, value, flags = 0) {
  const r2 = bpfRaw("MAP_LOOKUP_AND_DELETE_ELEM", elemAttr(map, key2, value, flags), [key2, value]);
  if (r2.ok) return true;
  if (r2.errno === ERRNO.ENOENT) return false;
  throw kernelError({ syscall: "bpf", command: "MAP_LOOKUP_AND_DELETE_ELEM", code: r2.errno });
}
function batchAttr(map, a) {
  return encode(MAP_BATCH, {
    in_batch: ptr(a.inBatch),
    out_batch: ptr(a.outBatch),
    keys: ptr(a.keys),
    values: ptr(a.values),
    count: a.count,
    map_fd: rawFd(map),
    elem_flags: a.elemFlags,
    flags: a.flags
  });
}
function lookupBatch(cmd, map, a) {
  const attr = batchAttr(map, a);
  const r2 = bpfRaw(cmd, attr, [a.inBatch, a.outBatch, a.keys, a.values]);
  const count2 = readU32(attr, MAP_BATCH.count);
  if (r2.ok) return { count: count2, done: false };
  if (r2.errno === ERRNO.ENOENT) return { count: count2, done: true };
  throw kernelError({ syscall: "bpf", command: cmd, code: r2.errno });
}
function mapLookupBatch(map, a) {
  return lookupBatch("MAP_LOOKUP_BATCH", map, a);
}
function mapLookupAndDeleteBatch(map, a) {
  return lookupBatch("MAP_LOOKUP_AND_DELETE_BATCH", map, a);
}
function mapUpdateBatch(map, keys, values, count2, elemFlags = 0) {
  const attr = batchAttr(map, { keys, values, count: count2, elemFlags });
  bpfCall2("MAP_UPDATE_BATCH", attr, [keys, values]);
  return readU32(attr, MAP_BATCH.count);
}
function mapDeleteBatch(map, keys, count2, elemFlags = 0) {
  const attr = batchAttr(map, { keys, count: count2, elemFlags });
  const r2 = bpfRaw("MAP_DELETE_BATCH", attr, [keys]);
  if (r2.ok || r2.errno === ERRNO.ENOENT) return readU32(attr, MAP_BATCH.count);
  throw kernelError({ syscall: "bpf", command: "MAP_DELETE_BATCH", code: r2.errno });
}

// src/sys/bpf-prog.ts
var LOG_START = 64 * 1024;
function loadWithLog(command, label, attempt, options) {
  const wanted = options?.logLevel ?? 0;
  const maxSize = Math.min(options?.maxLogSize ?? BPF_LOG_MAX_LEGACY, BPF_LOG_MAX);
  let size = Math.max(128, Math.min(options?.logSize ?? LOG_START, maxSize));
  if (wanted === 0) {
    const quick = attempt({ level: 0, size: 0, buf: null });
    if (quick.result.ok) return { fd: Fd.adopt(quick.result.value, label, options), log: "" };
  }
  const level = wanted === 0 ? 1 : wanted;
  for (; ; ) {
    const buf = new Uint8Array(size);
    const a = attempt({ level, size, buf });
    if (a.result.ok) return { fd: Fd.adopt(a.result.value, label, options), log: a.log };
    const code = a.result.errno;
    if (code === ERRNO.ENOSPC) {
      if (a.trueSize > size && a.trueSize <= BPF_LOG_MAX) {
        size = a.trueSize;
        continue;
      }
      if (size < maxSize) {
        size = Math.min(size * 2, maxSize);
        continue;
      }
    }
    if (a.log.length === 0) throw kernelError({ syscall: "bpf", command, code, detail: label });
    throw new VerifierError({ syscall: "bpf", command, code, detail: label, log: a.log, truncated: code === ERRNO.ENOSPC });
  }
}
function encodeProgLoad(a, license, log) {
  if (a.insns.byteLength % 8 !== 0) throw new RangeError(`PROG_LOAD: insns length ${a.insns.byteLength} is not a multiple of 8`);
  const fdArray = a.fdArray ? new Uint8Array(a.fdArray.buffer, a.fdArray.byteOffset, a.fdArray.byteLength) : null;
  return encode(PROG_LOAD, {
    prog_type: a.progType,
    insn_cnt: a.insns.byteLength / 8,
    insns: ptr(a.insns),
    license: ptr(license),
    log_level: log.level,
    log_size: log.size,
    log_buf: ptr(log.buf),
    kern_version: a.kernVersion,
    prog_flags: a.progFlags,
    prog_name: a.name === void 0 ? void 0 : sanitizeObjectName(a.name),
    prog_ifindex: a.progIfindex,
    expected_attach_type: a.expectedAttachType,
    prog_btf_fd: optFd(a.progBtfFd),
    func_info_rec_size: a.funcInfo ? a.funcInfoRecSize : void 0,
    func_info: a.funcInfo ? ptr(a.funcInfo) : void 0,
    func_info_cnt: a.funcInfo && a.funcInfoRecSize ? a.funcInfo.byteLength / a.funcInfoRecSize : void 0,
    line_info_rec_size: a.lineInfo ? a.lineInfoRecSize : void 0,
    line_info: a.lineInfo ? ptr(a.lineInfo) : void 0,
    line_info_cnt: a.lineInfo && a.lineInfoRecSize ? a.lineInfo.byteLength / a.lineInfoRecSize : void 0,
    attach_btf_id: a.attachBtfId,
    attach_prog_fd: optFd(a.attachProgFd ?? a.attachBtfObjFd),
    fd_array: fdArray ? ptr(fdArray) : void 0
  });
}
function progLoad(a, options) {
  const license = cString(a.license);
  const label = `prog ${a.name ?? "(unnamed)"}`;
  return loadWithLog(
    "PROG_LOAD",
    label,
    (log) => {
      const attr = encodeProgLoad(a, license, log);
      const result = bpfRaw("PROG_LOAD", attr, [a.insns, license, log.buf, a.funcInfo, a.lineInfo, a.fdArray]);
      return { result, log: decodeCString(log.buf), trueSize: readU32(attr, PROG_LOAD.log_true_size) };
    },
    options
  );
}

// src/sys/bpf-link.ts
function encodeLinkCreate(a) {
  return encode(LINK_CREATE, {
    prog_fd: rawFd(a.progFd),
    target_fd: optFd(a.targetFd),
    attach_type: a.attachType,
    flags: a.flags,
    perf_event_bpf_cookie: a.perfEventCookie,
    tracing_target_btf_id: a.perfEventCookie === void 0 ? a.tracingTargetBtfId : void 0,
    tracing_cookie: a.perfEventCookie === void 0 ? a.tracingCookie : void 0
  });
}
function linkCreate(a, options) {
  const fd = bpfCall2("LINK_CREATE", encodeLinkCreate(a));
  return Fd.adopt(fd, `link attach_type=${a.attachType}`, options);
}
function rawTracepointOpen(name, prog, options) {
  const cname = name === null ? null : cString(name);
  const attr = encode(RAW_TRACEPOINT, { name: ptr(cname), prog_fd: rawFd(prog) });
  const fd = bpfCall2("RAW_TRACEPOINT_OPEN", attr, [cname], name ?? void 0);
  return Fd.adopt(fd, `raw_tracepoint ${name ?? "(btf)"}`, options);
}

// src/sys/bpf-object.ts
function objGetInfoByFd(fd, info, keepAlive) {
  const attr = encode(INFO, { bpf_fd: rawFd(fd), info_len: info.byteLength, info: ptr(info) });
  bpfCall2("OBJ_GET_INFO_BY_FD", attr, [info, ...keepAlive ?? []]);
  return readU32(attr, INFO.info_len);
}
function infoSize(layout) {
  return layoutSize(layout);
}
function mapInfo(fd) {
  const info = new Uint8Array(infoSize(MAP_INFO));
  objGetInfoByFd(fd, info);
  return {
    type: readU32(info, MAP_INFO.type),
    id: readU32(info, MAP_INFO.id),
    keySize: readU32(info, MAP_INFO.key_size),
    valueSize: readU32(info, MAP_INFO.value_size),
    maxEntries: readU32(info, MAP_INFO.max_entries),
    mapFlags: readU32(info, MAP_INFO.map_flags),
    name: readName(info, MAP_INFO.name),
    btfId: readU32(info, MAP_INFO.btf_id),
    btfKeyTypeId: readU32(info, MAP_INFO.btf_key_type_id),
    btfValueTypeId: readU32(info, MAP_INFO.btf_value_type_id),
    mapExtra: readU64(info, MAP_INFO.map_extra)
  };
}

// src/sys/perf.ts
var PERF_TYPE = {
  HARDWARE: 0,
  SOFTWARE: 1,
  TRACEPOINT: 2,
  HW_CACHE: 3,
  RAW: 4,
  BREAKPOINT: 5
};
var PERF_COUNT_SW = {
  CPU_CLOCK: 0,
  TASK_CLOCK: 1,
  PAGE_FAULTS: 2,
  CONTEXT_SWITCHES: 3,
  CPU_MIGRATIONS: 4,
  PAGE_FAULTS_MIN: 5,
  PAGE_FAULTS_MAJ: 6,
  ALIGNMENT_FAULTS: 7,
  EMULATION_FAULTS: 8,
  DUMMY: 9,
  BPF_OUTPUT: 10,
  CGROUP_SWITCHES: 11
};
var PERF_SAMPLE = {
  IP: 1 << 0,
  TID: 1 << 1,
  TIME: 1 << 2,
  ADDR: 1 << 3,
  READ: 1 << 4,
  CALLCHAIN: 1 << 5,
  ID: 1 << 6,
  CPU: 1 << 7,
  PERIOD: 1 << 8,
  STREAM_ID: 1 << 9,
  RAW: 1 << 10,
  BRANCH_STACK: 1 << 11,
  REGS_USER: 1 << 12,
  STACK_USER: 1 << 13,
  WEIGHT: 1 << 14,
  DATA_SRC: 1 << 15,
  IDENTIFIER: 1 << 16
};
var PERF_SAMPLE_RAW = PERF_SAMPLE.RAW;
var PERF_RECORD = {
  MMAP: 1,
  LOST: 2,
  COMM: 3,
  EXIT: 4,
  THROTTLE: 5,
  UNTHROTTLE: 6,
  FORK: 7,
  READ: 8,
  SAMPLE: 9,
  LOST_SAMPLES: 13
};
var PERF_RECORD_SAMPLE = PERF_RECORD.SAMPLE;
var PERF_RECORD_LOST = PERF_RECORD.LOST;
var PERF_FLAG = {
  FD_NO_GROUP: 1 << 0,
  FD_OUTPUT: 1 << 1,
  PID_CGROUP: 1 << 2,
  FD_CLOEXEC: 1 << 3
};
var PERF_FLAG_FD_CLOEXEC = PERF_FLAG.FD_CLOEXEC;
function ioc(dir, nr, size) {
  return (dir << 30 >>> 0) + (size << 16) + (36 << 8) + nr;
}
var IOC_NONE = 0;
var IOC_WRITE = 1;
var IOC_READ = 2;
var PERF_EVENT_IOC = {
  ENABLE: ioc(IOC_NONE, 0, 0),
  DISABLE: ioc(IOC_NONE, 1, 0),
  REFRESH: ioc(IOC_NONE, 2, 0),
  RESET: ioc(IOC_NONE, 3, 0),
  PERIOD: ioc(IOC_WRITE, 4, 8),
  SET_OUTPUT: ioc(IOC_NONE, 5, 0),
  SET_FILTER: ioc(IOC_WRITE, 6, 8),
  ID: ioc(IOC_READ, 7, 8),
  SET_BPF: ioc(IOC_WRITE, 8, 4),
  PAUSE_OUTPUT: ioc(IOC_WRITE, 9, 4),
  QUERY_BPF: ioc(IOC_READ | IOC_WRITE, 10, 8)
};
function perfFlagsWord(flags) {
  let word = 0n;
  if (!flags) return word;
  for (const [name, value] of Object.entries(flags)) {
    const bit = PERF_ATTR_FLAG[name];
    if (bit === void 0) throw new Error(`perf_event_attr has no flag ${name}`);
    if (name === "precise_ip") word |= BigInt(Number(value ?? 0) & 3) << BigInt(bit);
    else if (value) word |= 1n << BigInt(bit);
  }
  return word;
}
function cString2(s2) {
  const bytes = new TextEncoder().encode(s2);
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}
function encodePerfEventAttr(a) {
  const keepAlive = [];
  let config1 = a.config1 ?? a.bpAddr;
  const path2 = a.kprobeFunc ?? a.uprobePath;
  if (path2 !== void 0) {
    const c = cString2(path2);
    keepAlive.push(c);
    config1 = addressOf(c);
  }
  const flags = { ...a.flags };
  if (a.sampleFreq !== void 0) flags.freq = true;
  if (a.wakeupWatermark !== void 0) flags.watermark = true;
  const attr = encode(
    PERF_EVENT_ATTR,
    {
      type: a.type,
      size: PERF_ATTR_SIZE,
      config: a.config,
      sample_period: a.sampleFreq ?? a.samplePeriod,
      sample_type: a.sampleType,
      read_format: a.readFormat,
      flags: perfFlagsWord(flags),
      wakeup_events: a.wakeupWatermark ?? a.wakeupEvents,
      bp_type: a.bpType,
      config1,
      config2: a.config2 ?? a.kprobeAddr ?? a.probeOffset ?? a.bpLen,
      branch_sample_type: a.branchSampleType,
      sample_regs_user: a.sampleRegsUser,
      sample_stack_user: a.sampleStackUser,
      clockid: a.clockid,
      sample_regs_intr: a.sampleRegsIntr,
      aux_watermark: a.auxWatermark,
      sample_max_stack: a.sampleMaxStack,
      aux_sample_size: a.auxSampleSize,
      sig_data: a.sigData,
      config3: a.config3
    },
    PERF_ATTR_SIZE
  );
  return { attr, keepAlive };
}
function perfEventOpen(a, where, options) {
  const { attr, keepAlive } = encodePerfEventAttr(a);
  const groupFd = where.groupFd === void 0 ? -1 : rawFd(where.groupFd);
  const ret = sysPerfEventOpen(attr, where.pid, where.cpu, groupFd, (where.flags ?? 0) | PERF_FLAG_FD_CLOEXEC);
  const code = ret < 0 ? lastErrno() : 0;
  void keepAlive.length;
  const label = options?.label ?? `perf_event type=${a.type} config=${a.config ?? 0} cpu=${where.cpu} pid=${where.pid}`;
  if (ret < 0) throw kernelError({ syscall: "perf_event_open", code, detail: label });
  return Fd.adopt(ret, label, options);
}
function ioctl(fd, request, arg = 0, name = `0x${request.toString(16)}`) {
  const ret = sysIoctl(rawFd(fd), request, arg);
  if (ret < 0) throw kernelError({ syscall: "ioctl", command: name, code: lastErrno() });
  return ret;
}
function perfEventEnable(fd) {
  ioctl(fd, PERF_EVENT_IOC.ENABLE, 0, "PERF_EVENT_IOC_ENABLE");
}
function perfEventDisable(fd) {
  ioctl(fd, PERF_EVENT_IOC.DISABLE, 0, "PERF_EVENT_IOC_DISABLE");
}
function perfEventSetBpf(fd, prog) {
  ioctl(fd, PERF_EVENT_IOC.SET_BPF, rawFd(prog), "PERF_EVENT_IOC_SET_BPF");
}

// src/sys/mmap.ts
var PROT_READ = 1;
var PROT_WRITE = 2;
var MAP_SHARED = 1;
function pageSize() {
  return sysPageSize();
}
var MappedMemory = class {
  #buffer;
  #address;
  length;
  constructor(address, length) {
    this.#address = address;
    this.length = length;
    this.#buffer = viewMemory(address, length);
  }
  get closed() {
    return this.#buffer === void 0;
  }
  /** Zero-copy ArrayBuffer over the mapping. */
  get buffer() {
    if (this.#buffer === void 0) throw new Error("mapping already unmapped");
    return this.#buffer;
  }
  /** Address of the first byte (for diagnostics). */
  get address() {
    return this.#address;
  }
  /** A byte view over [offset, offset+length). */
  bytes(offset = 0, length = this.length - offset) {
    return new Uint8Array(this.buffer, offset, length);
  }
  /** A DataView over [offset, offset+length). */
  dataView(offset = 0, length = this.length - offset) {
    return new DataView(this.buffer, offset, length);
  }
  /** munmap; idempotent. */
  close() {
    if (this.#buffer === void 0) return;
    this.#buffer = void 0;
    sysMunmap(this.#address, this.length);
    this.#address = 0n;
  }
  [Symbol.dispose]() {
    this.close();
  }
};
function mmapFd(fd, length, options = {}) {
  const prot = options.prot ?? PROT_READ | PROT_WRITE;
  const flags = options.flags ?? MAP_SHARED;
  const addr = sysMmap(length, prot, flags, rawFd(fd), BigInt(options.offset ?? 0));
  if (addr === MAP_FAILED || addr === 0n) {
    throw kernelError({ syscall: "mmap", code: lastErrno(), detail: `${length} bytes of fd ${rawFd(fd)}` });
  }
  return new MappedMemory(addr, length);
}
function mmapPerfRing(fd, dataPages) {
  if (!Number.isInteger(dataPages) || dataPages < 1 || (dataPages & dataPages - 1) !== 0) {
    throw new RangeError(`perf ring data pages must be a power of two, got ${dataPages}`);
  }
  return mmapFd(fd, (1 + dataPages) * pageSize());
}

// src/sys/epoll.ts
var EPOLLIN = 1;
var EPOLLERR = 8;
var EPOLLRDHUP = 8192;
var EPOLLET = 1 << 31;
var EPOLL_CLOEXEC = 524288;
var EPOLL_CTL_ADD = 1;
var EPOLL_CTL_DEL = 2;
var EPOLL_CTL_MOD = 3;
var EVENT_SIZE = process.arch === "x64" ? 12 : 16;
var DATA_OFFSET = process.arch === "x64" ? 4 : 8;
var Epoll = class {
  fd;
  #maxEvents;
  #events;
  #members = /* @__PURE__ */ new Map();
  /** Readiness reported by watchers and not yet returned (data -> events). */
  #ready = /* @__PURE__ */ new Map();
  #pending;
  constructor(options) {
    const raw = sysEpollCreate1(EPOLL_CLOEXEC);
    if (raw < 0) throw kernelError({ syscall: "epoll_create1", code: lastErrno() });
    this.fd = Fd.adopt(raw, "epoll", options);
    this.#maxEvents = options?.maxEvents ?? 64;
    this.#events = new Uint8Array(EVENT_SIZE * this.#maxEvents);
  }
  #ctl(op, fd, events, data, name) {
    const ev = new Uint8Array(EVENT_SIZE);
    const dv = new DataView(ev.buffer);
    dv.setUint32(0, events >>> 0, true);
    dv.setBigUint64(DATA_OFFSET, BigInt(data), true);
    if (sysEpollCtl(this.fd.raw, op, rawFd(fd), ev) < 0) throw kernelError({ syscall: "epoll_ctl", command: name, code: lastErrno() });
  }
  /** Watch `fd` for `events` (EPOLLIN by default); `data` comes back in EpollEvent.data. */
  add(fd, events = EPOLLIN, data = rawFd(fd)) {
    this.#ctl(EPOLL_CTL_ADD, fd, events, data, "EPOLL_CTL_ADD");
    const raw = rawFd(fd);
    this.#members.set(raw, { raw, data, watcher: void 0, armed: false });
    if (this.#pending) this.#arm(this.#members.get(raw));
  }
  modify(fd, events = EPOLLIN, data = rawFd(fd)) {
    this.#ctl(EPOLL_CTL_MOD, fd, events, data, "EPOLL_CTL_MOD");
    const m = this.#members.get(rawFd(fd));
    if (m) m.data = data;
  }
  /** Stop watching `fd`. Call before closing the fd. */
  remove(fd) {
    const raw = rawFd(fd);
    const m = this.#members.get(raw);
    if (m) {
      m.watcher?.close();
      this.#members.delete(raw);
      this.#ready.delete(m.data);
    }
    this.#ctl(EPOLL_CTL_DEL, fd, 0, 0, "EPOLL_CTL_DEL");
  }
  #harvest(timeoutMs) {
    const n = sysEpollWait(this.fd.raw, this.#events, this.#maxEvents, timeoutMs);
    if (n < 0) {
      const code = lastErrno();
      if (code === ERRNO.EINTR) return [];
      throw kernelError({ syscall: "epoll_wait", code });
    }
    const dv = new DataView(this.#events.buffer);
    const out = [];
    for (let i = 0; i < n; i++) {
      const base = i * EVENT_SIZE;
      out.push({ events: dv.getUint32(base, true), data: Number(dv.getBigUint64(base + DATA_OFFSET, true)) });
    }
    return out;
  }
  /**
   * Block the calling thread until an fd is ready or `timeoutMs` passes (-1 = forever, 0 = poll).
   * Returns [] on timeout or when interrupted by a signal.
   */
  wait(timeoutMs) {
    return this.#harvest(timeoutMs);
  }
  #arm(m) {
    if (m.armed) {
      m.watcher?.ref();
      return;
    }
    const onReady = (status, ev) => this.#onReady(m, status, ev);
    if (m.watcher === void 0) m.watcher = watchFd(m.raw, onReady);
    else m.watcher.start(onReady);
    m.watcher.ref();
    m.armed = true;
  }
  #onReady(m, status, ev) {
    m.watcher?.stop();
    m.armed = false;
    let events = 0;
    if (status < 0) events |= EPOLLERR;
    if (ev.readable) events |= EPOLLIN;
    if (ev.disconnect) events |= EPOLLRDHUP;
    this.#ready.set(m.data, (this.#ready.get(m.data) ?? 0) | events);
    const pending = this.#pending;
    if (pending && !pending.flushScheduled) {
      pending.flushScheduled = true;
      setImmediate(() => {
        if (this.#pending === pending) pending.finish(this.#takeReady());
      });
    }
  }
  #takeReady() {
    const out = [...this.#ready].map(([data, events]) => ({ data, events }));
    this.#ready.clear();
    return out;
  }
  /**
   * Wait without blocking the event loop. Resolves with the ready fds, or [] on timeout, on close(),
   * or when `signal` aborts. `timeoutMs` undefined or < 0 waits indefinitely.
   */
  waitAsync(timeoutMs, signal) {
    if (this.#pending) return Promise.reject(new Error("Epoll.waitAsync: another wait is already pending"));
    if (this.fd.closed) return Promise.resolve([]);
    if (this.#ready.size > 0) return Promise.resolve(this.#takeReady());
    if (timeoutMs === 0 || signal?.aborted) return Promise.resolve([]);
    return new Promise((resolve6) => {
      let timer;
      const onAbort = () => finish([]);
      const finish = (events) => {
        this.#pending = void 0;
        for (const m of this.#members.values()) m.watcher?.unref();
        if (timer !== void 0) clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        resolve6(events);
      };
      this.#pending = { finish, flushScheduled: false };
      for (const m of this.#members.values()) this.#arm(m);
      if (timeoutMs !== void 0 && timeoutMs >= 0) timer = setTimeout(() => finish([]), timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
  get closed() {
    return this.fd.closed;
  }
  /** Close the epoll fd and the watchers; a pending waitAsync resolves with []. Idempotent. */
  close() {
    this.#pending?.finish([]);
    for (const m of this.#members.values()) m.watcher?.close();
    this.#members.clear();
    this.#ready.clear();
    this.fd.close();
  }
  [Symbol.dispose]() {
    this.close();
  }
};

// src/sys/process.ts
import { readFileSync as readFileSync2 } from "node:fs";
function getpid() {
  return sysGetpid();
}
function parseCpuList(text) {
  const cpus = [];
  for (const part of text.trim().split(",")) {
    if (part === "") continue;
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new Error(`malformed CPU list: ${JSON.stringify(text)}`);
    const lo = Number(m[1]);
    const hi = m[2] === void 0 ? lo : Number(m[2]);
    for (let c = lo; c <= hi; c++) cpus.push(c);
  }
  return cpus;
}
function possibleCpus() {
  return parseCpuList(readFileSync2("/sys/devices/system/cpu/possible", "utf8"));
}
function onlineCpus() {
  return parseCpuList(readFileSync2("/sys/devices/system/cpu/online", "utf8"));
}

// src/spec/c-type.ts
function typeName(t) {
  switch (t.kind) {
    case "void":
      return "void";
    case "bool":
      return "_Bool";
    case "int":
    case "float":
      return t.name;
    case "enum":
      return `enum ${t.name}`;
    case "pointer":
      return `${t.target} *`;
    case "array":
      return `${typeName(t.element)}[${t.length}]`;
    case "struct":
    case "union":
      return `${t.kind} ${t.name}`;
  }
}

// src/spec/map-spec.ts
var MAP_TYPE_IDS = Object.freeze({
  hash: 1,
  array: 2,
  prog_array: 3,
  perf_event_array: 4,
  percpu_hash: 5,
  percpu_array: 6,
  stack_trace: 7,
  cgroup_array: 8,
  lru_hash: 9,
  lru_percpu_hash: 10,
  lpm_trie: 11,
  array_of_maps: 12,
  hash_of_maps: 13,
  queue: 22,
  stack: 23,
  ringbuf: 27,
  task_storage: 29
});

// src/codec/generate.ts
var Unit = class {
  helpers = [];
  consts = [];
  helper(params, body) {
    const name = `f${this.helpers.length}`;
    this.helpers.push(`function ${name}(${params}) {
${body}
}`);
    return name;
  }
  constant(value) {
    this.consts.push(value);
    return `K[${this.consts.length - 1}]`;
  }
};
var at = (o, extra = 0) => o.k + extra === 0 ? o.base : `${o.base} + ${o.k + extra}`;
var plus = (o, n) => ({ base: o.base, k: o.k + n });
var key = (name) => JSON.stringify(name);
function isCharArray(t) {
  return t.kind === "array" && t.element.kind === "int" && t.element.size === 1 && t.element.name === "char";
}
function decScalar(t, o) {
  const p = at(o);
  switch (t.kind) {
    case "void":
      return "undefined";
    case "bool":
      return `u8[${p}] !== 0`;
    case "pointer":
      return `dv.getBigUint64(${p}, true)`;
    case "float":
      return t.size === 4 ? `dv.getFloat32(${p}, true)` : `dv.getFloat64(${p}, true)`;
    case "int":
    case "enum":
      switch (t.size) {
        case 1:
          return t.signed ? `dv.getInt8(${p})` : `u8[${p}]`;
        case 2:
          return `dv.get${t.signed ? "Int16" : "Uint16"}(${p}, true)`;
        case 4:
          return `dv.get${t.signed ? "Int32" : "Uint32"}(${p}, true)`;
        case 8:
          return `dv.get${t.signed ? "BigInt64" : "BigUint64"}(${p}, true)`;
      }
  }
  throw new Error(`decScalar: unexpected ${t.kind}`);
}
function decBitfield(f2, o) {
  const t = f2.type;
  const signed2 = (t.kind === "int" || t.kind === "enum") && t.signed;
  const first = o.k + f2.offset + Math.floor(f2.bitOffset / 8);
  const shift = f2.bitOffset % 8;
  const width = f2.bitSize;
  const span = Math.ceil((shift + width) / 8);
  const pos = { base: o.base, k: first };
  if (t.size === 8) return `getBitsBig(u8, ${at(pos)}, ${shift}, ${width}, ${signed2})`;
  let expr;
  if (span <= 4) {
    const parts = [];
    for (let i = 0; i < span; i++) parts.push(i === 0 ? `u8[${at(pos)}]` : `(u8[${at(pos, i)}] << ${8 * i})`);
    const raw = `((${parts.join(" | ")}) >>> ${shift})`;
    expr = `((${raw} << ${32 - width}) ${signed2 ? ">>" : ">>>"} ${32 - width})`;
  } else {
    expr = `Number(getBitsBig(u8, ${at(pos)}, ${shift}, ${width}, ${signed2}))`;
  }
  return t.kind === "bool" ? `(${expr} !== 0)` : expr;
}
function decArray(t, o, u2) {
  if (isCharArray(t)) return `cString(u8, ${at(o)}, ${t.length})`;
  const es = t.element.size;
  const elem = decExpr(t.element, { base: "p", k: 0 }, u2);
  const fn = u2.helper("dv, u8, o", [
    `  const a = new Array(${t.length});`,
    `  for (let i = 0, p = o; i < ${t.length}; i++, p += ${es}) a[i] = ${elem};`,
    "  return a;"
  ].join("\n"));
  return `${fn}(dv, u8, ${at(o)})`;
}
function decRecord(t, o, u2) {
  if (t.fields.length === 0) return "{}";
  const members = t.fields.map((f2) => {
    const value = f2.bitSize !== void 0 && f2.bitOffset !== void 0 ? decBitfield(f2, o) : decExpr(f2.type, plus(o, f2.offset), u2);
    return `${key(f2.name)}: ${value}`;
  });
  return `{ ${members.join(", ")} }`;
}
function decExpr(t, o, u2) {
  switch (t.kind) {
    case "array":
      return decArray(t, o, u2);
    case "struct":
    case "union":
      return decRecord(t, o, u2);
    default:
      return decScalar(t, o);
  }
}
function generateDecoder(t) {
  const u2 = new Unit();
  const body = decExpr(t, { base: "o", k: 0 }, u2);
  const source = `${u2.helpers.join("\n")}
return function decode(dv, u8, o) {
  return ${body};
};`;
  return { source, consts: u2.consts };
}
function encScalar(t, o, v, u2) {
  const p = at(o);
  switch (t.kind) {
    case "void":
      return "";
    case "bool":
      return `u8[${p}] = toNum(${v}) ? 1 : 0;`;
    case "pointer":
      return `dv.setBigUint64(${p}, BigInt.asUintN(64, toBig(${v})), true);`;
    case "float":
      return `dv.setFloat${t.size === 4 ? 32 : 64}(${p}, toFloat(${v}), true);`;
    case "enum": {
      const names = u2.constant(new Map(t.values.map((e) => [e.name, e.value])));
      const big = `enumValue(${v}, ${names}, ${key(t.name)})`;
      return storeInt(t.size, p, big, true);
    }
    case "int":
      return storeInt(t.size, p, t.size === 8 ? `toBig(${v})` : `toNum(${v})`, false);
  }
  throw new Error(`encScalar: unexpected ${t.kind}`);
}
function storeInt(size, p, expr, big) {
  if (size === 8) return `dv.setBigUint64(${p}, BigInt.asUintN(64, ${expr}), true);`;
  const n = big ? `Number(BigInt.asUintN(32, ${expr}))` : expr;
  switch (size) {
    case 1:
      return `u8[${p}] = ${n};`;
    case 2:
      return `dv.setUint16(${p}, ${n}, true);`;
    default:
      return `dv.setUint32(${p}, ${n}, true);`;
  }
}
function encBitfield(f2, o, v, u2) {
  const first = o.k + f2.offset + Math.floor(f2.bitOffset / 8);
  const shift = f2.bitOffset % 8;
  const t = f2.type;
  const value = t.kind === "enum" ? `enumValue(${v}, ${u2.constant(new Map(t.values.map((e) => [e.name, e.value])))}, ${key(t.name)})` : `toBig(${v})`;
  return `setBits(u8, ${at({ base: o.base, k: first })}, ${shift}, ${f2.bitSize}, ${value});`;
}
function encArray(t, o, v, u2) {
  const es = t.element.size;
  const elem = encStmt(t.element, { base: "p", k: 0 }, "e", u2);
  const bytesOk = es === 1 && t.element.kind !== "bool";
  const fn = u2.helper("dv, u8, o, v", [
    "  if (v === undefined || v === null) return;",
    bytesOk ? `  if (typeof v === "string" || v instanceof Uint8Array) { putBytes(u8, o, ${t.length}, v); return; }` : "",
    `  if (typeof v !== "object" || typeof v.length !== "number") throw new TypeError("expected an array for ${t.length}-element array, got " + typeof v);`,
    `  const n = Math.min(v.length, ${t.length});`,
    `  for (let i = 0, p = o; i < n; i++, p += ${es}) { const e = v[i]; if (e !== undefined) { ${elem} } }`
  ].join("\n"));
  return `${fn}(dv, u8, ${at(o)}, ${v});`;
}
function encRecord(t, o, v, u2) {
  const lines = [
    "  if (v === undefined || v === null) return;",
    `  if (typeof v !== "object") throw new TypeError("expected an object for ${t.kind} ${t.name || "(anonymous)"}, got " + typeof v);`,
    "  let x;"
  ];
  for (const f2 of t.fields) {
    const stmt = f2.bitSize !== void 0 && f2.bitOffset !== void 0 ? encBitfield(f2, { base: "o", k: 0 }, "x", u2) : encStmt(f2.type, { base: "o", k: f2.offset }, "x", u2);
    lines.push(`  x = v[${key(f2.name)}]; if (x !== undefined) { ${stmt} }`);
  }
  const fn = u2.helper("dv, u8, o, v", lines.join("\n"));
  return `${fn}(dv, u8, ${at(o)}, ${v});`;
}
function encStmt(t, o, v, u2) {
  switch (t.kind) {
    case "array":
      return encArray(t, o, v, u2);
    case "struct":
    case "union":
      return encRecord(t, o, v, u2);
    default:
      return encScalar(t, o, v, u2);
  }
}
function generateEncoder(t) {
  const u2 = new Unit();
  const body = encStmt(t, { base: "o", k: 0 }, "v", u2);
  const source = `${u2.helpers.join("\n")}
return function encode(dv, u8, o, v) {
  ${body}
};`;
  return { source, consts: u2.consts };
}

// src/codec/runtime-helpers.ts
var utf8 = new TextDecoder("utf-8");
var utf8Encoder = new TextEncoder();
function cString3(u8, off, len) {
  let end = off;
  const limit = off + len;
  let ascii = true;
  while (end < limit) {
    const c = u8[end];
    if (c === 0) break;
    if (c >= 128) ascii = false;
    end++;
  }
  if (!ascii || end - off > 32) return utf8.decode(u8.subarray(off, end));
  let s2 = "";
  for (let i = off; i < end; i++) s2 += String.fromCharCode(u8[i]);
  return s2;
}
function putBytes(u8, off, len, value) {
  let bytes;
  if (typeof value === "string") bytes = utf8Encoder.encode(value);
  else if (value instanceof Uint8Array) bytes = value;
  else throw new TypeError(`expected a string or Uint8Array for a char array, got ${describeValue(value)}`);
  u8.set(bytes.length > len ? bytes.subarray(0, len) : bytes, off);
}
function unwrap(x) {
  if (typeof x === "object" && x !== null && !(x instanceof Uint8Array) && "value" in x) return x.value;
  return x;
}
function toBig(x) {
  x = unwrap(x);
  switch (typeof x) {
    case "bigint":
      return x;
    case "number":
      if (!Number.isFinite(x)) throw new TypeError(`cannot store ${x} in an integer field`);
      return BigInt(Math.trunc(x));
    case "boolean":
      return x ? 1n : 0n;
    case "undefined":
      return 0n;
    case "string":
      if (/^\s*-?(0x[0-9a-f]+|0b[01]+|0o[0-7]+|\d+)\s*$/i.test(x)) {
        const t = x.trim();
        return t.startsWith("-") ? -BigInt(t.slice(1)) : BigInt(t);
      }
      break;
    default:
      if (x === null) return 0n;
  }
  throw new TypeError(`expected an integer, got ${describeValue(x)}`);
}
function toNum(x) {
  if (typeof x === "number") {
    if (!Number.isFinite(x)) throw new TypeError(`cannot store ${x} in an integer field`);
    return x;
  }
  return Number(BigInt.asUintN(64, toBig(x)) & 0xffffffffn);
}
function toFloat(x) {
  x = unwrap(x);
  if (typeof x === "number") return x;
  if (typeof x === "bigint") return Number(x);
  if (typeof x === "boolean") return x ? 1 : 0;
  if (x === void 0 || x === null) return 0;
  const n = Number(x);
  if (Number.isNaN(n)) throw new TypeError(`expected a number, got ${describeValue(x)}`);
  return n;
}
function enumValue(x, names, typeName2) {
  const v = unwrap(x);
  if (typeof v === "string" && !/^\s*-?\d/.test(v)) {
    const found = names.get(v);
    if (found === void 0) throw new TypeError(`'${v}' is not an enumerator of enum ${typeName2}`);
    return found;
  }
  return toBig(v);
}
function getBitsBig(u8, off, shift, width, signed2) {
  const nbytes = Math.ceil((shift + width) / 8);
  let raw = 0n;
  for (let i = nbytes - 1; i >= 0; i--) raw = raw << 8n | BigInt(u8[off + i] ?? 0);
  const v = BigInt.asUintN(width, raw >> BigInt(shift));
  return signed2 ? BigInt.asIntN(width, v) : v;
}
function setBits(u8, off, shift, width, value) {
  const nbytes = Math.ceil((shift + width) / 8);
  let raw = 0n;
  for (let i = nbytes - 1; i >= 0; i--) raw = raw << 8n | BigInt(u8[off + i] ?? 0);
  const mask = (1n << BigInt(width)) - 1n << BigInt(shift);
  raw = raw & ~mask | BigInt.asUintN(width, value) << BigInt(shift) & mask;
  for (let i = 0; i < nbytes; i++) {
    u8[off + i] = Number(raw & 0xffn);
    raw >>= 8n;
  }
}
function describeValue(x) {
  if (x === null) return "null";
  if (Array.isArray(x)) return `array(${x.length})`;
  if (x instanceof Uint8Array) return `Uint8Array(${x.length})`;
  if (typeof x === "object") return "object";
  if (typeof x === "string") return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}\u2026` : x);
  return `${typeof x} ${String(x)}`;
}
var HELPERS = Object.freeze({ cString: cString3, putBytes, toBig, toNum, toFloat, enumValue, getBitsBig, setBits });
var HELPER_NAMES2 = Object.keys(HELPERS);

// src/codec/codec.ts
function compile2(gen) {
  const factory = new Function(...HELPER_NAMES2, "K", gen.source);
  return factory(...HELPER_NAMES2.map((n) => HELPERS[n]), gen.consts);
}
function viewOf(u8) {
  return new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
}
var Codec = class {
  type;
  size;
  /** The generated JavaScript, for debugging (`console.log(codec.source.decode)`). */
  source;
  #decode;
  #encode;
  // The last buffer decoded from and its view: event loops decode many records from one buffer.
  #lastU8;
  #lastDv;
  constructor(type) {
    this.type = type;
    this.size = type.size;
    const dec = generateDecoder(type);
    const enc = generateEncoder(type);
    this.source = { decode: dec.source, encode: enc.source };
    this.#decode = compile2(dec);
    this.#encode = compile2(enc);
  }
  /** Decodes the value stored at `offset` in `buf`. */
  decode(buf, offset = 0) {
    if (offset < 0 || offset + this.size > buf.length) {
      throw new RangeError(`${typeName(this.type)}: need ${this.size} bytes at offset ${offset}, buffer has ${buf.length}`);
    }
    let dv = this.#lastDv;
    if (this.#lastU8 !== buf || dv === void 0) {
      dv = viewOf(buf);
      this.#lastU8 = buf;
      this.#lastDv = dv;
    }
    return this.#decode(dv, buf, offset);
  }
  /** Decodes with a caller-provided view (no bounds check beyond the DataView's own). */
  decodeAt(dv, u8, offset) {
    return this.#decode(dv, u8, offset);
  }
  /**
   * Encodes `value` into `out` at `offset` (allocating `size` bytes when `out` is omitted) and returns
   * the buffer. The target bytes are zeroed first, so omitted fields and padding are zero.
   */
  encode(value, out, offset = 0) {
    const buf = out ?? new Uint8Array(this.size);
    if (offset < 0 || offset + this.size > buf.length) {
      throw new RangeError(`${typeName(this.type)}: need ${this.size} bytes at offset ${offset}, buffer has ${buf.length}`);
    }
    if (value instanceof Uint8Array && value.length === this.size && this.type.kind !== "array") {
      buf.set(value, offset);
      return buf;
    }
    if (out !== void 0) buf.fill(0, offset, offset + this.size);
    try {
      this.#encode(viewOf(buf), buf, offset, value);
    } catch (e) {
      if (e instanceof TypeError) throw new TypeError(`cannot encode ${describeValue(value)} as ${typeName(this.type)}: ${e.message}`);
      throw e;
    }
    return buf;
  }
  /** The decoded all-zero value (what a fresh map slot holds). */
  zero() {
    return this.decode(new Uint8Array(this.size));
  }
  /**
   * A complete JS value of this type from a partial one: what BCC's `table.Key(...)`/`table.Leaf(...)`
   * give (e.g. `make({ pid: 1 })` fills the other fields with zeros, `make(5)` for an int type).
   */
  make(init) {
    return this.decode(this.encode(init));
  }
  /** A one-line C-ish description, e.g. `struct key_t { u32 pid @0; char comm[16] @4 } (20 bytes)`. */
  describe() {
    return describeType(this.type);
  }
};
function describeType(t) {
  if (t.kind !== "struct" && t.kind !== "union") return `${typeName(t)} (${t.size} bytes)`;
  const fields = t.fields.map((f2) => {
    const bits = f2.bitSize !== void 0 ? `:${f2.bitSize} @${f2.offset}+${f2.bitOffset ?? 0}b` : ` @${f2.offset}`;
    return `${typeName(f2.type)} ${f2.name}${bits}`;
  });
  return `${typeName(t)} { ${fields.join("; ")} } (${t.size} bytes)`;
}
var CodecCache = class {
  #byObject = /* @__PURE__ */ new WeakMap();
  #byShape = /* @__PURE__ */ new Map();
  get(type) {
    const hit = this.#byObject.get(type);
    if (hit) return hit;
    const shape = JSON.stringify(type, (_k, v) => typeof v === "bigint" ? `${v}n` : v);
    let codec = this.#byShape.get(shape);
    if (!codec) {
      codec = new Codec(type);
      this.#byShape.set(shape, codec);
    }
    this.#byObject.set(type, codec);
    return codec;
  }
  get size() {
    return this.#byShape.size;
  }
};

// src/codec/ctypes.ts
function wrapNumber(name, bits, signed2) {
  return (v = 0) => {
    const big = BigInt(typeof v === "boolean" ? Number(v) : typeof v === "number" ? Math.trunc(v) : v);
    const w = signed2 ? BigInt.asIntN(bits, big) : BigInt.asUintN(bits, big);
    return Object.freeze({ ctype: name, value: Number(w) });
  };
}
function wrapBig(name, signed2) {
  return (v = 0) => {
    const big = BigInt(typeof v === "boolean" ? Number(v) : typeof v === "number" ? Math.trunc(v) : v);
    return Object.freeze({ ctype: name, value: signed2 ? BigInt.asIntN(64, big) : BigInt.asUintN(64, big) });
  };
}
var c_byte = wrapNumber("c_byte", 8, true);
var c_ubyte = wrapNumber("c_ubyte", 8, false);
var c_short = wrapNumber("c_short", 16, true);
var c_ushort = wrapNumber("c_ushort", 16, false);
var c_int = wrapNumber("c_int", 32, true);
var c_uint = wrapNumber("c_uint", 32, false);
var c_long = wrapBig("c_long", true);
var c_ulong = wrapBig("c_ulong", false);
var c_longlong = wrapBig("c_longlong", true);
var c_ulonglong = wrapBig("c_ulonglong", false);

// src/maps/create-map.ts
var PER_CPU_KINDS = /* @__PURE__ */ new Set(["percpu_hash", "percpu_array", "lru_percpu_hash"]);
var KEYLESS_KINDS = /* @__PURE__ */ new Set(["queue", "stack", "ringbuf"]);
function isPerCpu(kind) {
  return PER_CPU_KINDS.has(kind);
}
function perCpuStride(valueSize) {
  return Math.ceil(valueSize / 8) * 8;
}
function mapCreateAttrFor(spec, options = {}) {
  const mapType = MAP_TYPE_IDS[spec.kind];
  if (mapType === void 0) throw new TypeError(`map '${spec.name}': unknown map kind '${String(spec.kind)}'`);
  let maxEntries = options.maxEntries ?? spec.maxEntries;
  if (spec.kind === "perf_event_array" && maxEntries === 0) {
    maxEntries = options.possibleCpus ?? possibleCpus().length;
  }
  let flags = spec.flags;
  if (spec.kind === "lpm_trie") flags |= BPF_MAP_FLAG.NO_PREALLOC;
  const keyless = KEYLESS_KINDS.has(spec.kind);
  return {
    mapType,
    keySize: keyless ? 0 : spec.keySize,
    valueSize: spec.kind === "ringbuf" ? 0 : spec.valueSize,
    maxEntries,
    mapFlags: flags,
    name: sanitizeObjectName(options.name ?? spec.name)
  };
}
function createMap(spec, options = {}) {
  const attr = mapCreateAttrFor(spec, options);
  let fd;
  try {
    fd = mapCreate(attr, options);
  } catch (e) {
    throw withMapContext(e, spec.name, `create ${spec.kind} key ${attr.keySize} value ${attr.valueSize} max_entries ${attr.maxEntries}`);
  }
  if (spec.initialValue !== void 0 && spec.initialValue.length > 0) {
    try {
      const value = new Uint8Array(spec.valueSize);
      value.set(spec.initialValue.subarray(0, spec.valueSize));
      mapUpdateElem(fd, new Uint8Array(spec.keySize), value);
    } catch (e) {
      fd.close();
      throw withMapContext(e, spec.name, "initial value");
    }
  }
  return fd;
}
function withMapContext(e, mapName, what) {
  if (!(e instanceof KernelError)) return e;
  const detail = `map '${mapName}'${what ? ` ${what}` : ""}`;
  const wrapped = kernelError({ syscall: e.syscall, command: e.command, code: e.code, detail });
  return wrapped;
}
var MapFullError = class extends KernelError {
  mapName;
  maxEntries;
  constructor(mapName, maxEntries, command, code) {
    super({ syscall: "bpf", command, code, detail: `map '${mapName}'` });
    this.name = "MapFullError";
    this.mapName = mapName;
    this.maxEntries = maxEntries;
    this.message = `map '${mapName}' is full (max_entries ${maxEntries}): bpf(${command}) failed with ${this.errno}; delete entries or raise max_entries`;
  }
};

// src/maps/map-handle.ts
var FILLABLE = /* @__PURE__ */ new Set([
  "hash",
  "percpu_hash",
  "lpm_trie",
  "hash_of_maps",
  "queue",
  "stack"
]);
var MapHandle = class {
  spec;
  name;
  kind;
  maxEntries;
  /** BPF_F_* flags from the spec. */
  flags;
  options;
  #fd;
  #owned;
  #closed = false;
  constructor(spec, fd, options = {}) {
    this.spec = spec;
    this.name = spec.name;
    this.kind = spec.kind;
    this.flags = spec.flags;
    this.options = options;
    this.#fd = fd;
    this.#owned = options.owned ?? fd instanceof Fd;
    let max = options.maxEntries ?? spec.maxEntries;
    if (spec.kind === "perf_event_array" && max === 0) max = this.possibleCpuCount();
    this.maxEntries = max;
  }
  /** The map's descriptor number (what BPF programs' map relocations and perf readers need). */
  get fd() {
    if (this.#closed) throw new Error(`map '${this.name}' is closed`);
    return typeof this.#fd === "number" ? this.#fd : this.#fd.raw;
  }
  /** BCC's name for `fd`. */
  get_fd() {
    return this.fd;
  }
  /** The descriptor as given (an Fd when owned), for APIs taking FdLike. */
  get fdLike() {
    return this.#fd;
  }
  get closed() {
    return this.#closed;
  }
  possibleCpuCount() {
    return this.options.possibleCpus ?? possibleCpus().length;
  }
  /** Rethrows a kernel error from an operation on this map with the map named (E2BIG → MapFullError). Internal. */
  fail(e, op) {
    if (e instanceof KernelError && e.code === ERRNO.E2BIG && FILLABLE.has(this.kind) && /UPDATE/.test(e.command)) {
      throw new MapFullError(this.name, this.maxEntries, e.command, e.code);
    }
    throw withMapContext(e, this.name, op);
  }
  close() {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#owned && this.#fd instanceof Fd) this.#fd.close();
  }
  [Symbol.dispose]() {
    this.close();
  }
};

// src/maps/batch.ts
var BATCH_KINDS = /* @__PURE__ */ new Set([
  "hash",
  "lru_hash",
  "percpu_hash",
  "lru_percpu_hash",
  "array",
  "percpu_array"
]);
var CHUNK = 1024;
var BatchOps = class {
  #t;
  constructor(target) {
    this.#t = target;
  }
  /** Whether the map kind has batch ops at all (the kernel version is learnt by trying). */
  applies() {
    return BATCH_KINDS.has(this.#t.kind);
  }
  /** Every (key, value), optionally deleting them. Throws NotSupportedError on kernels without batch ops. */
  lookup(deleting) {
    const t = this.#t;
    const call2 = deleting ? mapLookupAndDeleteBatch : mapLookupBatch;
    const op = deleting ? "lookup_and_delete_batch" : "lookup_batch";
    const tokenSize = Math.max(t.keySize, 8);
    let count2 = Math.max(1, Math.min(t.maxEntries, CHUNK));
    let inBatch = null;
    let outBatch = new Uint8Array(tokenSize);
    const out = [];
    for (; ; ) {
      const keys = new Uint8Array(count2 * t.keySize);
      const values = new Uint8Array(count2 * t.valueSize);
      let r2;
      try {
        r2 = call2(t.fdLike, { inBatch, outBatch, keys, values, count: count2 });
      } catch (e) {
        if (e instanceof KernelError && e.code === ERRNO.ENOSPC && count2 < t.maxEntries * 2) {
          count2 *= 2;
          continue;
        }
        t.fail(e, op);
      }
      for (let i = 0; i < r2.count; i++) {
        out.push([t.decodeKey(keys, i * t.keySize), t.decodeValue(values, i * t.valueSize)]);
      }
      if (r2.done || r2.count === 0) return out;
      inBatch = outBatch;
      outBatch = new Uint8Array(tokenSize);
    }
  }
  #checkCount(n, what) {
    if (n < 1 || n > this.#t.maxEntries) {
      throw new RangeError(`map '${this.#t.name}': ${what} must hold 1..${this.#t.maxEntries} elements, got ${n}`);
    }
  }
  /** Writes keys[i] → values[i] in one call; returns how many the kernel wrote. */
  update(keys, values) {
    const t = this.#t;
    this.#checkCount(keys.length, "keys");
    if (values.length !== keys.length) throw new RangeError(`map '${t.name}': ${keys.length} keys but ${values.length} values`);
    const kb = new Uint8Array(keys.length * t.keySize);
    const vb = new Uint8Array(keys.length * t.valueSize);
    keys.forEach((k, i) => kb.set(t.encodeKey(k), i * t.keySize));
    values.forEach((v, i) => t.encodeValue(v, vb, i * t.valueSize));
    try {
      return mapUpdateBatch(t.fdLike, kb, vb, keys.length);
    } catch (e) {
      t.fail(e, "update_batch");
    }
  }
  /** Deletes the keys in one call; returns how many were deleted (stops at the first absent key). */
  delete(keys) {
    const t = this.#t;
    this.#checkCount(keys.length, "keys");
    const kb = new Uint8Array(keys.length * t.keySize);
    keys.forEach((k, i) => kb.set(t.encodeKey(k), i * t.keySize));
    try {
      return mapDeleteBatch(t.fdLike, kb, keys.length);
    } catch (e) {
      t.fail(e, "delete_batch");
    }
  }
};

// src/maps/histogram.ts
var STARS_MAX = 40;
var LOG2_INDEX_MAX = 65;
var LINEAR_INDEX_MAX = 1025;
var toNumber = (v) => typeof v === "bigint" ? Number(v) : v;
var isPositive = (v) => typeof v === "bigint" ? v > 0n : v > 0;
var greater = (a, b) => typeof a === "bigint" || typeof b === "bigint" ? BigInt(a) > BigInt(b) : a > b;
var left = (v, w) => String(v).padEnd(w, " ");
var right = (v, w) => String(v).padStart(w, " ");
function stars(val, valMax, width) {
  const limit = width * toNumber(val) / toNumber(valMax) - 1;
  let text = "";
  for (let i = 0; i <= width - 1 && !(i > limit); i++) text += "*";
  if (greater(val, valMax)) text = `${text.slice(0, -1)}+`;
  return text;
}
function scan(vals) {
  let idxMax = -1;
  let valMax = 0;
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i];
    if (isPositive(v)) idxMax = i;
    if (greater(v, valMax)) valMax = v;
  }
  return { idxMax, valMax };
}
function formatLog2Hist(vals, valType = "value", stripLeadingZero = false) {
  const { idxMax, valMax } = scan(vals);
  const wide = idxMax > 32;
  const barWidth = wide ? Math.trunc(STARS_MAX / 2) : STARS_MAX;
  const col = wide ? 20 : 10;
  const out = [];
  if (idxMax > 0) {
    out.push(wide ? `               ${left(valType, 29)} : count     distribution` : `     ${left(valType, 19)} : count     distribution`);
  }
  let strip = stripLeadingZero;
  for (let i = 1; i <= idxMax; i++) {
    let low = 1n << BigInt(i) >> 1n;
    const high = (1n << BigInt(i)) - 1n;
    if (low === high) low -= 1n;
    const val = vals[i] ?? 0;
    if (strip) {
      if (val === 0 || val === 0n) continue;
      strip = false;
    }
    out.push(`${right(low, col)} -> ${left(high, col)} : ${left(val, 8)} |${left(stars(val, valMax, barWidth), barWidth)}|`);
  }
  return out.map((l) => `${l}
`).join("");
}
function formatLinearHist(vals, valType = "value", stripLeadingZero = false) {
  const { idxMax, valMax } = scan(vals);
  const out = [];
  if (idxMax >= 0) out.push(`     ${left(valType, 13)} : count     distribution`);
  let strip = stripLeadingZero;
  for (let i = 0; i <= idxMax; i++) {
    const val = vals[i] ?? 0;
    if (strip) {
      if (val === 0 || val === 0n) continue;
      strip = false;
    }
    out.push(`        ${left(i, 10)} : ${left(val, 8)} |${left(stars(val, valMax, STARS_MAX), STARS_MAX)}|`);
  }
  return out.map((l) => `${l}
`).join("");
}
function formatJsonHist(vals, valType = "value", section, now = /* @__PURE__ */ new Date()) {
  let maxNonzero = 0;
  vals.forEach((v, i) => {
    if (v !== 0 && v !== 0n) maxNonzero = i;
  });
  const data = [];
  let index = 1n;
  let prev = 0n;
  for (let i = 1; i < vals.length && i <= maxNonzero; i++) {
    index *= 2n;
    data.push(`{'interval-start': ${prev}, 'interval-end': ${index - 1n}, 'count': ${pyInt(vals[i] ?? 0)}}`);
    prev = index;
  }
  const p2 = (n) => String(n).padStart(2, "0");
  const ts = `${now.getFullYear()}-${p2(now.getMonth() + 1)}-${p2(now.getDate())} ${p2(now.getHours())}:${p2(now.getMinutes())}:${p2(now.getSeconds())}`;
  let text = `{'ts': ${pythonRepr(ts, true)}, 'val_type': ${pythonRepr(valType, true)}, 'data': [${data.join(", ")}]`;
  if (section) {
    const [key2, value] = section;
    const shown = value instanceof PyStr ? pythonRepr(value.text, true) : pythonRepr(value);
    text += `, ${pythonRepr(key2, true)}: ${shown}`;
  }
  return `${text}}
`;
}
var PyStr = class {
  constructor(text) {
    this.text = text;
  }
  text;
};
function pyInt(v) {
  return typeof v === "bigint" ? String(v) : String(Math.trunc(v));
}
function pythonRepr(v, asStr = false) {
  if (typeof v === "string") return asStr ? strRepr(v) : bytesRepr(new TextEncoder().encode(v));
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (v instanceof Uint8Array) return bytesRepr(v);
  if (Array.isArray(v)) return `[${v.map((x) => pythonRepr(x)).join(", ")}]`;
  if (v === null || v === void 0) return "None";
  return JSON.stringify(v, (_k, x) => typeof x === "bigint" ? x.toString() : x);
}
function strRepr(v) {
  const quote = v.includes("'") && !v.includes('"') ? '"' : "'";
  let s2 = "";
  for (const ch of v) {
    const c = ch.codePointAt(0);
    if (ch === "\\") s2 += "\\\\";
    else if (ch === "	") s2 += "\\t";
    else if (ch === "\n") s2 += "\\n";
    else if (ch === "\r") s2 += "\\r";
    else if (ch === quote) s2 += `\\${quote}`;
    else if (c < 32 || c === 127) s2 += `\\x${c.toString(16).padStart(2, "0")}`;
    else s2 += ch;
  }
  return `${quote}${s2}${quote}`;
}
function bytesRepr(b) {
  const hasSingle = b.includes(39);
  const quote = hasSingle && !b.includes(34) ? '"' : "'";
  let s2 = "";
  for (const c of b) {
    if (c === 92) s2 += "\\\\";
    else if (c === 9) s2 += "\\t";
    else if (c === 10) s2 += "\\n";
    else if (c === 13) s2 += "\\r";
    else if (c === quote.charCodeAt(0)) s2 += `\\${quote}`;
    else if (c < 32 || c >= 127) s2 += `\\x${c.toString(16).padStart(2, "0")}`;
    else s2 += String.fromCharCode(c);
  }
  return `b${quote}${s2}${quote}`;
}
function formatSectionedHist(entries, linear, o = {}) {
  const groups = /* @__PURE__ */ new Map();
  for (const e of entries) {
    const bucket = o.bucketFn ? o.bucketFn(e.bucket) : e.bucket;
    let vals = groups.get(bucket);
    if (!vals) groups.set(bucket, vals = new Array(LOG2_INDEX_MAX).fill(0));
    if (!Number.isInteger(e.slot) || e.slot < 0 || e.slot >= LOG2_INDEX_MAX) {
      throw new RangeError(`histogram slot ${e.slot} out of range 0..${LOG2_INDEX_MAX - 1}`);
    }
    vals[e.slot] = e.value;
  }
  let buckets = [...groups.keys()];
  if (o.bucketSortFn) buckets = o.bucketSortFn(buckets);
  const header = o.sectionHeader ?? "Bucket ptr";
  let text = "";
  for (const bucket of buckets) {
    const shown = o.sectionPrintFn ? o.sectionPrintFn(bucket) : pythonRepr(bucket);
    text += `
${header} = ${shown}
`;
    const vals = groups.get(bucket) ?? [];
    text += linear ? formatLinearHist(vals, o.valType, o.stripLeadingZero) : formatLog2Hist(vals, o.valType, o.stripLeadingZero);
  }
  return text;
}
function slotsFromEntries(entries, linear) {
  const n = linear ? LINEAR_INDEX_MAX : LOG2_INDEX_MAX;
  const vals = new Array(n).fill(0);
  for (const [k, v] of entries) {
    if (!Number.isInteger(k) || k < 0 || k >= n) {
      throw new RangeError(`Index in print_${linear ? "linear" : "log2"}_hist() of ${k} exceeds max of ${n}.`);
    }
    vals[k] = v;
  }
  return vals;
}
function print_log2_hist(vals, val_type = "value", strip_leading_zero = false, write = (s2) => void process.stdout.write(s2)) {
  write(formatLog2Hist(vals, val_type, strip_leading_zero));
}
function print_linear_hist(vals, val_type = "value", strip_leading_zero = false, write = (s2) => void process.stdout.write(s2)) {
  write(formatLinearHist(vals, val_type, strip_leading_zero));
}

// src/maps/table-hist.ts
function toOptions(args) {
  const [first] = args;
  if (typeof first === "object" && first !== null) return first;
  const [valType, sectionHeader, sectionPrintFn, bucketFn, strip, bucketSortFn] = args;
  return {
    valType: valType ?? "value",
    sectionHeader: sectionHeader ?? "Bucket ptr",
    sectionPrintFn: sectionPrintFn ?? void 0,
    bucketFn: bucketFn ?? void 0,
    stripLeadingZero: Boolean(strip),
    bucketSortFn: bucketSortFn ?? void 0
  };
}
function count(v) {
  if (typeof v === "number" || typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (Array.isArray(v)) {
    let big = false;
    for (const x of v) if (typeof x === "bigint") big = true;
    return big ? v.reduce((a, x) => a + BigInt(x), 0n) : v.reduce((a, x) => a + Number(x), 0);
  }
  throw new TypeError(`histogram values must be integers, got ${typeof v}`);
}
function slotIndex(k) {
  if (typeof k === "number") return k;
  if (typeof k === "bigint") return Number(k);
  throw new TypeError(`histogram keys must be integers (or a struct with bucket and slot fields), got ${typeof k}`);
}
function structEntries(items, keyType) {
  if (keyType.kind !== "struct") return void 0;
  const fields = keyType.fields;
  const f1 = fields[0]?.name;
  let f2 = fields[1]?.name;
  if (f2 === "__pad_1" && fields.length === 3) f2 = fields[2]?.name;
  if (f1 === void 0 || f2 === void 0) throw new TypeError("histogram struct keys need a bucket field and a slot field");
  return items.map(([k, v]) => {
    const rec = k;
    return { bucket: rec[f1], slot: slotIndex(rec[f2]), value: count(v) };
  });
}
function histogramText(items, keyType, linear, args) {
  const o = toOptions(args);
  const entries = structEntries(items, keyType);
  if (entries) return formatSectionedHist(entries, linear, o);
  const vals = slotsFromEntries(items.map(([k, v]) => [slotIndex(k), count(v)]), linear);
  return linear ? formatLinearHist(vals, o.valType, o.stripLeadingZero) : formatLog2Hist(vals, o.valType, o.stripLeadingZero);
}
function jsonHistogramText(items, keyType, args, now) {
  const [first] = args;
  const o = typeof first === "object" && first !== null ? first : toOptions([
    args[0],
    args[1],
    args[2],
    args[3],
    false,
    args[4]
  ]);
  const valType = o.valType ?? "value";
  const entries = structEntries(items, keyType);
  if (!entries) return formatJsonHist(slotsFromEntries(items.map(([k, v]) => [slotIndex(k), count(v)]), false), valType, void 0, now);
  const groups = /* @__PURE__ */ new Map();
  for (const e of entries) {
    const bucket = o.bucketFn ? o.bucketFn(e.bucket) : e.bucket;
    let vals = groups.get(bucket);
    if (!vals) groups.set(bucket, vals = new Array(LOG2_INDEX_MAX).fill(0));
    vals[e.slot] = e.value;
  }
  let buckets = [...groups.keys()];
  if (o.bucketSortFn) buckets = o.bucketSortFn(buckets);
  const header = o.sectionHeader ?? "Bucket ptr";
  return buckets.map((b) => {
    const shown = [header, o.sectionPrintFn ? new PyStr(o.sectionPrintFn(b)) : b];
    return formatJsonHist(groups.get(b) ?? [], valType, shown, now);
  }).join("");
}

// src/maps/table.ts
var Table = class extends MapHandle {
  keyCodec;
  /** Codec of one value (of one CPU's value, for per-CPU kinds). */
  valueCodec;
  keySize;
  /** Bytes of one value in user space (stride × possible CPUs for per-CPU kinds). */
  valueSize;
  /** Possible CPUs for per-CPU kinds, else 1. */
  cpus;
  #stride;
  #perCpu;
  #scratch;
  batch;
  /** Whether items() may use batch lookups; learnt on first use (ENOTSUPP/EINVAL → false). */
  #batchWorks;
  constructor(spec, fd, options = {}) {
    super(spec, fd, options);
    const codecs = options.codecs ?? new CodecCache();
    this.keyCodec = codecs.get(typeFor(spec.key, spec.keySize, `map '${spec.name}' key`));
    this.valueCodec = codecs.get(typeFor(spec.value, spec.valueSize, `map '${spec.name}' value`));
    this.keySize = spec.keySize;
    this.#perCpu = isPerCpu(spec.kind);
    this.cpus = this.#perCpu ? this.possibleCpuCount() : 1;
    this.#stride = this.#perCpu ? perCpuStride(spec.valueSize) : spec.valueSize;
    this.valueSize = this.#stride * this.cpus;
    this.#scratch = new Uint8Array(this.valueSize);
    this.batch = new BatchOps(this);
  }
  /** Whether items() uses batch lookups here: undefined until the first items() call. */
  get batchLookupWorks() {
    return this.#batchWorks;
  }
  // ---- codec plumbing ---------------------------------------------------------------------------
  /** Turns a user key into the kernel's bytes (subclasses normalise, e.g. negative array indexes). */
  encodeKey(key2) {
    return this.keyCodec.encode(key2);
  }
  decodeKey(bytes, offset = 0) {
    return this.keyCodec.decode(bytes, offset);
  }
  /** A value (per-CPU: an array, missing CPUs zero) into user-space bytes. */
  encodeValue(value, out = new Uint8Array(this.valueSize), offset = 0) {
    if (!this.#perCpu) return this.valueCodec.encode(value, out, offset);
    if (!Array.isArray(value)) {
      throw new TypeError(`map '${this.name}' is per-CPU: the value must be an array of ${this.cpus} per-CPU values`);
    }
    out.fill(0, offset, offset + this.valueSize);
    for (let c = 0; c < this.cpus && c < value.length; c++) {
      if (value[c] !== void 0) this.valueCodec.encode(value[c], out, offset + c * this.#stride);
    }
    return out;
  }
  decodeValue(bytes, offset = 0) {
    if (!this.#perCpu) return this.valueCodec.decode(bytes, offset);
    const dv = viewOf(bytes);
    const out = new Array(this.cpus);
    for (let c = 0; c < this.cpus; c++) out[c] = this.valueCodec.decodeAt(dv, bytes, offset + c * this.#stride);
    return out;
  }
  /** BCC's `table.Key(...)`: a complete key from a partial one (missing fields zero). */
  Key(init) {
    return this.keyCodec.make(init);
  }
  /** BCC's `table.Leaf(...)`: a complete value (per-CPU: an array of zero values). */
  Leaf(init) {
    if (this.#perCpu) return this.decodeValue(this.encodeValue(Array.isArray(init) ? init : []));
    return this.valueCodec.make(init);
  }
  // ---- element operations -----------------------------------------------------------------------
  /** The value at `key`, or undefined when absent (BCC raises KeyError). */
  get(key2) {
    return this.lookup(key2);
  }
  /** The stored value, never reduced (subclasses' get() may post-process it). */
  lookup(key2) {
    const k = this.encodeKey(key2);
    let found;
    try {
      found = mapLookupElem(this.fdLike, k, this.#scratch);
    } catch (e) {
      this.fail(e, "lookup");
    }
    return found ? this.decodeValue(this.#scratch) : void 0;
  }
  /** BCC's `table[key]`: like get() but throws when the key is absent. */
  getitem(key2) {
    const v = this.get(key2);
    if (v === void 0) throw new RangeError(`map '${this.name}': no such key ${String(JSON.stringify(key2, bigintJson))}`);
    return v;
  }
  /** Writes `value` at `key` (flags: BPF_ANY, BPF_NOEXIST or BPF_EXIST). */
  set(key2, value, flags = BPF_ANY2) {
    const k = this.encodeKey(key2);
    const v = this.encodeValue(value);
    try {
      mapUpdateElem(this.fdLike, k, v, flags);
    } catch (e) {
      this.fail(e, "update");
    }
    return this;
  }
  /** Removes `key`; false when it was absent. */
  delete(key2) {
    try {
      return mapDeleteElem(this.fdLike, this.encodeKey(key2));
    } catch (e) {
      this.fail(e, "delete");
    }
  }
  has(key2) {
    return this.get(key2) !== void 0;
  }
  /**
   * Adds `n` to an integer value (absent keys count as 0). Per-CPU maps: adds to CPU 0's slot.
   * Not atomic against BPF programs updating the same key (BPF side uses atomics; user space cannot).
   */
  increment(key2, n = 1) {
    const cur = this.lookup(key2) ?? this.Leaf();
    const add = (x) => {
      if (typeof x === "bigint") return x + BigInt(n);
      if (typeof x === "number") return x + Number(n);
      throw new TypeError(`map '${this.name}': increment() needs an integer value, found ${typeof x}`);
    };
    const next = this.#perCpu ? cur.map((x, i) => i === 0 ? add(x) : x) : add(cur);
    this.set(key2, next);
    return next;
  }
  // ---- iteration --------------------------------------------------------------------------------
  /**
   * Raw keys via BPF_MAP_GET_NEXT_KEY. The walk stays one key ahead of what it has yielded, so a
   * caller deleting the key it was just given (the common "drain" loop) does not disturb the cursor.
   * If the cursor key itself vanishes, the kernel restarts from the first key
   * (htab_map_get_next_key); keys already produced are then skipped, and the walk is bounded so
   * concurrent churn cannot make it endless.
   */
  *rawKeys() {
    const seen = /* @__PURE__ */ new Set();
    const limit = 16 * this.maxEntries + 1024;
    let cur = this.#nextKey(null);
    for (let steps = 0; cur !== void 0 && steps < limit; steps++) {
      const next = this.#nextKey(cur);
      const id = Buffer.from(cur.buffer, cur.byteOffset, cur.byteLength).toString("latin1");
      if (!seen.has(id)) {
        seen.add(id);
        yield cur;
      }
      cur = next;
    }
  }
  #nextKey(cur) {
    const next = new Uint8Array(this.keySize);
    try {
      return mapGetNextKey(this.fdLike, cur, next) ? next : void 0;
    } catch (e) {
      this.fail(e, "get_next_key");
    }
  }
  [Symbol.iterator]() {
    return this.iterKeys();
  }
  /** Keys lazily, like iterating a BCC table. */
  *iterKeys() {
    for (const k of this.rawKeys()) yield this.decodeKey(k);
  }
  keys() {
    return [...this.iterKeys()];
  }
  /** (key, value) pairs; entries deleted between listing and lookup are skipped (as BCC does). */
  items() {
    if (this.#batchWorks !== false && this.batch.applies()) {
      try {
        const r2 = this.batch.lookup(false);
        this.#batchWorks = true;
        return r2;
      } catch (e) {
        if (!(e instanceof KernelError) || !(e instanceof NotSupportedError || e.code === ERRNO.EINVAL)) throw e;
        this.#batchWorks = false;
      }
    }
    const out = [];
    const buf = new Uint8Array(this.valueSize);
    for (const k of this.rawKeys()) {
      let found;
      try {
        found = mapLookupElem(this.fdLike, k, buf);
      } catch (e) {
        this.fail(e, "lookup");
      }
      if (found) out.push([this.decodeKey(k), this.decodeValue(buf)]);
    }
    return out;
  }
  values() {
    return this.items().map(([, v]) => v);
  }
  /** Number of entries (BCC's len(): counted by walking the keys). */
  len() {
    let n = 0;
    for (const _ of this.rawKeys()) n++;
    return n;
  }
  get size() {
    return this.len();
  }
  /** Deletes every entry. The key list is taken first so deletions cannot perturb the walk. */
  clear() {
    for (const k of [...this.rawKeys()]) {
      try {
        mapDeleteElem(this.fdLike, k);
      } catch (e) {
        this.fail(e, "delete");
      }
    }
  }
  /** Sets every existing entry to the zero value (keys stay). */
  zero() {
    const zero = new Uint8Array(this.valueSize);
    for (const k of [...this.rawKeys()]) {
      try {
        mapUpdateElem(this.fdLike, k, zero, BPF_ANY2);
      } catch (e) {
        this.fail(e, "update");
      }
    }
  }
  // ---- batch operations (BCC names) -------------------------------------------------------------
  items_lookup_batch() {
    return this.batch.lookup(false);
  }
  items_lookup_and_delete_batch() {
    return this.batch.lookup(true);
  }
  items_update_batch(keys, values) {
    return this.batch.update(keys, values);
  }
  /** Deletes the given keys in one call, or (no keys) every entry via lookup-and-delete batches. */
  items_delete_batch(keys) {
    if (keys === void 0) return this.batch.lookup(true).length;
    return this.batch.delete(keys);
  }
  // ---- histograms (BCC's output, byte for byte) -------------------------------------------------
  format_log2_hist(...args) {
    return histogramText(this.items(), this.spec.key, false, args);
  }
  format_linear_hist(...args) {
    return histogramText(this.items(), this.spec.key, true, args);
  }
  print_log2_hist(...args) {
    this.#write(this.format_log2_hist(...args));
  }
  print_linear_hist(...args) {
    this.#write(this.format_linear_hist(...args));
  }
  /** BCC's print_json_hist: one Python-dict line per section (log2 slots). */
  format_json_hist(...args) {
    return jsonHistogramText(this.items(), this.spec.key, args);
  }
  print_json_hist(...args) {
    this.#write(this.format_json_hist(...args));
  }
  #write(text) {
    if (this.options.write) this.options.write(text);
    else process.stdout.write(text);
  }
};
function typeFor(t, size, what) {
  if (t.kind === "void") {
    const byte = { kind: "int", name: "unsigned char", size: 1, signed: false };
    return size === 0 ? t : { kind: "array", element: byte, length: size, size };
  }
  if (t.size !== size) throw new TypeError(`${what}: type ${typeName(t)} is ${t.size} bytes but the map's size is ${size}`);
  return t;
}
function bigintJson(_k, v) {
  return typeof v === "bigint" ? `${v}n` : v;
}

// src/maps/tables.ts
var HashTable = class extends Table {
};
var LruHash = class extends HashTable {
};
function arrayIndex(key2, length, name) {
  let k = typeof key2 === "object" && key2 !== null && "value" in key2 ? key2.value : key2;
  if (typeof k === "bigint") k = Number(k);
  if (typeof k !== "number" || !Number.isInteger(k)) throw new TypeError(`map '${name}': array index must be an integer, got ${typeof k}`);
  const i = k < 0 ? length + k : k;
  if (i < 0 || i >= length) throw new RangeError(`map '${name}': array index ${k} out of range (max_entries ${length})`);
  return i;
}
var ArrayBase = class extends Table {
  encodeKey(key2) {
    return this.keyCodec.encode(arrayIndex(key2, this.maxEntries, this.name));
  }
  *rawKeys() {
    for (let i = 0; i < this.maxEntries; i++) yield this.keyCodec.encode(i);
  }
  len() {
    return this.maxEntries;
  }
  /** Deletes every index that is set, ignoring those that are not (fd arrays). */
  clear() {
    for (let i = 0; i < this.maxEntries; i++) this.delete(i);
  }
};
var ArrayTable = class extends ArrayBase {
  /** Array slots cannot be removed: BCC zeroes them instead. Always true. */
  delete(key2) {
    this.clearitem(key2);
    return true;
  }
  /** BCC's clearitem: writes the zero value. */
  clearitem(key2) {
    this.set(key2, this.Leaf());
  }
  /** Zeroes every slot (there is nothing to delete in an array). */
  clear() {
    this.zero();
  }
  zero() {
    const zero = this.Leaf();
    for (let i = 0; i < this.maxEntries; i++) this.set(i, zero);
  }
};
function requireInts(values, name, what) {
  for (const v of values) {
    if (typeof v !== "number" && typeof v !== "bigint") {
      throw new TypeError(`map '${name}': ${what}() needs integer values (use getvalue() for structs)`);
    }
  }
  return values;
}
var reducers = {
  sum(values) {
    if (values.some((v) => typeof v === "bigint")) return values.reduce((a, v) => a + BigInt(v), 0n);
    return values.reduce((a, v) => a + v, 0);
  },
  max(values) {
    return values.reduce((a, v) => v > a ? v : a);
  }
};
var PerCpuHash = class extends HashTable {
  reducer;
  constructor(spec, fd, options = {}) {
    super(spec, fd, options);
    this.reducer = options.reducer;
  }
  /** The per-CPU values (one per possible CPU), or undefined when absent. */
  getvalue(key2) {
    return this.lookup(key2);
  }
  getValue(key2) {
    return this.getvalue(key2);
  }
  /** With a reducer: the reduced value (typed loosely, as the reducer decides). */
  get(key2) {
    const v = this.lookup(key2);
    if (v === void 0 || this.reducer === void 0) return v;
    return v.reduce(this.reducer);
  }
  /** With a reducer, values are reduced (as BCC's items() goes through __getitem__). */
  items() {
    const items = super.items();
    const r2 = this.reducer;
    return r2 === void 0 ? items : items.map(([k, v]) => [k, v.reduce(r2)]);
  }
  sum(key2) {
    return reducers.sum(requireInts(this.#values(key2), this.name, "sum"));
  }
  max(key2) {
    return reducers.max(requireInts(this.#values(key2), this.name, "max"));
  }
  /** sum / possible CPUs, as a float (BCC divides by the possible-CPU count too). */
  average(key2) {
    return Number(this.sum(key2)) / this.cpus;
  }
  #values(key2) {
    const v = this.getvalue(key2);
    if (v === void 0) throw new RangeError(`map '${this.name}': no such key`);
    return v;
  }
};
var LruPerCpuHash = class extends PerCpuHash {
};
var PerCpuArray = class extends ArrayTable {
  reducer;
  constructor(spec, fd, options = {}) {
    super(spec, fd, options);
    this.reducer = options.reducer;
  }
  getvalue(key2) {
    return this.lookup(key2);
  }
  getValue(key2) {
    return this.getvalue(key2);
  }
  get(key2) {
    const v = this.lookup(key2);
    if (v === void 0 || this.reducer === void 0) return v;
    return v.reduce(this.reducer);
  }
  /** With a reducer, values are reduced (as BCC's items() goes through __getitem__). */
  items() {
    const items = super.items();
    const r2 = this.reducer;
    return r2 === void 0 ? items : items.map(([k, v]) => [k, v.reduce(r2)]);
  }
  sum(key2) {
    return reducers.sum(requireInts(this.#values(key2), this.name, "sum"));
  }
  max(key2) {
    return reducers.max(requireInts(this.#values(key2), this.name, "max"));
  }
  average(key2) {
    return Number(this.sum(key2)) / this.cpus;
  }
  #values(key2) {
    const v = this.getvalue(key2);
    if (v === void 0) throw new RangeError(`map '${this.name}': no such key`);
    return v;
  }
};

// src/maps/special-tables.ts
var BUILD_ID_FRAME = 32;
var BPF_STACK_BUILD_ID_VALID = 1;
var StackTrace = class _StackTrace extends Table {
  /** BCC's cap on frames per stack (PERF_MAX_STACK_DEPTH). */
  static MAX_DEPTH = 127;
  /**
   * The instruction pointers of stack `stackId`, innermost first, stopping at the first 0. Negative
   * ids (bpf_get_stackid errors such as -EFAULT) and absent ids give an empty array. Symbolising the
   * addresses is the BPF object's job (ksym/sym).
   */
  walk(stackId) {
    const raw = this.#raw(stackId);
    if (raw === void 0 || (this.flags & BPF_MAP_FLAG.STACK_BUILD_ID) !== 0) return [];
    const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const out = [];
    for (let off = 0; off + 8 <= raw.length && out.length < _StackTrace.MAX_DEPTH; off += 8) {
      const ip = dv.getBigUint64(off, true);
      if (ip === 0n) break;
      out.push(ip);
    }
    return out;
  }
  /** For maps created with BPF_F_STACK_BUILD_ID: frames until the first one without a valid build id. */
  walkBuildIds(stackId) {
    const raw = this.#raw(stackId);
    if (raw === void 0) return [];
    const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const out = [];
    for (let off = 0; off + BUILD_ID_FRAME <= raw.length && out.length < _StackTrace.MAX_DEPTH; off += BUILD_ID_FRAME) {
      if (dv.getInt32(off, true) !== BPF_STACK_BUILD_ID_VALID) break;
      const buildId2 = Buffer.from(raw.subarray(off + 4, off + 24)).toString("hex");
      out.push({ buildId: buildId2, offset: dv.getBigUint64(off + 24, true) });
    }
    return out;
  }
  #raw(stackId) {
    const id = Number(stackId);
    if (!Number.isInteger(id) || id < 0) return void 0;
    const buf = new Uint8Array(this.valueSize);
    try {
      return mapLookupElem(this.fdLike, this.encodeKey(id), buf) ? buf : void 0;
    } catch (e) {
      this.fail(e, "lookup");
    }
  }
};
var ProgArray = class extends ArrayBase {
  /** Puts program `prog` into tail-call slot `index` (BCC: `prog_array[i] = fn`, `= fd`). */
  set(index, prog, flags) {
    return super.set(index, fdOf(prog, "ProgArray"), flags);
  }
  /** Lookups from user space return the program's id, not its fd (kernel: bpf_fd_array_map_lookup_elem). */
  get(index) {
    return super.get(index);
  }
};
function fdOf(x, what) {
  if (typeof x === "number" || x instanceof Fd) return rawFd(x);
  if (typeof x === "object" && x !== null && "fd" in x) return rawFd(x.fd);
  throw new TypeError(`${what} values must be file descriptors (a number, an Fd, or an object with .fd)`);
}
var PerfEventArray = class extends ArrayBase {
  #events;
  constructor(spec, fd, options = {}) {
    super(spec, fd, options);
    this.#events = new EventCodec(spec.name, options);
  }
  /** BCC's `b["events"].event(data)`: a perf sample's raw data decoded with the event type. */
  event(data) {
    return this.#events.decode(data);
  }
  /** Sets (or replaces) the record type used by event(). */
  setEventType(type) {
    this.#events.type = type;
  }
  /** Installs perf event `perfFd` at slot `cpu`. */
  set(cpu, perfFd, flags) {
    return super.set(cpu, fdOf(perfFd, "PerfEventArray"), flags);
  }
};
var RingBuf = class extends MapHandle {
  #events;
  constructor(spec, fd, options = {}) {
    super(spec, fd, options);
    this.#events = new EventCodec(spec.name, options);
  }
  /** Data area size in bytes (the map's max_entries: a power-of-two multiple of the page size). */
  get bytes() {
    return this.maxEntries;
  }
  /** BCC's `b["events"].event(data)`: a submitted record decoded with the event type. */
  event(data) {
    return this.#events.decode(data);
  }
  /** Sets (or replaces) the record type used by event(). */
  setEventType(type) {
    this.#events.type = type;
  }
};
var EventCodec = class {
  type;
  #mapName;
  #codecs;
  constructor(mapName, options) {
    this.#mapName = mapName;
    this.type = options.eventType;
    this.#codecs = options.codecs ?? new CodecCache();
  }
  decode(data) {
    if (this.type === void 0) {
      throw new TypeError(`map '${this.#mapName}': the event type is unknown (no record type was recorded for this map); decode the bytes yourself or call setEventType()`);
    }
    const codec = this.#codecs.get(this.type);
    if (data.length >= codec.size) return codec.decode(data);
    const padded = new Uint8Array(codec.size);
    padded.set(data);
    return codec.decode(padded);
  }
};
var QueueStack = class extends MapHandle {
  /** push() flag: when full, drop the oldest element instead of failing. */
  static BPF_EXIST = 2;
  valueCodec;
  #noKey = new Uint8Array(0);
  constructor(spec, fd, options = {}) {
    super(spec, fd, options);
    this.valueCodec = (options.codecs ?? new CodecCache()).get(typeFor(spec.value, spec.valueSize, `map '${spec.name}' value`));
  }
  /** Adds a value; a full map throws MapFullError unless flags is BPF_EXIST. */
  push(value, flags = 0) {
    try {
      mapUpdateElem(this.fdLike, this.#noKey, this.valueCodec.encode(value), flags);
    } catch (e) {
      this.fail(e, "push");
    }
  }
  /** Removes and returns the next value (FIFO for queues, LIFO for stacks); undefined when empty. */
  pop() {
    const buf = new Uint8Array(this.valueCodec.size);
    try {
      return mapLookupAndDeleteElem(this.fdLike, null, buf) ? this.valueCodec.decode(buf) : void 0;
    } catch (e) {
      this.fail(e, "pop");
    }
  }
  /** The next value without removing it; undefined when empty. */
  peek() {
    const buf = new Uint8Array(this.valueCodec.size);
    try {
      return mapLookupElem(this.fdLike, this.#noKey, buf) ? this.valueCodec.decode(buf) : void 0;
    } catch (e) {
      this.fail(e, "peek");
    }
  }
  /** Pops until empty, at most max_entries values (BCC's itervalues guard against endless refills). */
  *itervalues() {
    for (let n = 0; n < this.maxEntries; n++) {
      const v = this.pop();
      if (v === void 0) return;
      yield v;
    }
  }
  values() {
    return [...this.itervalues()];
  }
};
var LpmTrie = class extends Table {
};

// src/maps/table-for-spec.ts
function tableFor(spec, fd, options = {}) {
  switch (spec.kind) {
    case "hash":
      return new HashTable(spec, fd, options);
    case "lru_hash":
      return new LruHash(spec, fd, options);
    case "array":
      return new ArrayTable(spec, fd, options);
    case "percpu_hash":
      return new PerCpuHash(spec, fd, options);
    case "lru_percpu_hash":
      return new LruPerCpuHash(spec, fd, options);
    case "percpu_array":
      return new PerCpuArray(spec, fd, options);
    case "stack_trace":
      return new StackTrace(spec, fd, options);
    case "perf_event_array":
      return new PerfEventArray(spec, fd, options);
    case "prog_array":
      return new ProgArray(spec, fd, options);
    case "lpm_trie":
      return new LpmTrie(spec, fd, options);
    case "queue":
    case "stack":
      return new QueueStack(spec, fd, options);
    case "ringbuf":
      return new RingBuf(spec, fd, options);
    case "cgroup_array":
    case "array_of_maps":
      return new ArrayBase(spec, fd, options);
    case "hash_of_maps":
    case "task_storage":
      return new HashTable(spec, fd, options);
  }
}

// src/features/probes.ts
import { existsSync, readFileSync as readFileSync3 } from "node:fs";

// src/isa/encode.ts
var SLOT_BYTES = 8;
function encode2(insns) {
  const bytes = new Uint8Array(programSlots(insns) * SLOT_BYTES);
  const view = new DataView(bytes.buffer);
  let at2 = 0;
  for (let i = 0; i < insns.length; i++) {
    const insn2 = insns[i];
    checkFields(insn2, i);
    if (insn2.code === Opcode.LD_IMM64) {
      const value = imm64Of(insn2);
      writeSlot(view, at2, insn2.code, insn2.dst, insn2.src, insn2.off, Number(BigInt.asIntN(32, value)));
      writeSlot(view, at2 + SLOT_BYTES, 0, 0, 0, 0, Number(BigInt.asIntN(32, value >> 32n)));
      at2 += 2 * SLOT_BYTES;
    } else {
      writeSlot(view, at2, insn2.code, insn2.dst, insn2.src, insn2.off, insn2.imm);
      at2 += SLOT_BYTES;
    }
  }
  if (at2 !== bytes.length) throw new InstructionError(`encoded ${at2} bytes, expected ${bytes.length}`);
  return bytes;
}
function writeSlot(view, at2, code, dst, src, off, imm2) {
  view.setUint8(at2, code);
  view.setUint8(at2 + 1, (src & 15) << 4 | dst & 15);
  view.setInt16(at2 + 2, off, true);
  view.setInt32(at2 + 4, imm2, true);
}

// src/isa/disasm.ts
var ALU_OP_TEXT = [
  "+=",
  "-=",
  "*=",
  "/=",
  "|=",
  "&=",
  "<<=",
  ">>=",
  "neg",
  "%=",
  "^=",
  "=",
  "s>>=",
  "endian"
];
var ALU_SIGNED_TEXT = { [AluOp.DIV >> 4]: "s/=", [AluOp.MOD >> 4]: "s%=" };
var MOVSX_TEXT = ["(s8)", "(s16)", void 0, "(s32)"];
var ATOMIC_TEXT = {
  [AtomicOp.ADD]: "add",
  [AtomicOp.AND]: "and",
  [AtomicOp.OR]: "or",
  [AtomicOp.XOR]: "xor"
};
var LDST_TEXT = { [Size.W]: "u32", [Size.H]: "u16", [Size.B]: "u8", [Size.DW]: "u64" };
var LDSX_TEXT = { [Size.W]: "s32", [Size.H]: "s16", [Size.B]: "s8" };
var JMP_TEXT = [
  "jmp",
  "==",
  ">",
  ">=",
  "&",
  "!=",
  "s>",
  "s>=",
  "call",
  "exit",
  "<",
  "<=",
  "s<",
  "s<="
];
var CLASS_TEXT = ["ld", "ldx", "st", "stx", "alu", "jmp", "jmp32", "alu64"];
var str = (s2) => s2 ?? "(null)";
var signed = (n) => n < 0 ? `${n}` : `+${n}`;
var hex2 = (code) => code.toString(16).padStart(2, "0");
var u32hex = (n) => (n >>> 0).toString(16);
var ok = (text) => ({ prefixed: true, text });
var bug = (text) => ({ prefixed: false, text });
function printAlu(insn2) {
  const cls = classOf(insn2.code);
  const r2 = cls === Class.ALU ? "w" : "r";
  const op = opOf(insn2.code);
  if (op === AluOp.END) {
    if (cls === Class.ALU64) return ok(`r${insn2.dst} = bswap${insn2.imm} r${insn2.dst}`);
    return ok(`r${insn2.dst} = ${sourceOf(insn2.code) === Endian.TO_BE ? "be" : "le"}${insn2.imm} r${insn2.dst}`);
  }
  if (op === AluOp.NEG) return ok(`${r2}${insn2.dst} = -${r2}${insn2.dst}`);
  const movX = insn2.code === (Class.ALU64 | AluOp.MOV | Source.X);
  if (movX && insn2.off === ADDR_SPACE_CAST_OFF) {
    return ok(`r${insn2.dst} = addr_space_cast(r${insn2.src}, ${insn2.imm >>> 16 & 65535}, ${insn2.imm & 65535})`);
  }
  if (movX && insn2.off === -1) return ok(`r${insn2.dst} = &(void __percpu *)(r${insn2.src})`);
  const signedDivMod = (op === AluOp.DIV || op === AluOp.MOD) && insn2.off === SIGNED_DIVMOD_OFF;
  const opText2 = str(signedDivMod ? ALU_SIGNED_TEXT[op >> 4] : ALU_OP_TEXT[op >> 4]);
  if (sourceOf(insn2.code) === Source.X) {
    const movsx = op === AluOp.MOV && (insn2.off === 8 || insn2.off === 16 || insn2.off === 32);
    const cast = movsx ? str(MOVSX_TEXT[(insn2.off >> 3) - 1]) : "";
    return ok(`${r2}${insn2.dst} ${opText2} ${cast}${r2}${insn2.src}`);
  }
  return ok(`${r2}${insn2.dst} ${opText2} ${insn2.imm}`);
}
function printStx(insn2) {
  const size = sizeOf(insn2.code);
  const ty = str(LDST_TEXT[size]);
  const mem = (reg) => `(${ty} *)(r${reg} ${signed(insn2.off)})`;
  const mode = modeOf(insn2.code);
  if (mode === Mode.MEM) return ok(`*${mem(insn2.dst)} = r${insn2.src}`);
  if (mode !== Mode.ATOMIC) return bug(`BUG_${hex2(insn2.code)}`);
  const bits = size === Size.DW ? "64" : "";
  const imm2 = insn2.imm;
  if (imm2 === AtomicOp.ADD || imm2 === AtomicOp.AND || imm2 === AtomicOp.OR || imm2 === AtomicOp.XOR) {
    return ok(`lock *${mem(insn2.dst)} ${str(ALU_OP_TEXT[imm2 >> 4])} r${insn2.src}`);
  }
  const fetchOp = imm2 & ~AtomicOp.FETCH;
  if ((imm2 & AtomicOp.FETCH) !== 0 && ATOMIC_TEXT[fetchOp] !== void 0) {
    return ok(`r${insn2.src} = atomic${bits}_fetch_${ATOMIC_TEXT[fetchOp]}(${mem(insn2.dst)}, r${insn2.src})`);
  }
  if (imm2 === AtomicOp.CMPXCHG) return ok(`r0 = atomic${bits}_cmpxchg(${mem(insn2.dst)}, r0, r${insn2.src})`);
  if (imm2 === AtomicOp.XCHG) return ok(`r${insn2.src} = atomic${bits}_xchg(${mem(insn2.dst)}, r${insn2.src})`);
  if (imm2 === AtomicOp.LOAD_ACQ) return ok(`r${insn2.dst} = load_acquire(${mem(insn2.src)})`);
  if (imm2 === AtomicOp.STORE_REL) return ok(`store_release(${mem(insn2.dst)}, r${insn2.src})`);
  return bug(`BUG_${hex2(insn2.code)}`);
}
var POINTER_SRCS = /* @__PURE__ */ new Set([
  PseudoSrc.MAP_FD,
  PseudoSrc.MAP_VALUE,
  PseudoSrc.MAP_IDX,
  PseudoSrc.MAP_IDX_VALUE,
  PseudoSrc.BTF_ID
]);
function printLd(insn2, options) {
  const mode = modeOf(insn2.code);
  const ty = str(LDST_TEXT[sizeOf(insn2.code)]);
  if (mode === Mode.ABS) return ok(`r0 = *(${ty} *)skb[${insn2.imm}]`);
  if (mode === Mode.IND) return ok(`r0 = *(${ty} *)skb[r${insn2.src} + ${insn2.imm}]`);
  if (insn2.code === Opcode.LD_IMM64) {
    const value = options.hidePointers && POINTER_SRCS.has(insn2.src) ? 0n : imm64Of(insn2);
    const text = options.imm64Text ? options.imm64Text(insn2, value) : `0x${value.toString(16)}`;
    return ok(`r${insn2.dst} = ${text}`);
  }
  return bug(`BUG_ld_${hex2(insn2.code)}`);
}
function callTargetName(insn2, options, fallback) {
  if (insn2.src === CallSrc.HELPER && insn2.imm >= 0 && insn2.imm < HELPER_NAMES.length) {
    return `bpf_${HELPER_NAMES[insn2.imm]}`;
  }
  const named = options.callName?.(insn2);
  if (named !== void 0) return named;
  if (insn2.src === CallSrc.PSEUDO_CALL) return signed(insn2.imm);
  if (insn2.src === CallSrc.PSEUDO_KFUNC_CALL) return "kernel-function";
  return fallback;
}
function printJmp(insn2, options) {
  const cls = classOf(insn2.code);
  const op = opOf(insn2.code);
  if (op === JmpOp.CALL) {
    if (insn2.src === CallSrc.PSEUDO_CALL) return ok(`call pc${callTargetName(insn2, options, "")}`);
    return ok(`call ${callTargetName(insn2, options, "unknown")}#${insn2.imm}`);
  }
  if (insn2.code === Opcode.JA) return ok(`goto pc${signed(insn2.off)}`);
  if (insn2.code === (Class.JMP | JmpOp.JCOND) && insn2.src === JcondSrc.MAY_GOTO) return ok(`may_goto pc${signed(insn2.off)}`);
  if (insn2.code === Opcode.JA32) return ok(`gotol pc${signed(insn2.imm)}`);
  if (insn2.code === Opcode.EXIT) return ok("exit");
  const r2 = cls === Class.JMP32 ? "w" : "r";
  const opText2 = str(JMP_TEXT[op >> 4]);
  if (sourceOf(insn2.code) === Source.X) {
    return ok(`if ${r2}${insn2.dst} ${opText2} ${r2}${insn2.src} goto pc${signed(insn2.off)}`);
  }
  return ok(`if ${r2}${insn2.dst} ${opText2} 0x${u32hex(insn2.imm)} goto pc${signed(insn2.off)}`);
}
function print(insn2, options) {
  switch (classOf(insn2.code)) {
    case Class.ALU:
    case Class.ALU64:
      return printAlu(insn2);
    case Class.STX:
      return printStx(insn2);
    case Class.ST: {
      const mode = modeOf(insn2.code);
      if (mode === Mode.MEM) {
        return ok(`*(${str(LDST_TEXT[sizeOf(insn2.code)])} *)(r${insn2.dst} ${signed(insn2.off)}) = ${insn2.imm}`);
      }
      if (mode === 192) return ok("nospec");
      return bug(`BUG_st_${hex2(insn2.code)}`);
    }
    case Class.LDX: {
      const mode = modeOf(insn2.code);
      if (mode !== Mode.MEM && mode !== Mode.MEMSX) return bug(`BUG_ldx_${hex2(insn2.code)}`);
      const ty = str((mode === Mode.MEM ? LDST_TEXT : LDSX_TEXT)[sizeOf(insn2.code)]);
      return ok(`r${insn2.dst} = *(${ty} *)(r${insn2.src} ${signed(insn2.off)})`);
    }
    case Class.LD:
      return printLd(insn2, options);
    case Class.JMP:
    case Class.JMP32:
      return printJmp(insn2, options);
    default:
      return ok(str(CLASS_TEXT[classOf(insn2.code)]));
  }
}
function formatInstructionWithOpcode(insn2, options = {}) {
  const printed = print(insn2, options);
  return printed.prefixed ? `(${hex2(insn2.code)}) ${printed.text}` : printed.text;
}
function formatInstruction(insn2, options = {}) {
  return print(insn2, options).text;
}
function disassembleLines(insns, options = {}) {
  const style = options.style ?? "verifier";
  const lines = [];
  let slot = 0;
  for (const insn2 of insns) {
    if (style === "plain") lines.push(formatInstruction(insn2, options));
    else {
      const index = style === "bpftool" ? ` ${slot}`.padStart(4) : `${slot}`;
      lines.push(`${index}: ${formatInstructionWithOpcode(insn2, options)}`);
    }
    slot += slotCount(insn2);
  }
  return lines;
}

// src/isa/ops.ts
var alu64Imm = (op, dst, imm2, off = 0) => insn(Class.ALU64 | op | Source.K, dst, 0, off, imm2);
var alu64Reg = (op, dst, src, off = 0) => insn(Class.ALU64 | op | Source.X, dst, src, off, 0);
var alu32Imm = (op, dst, imm2, off = 0) => insn(Class.ALU | op | Source.K, dst, 0, off, imm2);
var alu32Reg = (op, dst, src, off = 0) => insn(Class.ALU | op | Source.X, dst, src, off, 0);
var jmpImm = (op, dst, imm2, off) => insn(Class.JMP | op | Source.K, dst, 0, off, imm2);
var jmpReg = (op, dst, src, off) => insn(Class.JMP | op | Source.X, dst, src, off, 0);
var jmp32Imm = (op, dst, imm2, off) => insn(Class.JMP32 | op | Source.K, dst, 0, off, imm2);
var jmp32Reg = (op, dst, src, off) => insn(Class.JMP32 | op | Source.X, dst, src, off, 0);
var ldx = (size, dst, src, off) => insn(Class.LDX | Mode.MEM | size, dst, src, off, 0);
var ldxsx = (size, dst, src, off) => insn(Class.LDX | Mode.MEMSX | size, dst, src, off, 0);
var stx = (size, dst, src, off) => insn(Class.STX | Mode.MEM | size, dst, src, off, 0);
var st = (size, dst, off, imm2) => insn(Class.ST | Mode.MEM | size, dst, 0, off, imm2);
var atomic = (size, op, dst, src, off) => insn(Class.STX | Mode.ATOMIC | size, dst, src, off, op);
var loadAcquire = (size, dst, src, off) => insn(Class.STX | Mode.ATOMIC | size, dst, src, off, AtomicOp.LOAD_ACQ);
var storeRelease = (size, dst, src, off) => insn(Class.STX | Mode.ATOMIC | size, dst, src, off, AtomicOp.STORE_REL);
var mov64Imm = (dst, imm2) => alu64Imm(AluOp.MOV, dst, imm2);
var mov64Reg = (dst, src) => alu64Reg(AluOp.MOV, dst, src);
var add64Imm = (dst, imm2) => alu64Imm(AluOp.ADD, dst, imm2);
var add64Reg = (dst, src) => alu64Reg(AluOp.ADD, dst, src);
var sub64Imm = (dst, imm2) => alu64Imm(AluOp.SUB, dst, imm2);
var sub64Reg = (dst, src) => alu64Reg(AluOp.SUB, dst, src);
var mul64Imm = (dst, imm2) => alu64Imm(AluOp.MUL, dst, imm2);
var mul64Reg = (dst, src) => alu64Reg(AluOp.MUL, dst, src);
var div64Imm = (dst, imm2) => alu64Imm(AluOp.DIV, dst, imm2);
var div64Reg = (dst, src) => alu64Reg(AluOp.DIV, dst, src);
var sdiv64Imm = (dst, imm2) => alu64Imm(AluOp.DIV, dst, imm2, SIGNED_DIVMOD_OFF);
var sdiv64Reg = (dst, src) => alu64Reg(AluOp.DIV, dst, src, SIGNED_DIVMOD_OFF);
var mod64Imm = (dst, imm2) => alu64Imm(AluOp.MOD, dst, imm2);
var mod64Reg = (dst, src) => alu64Reg(AluOp.MOD, dst, src);
var smod64Imm = (dst, imm2) => alu64Imm(AluOp.MOD, dst, imm2, SIGNED_DIVMOD_OFF);
var smod64Reg = (dst, src) => alu64Reg(AluOp.MOD, dst, src, SIGNED_DIVMOD_OFF);
var or64Imm = (dst, imm2) => alu64Imm(AluOp.OR, dst, imm2);
var or64Reg = (dst, src) => alu64Reg(AluOp.OR, dst, src);
var and64Imm = (dst, imm2) => alu64Imm(AluOp.AND, dst, imm2);
var and64Reg = (dst, src) => alu64Reg(AluOp.AND, dst, src);
var xor64Imm = (dst, imm2) => alu64Imm(AluOp.XOR, dst, imm2);
var xor64Reg = (dst, src) => alu64Reg(AluOp.XOR, dst, src);
var lsh64Imm = (dst, imm2) => alu64Imm(AluOp.LSH, dst, imm2);
var lsh64Reg = (dst, src) => alu64Reg(AluOp.LSH, dst, src);
var rsh64Imm = (dst, imm2) => alu64Imm(AluOp.RSH, dst, imm2);
var rsh64Reg = (dst, src) => alu64Reg(AluOp.RSH, dst, src);
var arsh64Imm = (dst, imm2) => alu64Imm(AluOp.ARSH, dst, imm2);
var arsh64Reg = (dst, src) => alu64Reg(AluOp.ARSH, dst, src);
var neg64 = (dst) => insn(Class.ALU64 | AluOp.NEG | Source.K, dst, 0, 0, 0);
var movsx64 = (dst, src, bits) => alu64Reg(AluOp.MOV, dst, src, bits);
var bswap = (dst, bits) => insn(Class.ALU64 | AluOp.END | Endian.TO_LE, dst, 0, 0, bits);
var mov32Imm = (dst, imm2) => alu32Imm(AluOp.MOV, dst, imm2);
var mov32Reg = (dst, src) => alu32Reg(AluOp.MOV, dst, src);
var add32Imm = (dst, imm2) => alu32Imm(AluOp.ADD, dst, imm2);
var add32Reg = (dst, src) => alu32Reg(AluOp.ADD, dst, src);
var sub32Imm = (dst, imm2) => alu32Imm(AluOp.SUB, dst, imm2);
var sub32Reg = (dst, src) => alu32Reg(AluOp.SUB, dst, src);
var mul32Imm = (dst, imm2) => alu32Imm(AluOp.MUL, dst, imm2);
var mul32Reg = (dst, src) => alu32Reg(AluOp.MUL, dst, src);
var div32Imm = (dst, imm2) => alu32Imm(AluOp.DIV, dst, imm2);
var div32Reg = (dst, src) => alu32Reg(AluOp.DIV, dst, src);
var sdiv32Imm = (dst, imm2) => alu32Imm(AluOp.DIV, dst, imm2, SIGNED_DIVMOD_OFF);
var sdiv32Reg = (dst, src) => alu32Reg(AluOp.DIV, dst, src, SIGNED_DIVMOD_OFF);
var mod32Imm = (dst, imm2) => alu32Imm(AluOp.MOD, dst, imm2);
var mod32Reg = (dst, src) => alu32Reg(AluOp.MOD, dst, src);
var smod32Imm = (dst, imm2) => alu32Imm(AluOp.MOD, dst, imm2, SIGNED_DIVMOD_OFF);
var smod32Reg = (dst, src) => alu32Reg(AluOp.MOD, dst, src, SIGNED_DIVMOD_OFF);
var or32Imm = (dst, imm2) => alu32Imm(AluOp.OR, dst, imm2);
var or32Reg = (dst, src) => alu32Reg(AluOp.OR, dst, src);
var and32Imm = (dst, imm2) => alu32Imm(AluOp.AND, dst, imm2);
var and32Reg = (dst, src) => alu32Reg(AluOp.AND, dst, src);
var xor32Imm = (dst, imm2) => alu32Imm(AluOp.XOR, dst, imm2);
var xor32Reg = (dst, src) => alu32Reg(AluOp.XOR, dst, src);
var lsh32Imm = (dst, imm2) => alu32Imm(AluOp.LSH, dst, imm2);
var lsh32Reg = (dst, src) => alu32Reg(AluOp.LSH, dst, src);
var rsh32Imm = (dst, imm2) => alu32Imm(AluOp.RSH, dst, imm2);
var rsh32Reg = (dst, src) => alu32Reg(AluOp.RSH, dst, src);
var arsh32Imm = (dst, imm2) => alu32Imm(AluOp.ARSH, dst, imm2);
var arsh32Reg = (dst, src) => alu32Reg(AluOp.ARSH, dst, src);
var neg32 = (dst) => insn(Class.ALU | AluOp.NEG | Source.K, dst, 0, 0, 0);
var movsx32 = (dst, src, bits) => alu32Reg(AluOp.MOV, dst, src, bits);
var toBe = (dst, bits) => insn(Class.ALU | AluOp.END | Endian.TO_BE, dst, 0, 0, bits);
var toLe = (dst, bits) => insn(Class.ALU | AluOp.END | Endian.TO_LE, dst, 0, 0, bits);
var ldxB = (dst, src, off) => ldx(Size.B, dst, src, off);
var ldxH = (dst, src, off) => ldx(Size.H, dst, src, off);
var ldxW = (dst, src, off) => ldx(Size.W, dst, src, off);
var ldxDW = (dst, src, off) => ldx(Size.DW, dst, src, off);
var ldxsxB = (dst, src, off) => ldxsx(Size.B, dst, src, off);
var ldxsxH = (dst, src, off) => ldxsx(Size.H, dst, src, off);
var ldxsxW = (dst, src, off) => ldxsx(Size.W, dst, src, off);
var stxB = (dst, src, off) => stx(Size.B, dst, src, off);
var stxH = (dst, src, off) => stx(Size.H, dst, src, off);
var stxW = (dst, src, off) => stx(Size.W, dst, src, off);
var stxDW = (dst, src, off) => stx(Size.DW, dst, src, off);
var stB = (dst, off, imm2) => st(Size.B, dst, off, imm2);
var stH = (dst, off, imm2) => st(Size.H, dst, off, imm2);
var stW = (dst, off, imm2) => st(Size.W, dst, off, imm2);
var stDW = (dst, off, imm2) => st(Size.DW, dst, off, imm2);
var ldAbs = (size, imm2) => insn(Class.LD | Mode.ABS | size, 0, 0, 0, imm2);
var ldInd = (size, src, imm2) => insn(Class.LD | Mode.IND | size, 0, src, 0, imm2);
function ldImm64Value(dst, value) {
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    throw new RangeError(`ldImm64 value ${value} is not a safe integer; pass a bigint`);
  }
  return ldImm64(dst, BigInt(value));
}
var u32 = (what, v) => {
  if (!Number.isInteger(v) || v < 0 || v > 4294967295) throw new RangeError(`${what} ${v} is not a u32`);
  return BigInt(v);
};
var ldMapFd = (dst, fd) => ldImm64(dst, u32("map fd", fd), PseudoSrc.MAP_FD);
var ldMapValue = (dst, fd, offset) => ldImm64(dst, u32("offset", offset) << 32n | u32("map fd", fd), PseudoSrc.MAP_VALUE);
var ldMapIdx = (dst, index) => ldImm64(dst, u32("map index", index), PseudoSrc.MAP_IDX);
var ldMapIdxValue = (dst, index, offset) => ldImm64(dst, u32("offset", offset) << 32n | u32("map index", index), PseudoSrc.MAP_IDX_VALUE);
var ldBtfId = (dst, btfId) => ldImm64(dst, u32("BTF id", btfId), PseudoSrc.BTF_ID);
function ldFunc(dst, off) {
  if (!Number.isInteger(off) || off < -2147483648 || off > 2147483647) throw new RangeError(`function offset ${off} is not an s32`);
  return ldImm64(dst, BigInt(off >>> 0), PseudoSrc.FUNC);
}
var ja = (off) => insn(Opcode.JA, 0, 0, off, 0);
var ja32 = (imm2) => insn(Opcode.JA32, 0, 0, 0, imm2);
var mayGoto = (off) => insn(Class.JMP | JmpOp.JCOND | Source.K, 0, JcondSrc.MAY_GOTO, off, 0);
var callHelper = (id) => insn(Opcode.CALL, 0, CallSrc.HELPER, 0, id);
var callLocal = (imm2) => insn(Opcode.CALL, 0, CallSrc.PSEUDO_CALL, 0, imm2);
var callKfunc = (btfId, off = 0) => insn(Opcode.CALL, 0, CallSrc.PSEUDO_KFUNC_CALL, off, btfId);
var exit = () => insn(Opcode.EXIT, 0, 0, 0, 0);

// src/isa/builder.ts
var AssemblerError = class extends InstructionError {
  name = "AssemblerError";
};
var S16 = { min: -32768, max: 32767 };
var S32 = { min: -2147483648, max: 2147483647 };
var Assembler = class {
  #items = [];
  /** label -> index of the instruction it precedes. */
  #labels = /* @__PURE__ */ new Map();
  /** Number of instructions emitted so far (LD_IMM64 counts once). */
  get length() {
    return this.#items.length;
  }
  /** Appends ready-made instructions (e.g. from ops.ts). */
  emit(...insns) {
    for (const insn2 of insns) this.#items.push({ insn: insn2 });
    return this;
  }
  /** Names the position of the next instruction. Labels are unique per assembler. */
  label(name) {
    if (this.#labels.has(name)) throw new AssemblerError(`label "${name}" defined twice`);
    this.#labels.set(name, this.#items.length);
    return this;
  }
  /** Emits `make(0)` with its `field` to be patched to the slot offset of `target` at build time. */
  #emitTo(target, field, make) {
    if (typeof target === "number") return this.emit(make(target));
    this.#items.push({ insn: make(0), pending: { label: target, field } });
    return this;
  }
  /** Resolves labels and returns the program. May be called again after more emits. */
  build() {
    const insns = this.#items.map((item) => item.insn);
    const slots = slotIndices(insns);
    return this.#items.map((item, index) => {
      if (item.pending === void 0) return item.insn;
      const { label, field } = item.pending;
      const targetIndex = this.#labels.get(label);
      if (targetIndex === void 0) throw new AssemblerError(`undefined label "${label}"`, index);
      if (targetIndex >= insns.length) {
        throw new AssemblerError(`label "${label}" is past the last instruction`, index);
      }
      const offset = slots[targetIndex] - (slots[index] + 1);
      const range = field === "off" ? S16 : S32;
      if (offset < range.min || offset > range.max) {
        throw new AssemblerError(`jump to "${label}" spans ${offset} slots, beyond the ${field} field's range`, index);
      }
      return field === "imm" && item.insn.imm64 !== void 0 ? ldFunc(item.insn.dst, offset) : { ...item.insn, [field]: offset };
    });
  }
  // ---- generic forms ----
  alu64Imm(op, dst, imm2, off = 0) {
    return this.emit(alu64Imm(op, dst, imm2, off));
  }
  alu64Reg(op, dst, src, off = 0) {
    return this.emit(alu64Reg(op, dst, src, off));
  }
  alu32Imm(op, dst, imm2, off = 0) {
    return this.emit(alu32Imm(op, dst, imm2, off));
  }
  alu32Reg(op, dst, src, off = 0) {
    return this.emit(alu32Reg(op, dst, src, off));
  }
  jmpImm(op, dst, imm2, to) {
    return this.#emitTo(to, "off", (o) => jmpImm(op, dst, imm2, o));
  }
  jmpReg(op, dst, src, to) {
    return this.#emitTo(to, "off", (o) => jmpReg(op, dst, src, o));
  }
  jmp32Imm(op, dst, imm2, to) {
    return this.#emitTo(to, "off", (o) => jmp32Imm(op, dst, imm2, o));
  }
  jmp32Reg(op, dst, src, to) {
    return this.#emitTo(to, "off", (o) => jmp32Reg(op, dst, src, o));
  }
  // ---- ALU64 ----
  mov64Imm(dst, imm2) {
    return this.emit(mov64Imm(dst, imm2));
  }
  mov64Reg(dst, src) {
    return this.emit(mov64Reg(dst, src));
  }
  add64Imm(dst, imm2) {
    return this.emit(add64Imm(dst, imm2));
  }
  add64Reg(dst, src) {
    return this.emit(add64Reg(dst, src));
  }
  sub64Imm(dst, imm2) {
    return this.emit(sub64Imm(dst, imm2));
  }
  sub64Reg(dst, src) {
    return this.emit(sub64Reg(dst, src));
  }
  mul64Imm(dst, imm2) {
    return this.emit(mul64Imm(dst, imm2));
  }
  mul64Reg(dst, src) {
    return this.emit(mul64Reg(dst, src));
  }
  div64Imm(dst, imm2) {
    return this.emit(div64Imm(dst, imm2));
  }
  div64Reg(dst, src) {
    return this.emit(div64Reg(dst, src));
  }
  sdiv64Imm(dst, imm2) {
    return this.emit(sdiv64Imm(dst, imm2));
  }
  sdiv64Reg(dst, src) {
    return this.emit(sdiv64Reg(dst, src));
  }
  mod64Imm(dst, imm2) {
    return this.emit(mod64Imm(dst, imm2));
  }
  mod64Reg(dst, src) {
    return this.emit(mod64Reg(dst, src));
  }
  smod64Imm(dst, imm2) {
    return this.emit(smod64Imm(dst, imm2));
  }
  smod64Reg(dst, src) {
    return this.emit(smod64Reg(dst, src));
  }
  or64Imm(dst, imm2) {
    return this.emit(or64Imm(dst, imm2));
  }
  or64Reg(dst, src) {
    return this.emit(or64Reg(dst, src));
  }
  and64Imm(dst, imm2) {
    return this.emit(and64Imm(dst, imm2));
  }
  and64Reg(dst, src) {
    return this.emit(and64Reg(dst, src));
  }
  xor64Imm(dst, imm2) {
    return this.emit(xor64Imm(dst, imm2));
  }
  xor64Reg(dst, src) {
    return this.emit(xor64Reg(dst, src));
  }
  lsh64Imm(dst, imm2) {
    return this.emit(lsh64Imm(dst, imm2));
  }
  lsh64Reg(dst, src) {
    return this.emit(lsh64Reg(dst, src));
  }
  rsh64Imm(dst, imm2) {
    return this.emit(rsh64Imm(dst, imm2));
  }
  rsh64Reg(dst, src) {
    return this.emit(rsh64Reg(dst, src));
  }
  arsh64Imm(dst, imm2) {
    return this.emit(arsh64Imm(dst, imm2));
  }
  arsh64Reg(dst, src) {
    return this.emit(arsh64Reg(dst, src));
  }
  neg64(dst) {
    return this.emit(neg64(dst));
  }
  movsx64(dst, src, bits) {
    return this.emit(movsx64(dst, src, bits));
  }
  bswap(dst, bits) {
    return this.emit(bswap(dst, bits));
  }
  // ---- ALU (32-bit) ----
  mov32Imm(dst, imm2) {
    return this.emit(mov32Imm(dst, imm2));
  }
  mov32Reg(dst, src) {
    return this.emit(mov32Reg(dst, src));
  }
  add32Imm(dst, imm2) {
    return this.emit(add32Imm(dst, imm2));
  }
  add32Reg(dst, src) {
    return this.emit(add32Reg(dst, src));
  }
  sub32Imm(dst, imm2) {
    return this.emit(sub32Imm(dst, imm2));
  }
  sub32Reg(dst, src) {
    return this.emit(sub32Reg(dst, src));
  }
  mul32Imm(dst, imm2) {
    return this.emit(mul32Imm(dst, imm2));
  }
  mul32Reg(dst, src) {
    return this.emit(mul32Reg(dst, src));
  }
  div32Imm(dst, imm2) {
    return this.emit(div32Imm(dst, imm2));
  }
  div32Reg(dst, src) {
    return this.emit(div32Reg(dst, src));
  }
  sdiv32Imm(dst, imm2) {
    return this.emit(sdiv32Imm(dst, imm2));
  }
  sdiv32Reg(dst, src) {
    return this.emit(sdiv32Reg(dst, src));
  }
  mod32Imm(dst, imm2) {
    return this.emit(mod32Imm(dst, imm2));
  }
  mod32Reg(dst, src) {
    return this.emit(mod32Reg(dst, src));
  }
  smod32Imm(dst, imm2) {
    return this.emit(smod32Imm(dst, imm2));
  }
  smod32Reg(dst, src) {
    return this.emit(smod32Reg(dst, src));
  }
  or32Imm(dst, imm2) {
    return this.emit(or32Imm(dst, imm2));
  }
  or32Reg(dst, src) {
    return this.emit(or32Reg(dst, src));
  }
  and32Imm(dst, imm2) {
    return this.emit(and32Imm(dst, imm2));
  }
  and32Reg(dst, src) {
    return this.emit(and32Reg(dst, src));
  }
  xor32Imm(dst, imm2) {
    return this.emit(xor32Imm(dst, imm2));
  }
  xor32Reg(dst, src) {
    return this.emit(xor32Reg(dst, src));
  }
  lsh32Imm(dst, imm2) {
    return this.emit(lsh32Imm(dst, imm2));
  }
  lsh32Reg(dst, src) {
    return this.emit(lsh32Reg(dst, src));
  }
  rsh32Imm(dst, imm2) {
    return this.emit(rsh32Imm(dst, imm2));
  }
  rsh32Reg(dst, src) {
    return this.emit(rsh32Reg(dst, src));
  }
  arsh32Imm(dst, imm2) {
    return this.emit(arsh32Imm(dst, imm2));
  }
  arsh32Reg(dst, src) {
    return this.emit(arsh32Reg(dst, src));
  }
  neg32(dst) {
    return this.emit(neg32(dst));
  }
  movsx32(dst, src, bits) {
    return this.emit(movsx32(dst, src, bits));
  }
  toBe(dst, bits) {
    return this.emit(toBe(dst, bits));
  }
  toLe(dst, bits) {
    return this.emit(toLe(dst, bits));
  }
  // ---- memory ----
  ldxB(dst, src, off) {
    return this.emit(ldxB(dst, src, off));
  }
  ldxH(dst, src, off) {
    return this.emit(ldxH(dst, src, off));
  }
  ldxW(dst, src, off) {
    return this.emit(ldxW(dst, src, off));
  }
  ldxDW(dst, src, off) {
    return this.emit(ldxDW(dst, src, off));
  }
  ldxsxB(dst, src, off) {
    return this.emit(ldxsxB(dst, src, off));
  }
  ldxsxH(dst, src, off) {
    return this.emit(ldxsxH(dst, src, off));
  }
  ldxsxW(dst, src, off) {
    return this.emit(ldxsxW(dst, src, off));
  }
  /** `*(u8 *)(dst + off) = src` */
  stxB(dst, src, off) {
    return this.emit(stxB(dst, src, off));
  }
  stxH(dst, src, off) {
    return this.emit(stxH(dst, src, off));
  }
  stxW(dst, src, off) {
    return this.emit(stxW(dst, src, off));
  }
  stxDW(dst, src, off) {
    return this.emit(stxDW(dst, src, off));
  }
  /** `*(u8 *)(dst + off) = imm` */
  stB(dst, off, imm2) {
    return this.emit(stB(dst, off, imm2));
  }
  stH(dst, off, imm2) {
    return this.emit(stH(dst, off, imm2));
  }
  stW(dst, off, imm2) {
    return this.emit(stW(dst, off, imm2));
  }
  stDW(dst, off, imm2) {
    return this.emit(stDW(dst, off, imm2));
  }
  /** Read-modify-write atomic, e.g. `atomic(Size.DW, AtomicOp.ADD | AtomicOp.FETCH, R1, R2, 0)`. */
  atomic(size, op, dst, src, off) {
    return this.emit(atomic(size, op, dst, src, off));
  }
  /** `lock *(u64 *)(dst + off) += src` */
  atomicAdd64(dst, src, off) {
    return this.atomic(Size.DW, AtomicOp.ADD, dst, src, off);
  }
  /** `lock *(u32 *)(dst + off) += src` */
  atomicAdd32(dst, src, off) {
    return this.atomic(Size.W, AtomicOp.ADD, dst, src, off);
  }
  /** `src = atomic64_fetch_add((u64 *)(dst + off), src)` */
  atomicFetchAdd64(dst, src, off) {
    return this.atomic(Size.DW, AtomicOp.ADD | AtomicOp.FETCH, dst, src, off);
  }
  /** `src = atomic64_xchg((u64 *)(dst + off), src)` */
  atomicXchg64(dst, src, off) {
    return this.atomic(Size.DW, AtomicOp.XCHG, dst, src, off);
  }
  /** `r0 = atomic64_cmpxchg((u64 *)(dst + off), r0, src)` */
  atomicCmpxchg64(dst, src, off) {
    return this.atomic(Size.DW, AtomicOp.CMPXCHG, dst, src, off);
  }
  loadAcquire(size, dst, src, off) {
    return this.emit(loadAcquire(size, dst, src, off));
  }
  storeRelease(size, dst, src, off) {
    return this.emit(storeRelease(size, dst, src, off));
  }
  ldAbs(size, imm2) {
    return this.emit(ldAbs(size, imm2));
  }
  ldInd(size, src, imm2) {
    return this.emit(ldInd(size, src, imm2));
  }
  // ---- 64-bit immediates ----
  ldImm64(dst, value) {
    return this.emit(ldImm64Value(dst, value));
  }
  ldMapFd(dst, fd) {
    return this.emit(ldMapFd(dst, fd));
  }
  ldMapValue(dst, fd, offset) {
    return this.emit(ldMapValue(dst, fd, offset));
  }
  ldMapIdx(dst, index) {
    return this.emit(ldMapIdx(dst, index));
  }
  ldMapIdxValue(dst, index, offset) {
    return this.emit(ldMapIdxValue(dst, index, offset));
  }
  ldBtfId(dst, btfId) {
    return this.emit(ldBtfId(dst, btfId));
  }
  /** `dst = &function` at a label (BPF_PSEUDO_FUNC, for callbacks such as bpf_loop). */
  ldFunc(dst, to) {
    return this.#emitTo(to, "imm", (o) => ldFunc(dst, o));
  }
  // ---- control flow ----
  ja(to) {
    return this.#emitTo(to, "off", ja);
  }
  /** `gotol`: unconditional jump with a 32-bit range (kernel 6.6+). */
  ja32(to) {
    return this.#emitTo(to, "imm", ja32);
  }
  mayGoto(to) {
    return this.#emitTo(to, "off", mayGoto);
  }
  /** Helper call by id (`Helper.map_lookup_elem`) or by name ("map_lookup_elem" / "bpf_map_lookup_elem"). */
  call(helper2) {
    if (typeof helper2 === "number") return this.emit(callHelper(helper2));
    const id = helperId(helper2);
    if (id === void 0) throw new AssemblerError(`unknown helper "${helper2}"`);
    return this.emit(callHelper(id));
  }
  /** BPF-to-BPF call of the function starting at a label. */
  callLocal(to) {
    return this.#emitTo(to, "imm", callLocal);
  }
  callKfunc(btfId, off = 0) {
    return this.emit(callKfunc(btfId, off));
  }
  exit() {
    return this.emit(exit());
  }
  // ---- conditional jumps ----
  jeqImm(dst, imm2, to) {
    return this.jmpImm(JmpOp.JEQ, dst, imm2, to);
  }
  jeqReg(dst, src, to) {
    return this.jmpReg(JmpOp.JEQ, dst, src, to);
  }
  jneImm(dst, imm2, to) {
    return this.jmpImm(JmpOp.JNE, dst, imm2, to);
  }
  jneReg(dst, src, to) {
    return this.jmpReg(JmpOp.JNE, dst, src, to);
  }
  jgtImm(dst, imm2, to) {
    return this.jmpImm(JmpOp.JGT, dst, imm2, to);
  }
  jgtReg(dst, src, to) {
    return this.jmpReg(JmpOp.JGT, dst, src, to);
  }
  jgeImm(dst, imm2, to) {
    return this.jmpImm(JmpOp.JGE, dst, imm2, to);
  }
  jgeReg(dst, src, to) {
    return this.jmpReg(JmpOp.JGE, dst, src, to);
  }
  jltImm(dst, imm2, to) {
    return this.jmpImm(JmpOp.JLT, dst, imm2, to);
  }
  jltReg(dst, src, to) {
    return this.jmpReg(JmpOp.JLT, dst, src, to);
  }
  jleImm(dst, imm2, to) {
    return this.jmpImm(JmpOp.JLE, dst, imm2, to);
  }
  jleReg(dst, src, to) {
    return this.jmpReg(JmpOp.JLE, dst, src, to);
  }
  jsetImm(dst, imm2, to) {
    return this.jmpImm(JmpOp.JSET, dst, imm2, to);
  }
  jsetReg(dst, src, to) {
    return this.jmpReg(JmpOp.JSET, dst, src, to);
  }
  jsgtImm(dst, imm2, to) {
    return this.jmpImm(JmpOp.JSGT, dst, imm2, to);
  }
  jsgtReg(dst, src, to) {
    return this.jmpReg(JmpOp.JSGT, dst, src, to);
  }
  jsgeImm(dst, imm2, to) {
    return this.jmpImm(JmpOp.JSGE, dst, imm2, to);
  }
  jsgeReg(dst, src, to) {
    return this.jmpReg(JmpOp.JSGE, dst, src, to);
  }
  jsltImm(dst, imm2, to) {
    return this.jmpImm(JmpOp.JSLT, dst, imm2, to);
  }
  jsltReg(dst, src, to) {
    return this.jmpReg(JmpOp.JSLT, dst, src, to);
  }
  jsleImm(dst, imm2, to) {
    return this.jmpImm(JmpOp.JSLE, dst, imm2, to);
  }
  jsleReg(dst, src, to) {
    return this.jmpReg(JmpOp.JSLE, dst, src, to);
  }
  // ---- conditional jumps on the low 32 bits (JMP32) ----
  jeq32Imm(dst, imm2, to) {
    return this.jmp32Imm(JmpOp.JEQ, dst, imm2, to);
  }
  jeq32Reg(dst, src, to) {
    return this.jmp32Reg(JmpOp.JEQ, dst, src, to);
  }
  jne32Imm(dst, imm2, to) {
    return this.jmp32Imm(JmpOp.JNE, dst, imm2, to);
  }
  jne32Reg(dst, src, to) {
    return this.jmp32Reg(JmpOp.JNE, dst, src, to);
  }
  jgt32Imm(dst, imm2, to) {
    return this.jmp32Imm(JmpOp.JGT, dst, imm2, to);
  }
  jgt32Reg(dst, src, to) {
    return this.jmp32Reg(JmpOp.JGT, dst, src, to);
  }
  jge32Imm(dst, imm2, to) {
    return this.jmp32Imm(JmpOp.JGE, dst, imm2, to);
  }
  jge32Reg(dst, src, to) {
    return this.jmp32Reg(JmpOp.JGE, dst, src, to);
  }
  jlt32Imm(dst, imm2, to) {
    return this.jmp32Imm(JmpOp.JLT, dst, imm2, to);
  }
  jlt32Reg(dst, src, to) {
    return this.jmp32Reg(JmpOp.JLT, dst, src, to);
  }
  jle32Imm(dst, imm2, to) {
    return this.jmp32Imm(JmpOp.JLE, dst, imm2, to);
  }
  jle32Reg(dst, src, to) {
    return this.jmp32Reg(JmpOp.JLE, dst, src, to);
  }
  jset32Imm(dst, imm2, to) {
    return this.jmp32Imm(JmpOp.JSET, dst, imm2, to);
  }
  jset32Reg(dst, src, to) {
    return this.jmp32Reg(JmpOp.JSET, dst, src, to);
  }
  jsgt32Imm(dst, imm2, to) {
    return this.jmp32Imm(JmpOp.JSGT, dst, imm2, to);
  }
  jsgt32Reg(dst, src, to) {
    return this.jmp32Reg(JmpOp.JSGT, dst, src, to);
  }
  jsge32Imm(dst, imm2, to) {
    return this.jmp32Imm(JmpOp.JSGE, dst, imm2, to);
  }
  jsge32Reg(dst, src, to) {
    return this.jmp32Reg(JmpOp.JSGE, dst, src, to);
  }
  jslt32Imm(dst, imm2, to) {
    return this.jmp32Imm(JmpOp.JSLT, dst, imm2, to);
  }
  jslt32Reg(dst, src, to) {
    return this.jmp32Reg(JmpOp.JSLT, dst, src, to);
  }
  jsle32Imm(dst, imm2, to) {
    return this.jmp32Imm(JmpOp.JSLE, dst, imm2, to);
  }
  jsle32Reg(dst, src, to) {
    return this.jmp32Reg(JmpOp.JSLE, dst, src, to);
  }
};

// src/features/elf-entry.ts
import { closeSync, openSync, readSync } from "node:fs";
function elfEntryFileOffset(path2) {
  const fd = openSync(path2, "r");
  try {
    const hdr = new Uint8Array(64);
    if (readSync(fd, hdr, 0, 64, 0) < 64) return void 0;
    const dv = new DataView(hdr.buffer);
    if (dv.getUint32(0, false) !== 2135247942 || hdr[4] !== 2 || hdr[5] !== 1) return void 0;
    const entry = dv.getBigUint64(24, true);
    const phoff = Number(dv.getBigUint64(32, true));
    const phentsize = dv.getUint16(54, true);
    const phnum = dv.getUint16(56, true);
    const ph = new Uint8Array(phentsize * phnum);
    readSync(fd, ph, 0, ph.length, phoff);
    const pv = new DataView(ph.buffer);
    for (let i = 0; i < phnum; i++) {
      const base = i * phentsize;
      const type = pv.getUint32(base, true);
      const flags = pv.getUint32(base + 4, true);
      if (type !== 1 || (flags & 1) === 0) continue;
      const offset = pv.getBigUint64(base + 8, true);
      const vaddr = pv.getBigUint64(base + 16, true);
      const filesz = pv.getBigUint64(base + 32, true);
      if (entry >= vaddr && entry < vaddr + filesz) return entry - vaddr + offset;
    }
    return void 0;
  } finally {
    closeSync(fd);
  }
}

// src/features/probes.ts
var ok2 = (name, detail) => ({ name, status: "available", detail });
var no = (name, detail) => ({ name, status: "unsupported", detail });
var unsure = (name, detail) => ({ name, status: "inconclusive", detail });
function fromError(name, what, err) {
  if (err instanceof PermissionError) return unsure(name, `${what}: ${err.errno} (not privileged enough to tell)`);
  if (err instanceof KernelError) return no(name, `${what}: ${err.errno}`);
  throw err;
}
var RET0 = () => encode2(new Assembler().mov64Imm(R02, 0).exit().build());
function tryLoad(progType, insns, extra = {}) {
  return progLoad({ progType, insns, license: "GPL", name: "bcc_ts_probe", ...extra });
}
function pmuType(pmu) {
  const path2 = `/sys/bus/event_source/devices/${pmu}/type`;
  if (!existsSync(path2)) return void 0;
  return Number.parseInt(readFileSync3(path2, "utf8"), 10);
}
var KPROBE_TARGET_CANDIDATES = ["vfs_read", "do_sys_openat2", "ksys_read"];
function kallsymsHas(name) {
  try {
    const text = readFileSync3("/proc/kallsyms", "utf8");
    return new RegExp(`^[0-9a-f]+ [tT] ${name}$`, "m").test(text);
  } catch {
    return void 0;
  }
}
var probeBpf = () => {
  try {
    mapCreate({ mapType: BPF_MAP_TYPE.ARRAY, keySize: 4, valueSize: 4, maxEntries: 1, name: "bcc_ts_probe" }).close();
    return ok2("bpf", "BPF_MAP_CREATE of an array map succeeded");
  } catch (err) {
    return fromError("bpf", "BPF_MAP_CREATE", err);
  }
};
var probeKprobePmu = () => {
  const type = pmuType("kprobe");
  if (type === void 0) return no("kprobe_pmu", "no /sys/bus/event_source/devices/kprobe (CONFIG_KPROBES off or kernel < 4.17)");
  const target = KPROBE_TARGET_CANDIDATES.find((f2) => kallsymsHas(f2) !== false) ?? "vfs_read";
  try {
    perfEventOpen({ type, kprobeFunc: target, probeOffset: 0 }, { pid: -1, cpu: 0 }).close();
    return ok2("kprobe_pmu", `perf_event_open on the kprobe PMU (type ${type}) at ${target} succeeded`);
  } catch (err) {
    return fromError("kprobe_pmu", `perf_event_open kprobe ${target}`, err);
  }
};
var probeKprobeEvents = (env) => {
  if (env.tracefs === void 0) return unsure("kprobe_events", "tracefs is not available");
  if (!existsSync(`${env.tracefs}/kprobe_events`)) return no("kprobe_events", `no ${env.tracefs}/kprobe_events (CONFIG_KPROBE_EVENTS off)`);
  return ok2("kprobe_events", `${env.tracefs}/kprobe_events exists`);
};
var probeUprobePmu = () => {
  const type = pmuType("uprobe");
  if (type === void 0) return no("uprobe_pmu", "no /sys/bus/event_source/devices/uprobe (CONFIG_UPROBE_EVENTS off or kernel < 4.17)");
  const exe = process.execPath;
  const off = elfEntryFileOffset(exe);
  if (off === void 0) return unsure("uprobe_pmu", `cannot find the entry point of ${exe}`);
  try {
    perfEventOpen({ type, uprobePath: exe, probeOffset: off }, { pid: getpid(), cpu: -1 }).close();
    return ok2("uprobe_pmu", `perf_event_open on the uprobe PMU (type ${type}) at ${exe}+0x${off.toString(16)} succeeded`);
  } catch (err) {
    return fromError("uprobe_pmu", "perf_event_open uprobe", err);
  }
};
var probeRingbuf = () => {
  try {
    mapCreate({ mapType: BPF_MAP_TYPE.RINGBUF, keySize: 0, valueSize: 0, maxEntries: 4096, name: "bcc_ts_probe" }).close();
    return ok2("ringbuf", "BPF_MAP_CREATE of a 4 KiB ring buffer succeeded");
  } catch (err) {
    return fromError("ringbuf", "BPF_MAP_CREATE ringbuf", err);
  }
};
var probeRawTracepoint = () => {
  try {
    var _stack = [];
    try {
      const prog = __using(_stack, tryLoad(BPF_PROG_TYPE.RAW_TRACEPOINT, RET0()).fd);
      rawTracepointOpen("sys_enter", prog).close();
      return ok2("raw_tracepoint", "a raw_tracepoint program attached to sys_enter");
    } catch (_) {
      var _error = _, _hasError = true;
    } finally {
      __callDispose(_stack, _error, _hasError);
    }
  } catch (err) {
    return fromError("raw_tracepoint", "raw tracepoint load/attach", err);
  }
};
var probePerfLink = (env) => {
  if (env.tracefs === void 0) return unsure("perf_link", "tracefs is not available");
  const idPath = `${env.tracefs}/events/syscalls/sys_enter_getppid/id`;
  if (!existsSync(idPath)) return unsure("perf_link", `no ${idPath}`);
  try {
    var _stack = [];
    try {
      const prog = __using(_stack, tryLoad(BPF_PROG_TYPE.TRACEPOINT, RET0()).fd);
      const ev = __using(_stack, perfEventOpen({ type: PERF_TYPE.TRACEPOINT, config: Number(readFileSync3(idPath, "utf8")), samplePeriod: 1 }, { pid: getpid(), cpu: -1 }));
      linkCreate({ progFd: prog, targetFd: ev, attachType: BPF_ATTACH_TYPE.PERF_EVENT }).close();
      return ok2("perf_link", "BPF_LINK_CREATE for a tracepoint perf event succeeded");
    } catch (_) {
      var _error = _, _hasError = true;
    } finally {
      __callDispose(_stack, _error, _hasError);
    }
  } catch (err) {
    return fromError("perf_link", "BPF_LINK_CREATE perf_event", err);
  }
};
var probeProbeReadKernel = () => {
  const insns = encode2(
    new Assembler().mov64Reg(R1, R10).add64Imm(R1, -8).mov64Imm(R2, 8).mov64Imm(R3, 0).call(Helper.probe_read_kernel).mov64Imm(R02, 0).exit().build()
  );
  try {
    tryLoad(BPF_PROG_TYPE.TRACEPOINT, insns).fd.close();
    return ok2("probe_read_kernel", "a program calling bpf_probe_read_kernel was accepted");
  } catch (err) {
    return fromError("probe_read_kernel", "load with bpf_probe_read_kernel", err);
  }
};
var probeBtf = (env) => existsSync(env.btfPath) ? ok2("btf", `${env.btfPath} exists`) : no("btf", `no ${env.btfPath} (kernel built without CONFIG_DEBUG_INFO_BTF)`);
var probeFentry = (env) => {
  if (!existsSync(env.btfPath)) return no("fentry", `fentry needs kernel BTF; no ${env.btfPath}`);
  const id = env.funcBtfId?.("bpf_fentry_test1") ?? env.funcBtfId?.("vfs_read");
  if (id === void 0) return unsure("fentry", "no BTF function id available to attach to");
  try {
    const fd = tryLoad(BPF_PROG_TYPE.TRACING, RET0(), { expectedAttachType: BPF_ATTACH_TYPE.TRACE_FENTRY, attachBtfId: id }).fd;
    try {
      rawTracepointOpen(null, fd).close();
    } finally {
      fd.close();
    }
    return ok2("fentry", "an fentry program loaded and attached");
  } catch (err) {
    if (err instanceof PermissionError && process.getuid?.() === 0) return no("fentry", `fentry load refused: ${err.errno} (kernel refuses tracing programs here)`);
    return fromError("fentry", "fentry load/attach", err);
  }
};
var FEATURE_PROBES = Object.freeze({
  bpf: probeBpf,
  btf: probeBtf,
  kprobe_pmu: probeKprobePmu,
  kprobe_events: probeKprobeEvents,
  uprobe_pmu: probeUprobePmu,
  fentry: probeFentry,
  ringbuf: probeRingbuf,
  raw_tracepoint: probeRawTracepoint,
  perf_link: probePerfLink,
  probe_read_kernel: probeProbeReadKernel
});
var FEATURE_DESCRIPTIONS = Object.freeze({
  bpf: "bpf() syscall usable (root or CAP_BPF)",
  btf: "kernel BTF (/sys/kernel/btf/vmlinux)",
  kprobe_pmu: "kprobes through the perf kprobe PMU",
  kprobe_events: "kprobes through tracefs kprobe_events",
  uprobe_pmu: "uprobes through the perf uprobe PMU",
  fentry: "fentry/fexit (BPF trampolines)",
  ringbuf: "BPF ring buffer maps",
  raw_tracepoint: "raw tracepoints",
  perf_link: "BPF links for perf events",
  probe_read_kernel: "bpf_probe_read_kernel helper"
});

// src/features/feature-cache.ts
var FeatureCache = class {
  #results = /* @__PURE__ */ new Map();
  #env;
  constructor(env = {}) {
    this.#env = { btfPath: "/sys/kernel/btf/vmlinux", ...env };
  }
  /** The probe's verdict; conclusive verdicts are cached, inconclusive ones re-probed next time. */
  probe(name) {
    const cached = this.#results.get(name);
    if (cached) return cached;
    const result = FEATURE_PROBES[name](this.#env);
    if (result.status !== "inconclusive") this.#results.set(name, result);
    return result;
  }
  has(name) {
    return this.probe(name).status === "available";
  }
  all() {
    return Object.keys(FEATURE_PROBES).map((n) => this.probe(n));
  }
};

// src/tracefs/errors.ts
var TracefsError = class extends Error {
  constructor(message, code, path2, options) {
    super(message, options);
    this.code = code;
    this.path = path2;
  }
  code;
  path;
  name = "TracefsError";
};
var TracefsUnavailableError = class extends TracefsError {
  name = "TracefsUnavailableError";
};
var TracefsEventNotFoundError = class extends TracefsError {
  constructor(category, event, path2) {
    super(
      `tracepoint ${category}:${event} not found (no ${path2}): check the name with \`bcc-ts tplist '${category}:*'\``,
      "ENOENT",
      path2
    );
    this.category = category;
    this.event = event;
  }
  category;
  event;
  name = "TracefsEventNotFoundError";
};
var FormatParseError = class extends TracefsError {
  constructor(message, line, source) {
    super(`${source ?? "format"}:${line}: ${message}`, "TRACEFS_BAD_FORMAT", source);
    this.line = line;
  }
  line;
  name = "FormatParseError";
};
function errnoCode(err) {
  if (typeof err === "object" && err !== null && "code" in err) {
    const code = err.code;
    if (typeof code === "string") return code;
  }
  return void 0;
}

// src/tracefs/tracefs.ts
import { execFileSync } from "node:child_process";
import * as fs2 from "node:fs";
import * as path from "node:path";

// src/tracefs/format.ts
var ATTR_RE = /\b(offset|size|signed):(-?\d+);/g;
var FIELD_PREFIX_RE = /^field(?: special)?:/;
function parseFormat(text, source) {
  const lines = text.split("\n");
  let name;
  let id;
  let printFmt;
  const groups = [[]];
  let inFormat = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const line = raw.trim();
    const lineNo = i + 1;
    if (line.startsWith("print fmt:")) {
      const rest = [raw.slice(raw.indexOf("print fmt:") + "print fmt:".length), ...lines.slice(i + 1)].join("\n");
      printFmt = rest.replace(/^ /, "").replace(/\n+$/, "");
      break;
    }
    if (line === "") {
      if (inFormat && (groups[groups.length - 1]?.length ?? 0) > 0) groups.push([]);
      continue;
    }
    if (line.startsWith("name:")) {
      name = line.slice(5).trim();
    } else if (line.startsWith("ID:")) {
      const value = line.slice(3).trim();
      if (!/^\d+$/.test(value)) throw new FormatParseError(`bad ID "${value}"`, lineNo, source);
      id = Number(value);
    } else if (line === "format:") {
      inFormat = true;
    } else if (FIELD_PREFIX_RE.test(line)) {
      if (!inFormat) throw new FormatParseError("field before 'format:'", lineNo, source);
      groups[groups.length - 1]?.push(parseFieldLine(line, lineNo, source));
    } else {
      throw new FormatParseError(`unexpected line "${line}"`, lineNo, source);
    }
  }
  if (name === void 0) throw new FormatParseError("missing 'name:' line", 1, source);
  if (id === void 0) throw new FormatParseError("missing 'ID:' line", 1, source);
  const nonEmpty = groups.filter((g) => g.length > 0);
  let commonFields;
  let fields;
  if (nonEmpty.length >= 2) {
    commonFields = nonEmpty[0] ?? [];
    fields = nonEmpty.slice(1).flat();
  } else {
    const all = nonEmpty.flat();
    commonFields = all.filter((f2) => f2.name.startsWith("common_"));
    fields = all.filter((f2) => !f2.name.startsWith("common_"));
  }
  let fixedSize = 0;
  for (const f2 of [...commonFields, ...fields]) fixedSize = Math.max(fixedSize, f2.offset + f2.size);
  return { name, id, commonFields, fields, printFmt: printFmt ?? "", fixedSize };
}
function parseFieldLine(line, lineNo, source) {
  const body = line.replace(FIELD_PREFIX_RE, "");
  const semi = body.indexOf(";");
  if (semi < 0) throw new FormatParseError(`field without ';': "${line}"`, lineNo, source);
  const decl = body.slice(0, semi).trim();
  const attrs = /* @__PURE__ */ new Map();
  for (const m of body.slice(semi + 1).matchAll(ATTR_RE)) attrs.set(m[1] ?? "", Number(m[2]));
  const offset = attrs.get("offset");
  const size = attrs.get("size");
  if (offset === void 0 || size === void 0) {
    throw new FormatParseError(`field without offset/size: "${line}"`, lineNo, source);
  }
  const parsed = parseDecl(decl);
  if (parsed === void 0) throw new FormatParseError(`cannot parse declaration "${decl}"`, lineNo, source);
  const field = {
    name: parsed.name,
    type: parsed.type,
    elementType: parsed.elementType,
    offset,
    size,
    // Kernels before 2.6.31 print no signed attribute.
    signed: (attrs.get("signed") ?? 0) !== 0,
    isDataLoc: parsed.loc === "__data_loc",
    isRelLoc: parsed.loc === "__rel_loc",
    decl
  };
  if (parsed.arrayLenText !== void 0) {
    const len = resolveArrayLen(parsed.arrayLenText, parsed.loc !== void 0, size, parsed.elementType);
    if (len !== void 0) field.arrayLen = len;
  }
  return field;
}
function parseDecl(decl) {
  let text = decl.trim();
  let loc;
  const locMatch = /^(__data_loc|__rel_loc)\s+/.exec(text);
  if (locMatch) {
    loc = locMatch[1];
    text = text.slice(locMatch[0].length);
  }
  let arrayLenText;
  const suffix = /\[([^\]]*)\]\s*$/.exec(text);
  if (suffix) {
    arrayLenText = suffix[1]?.trim() ?? "";
    text = text.slice(0, suffix.index).trimEnd();
  }
  const nameMatch = /([A-Za-z_]\w*)$/.exec(text);
  if (!nameMatch) return void 0;
  const name = nameMatch[1] ?? "";
  let elementType = text.slice(0, nameMatch.index).trim();
  const typeArray = /\[([^\]]*)\]$/.exec(elementType);
  if (typeArray) {
    arrayLenText ??= typeArray[1]?.trim() ?? "";
    elementType = elementType.slice(0, typeArray.index).trimEnd();
  }
  if (elementType === "") return void 0;
  const type = arrayLenText === void 0 ? elementType : `${elementType}[${arrayLenText}]`;
  const out = { name, type, elementType };
  if (loc !== void 0) out.loc = loc;
  if (arrayLenText !== void 0) out.arrayLenText = arrayLenText;
  return out;
}
var ELEMENT_SIZES = {
  char: 1,
  "signed char": 1,
  "unsigned char": 1,
  u8: 1,
  s8: 1,
  __u8: 1,
  __s8: 1,
  uint8_t: 1,
  int8_t: 1,
  bool: 1,
  short: 2,
  "unsigned short": 2,
  u16: 2,
  s16: 2,
  __u16: 2,
  __s16: 2,
  __be16: 2,
  __le16: 2,
  uint16_t: 2,
  int16_t: 2,
  int: 4,
  "unsigned int": 4,
  unsigned: 4,
  u32: 4,
  s32: 4,
  __u32: 4,
  __s32: 4,
  __be32: 4,
  __le32: 4,
  uint32_t: 4,
  int32_t: 4,
  long: 8,
  "unsigned long": 8,
  "long long": 8,
  "unsigned long long": 8,
  u64: 8,
  s64: 8,
  __u64: 8,
  __s64: 8,
  uint64_t: 8,
  int64_t: 8
};
function knownElementSize(elementType) {
  if (/\*\s*$/.test(elementType)) return 8;
  return ELEMENT_SIZES[elementType.replace(/^const\s+/, "").replace(/\s+/g, " ")];
}
function resolveArrayLen(text, dynamic, size, elementType) {
  if (dynamic || text === "") return 0;
  if (/^\d+$/.test(text)) return Number(text);
  if (/^0x[0-9a-f]+$/i.test(text)) return Number.parseInt(text, 16);
  const elem = knownElementSize(elementType);
  return elem !== void 0 && size % elem === 0 ? size / elem : void 0;
}

// src/tracefs/trace-pipe.ts
import * as fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
var MIN_POLL_MS = 1;
var TracePipe = class {
  path;
  #fd;
  #buf;
  #maxPollMs;
  // Complete lines not yet handed out, and the bytes of a line still being received.
  #lines = [];
  #partial = [];
  #decoder = new TextDecoder("utf-8");
  // Sleep cell for Atomics.wait in the synchronous path (one per reader; never notified).
  #sleepCell = new Int32Array(new SharedArrayBuffer(4));
  // Resolvers of async waits, so close() can end them at once instead of after the current sleep.
  #wakers = /* @__PURE__ */ new Set();
  #pollMs = MIN_POLL_MS;
  /** Open `<tracefs>/trace_pipe` (or an explicit path, e.g. an instance's trace_pipe). */
  constructor(source, options = {}) {
    this.path = typeof source === "string" ? source : source.path("trace_pipe");
    this.#maxPollMs = Math.max(MIN_POLL_MS, options.maxPollMs ?? 20);
    this.#buf = Buffer.alloc(options.bufferSize ?? 64 * 1024);
    try {
      this.#fd = fs.openSync(this.path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    } catch (err) {
      const code = errnoCode(err) ?? "EIO";
      const hint = code === "EACCES" || code === "EPERM" ? "run as root" : "check that tracefs is mounted";
      throw new TracefsError(`cannot open ${this.path}: ${code}: ${hint}`, code, this.path, { cause: err });
    }
  }
  get closed() {
    return this.#fd === void 0;
  }
  /**
   * Next line (without '\n'), blocking the thread until one arrives, like BCC's trace_readline.
   * With `timeoutMs`, returns undefined when none arrived in time; timeoutMs 0 is a single
   * non-blocking attempt (BCC's nonblocking=True). Returns undefined once closed.
   */
  readline(timeoutMs) {
    const deadline = timeoutMs === void 0 ? Infinity : performance.now() + timeoutMs;
    for (; ; ) {
      const line = this.#lines.shift();
      if (line !== void 0) return line;
      if (this.#fd === void 0) return void 0;
      if (this.#fill()) continue;
      const left2 = deadline - performance.now();
      if (left2 <= 0) return void 0;
      Atomics.wait(this.#sleepCell, 0, 0, Math.min(this.#nextPoll(), left2));
    }
  }
  /**
   * Next line without blocking the event loop; undefined on timeout, on abort, or when closed
   * meanwhile.
   */
  async nextLine(timeoutMs, signal) {
    const deadline = timeoutMs === void 0 ? Infinity : performance.now() + timeoutMs;
    const onAbort = () => this.#wakeAll();
    signal?.addEventListener("abort", onAbort);
    try {
      return await this.#nextLine(deadline, signal);
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }
  async #nextLine(deadline, signal) {
    for (; ; ) {
      const line = this.#lines.shift();
      if (line !== void 0) return line;
      if (this.#fd === void 0 || signal?.aborted) return void 0;
      if (this.#fill()) continue;
      const left2 = deadline - performance.now();
      if (left2 <= 0) return void 0;
      await this.#wait(Math.min(this.#nextPoll(), left2));
    }
  }
  /**
   * Lines as they arrive, until close() (or `signal` aborts). Breaking out of a for-await loop does
   * not close the pipe; dispose it for that.
   */
  async *lines(options = {}) {
    const { signal } = options;
    while (this.#fd !== void 0 && !signal?.aborted) {
      const line = await this.nextLine(void 0, signal);
      if (line === void 0) return;
      yield line;
    }
  }
  [Symbol.asyncIterator]() {
    return this.lines();
  }
  /**
   * Event form: call `onLine` for each line from a background loop until the returned handle is
   * disposed or the pipe closed. A read error goes to `onError` (default: rethrown as an unhandled
   * rejection, so it is not lost) and ends the loop.
   */
  subscribe(onLine, onError) {
    const ac = new AbortController();
    const done = (async () => {
      try {
        for await (const line of this.lines({ signal: ac.signal })) onLine(line);
      } catch (err) {
        if (onError) onError(err);
        else throw err;
      }
    })();
    return { done, [Symbol.dispose]: () => ac.abort() };
  }
  /** Lines already read (complete or not) are dropped; pending async waits resolve at once. */
  close() {
    const fd = this.#fd;
    if (fd === void 0) return;
    this.#fd = void 0;
    this.#lines.length = 0;
    this.#partial = [];
    fs.closeSync(fd);
    this.#wakeAll();
  }
  [Symbol.dispose]() {
    this.close();
  }
  /** One non-blocking read; true when it produced bytes. Throws on errors other than EAGAIN. */
  #fill() {
    const fd = this.#fd;
    if (fd === void 0) return false;
    let n;
    try {
      n = fs.readSync(fd, this.#buf, 0, this.#buf.length, null);
    } catch (err) {
      const code = errnoCode(err);
      if (code === "EAGAIN" || code === "EWOULDBLOCK" || code === "EINTR") return false;
      throw new TracefsError(`reading ${this.path} failed: ${code ?? err.message}`, code ?? "EIO", this.path, {
        cause: err
      });
    }
    if (n <= 0) return false;
    this.#pollMs = MIN_POLL_MS;
    this.#split(this.#buf.subarray(0, n));
    return true;
  }
  #split(chunk) {
    let start = 0;
    for (; ; ) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      const piece = chunk.subarray(start, nl);
      const bytes = this.#partial.length > 0 ? Buffer.concat([...this.#partial, piece]) : piece;
      this.#partial = [];
      this.#lines.push(this.#decoder.decode(bytes));
      start = nl + 1;
    }
    if (start < chunk.length) this.#partial.push(Buffer.from(chunk.subarray(start)));
  }
  #nextPoll() {
    const ms = this.#pollMs;
    this.#pollMs = Math.min(this.#maxPollMs, this.#pollMs * 2);
    return ms;
  }
  async #wait(ms) {
    const ac = new AbortController();
    let waker;
    const woken = new Promise((resolve6) => {
      waker = resolve6;
    });
    const wake = () => waker?.();
    this.#wakers.add(wake);
    try {
      await Promise.race([sleep(ms, void 0, { signal: ac.signal }).catch(() => void 0), woken]);
    } finally {
      ac.abort();
      this.#wakers.delete(wake);
    }
  }
  #wakeAll() {
    for (const wake of [...this.#wakers]) wake();
  }
};

// src/tracefs/tracefs.ts
var TRACEFS_PATH = "/sys/kernel/tracing";
var DEBUGFS_TRACING_PATH = "/sys/kernel/debug/tracing";
function isTracefsRoot(dir) {
  try {
    return fs2.statSync(path.join(dir, "events")).isDirectory();
  } catch {
    return false;
  }
}
function tracefsMountPoints(mountsText) {
  let text = mountsText;
  if (text === void 0) {
    try {
      text = fs2.readFileSync("/proc/self/mounts", "utf8");
    } catch {
      return [];
    }
  }
  const out = [];
  for (const line of text.split("\n")) {
    const [, mountPoint, fsType] = line.split(" ");
    if (fsType === "tracefs" && mountPoint !== void 0) {
      out.push(mountPoint.replace(/\\([0-7]{3})/g, (_, oct) => String.fromCharCode(Number.parseInt(oct, 8))));
    }
  }
  return out;
}
function findTracefs(options = {}) {
  const candidates = options.candidates ?? [TRACEFS_PATH, DEBUGFS_TRACING_PATH];
  for (const dir of candidates) if (isTracefsRoot(dir)) return dir;
  if (options.candidates === void 0) {
    const elsewhere = tracefsMountPoints().find(isTracefsRoot);
    if (elsewhere !== void 0) return elsewhere;
  }
  const target = candidates[0] ?? TRACEFS_PATH;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  let mountFailure = "";
  if (options.mount !== false && isRoot) {
    for (const dir of candidates) {
      if (!fs2.existsSync(dir)) continue;
      try {
        execFileSync("mount", ["-t", "tracefs", "nodev", dir], { stdio: ["ignore", "ignore", "pipe"], timeout: 1e4 });
        if (isTracefsRoot(dir)) return dir;
        mountFailure = ` (mounted ${dir} but it has no events/)`;
      } catch (err) {
        const stderr = err.stderr?.toString().trim();
        mountFailure = ` (mount on ${dir} failed: ${stderr || err.message})`;
      }
      break;
    }
  }
  const hint = isRoot ? `mount it with \`mount -t tracefs nodev ${target}\` (needs CONFIG_TRACING)` : `run as root, or have root mount it with \`mount -t tracefs nodev ${target}\``;
  throw new TracefsUnavailableError(
    `tracefs is not mounted at ${candidates.join(" or ")}${mountFailure}: ${hint}`,
    "TRACEFS_UNAVAILABLE",
    target
  );
}
function globToRegExp(glob) {
  const hasColon = glob.includes(":");
  const any = "[^:]";
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? "";
    if (c === "*") re += `${any}*`;
    else if (c === "?") re += any;
    else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) re += "\\[";
      else {
        let set = glob.slice(i + 1, close);
        if (set.startsWith("!")) set = `^${set.slice(1)}`;
        re += `[${set.replace(/\\/g, "\\\\")}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\\/]/g, "\\$&");
  }
  return hasColon ? new RegExp(`^${re}$`) : new RegExp(`^[^:]+:${re}$`);
}
var Tracefs = class _Tracefs {
  constructor(root) {
    this.root = root;
  }
  root;
  #formats = /* @__PURE__ */ new Map();
  /** Find or mount tracefs (see findTracefs). */
  static open(options = {}) {
    return new _Tracefs(findTracefs(options));
  }
  /** Absolute path of a file under the mount. */
  path(...parts) {
    return path.join(this.root, ...parts);
  }
  eventDir(category, event) {
    checkName("category", category);
    checkName("event", event);
    return this.path("events", category, event);
  }
  eventExists(category, event) {
    const dir = this.eventDir(category, event);
    return fs2.existsSync(path.join(dir, "id")) || fs2.existsSync(path.join(dir, "format"));
  }
  /** The event's id (what perf_event_attr.config takes for PERF_TYPE_TRACEPOINT). */
  eventId(category, event) {
    const file = path.join(this.eventDir(category, event), "id");
    if (!fs2.existsSync(file) && fs2.existsSync(path.join(this.eventDir(category, event), "format"))) {
      return this.format(category, event).id;
    }
    const text = this.#readEventFile(file, category, event);
    const id = Number(text.trim());
    if (!Number.isInteger(id) || id < 0) {
      throw new TracefsError(`unexpected content "${text.trim()}" in ${file}`, "TRACEFS_BAD_ID", file);
    }
    return id;
  }
  /** Parsed `format` of an event; cached on this instance (formats do not change while an event exists). */
  format(category, event) {
    const key2 = `${category}:${event}`;
    const cached = this.#formats.get(key2);
    if (cached) return cached;
    const file = path.join(this.eventDir(category, event), "format");
    const parsed = parseFormat(this.#readEventFile(file, category, event), file);
    this.#formats.set(key2, parsed);
    return parsed;
  }
  /** Open this mount's trace_pipe (see TracePipe). */
  tracePipe(options) {
    return new TracePipe(this.path("trace_pipe"), options);
  }
  /** Drop cached formats (e.g. after removing and re-adding a dynamic probe event of the same name). */
  clearCache() {
    this.#formats.clear();
  }
  /**
   * All events, as "category:event", sorted; filtered by `pattern` when given. Reads
   * available_events (one read) and falls back to walking events/ when that file is unreadable.
   */
  listEvents(pattern) {
    let names;
    try {
      names = fs2.readFileSync(this.path("available_events"), "utf8").split("\n").map((l) => l.trim()).filter((l) => l.includes(":"));
    } catch {
      names = this.#walkEvents();
    }
    const re = pattern === void 0 ? void 0 : typeof pattern === "string" ? globToRegExp(pattern) : pattern;
    const out = re === void 0 ? names : names.filter((n) => {
      re.lastIndex = 0;
      return re.test(n);
    });
    return [...new Set(out)].sort();
  }
  /** listEvents, split into category and event. */
  listEventNames(pattern) {
    return this.listEvents(pattern).map((n) => {
      const i = n.indexOf(":");
      return { category: n.slice(0, i), event: n.slice(i + 1) };
    });
  }
  /** Event categories (directories under events/). */
  categories() {
    return fs2.readdirSync(this.path("events"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  }
  /**
   * Create a tracing instance (instances/<name>): a private ring buffer with its own trace_pipe,
   * trace_marker and event enables, so a reader does not compete with other trace_pipe readers on
   * the machine. Removed on dispose.
   */
  createInstance(name) {
    checkName("instance", name);
    const dir = this.path("instances", name);
    try {
      fs2.mkdirSync(dir);
    } catch (err) {
      const code = errnoCode(err) ?? "EIO";
      throw new TracefsError(`cannot create tracing instance ${dir}: ${code}`, code, dir, { cause: err });
    }
    return new TracefsInstance(dir);
  }
  #walkEvents() {
    const out = [];
    for (const category of this.categories()) {
      for (const d of fs2.readdirSync(this.path("events", category), { withFileTypes: true })) {
        if (d.isDirectory()) out.push(`${category}:${d.name}`);
      }
    }
    return out;
  }
  #readEventFile(file, category, event) {
    try {
      return fs2.readFileSync(file, "utf8");
    } catch (err) {
      const code = errnoCode(err);
      if (code === "ENOENT") throw new TracefsEventNotFoundError(category, event, file);
      throw new TracefsError(
        `cannot read ${file}: ${code ?? err.message}${code === "EACCES" ? " (tracefs files need root)" : ""}`,
        code ?? "EIO",
        file,
        { cause: err }
      );
    }
  }
};
function checkName(what, name) {
  if (name === "" || name === "." || name === ".." || name.includes("/") || name.includes("\0")) {
    throw new TracefsError(`invalid tracepoint ${what} name "${name}"`, "EINVAL");
  }
}
var TracefsInstance = class {
  constructor(root) {
    this.root = root;
  }
  root;
  #removed = false;
  path(...parts) {
    return path.join(this.root, ...parts);
  }
  /** Write a line into this instance's buffer through its trace_marker. */
  mark(text) {
    fs2.writeFileSync(this.path("trace_marker"), text, { flag: "a" });
  }
  /** Enable or disable an event in this instance only. */
  setEventEnabled(category, event, enabled) {
    checkName("category", category);
    checkName("event", event);
    fs2.writeFileSync(this.path("events", category, event, "enable"), enabled ? "1" : "0", { flag: "a" });
  }
  /** rmdir the instance (the kernel refuses with EBUSY while a reader has its trace_pipe open). */
  remove() {
    if (this.#removed) return;
    try {
      fs2.rmdirSync(this.root);
    } catch (err) {
      if (errnoCode(err) !== "ENOENT") throw err;
    }
    this.#removed = true;
  }
  [Symbol.dispose]() {
    this.remove();
  }
};

// src/tracefs/trace-fields.ts
var LINE_RE = /^(.*?)-(\d+)\s+(?:\(\s*(\d+|-+)\s*\)\s+)?\[(\d+)\]\s+(?:([^\s\[\]:]{1,8})\s+)?(\d+(?:\.\d+)?):(?: (.*))?$/s;
var EVENT_RE = /^([A-Za-z_][\w.]*|0x[0-9a-fA-F]+|):(?: |$)/;
function parseTraceLine(line) {
  const text = line.replace(/\r?\n$/, "").trimStart();
  if (text === "" || text.startsWith("#") || text.startsWith("CPU:")) return void 0;
  const m = LINE_RE.exec(text);
  if (!m) return void 0;
  const task = (m[1] ?? "").trim();
  const tgidText = m[3];
  const tsText = m[6] ?? "";
  const rest = m[7] ?? "";
  const fields = {
    task,
    pid: Number(m[2]),
    cpu: Number(m[4]),
    flags: m[5] ?? "",
    ts: Number(tsText),
    tsText,
    msg: rest
  };
  if (tgidText !== void 0 && /^\d+$/.test(tgidText)) fields.tgid = Number(tgidText);
  const ev = EVENT_RE.exec(rest);
  if (ev) {
    fields.event = ev[1] ?? "";
    fields.msg = rest.slice(ev[0].length);
  }
  return fields;
}

// src/tracefs/probe-events.ts
import * as fs3 from "node:fs";
var GROUP_PREFIX = "bcc_ts_";
var MAX_NAME_LEN = 63;
function probeGroup(pid = process.pid) {
  return `${GROUP_PREFIX}${pid}`;
}
function pidOfProbeGroup(group) {
  const m = /^bcc_ts_(\d+)$/.exec(group);
  return m ? Number(m[1]) : void 0;
}
function sanitizeEventName(name) {
  let out = name.replace(/[^A-Za-z0-9_]/g, "_");
  if (!/^[A-Za-z_]/.test(out)) out = `_${out}`;
  return out.slice(0, MAX_NAME_LEN);
}
function uprobeTarget(path2, offset, refCtrOffset) {
  if (/\s/.test(path2)) throw new TracefsError(`uprobe path "${path2}" contains whitespace`, "EINVAL");
  const ref = refCtrOffset === void 0 ? "" : `(0x${refCtrOffset.toString(16)})`;
  return `${path2}:0x${offset.toString(16)}${ref}`;
}
function kprobeTarget(symbol, offset = 0) {
  return offset === 0 ? symbol : `${symbol}+${offset}`;
}
function parseProbeEventLine(line) {
  const m = /^([pr])(\d*):([^/\s]+)\/(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(line.trim());
  if (!m) return void 0;
  const entry = {
    kind: m[1],
    group: m[3] ?? "",
    event: m[4] ?? "",
    target: m[5] ?? "",
    args: (m[6] ?? "").split(/\s+/).filter((a) => a !== ""),
    line: line.trim()
  };
  if (m[2]) entry.maxActive = Number(m[2]);
  return entry;
}
function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) !== "ESRCH";
  }
}
var ProbeEvents = class _ProbeEvents {
  constructor(tracefs, file) {
    this.tracefs = tracefs;
    this.file = file;
    this.path = tracefs.path(file);
  }
  tracefs;
  file;
  path;
  static kprobes(tracefs) {
    return new _ProbeEvents(tracefs, "kprobe_events");
  }
  static uprobes(tracefs) {
    return new _ProbeEvents(tracefs, "uprobe_events");
  }
  /** False when the kernel lacks this interface (e.g. CONFIG_KPROBE_EVENTS off: no kprobe_events). */
  available() {
    return fs3.existsSync(this.path);
  }
  list() {
    let text;
    try {
      text = fs3.readFileSync(this.path, "utf8");
    } catch (err) {
      throw this.#error("read", err);
    }
    const out = [];
    for (const line of text.split("\n")) {
      const entry = parseProbeEventLine(line);
      if (entry) out.push(entry);
    }
    return out;
  }
  /** Our entries (group bcc_ts_<pid>), by default this process's. */
  listOwn(pid = process.pid) {
    const group = probeGroup(pid);
    return this.list().filter((e) => e.group === group);
  }
  /** Define an event. Its tracepoint id is then `tracefs.eventId(group, event)`. */
  add(spec) {
    const group = spec.group ?? probeGroup();
    checkProbeName("group", group);
    checkProbeName("event", spec.event);
    if (spec.maxActive !== void 0 && spec.kind !== "r") {
      throw new TracefsError("maxActive only applies to return probes", "EINVAL");
    }
    const head = `${spec.kind}${spec.maxActive ?? ""}:${group}/${spec.event}`;
    const line = [head, spec.target, ...spec.args ?? []].join(" ");
    this.#write(line);
    return { group, event: spec.event };
  }
  /**
   * Define an event and get a handle that deletes it on dispose. Close perf events opened on it
   * first: the kernel refuses (EBUSY) to delete an event in use.
   */
  create(spec) {
    const { group, event } = this.add(spec);
    return new OwnedProbeEvent(this, group, event);
  }
  /** Delete an event. Returns false when it did not exist. */
  remove(group, event) {
    checkProbeName("group", group);
    checkProbeName("event", event);
    if (!this.available()) throw this.#error("open", Object.assign(new Error("ENOENT"), { code: "ENOENT" }));
    try {
      this.#write(`-:${group}/${event}`);
      return true;
    } catch (err) {
      if (err instanceof TracefsError && err.code === "ENOENT") return false;
      throw err;
    }
  }
  /**
   * Delete entries of bcc_ts_<pid> groups whose process is gone. Entries still in use (EBUSY: some
   * perf event holds them) are skipped. Returns what was removed.
   */
  removeStale(isAlive = pidAlive) {
    const removed = [];
    for (const entry of this.list()) {
      const pid = pidOfProbeGroup(entry.group);
      if (pid === void 0 || pid === process.pid || isAlive(pid)) continue;
      try {
        if (this.remove(entry.group, entry.event)) removed.push(entry);
      } catch (err) {
        if (!(err instanceof TracefsError && err.code === "EBUSY")) throw err;
      }
    }
    return removed;
  }
  #write(line) {
    const before = this.#errorLog();
    let fd;
    try {
      fd = fs3.openSync(this.path, fs3.constants.O_WRONLY | fs3.constants.O_APPEND);
    } catch (err) {
      throw this.#error("open", err);
    }
    try {
      fs3.writeSync(fd, `${line}
`);
    } catch (err) {
      throw this.#error(`write "${line}" to`, err, this.#newErrorLogLine(before));
    } finally {
      fs3.closeSync(fd);
    }
  }
  #error(action, err, detail) {
    const code = errnoCode(err) ?? "EIO";
    let hint = "";
    if (code === "ENOENT" && action === "open") hint = `: this kernel has no ${this.file} (CONFIG_${this.file === "kprobe_events" ? "KPROBE" : "UPROBE"}_EVENTS off?)`;
    else if (code === "EACCES" || code === "EPERM") hint = ": run as root";
    else if (code === "EEXIST") hint = ": an event of that name already exists (remove it first)";
    else if (code === "EBUSY") hint = ": the event is in use (close perf events attached to it first)";
    const why = detail ? ` (kernel: ${detail})` : "";
    return new TracefsError(`cannot ${action} ${this.path}: ${code}${why}${hint}`, code, this.path, { cause: err });
  }
  // The kernel explains rejected definitions in error_log (5.5+); we report the newest line that
  // appeared during our write. It is a ring shared with other writers, hence the before/after diff.
  #errorLog() {
    try {
      return fs3.readFileSync(this.tracefs.path("error_log"), "utf8");
    } catch {
      return "";
    }
  }
  #newErrorLogLine(before) {
    const after = this.#errorLog();
    if (after === before || after === "") return void 0;
    const lines = after.split("\n").filter((l) => /error:/.test(l) && !before.includes(l));
    return lines.at(-1)?.replace(/^\[\s*[\d.]+\]\s*/, "").trim();
  }
};
var OwnedProbeEvent = class {
  constructor(events, group, event) {
    this.events = events;
    this.group = group;
    this.event = event;
  }
  events;
  group;
  event;
  #removed = false;
  /** Tracepoint id of the event, for perf_event_open(PERF_TYPE_TRACEPOINT). */
  get id() {
    return this.events.tracefs.eventId(this.group, this.event);
  }
  /** Delete the event (idempotent; a concurrent deletion by someone else is fine). */
  remove() {
    if (this.#removed) return;
    this.events.remove(this.group, this.event);
    this.#removed = true;
  }
  [Symbol.dispose]() {
    this.remove();
  }
};
function removeStaleProbes(tracefs, isAlive = pidAlive) {
  const removed = [];
  for (const events of [ProbeEvents.kprobes(tracefs), ProbeEvents.uprobes(tracefs)]) {
    if (events.available()) removed.push(...events.removeStale(isAlive));
  }
  return removed;
}
function checkProbeName(what, name) {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name.length > MAX_NAME_LEN) {
    throw new TracefsError(
      `invalid probe ${what} name "${name}": use [A-Za-z_][A-Za-z0-9_]* up to ${MAX_NAME_LEN} characters (sanitizeEventName)`,
      "EINVAL"
    );
  }
}

// src/programs/prog-kind.ts
function progTypeOf(kind) {
  switch (kind) {
    case "kprobe":
    case "kretprobe":
    case "uprobe":
    case "uretprobe":
      return { progType: BPF_PROG_TYPE.KPROBE };
    case "tracepoint":
      return { progType: BPF_PROG_TYPE.TRACEPOINT };
    case "raw_tracepoint":
      return { progType: BPF_PROG_TYPE.RAW_TRACEPOINT };
    case "perf_event":
      return { progType: BPF_PROG_TYPE.PERF_EVENT };
    case "fentry":
      return { progType: BPF_PROG_TYPE.TRACING, expectedAttachType: BPF_ATTACH_TYPE.TRACE_FENTRY };
    case "fexit":
      return { progType: BPF_PROG_TYPE.TRACING, expectedAttachType: BPF_ATTACH_TYPE.TRACE_FEXIT };
    case "socket_filter":
      return { progType: BPF_PROG_TYPE.SOCKET_FILTER };
    case "xdp":
      return { progType: BPF_PROG_TYPE.XDP };
    case "sched_cls":
      return { progType: BPF_PROG_TYPE.SCHED_CLS };
    // The kernel only accepts sleepable SYSCALL programs ("Syscall programs can only be sleepable").
    case "syscall":
      return { progType: BPF_PROG_TYPE.SYSCALL, progFlags: BPF_PROG_FLAG.SLEEPABLE };
  }
}
function parseProbeName(name) {
  let m;
  if (m = /^kprobe__(.+)$/.exec(name)) return { kind: "kprobe", target: m[1] };
  if (m = /^kretprobe__(.+)$/.exec(name)) return { kind: "kretprobe", target: m[1] };
  if (m = /^tracepoint__(.+?)__(.+)$/.exec(name)) return { kind: "tracepoint", target: `${m[1]}:${m[2]}`, category: m[1], event: m[2] };
  if (m = /^raw_tracepoint__(.+)$/.exec(name)) return { kind: "raw_tracepoint", target: m[1] };
  if (m = /^kfunc__(?:vmlinux__)?(.+)$/.exec(name)) return { kind: "fentry", target: m[1] };
  if (m = /^kretfunc__(?:vmlinux__)?(.+)$/.exec(name)) return { kind: "fexit", target: m[1] };
  return void 0;
}

// src/programs/load.ts
var ProgramLoadError = class extends Error {
  constructor(message, program, location, verifierLog, options) {
    super(message, options);
    this.program = program;
    this.location = location;
    this.verifierLog = verifierLog;
  }
  program;
  location;
  verifierLog;
  name = "ProgramLoadError";
  userFacing = true;
};
function relocate(spec, maps) {
  const insns = spec.instructions.map((i) => ({ ...i }));
  for (const r2 of spec.mapRelocations) {
    const fd = maps.get(r2.map);
    if (!fd) throw new Error(`program ${spec.name} references map ${r2.map}, which was not created`);
    const insn2 = insns[r2.index];
    if (!insn2) throw new Error(`relocation for ${r2.map} points past the end of ${spec.name}`);
    const hi = r2.kind === "value" ? BigInt(r2.offset >>> 0) << 32n : 0n;
    insn2.imm = fd.raw;
    insn2.imm64 = hi | BigInt(fd.raw >>> 0);
  }
  return insns;
}
function failingInstruction(log, insns) {
  const slots = slotIndices(insns);
  for (let i = log.length - 1; i >= 0; i--) {
    const m = /^(\d+): \([0-9a-f]{2}\)/.exec(log[i] ?? "");
    if (!m) continue;
    const slot = Number(m[1]);
    const idx = slots.indexOf(slot);
    return idx >= 0 && idx < insns.length ? idx : void 0;
  }
  return void 0;
}
function verdict(lines) {
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = (lines[i] ?? "").trim();
    if (l === "" || /^processed \d+ insns/.test(l) || /^verification time/.test(l) || /^stack depth/.test(l)) continue;
    if (/^\d+: /.test(l) || /^R\d+[_=]/.test(l) || /^from \d+ to \d+/.test(l) || /^; /.test(l)) continue;
    return l;
  }
  return "";
}
function loadProgram(spec, opts) {
  const insns = relocate(spec, opts.maps);
  const type = progTypeOf(opts.kind);
  try {
    const { fd, log } = progLoad(
      {
        progType: type.progType,
        insns: encode2(insns),
        license: spec.license,
        name: spec.name,
        ...type.expectedAttachType !== void 0 ? { expectedAttachType: type.expectedAttachType } : {},
        ...type.progFlags !== void 0 ? { progFlags: type.progFlags } : {},
        ...opts.attachBtfId !== void 0 ? { attachBtfId: opts.attachBtfId } : {}
      },
      { tracker: opts.tracker, ...opts.logLevel ? { logLevel: opts.logLevel } : {} }
    );
    return { name: spec.name, kind: opts.kind, fd, instructions: insns, log };
  } catch (err) {
    if (err instanceof VerifierError) {
      const idx = failingInstruction(err.lines, insns);
      const loc = idx === void 0 ? void 0 : spec.spans[idx];
      let where = "";
      if (loc) {
        const line = opts.sourceText?.(loc.file)?.split("\n")[loc.line - 1]?.trim();
        where = ` at ${loc.file}:${loc.line}:${loc.col}${line ? ` \`${line}\`` : ""}`;
      }
      throw new ProgramLoadError(`program ${spec.name} rejected by the verifier${where}: ${verdict(err.lines) || err.summary || "(empty verifier log)"}`, spec.name, loc, err.log, { cause: err });
    }
    if (err instanceof KernelError) {
      throw new ProgramLoadError(`load program ${spec.name} as ${opts.kind}: ${err.message}`, spec.name, void 0, void 0, { cause: err });
    }
    throw err;
  }
}

// src/attach/link.ts
var Link = class {
  constructor(kind, target, method, via, fds, probe) {
    this.kind = kind;
    this.target = target;
    this.method = method;
    this.via = via;
    this.#fds = fds;
    this.#probe = probe;
  }
  kind;
  target;
  method;
  via;
  #fds;
  #probe;
  #closed = false;
  get closed() {
    return this.#closed;
  }
  /** Detaches: closes the link before the perf event, then deletes any tracefs probe (which the
   * kernel refuses with EBUSY while a perf event still uses it). Idempotent. */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    let first;
    for (const fd of [...this.#fds].reverse()) {
      try {
        fd.close();
      } catch (err) {
        first ??= err;
      }
    }
    this.#fds = [];
    try {
      this.#probe?.remove();
    } catch (err) {
      first ??= err;
    }
    if (first !== void 0) throw first;
  }
  [Symbol.dispose]() {
    this.close();
  }
};
function attachToPerfEvent(prog, event, opts) {
  if (opts.useLink) {
    const link = linkCreate({ progFd: prog, targetFd: event, attachType: BPF_ATTACH_TYPE.PERF_EVENT, perfEventCookie: opts.cookie ?? 0 }, opts);
    return { fds: [event, link], method: "bpf_link" };
  }
  perfEventSetBpf(event, prog);
  perfEventEnable(event);
  return { fds: [event], method: "ioctl" };
}

// src/attach/errors.ts
var AttachError = class extends Error {
  name = "AttachError";
  userFacing = true;
  constructor(message, options) {
    super(message, options);
  }
};
var AttachUnsupportedError = class extends AttachError {
  constructor(message, feature, options) {
    super(message, options);
    this.feature = feature;
  }
  feature;
  name = "AttachUnsupportedError";
};

// src/attach/tracepoint.ts
function attachTracepoint(prog, category, event, opts) {
  const name = `${category}:${event}`;
  if (!opts.tracefs.eventExists(category, event)) {
    throw new AttachError(`tracepoint ${name} does not exist on this kernel (see: bcc-ts tplist '${category}:*')`);
  }
  const id = opts.tracefs.eventId(category, event);
  const ev = perfEventOpen({ type: PERF_TYPE.TRACEPOINT, config: id, samplePeriod: 1, wakeupEvents: 1 }, { pid: -1, cpu: 0 }, { ...opts, label: `tracepoint ${name}` });
  try {
    const { fds, method } = attachToPerfEvent(prog, ev, opts);
    return new Link("tracepoint", name, method, "tracepoint", fds);
  } catch (err) {
    ev.close();
    throw wrap2(`attach tracepoint ${name}`, err);
  }
}
function attachRawTracepoint(prog, name, opts = {}) {
  try {
    const fd = rawTracepointOpen(name, prog, opts);
    return new Link("raw_tracepoint", name, "raw_tracepoint_open", "tracepoint", [fd]);
  } catch (err) {
    throw wrap2(`attach raw tracepoint ${name}`, err);
  }
}
function wrap2(what, err) {
  if (err instanceof KernelError) return new AttachError(`${what}: ${err.message}`, { cause: err });
  return err;
}

// src/attach/pmu.ts
import { existsSync as existsSync4, readFileSync as readFileSync6 } from "node:fs";
var ROOT = "/sys/bus/event_source/devices";
function readDynamicPmu(name) {
  const dir = `${ROOT}/${name}`;
  if (!existsSync4(`${dir}/type`)) return void 0;
  const type = Number.parseInt(readFileSync6(`${dir}/type`, "utf8"), 10);
  const bit = (file) => {
    try {
      const m = /^config:(\d+)/.exec(readFileSync6(`${dir}/format/${file}`, "utf8").trim());
      return m ? Number(m[1]) : void 0;
    } catch {
      return void 0;
    }
  };
  const pmu = { type, retprobeBit: bit("retprobe") ?? 0 };
  const ref = bit("ref_ctr_offset");
  if (ref !== void 0) pmu.refCtrShift = ref;
  return pmu;
}

// src/attach/kprobe.ts
function attachKprobe(prog, func, opts) {
  const kind = opts.retprobe ? "kretprobe" : "kprobe";
  const offset = opts.offset ?? 0;
  const target = offset ? `${func}+0x${offset.toString(16)}` : func;
  const pmu = readDynamicPmu("kprobe");
  const wantTracefs = opts.forceTracefs === true || (opts.maxactive ?? 0) > 0;
  if (pmu && !wantTracefs) {
    const config = opts.retprobe ? 1n << BigInt(pmu.retprobeBit) : 0n;
    let ev;
    try {
      ev = perfEventOpen({ type: pmu.type, config, kprobeFunc: func, probeOffset: offset }, { pid: -1, cpu: 0 }, { ...opts, label: `${kind} ${target}` });
    } catch (err) {
      throw wrap2(`attach ${kind} ${target}`, err);
    }
    try {
      const { fds, method } = attachToPerfEvent(prog, ev, opts);
      return new Link(kind, target, method, "pmu", fds);
    } catch (err) {
      ev.close();
      throw wrap2(`attach ${kind} ${target}`, err);
    }
  }
  const events = opts.tracefs ? ProbeEvents.kprobes(opts.tracefs) : void 0;
  if (!events?.available()) {
    throw new AttachUnsupportedError(
      `cannot attach ${kind} to ${target}: this kernel has no kprobes (no kprobe PMU and no kprobe_events; CONFIG_KPROBES is off)`,
      "kprobes"
    );
  }
  const name = sanitizeEventName(`${opts.retprobe ? "r" : "p"}_${func}_${offset}`);
  let probe;
  try {
    probe = events.create({ kind: opts.retprobe ? "r" : "p", event: name, target: kprobeTarget(func, offset), ...opts.maxactive ? { maxActive: opts.maxactive } : {} });
  } catch (err) {
    throw wrap2(`attach ${kind} ${target}`, err);
  }
  try {
    const ev = perfEventOpen({ type: PERF_TYPE.TRACEPOINT, config: probe.id, samplePeriod: 1, wakeupEvents: 1 }, { pid: -1, cpu: 0 }, { ...opts, label: `${kind} ${target}` });
    try {
      const { fds, method } = attachToPerfEvent(prog, ev, opts);
      return new Link(kind, target, method, "tracefs", fds, probe);
    } catch (err) {
      ev.close();
      throw err;
    }
  } catch (err) {
    probe.remove();
    throw wrap2(`attach ${kind} ${target}`, err);
  }
}

// src/attach/uprobe.ts
function attachUprobe(prog, path2, offset, opts) {
  const kind = opts.kind ?? (opts.retprobe ? "uretprobe" : "uprobe");
  const target = `${path2}:0x${offset.toString(16)}`;
  const pid = opts.pid ?? -1;
  const where = pid === -1 ? { pid: -1, cpu: 0 } : { pid, cpu: -1 };
  const pmu = readDynamicPmu("uprobe");
  if (pmu && opts.forceTracefs !== true && (opts.refCtrOffset === void 0 || pmu.refCtrShift !== void 0)) {
    let config = opts.retprobe ? 1n << BigInt(pmu.retprobeBit) : 0n;
    if (opts.refCtrOffset !== void 0 && pmu.refCtrShift !== void 0) config |= BigInt(opts.refCtrOffset) << BigInt(pmu.refCtrShift);
    let ev;
    try {
      ev = perfEventOpen({ type: pmu.type, config, uprobePath: path2, probeOffset: offset }, where, { ...opts, label: `${kind} ${target}` });
    } catch (err) {
      throw wrap2(`attach ${kind} ${target}`, err);
    }
    try {
      const { fds, method } = attachToPerfEvent(prog, ev, opts);
      return new Link(kind, target, method, "pmu", fds);
    } catch (err) {
      ev.close();
      throw wrap2(`attach ${kind} ${target}`, err);
    }
  }
  const events = opts.tracefs ? ProbeEvents.uprobes(opts.tracefs) : void 0;
  if (!events?.available()) {
    throw new AttachUnsupportedError(`cannot attach ${kind} to ${target}: this kernel has no uprobes (CONFIG_UPROBE_EVENTS is off)`, "uprobes");
  }
  const name = sanitizeEventName(`${opts.retprobe ? "r" : "p"}_${path2.replace(/^.*\//, "")}_0x${offset.toString(16)}`);
  let probe;
  try {
    probe = events.create({ kind: opts.retprobe ? "r" : "p", event: name, target: uprobeTarget(path2, offset, opts.refCtrOffset) });
  } catch (err) {
    throw wrap2(`attach ${kind} ${target}`, err);
  }
  try {
    const ev = perfEventOpen({ type: PERF_TYPE.TRACEPOINT, config: probe.id, samplePeriod: 1, wakeupEvents: 1 }, where, { ...opts, label: `${kind} ${target}` });
    try {
      const { fds, method } = attachToPerfEvent(prog, ev, opts);
      return new Link(kind, target, method, "tracefs", fds, probe);
    } catch (err) {
      ev.close();
      throw err;
    }
  } catch (err) {
    probe.remove();
    throw wrap2(`attach ${kind} ${target}`, err);
  }
}

// src/attach/perf-event.ts
function attachPerfEvent(prog, opts) {
  const pid = opts.pid ?? -1;
  const cpus = opts.cpu !== void 0 && opts.cpu >= 0 ? [opts.cpu] : pid === -1 ? onlineCpus() : [-1];
  const owned = [];
  let method = "ioctl";
  const sampling = opts.sampleFreq !== void 0 ? { sampleFreq: opts.sampleFreq } : { samplePeriod: opts.samplePeriod ?? 1 };
  const target = `perf type=${opts.type} config=${opts.config}`;
  try {
    for (const cpu of cpus) {
      const ev = perfEventOpen({ type: opts.type, config: opts.config, ...sampling }, { pid, cpu }, { ...opts, label: `${target} cpu=${cpu}` });
      try {
        const r2 = attachToPerfEvent(prog, ev, opts);
        owned.push(...r2.fds);
        method = r2.method;
      } catch (err) {
        ev.close();
        throw err;
      }
    }
  } catch (err) {
    for (const fd of owned.reverse()) fd.close();
    throw wrap2(`attach perf event (${target})`, err);
  }
  return new Link("perf_event", target, method, "software", owned);
}

// src/attach/tracing.ts
function attachTracing(prog, kind, func, opts = {}) {
  try {
    const fd = rawTracepointOpen(null, prog, opts);
    return new Link(kind, func, "raw_tracepoint_open", "btf", [fd]);
  } catch (err) {
    throw wrap2(`attach ${kind} ${func}`, err);
  }
}

// src/bpf/errors.ts
var BPFError = class extends Error {
  name = "BPFError";
  userFacing = true;
  constructor(message, options) {
    super(message, options);
  }
};
var CompileError = class extends BPFError {
  constructor(message, diagnostics) {
    super(message);
    this.diagnostics = diagnostics;
  }
  diagnostics;
  name = "CompileError";
  exitCode = 3;
};
var KeyboardInterrupt = class extends Error {
  name = "KeyboardInterrupt";
  constructor() {
    super("interrupted");
  }
};

// src/bpf/cleanup.ts
var live = /* @__PURE__ */ new Set();
var installed = false;
function closeAllBpfObjects() {
  for (const obj of [...live]) {
    try {
      obj.close();
    } catch {
    }
  }
  live.clear();
}
function registerForCleanup(obj) {
  if (!installed) {
    installed = true;
    process.on("exit", closeAllBpfObjects);
  }
  live.add(obj);
}
function unregisterForCleanup(obj) {
  live.delete(obj);
}

// src/bpf/attach-methods.ts
import { readFileSync as readFileSync12 } from "node:fs";

// src/elf/elf-file.ts
import { closeSync as closeSync4, fstatSync, openSync as openSync4, readSync as readSync3 } from "node:fs";
var PT_LOAD = 1;
var PF_X = 1;
var SHT_SYMTAB = 2;
var SHT_STRTAB = 3;
var SHT_NOTE = 7;
var SHT_NOBITS = 8;
var SHT_DYNSYM = 11;
var SHF_EXECINSTR = 0x4n;
var ElfFormatError = class extends Error {
  constructor(path2, reason) {
    super(`${path2}: ${reason}`);
    this.path = path2;
    this.name = "ElfFormatError";
  }
  path;
};
function u642(dv, at2) {
  return Number(dv.getBigUint64(at2, true));
}
function cString4(bytes, at2) {
  let end = at2;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return Buffer.from(bytes.buffer, bytes.byteOffset + at2, end - at2).toString("latin1");
}
function viewOf2(bytes) {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
var ElfFile = class _ElfFile {
  constructor(path2, fd) {
    this.path = path2;
    this.#fd = fd;
    const st2 = fstatSync(fd);
    this.size = st2.size;
    this.inode = st2.ino;
    this.mtimeMs = st2.mtimeMs;
    this.header = this.#readHeader();
    this.programHeaders = this.#readProgramHeaders();
    this.sections = this.#readSectionHeaders();
  }
  path;
  #fd;
  header;
  programHeaders;
  sections;
  /** Size and identity of the file when it was opened (for caches keyed on the file). */
  size;
  inode;
  mtimeMs;
  /** Opens and validates `path`. Throws ElfFormatError for non-ELF or unsupported files. */
  static open(path2) {
    const fd = openSync4(path2, "r");
    try {
      return new _ElfFile(path2, fd);
    } catch (e) {
      closeSync4(fd);
      throw e;
    }
  }
  /** Reads exactly `length` bytes at file `offset`; throws ElfFormatError when the file is short. */
  read(offset, length) {
    if (this.#fd < 0) throw new Error(`${this.path}: ElfFile used after close`);
    const buf = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const n = readSync3(this.#fd, buf, done, length - done, offset + done);
      if (n === 0) throw new ElfFormatError(this.path, `truncated: wanted ${length} bytes at ${offset}`);
      done += n;
    }
    return buf;
  }
  section(name) {
    return this.sections.find((s2) => s2.name === name);
  }
  /** The bytes of a section (empty for SHT_NOBITS such as .bss). */
  readSection(section) {
    if (section.type === SHT_NOBITS || section.size === 0) return new Uint8Array(0);
    return this.read(section.offset, section.size);
  }
  get loadSegments() {
    return this.programHeaders.filter((p) => p.type === PT_LOAD);
  }
  /**
   * Virtual address (as linked, e.g. a symbol value) → file offset, through the PT_LOAD segment that
   * contains it. This is what a uprobe needs: the kernel places uprobes by inode + file offset. It is
   * the same formula for non-PIE executables (vaddr 0x400000-based), PIE executables and shared
   * objects (0-based), because it never assumes a load base. Addresses in the zero-filled tail of a
   * segment (.bss) have no file offset.
   */
  vaddrToOffset(vaddr) {
    for (const p of this.programHeaders) {
      if (p.type === PT_LOAD && vaddr >= p.vaddr && vaddr < p.vaddr + p.filesz) {
        return vaddr - p.vaddr + p.offset;
      }
    }
    return void 0;
  }
  /** File offset → linked virtual address (inverse of vaddrToOffset), used to symbolise samples. */
  offsetToVaddr(offset) {
    for (const p of this.programHeaders) {
      if (p.type === PT_LOAD && offset >= p.offset && offset < p.offset + p.filesz) {
        return offset - p.offset + p.vaddr;
      }
    }
    return void 0;
  }
  /** Address of the first executable section (BCC refuses USDT probes below it as corrupt). */
  firstExecutableAddress() {
    return this.sections.find((s2) => (s2.flags & SHF_EXECINSTR) !== 0n)?.addr;
  }
  close() {
    if (this.#fd >= 0) {
      closeSync4(this.#fd);
      this.#fd = -1;
    }
  }
  [Symbol.dispose]() {
    this.close();
  }
  #readHeader() {
    if (this.size < 64) throw new ElfFormatError(this.path, "too small for an ELF header");
    const ident = this.read(0, 64);
    const dv = viewOf2(ident);
    if (dv.getUint32(0, false) !== 2135247942) throw new ElfFormatError(this.path, "not an ELF file");
    if (ident[4] !== 2) throw new ElfFormatError(this.path, "not a 64-bit ELF file");
    if (ident[5] !== 1) throw new ElfFormatError(this.path, "not a little-endian ELF file");
    return {
      type: dv.getUint16(16, true),
      machine: dv.getUint16(18, true),
      entry: u642(dv, 24),
      phoff: u642(dv, 32),
      shoff: u642(dv, 40),
      phnum: dv.getUint16(56, true),
      shnum: dv.getUint16(60, true),
      shstrndx: dv.getUint16(62, true)
    };
  }
  #readProgramHeaders() {
    const { phoff, phnum } = this.header;
    if (phnum === 0) return [];
    const dv = viewOf2(this.read(phoff, phnum * 56));
    const out = [];
    for (let i = 0; i < phnum; i++) {
      const b = i * 56;
      out.push({
        type: dv.getUint32(b, true),
        flags: dv.getUint32(b + 4, true),
        offset: u642(dv, b + 8),
        vaddr: u642(dv, b + 16),
        filesz: u642(dv, b + 32),
        memsz: u642(dv, b + 40),
        align: u642(dv, b + 48)
      });
    }
    return out;
  }
  #readSectionHeaders() {
    let { shnum, shstrndx } = this.header;
    const { shoff } = this.header;
    if (shoff === 0) return [];
    const first = viewOf2(this.read(shoff, 64));
    if (shnum === 0) shnum = u642(first, 32);
    if (shstrndx === 65535) shstrndx = first.getUint32(40, true);
    const dv = viewOf2(this.read(shoff, shnum * 64));
    const raw = [];
    for (let i = 0; i < shnum; i++) {
      const b = i * 64;
      raw.push({
        index: i,
        nameOff: dv.getUint32(b, true),
        type: dv.getUint32(b + 4, true),
        flags: dv.getBigUint64(b + 8, true),
        addr: u642(dv, b + 16),
        offset: u642(dv, b + 24),
        size: u642(dv, b + 32),
        link: dv.getUint32(b + 40, true),
        info: dv.getUint32(b + 44, true),
        addralign: u642(dv, b + 48),
        entsize: u642(dv, b + 56)
      });
    }
    const strtab = raw[shstrndx];
    const names = strtab && strtab.type === SHT_STRTAB ? this.read(strtab.offset, strtab.size) : void 0;
    return raw.map(({ nameOff, ...rest }) => ({ ...rest, name: names ? cString4(names, nameOff) : "" }));
  }
};

// src/elf/elf-symbols.ts
var STT_NOTYPE = 0;
var STT_OBJECT = 1;
var STT_FUNC = 2;
var STT_SECTION = 3;
var STT_FILE = 4;
var STT_TLS = 6;
var STT_GNU_IFUNC = 10;
var STB_GLOBAL = 1;
var SHN_UNDEF = 0;
var SHN_ABS = 65521;
var SHT_GNU_VERDEF = 1879048189;
var SHT_GNU_VERNEED = 1879048190;
var SHT_GNU_VERSYM = 1879048191;
var VERSYM_HIDDEN = 32768;
var TYPE_NAMES = {
  [STT_NOTYPE]: "NOTYPE",
  [STT_OBJECT]: "OBJECT",
  [STT_FUNC]: "FUNC",
  [STT_SECTION]: "SECTION",
  [STT_FILE]: "FILE",
  5: "COMMON",
  [STT_TLS]: "TLS",
  [STT_GNU_IFUNC]: "IFUNC"
};
function isFunctionSymbol(s2) {
  return (s2.type === STT_FUNC || s2.type === STT_GNU_IFUNC) && isDefined(s2);
}
function isDefined(s2) {
  return s2.sectionIndex !== SHN_UNDEF && s2.sectionIndex !== SHN_ABS && s2.value !== 0;
}
function readSymbols(elf, tables = ["symtab", "dynsym"]) {
  const out = [];
  for (const table of tables) {
    const type = table === "symtab" ? SHT_SYMTAB : SHT_DYNSYM;
    const sec = elf.sections.find((s2) => s2.type === type);
    if (sec) readTable(elf, sec, table, out);
  }
  return out;
}
function readTable(elf, sec, table, out) {
  const strSec = elf.sections[sec.link];
  if (!strSec) return;
  const strings = Buffer.from(elf.readSection(strSec)).toString("latin1");
  const dv = viewOf2(elf.readSection(sec));
  const count2 = Math.floor(sec.size / 24);
  const versions = table === "dynsym" ? readVersions(elf, count2) : void 0;
  for (let i = 1; i < count2; i++) {
    const b = i * 24;
    const info = dv.getUint8(b + 4);
    const nameOff = dv.getUint32(b, true);
    const nameEnd = strings.indexOf("\0", nameOff);
    let name = strings.slice(nameOff, nameEnd < 0 ? strings.length : nameEnd);
    let ver = versions?.[i];
    const at2 = table === "symtab" ? name.indexOf("@") : -1;
    if (at2 > 0) {
      const isDefault = name.startsWith("@@", at2);
      ver = { name: name.slice(at2 + (isDefault ? 2 : 1)), hidden: !isDefault };
      name = name.slice(0, at2);
    }
    out.push({
      name,
      ...ver?.name !== void 0 ? { version: ver.name } : {},
      defaultVersion: ver ? !ver.hidden : true,
      value: u642(dv, b + 8),
      size: u642(dv, b + 16),
      type: info & 15,
      bind: info >> 4,
      sectionIndex: dv.getUint16(b + 6, true),
      table
    });
  }
}
function readVersions(elf, count2) {
  const versym = elf.sections.find((s2) => s2.type === SHT_GNU_VERSYM);
  if (!versym) return void 0;
  const names = /* @__PURE__ */ new Map();
  for (const sec of elf.sections) {
    if (sec.type !== SHT_GNU_VERDEF && sec.type !== SHT_GNU_VERNEED) continue;
    const strSec = elf.sections[sec.link];
    if (!strSec) continue;
    const strings = elf.readSection(strSec);
    const dv2 = viewOf2(elf.readSection(sec));
    let at2 = 0;
    for (let n = 0; n < sec.info && at2 + 16 <= dv2.byteLength; n++) {
      if (sec.type === SHT_GNU_VERDEF) {
        const ndx = dv2.getUint16(at2 + 4, true);
        const aux = dv2.getUint32(at2 + 12, true);
        names.set(ndx, cString4(strings, dv2.getUint32(at2 + aux, true)));
      } else {
        const cnt = dv2.getUint16(at2 + 2, true);
        let aux = at2 + dv2.getUint32(at2 + 8, true);
        for (let k = 0; k < cnt && aux + 16 <= dv2.byteLength; k++) {
          names.set(dv2.getUint16(aux + 6, true), cString4(strings, dv2.getUint32(aux + 8, true)));
          const next2 = dv2.getUint32(aux + 12, true);
          if (next2 === 0) break;
          aux += next2;
        }
      }
      const next = dv2.getUint32(at2 + (sec.type === SHT_GNU_VERDEF ? 16 : 12), true);
      if (next === 0) break;
      at2 += next;
    }
  }
  const dv = viewOf2(elf.readSection(versym));
  const out = [];
  for (let i = 0; i < count2 && i * 2 + 2 <= dv.byteLength; i++) {
    const v = dv.getUint16(i * 2, true);
    const idx = v & 32767;
    const name = idx > 1 ? names.get(idx) : void 0;
    out.push({ ...name !== void 0 ? { name } : {}, hidden: (v & VERSYM_HIDDEN) !== 0 });
  }
  return out;
}
function findSymbols(elf, symbols, query, options = {}) {
  const functionsOnly = options.functionsOnly ?? typeof query !== "string";
  const matches = symbols.filter(
    (s2) => isDefined(s2) && (!functionsOnly || isFunctionSymbol(s2)) && symbolMatches(s2, query)
  );
  if (typeof query === "string") matches.sort((a, b) => rank(a) - rank(b));
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const s2 of matches) {
    if (seen.has(s2.value)) continue;
    seen.add(s2.value);
    const offset = elf.vaddrToOffset(s2.value);
    if (offset === void 0) continue;
    out.push({
      name: s2.name,
      ...s2.version !== void 0 ? { version: s2.version } : {},
      address: s2.value,
      offset,
      size: s2.size,
      type: s2.type,
      bind: s2.bind
    });
  }
  return out;
}
function symbolMatches(s2, query) {
  if (typeof query !== "string") {
    query.lastIndex = 0;
    return query.test(s2.name);
  }
  const at2 = query.indexOf("@");
  if (at2 < 0) return s2.name === query;
  const want = query.slice(0, at2);
  const wantDefault = query.startsWith("@@", at2);
  const wantVer = query.slice(at2 + (wantDefault ? 2 : 1));
  return s2.name === want && s2.version === wantVer && (!wantDefault || s2.defaultVersion);
}
function rank(s2) {
  let r2 = 0;
  if (!s2.defaultVersion) r2 += 4;
  if (s2.type !== STT_FUNC && s2.type !== STT_GNU_IFUNC) r2 += 2;
  if (s2.bind !== STB_GLOBAL) r2 += 1;
  return r2;
}

// src/elf/elf-notes.ts
import { existsSync as existsSync5 } from "node:fs";
import { dirname, join as join2 } from "node:path";
var NT_GNU_BUILD_ID = 3;
function readNotes(elf, section) {
  const bytes = elf.readSection(section);
  const dv = viewOf2(bytes);
  const align = section.addralign === 8 ? 8 : 4;
  const up = (n) => n + align - 1 & ~(align - 1);
  const out = [];
  let at2 = 0;
  while (at2 + 12 <= bytes.length) {
    const namesz = dv.getUint32(at2, true);
    const descsz = dv.getUint32(at2 + 4, true);
    const type = dv.getUint32(at2 + 8, true);
    const nameAt = at2 + 12;
    const descAt = up(nameAt + namesz);
    if (descAt + descsz > bytes.length) break;
    const name = namesz > 0 ? cString4(bytes.subarray(nameAt, nameAt + namesz), 0) : "";
    out.push({ name, type, desc: bytes.subarray(descAt, descAt + descsz) });
    at2 = up(descAt + descsz);
  }
  return out;
}
function allNotes(elf, sectionName) {
  return elf.sections.filter((s2) => s2.type === SHT_NOTE && (sectionName === void 0 || s2.name === sectionName)).flatMap((s2) => readNotes(elf, s2));
}
function buildId(elf) {
  const note = allNotes(elf).find((n) => n.name === "GNU" && n.type === NT_GNU_BUILD_ID);
  return note ? Buffer.from(note.desc).toString("hex") : void 0;
}
function debugLink(elf) {
  const sec = elf.section(".gnu_debuglink");
  if (!sec) return void 0;
  const bytes = elf.readSection(sec);
  const file = cString4(bytes, 0);
  const crcAt = file.length + 1 + 3 & ~3;
  if (crcAt + 4 > bytes.length) return void 0;
  return { file, crc: viewOf2(bytes).getUint32(crcAt, true) };
}
function findDebugFile(elf, debugRoot = "/usr/lib/debug") {
  const id = buildId(elf);
  if (id !== void 0 && id.length > 2) {
    const p = join2(debugRoot, ".build-id", id.slice(0, 2), `${id.slice(2)}.debug`);
    if (existsSync5(p)) return p;
  }
  const link = debugLink(elf);
  if (!link) return void 0;
  const dir = dirname(elf.path);
  for (const p of [join2(dir, link.file), join2(dir, ".debug", link.file), join2(debugRoot, dir, link.file)]) {
    if (p !== elf.path && existsSync5(p)) return p;
  }
  return void 0;
}

// src/elf/resolve-symbol.ts
function loadSymbols(elf, options = {}) {
  const symbols = readSymbols(elf);
  if ((options.useDebugFile ?? true) && !symbols.some((s2) => s2.table === "symtab")) {
    const debugPath = findDebugFile(elf);
    if (debugPath !== void 0) {
      try {
        var _stack = [];
        try {
          const debug = __using(_stack, ElfFile.open(debugPath));
          symbols.push(...readSymbols(debug, ["symtab"]));
        } catch (_) {
          var _error = _, _hasError = true;
        } finally {
          __callDispose(_stack, _error, _hasError);
        }
      } catch (e) {
        if (!(e instanceof ElfFormatError)) throw e;
      }
    }
  }
  return symbols;
}
function resolveSymbol(path2, query, options = {}) {
  var _stack = [];
  try {
    const elf = __using(_stack, ElfFile.open(path2));
    return findSymbols(elf, loadSymbols(elf, options), query, options);
  } catch (_) {
    var _error = _, _hasError = true;
  } finally {
    __callDispose(_stack, _error, _hasError);
  }
}
function addressToOffset(path2, address) {
  var _stack = [];
  try {
    const elf = __using(_stack, ElfFile.open(path2));
    return elf.vaddrToOffset(address);
  } catch (_) {
    var _error = _, _hasError = true;
  } finally {
    __callDispose(_stack, _error, _hasError);
  }
}
function symbolPattern(re) {
  return typeof re === "string" ? new RegExp(`^(?:${re})`) : re;
}

// src/elf/ifunc.ts
import { closeSync as closeSync5, openSync as openSync5, readSync as readSync4, realpathSync, statSync as statSync3 } from "node:fs";

// src/elf/proc-maps.ts
import { readFileSync as readFileSync7 } from "node:fs";
var LINE_RE2 = /^([0-9a-f]+)-([0-9a-f]+)\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+:[0-9a-f]+)\s+(\d+)\s*(.*)$/;
function parseProcMaps(text) {
  const out = [];
  for (const line of text.split("\n")) {
    const m = LINE_RE2.exec(line);
    if (!m) continue;
    let path2 = m[7] || void 0;
    let deleted = false;
    if (path2?.endsWith(" (deleted)")) {
      path2 = path2.slice(0, -" (deleted)".length);
      deleted = true;
    }
    out.push({
      start: parseInt(m[1] ?? "0", 16),
      end: parseInt(m[2] ?? "0", 16),
      perms: m[3] ?? "",
      pgoff: parseInt(m[4] ?? "0", 16),
      dev: m[5] ?? "",
      inode: Number(m[6]),
      ...path2 !== void 0 ? { path: path2 } : {},
      deleted
    });
  }
  return out;
}
function readProcMaps(pid) {
  return parseProcMaps(readFileSync7(`/proc/${pid}/maps`, "latin1"));
}
function isFileMapping(m) {
  return m.path !== void 0 && m.path.startsWith("/") && m.inode !== 0;
}

// src/elf/ifunc.ts
var SHT_RELA = 4;
var R_X86_64_IRELATIVE = 37;
var PAGE = 4096;
function resolveIfuncTarget(path2, resolver) {
  var _stack = [];
  try {
    const elf = __using(_stack, ElfFile.open(path2));
    return ifuncTargetIn(elf, path2, resolver);
  } catch (_) {
    var _error = _, _hasError = true;
  } finally {
    __callDispose(_stack, _error, _hasError);
  }
}
function ifuncTargetIn(elf, path2, resolver, symbols) {
  const slot = irelativeSlot(elf, resolver);
  if (slot === void 0) return void 0;
  const base = loadBaseInSelf(elf, path2);
  if (base === void 0) return void 0;
  const absolute = readSelfU64(base + slot);
  if (absolute === void 0) return void 0;
  const address = absolute - base;
  const segment = elf.programHeaders.find(
    (p) => p.type === PT_LOAD && (p.flags & PF_X) !== 0 && address >= p.vaddr && address < p.vaddr + p.filesz
  );
  if (!segment) return void 0;
  const offset = address - segment.vaddr + segment.offset;
  const named = (symbols ?? loadSymbols(elf)).find((s2) => s2.value === address && isFunctionSymbol(s2));
  return { resolver, address, offset, ...named ? { name: named.name } : {} };
}
function irelativeSlot(elf, resolver) {
  for (const sec of elf.sections) {
    if (sec.type !== SHT_RELA || sec.size === 0) continue;
    const dv = viewOf2(elf.readSection(sec));
    for (let b = 0; b + 24 <= dv.byteLength; b += 24) {
      const type = dv.getUint32(b + 8, true);
      if (type === R_X86_64_IRELATIVE && Number(dv.getBigInt64(b + 16, true)) === resolver) return u642(dv, b);
    }
  }
  return void 0;
}
function loadBaseInSelf(elf, path2) {
  const first = elf.programHeaders.find((p) => p.type === PT_LOAD);
  if (!first) return void 0;
  const st2 = statSync3(path2);
  const real = realpathSync(path2);
  const pgoff = first.offset - first.offset % PAGE;
  for (const m of readProcMaps("self")) {
    if (m.inode !== st2.ino || m.pgoff !== pgoff || m.path === void 0) continue;
    let mappedReal;
    try {
      mappedReal = realpathSync(m.path);
    } catch {
      continue;
    }
    if (mappedReal === real) return m.start - (first.vaddr - first.vaddr % PAGE);
  }
  return void 0;
}
function readSelfU64(address) {
  const fd = openSync5("/proc/self/mem", "r");
  try {
    const buf = new Uint8Array(8);
    if (readSync4(fd, buf, 0, 8, address) !== 8) return void 0;
    return u642(viewOf2(buf), 0);
  } catch {
    return void 0;
  } finally {
    closeSync5(fd);
  }
}

// src/elf/usdt-args.ts
var PT_REGS_OFFSETS = {
  r15: 0,
  r14: 8,
  r13: 16,
  r12: 24,
  rbp: 32,
  rbx: 40,
  r11: 48,
  r10: 56,
  r9: 64,
  r8: 72,
  rax: 80,
  rcx: 88,
  rdx: 96,
  rsi: 104,
  rdi: 112,
  orig_ax: 120,
  rip: 128,
  cs: 136,
  flags: 144,
  rsp: 152,
  ss: 160
};
function buildRegisterTable() {
  const table = /* @__PURE__ */ new Map();
  const add = (name, canonical2, width, high8 = false) => {
    const ptRegsOffset = PT_REGS_OFFSETS[canonical2];
    if (ptRegsOffset === void 0) throw new Error(`no pt_regs slot for ${canonical2}`);
    table.set(name, { name, canonical: canonical2, ptRegsOffset, width, high8 });
  };
  for (const [x, hasHigh] of [["a", true], ["b", true], ["c", true], ["d", true]]) {
    add(`r${x}x`, `r${x}x`, 8);
    add(`e${x}x`, `r${x}x`, 4);
    add(`${x}x`, `r${x}x`, 2);
    add(`${x}l`, `r${x}x`, 1);
    if (hasHigh) add(`${x}h`, `r${x}x`, 1, true);
  }
  for (const x of ["si", "di", "bp", "sp"]) {
    add(`r${x}`, `r${x}`, 8);
    add(`e${x}`, `r${x}`, 4);
    add(x, `r${x}`, 2);
    add(`${x}l`, `r${x}`, 1);
  }
  for (let n = 8; n <= 15; n++) {
    add(`r${n}`, `r${n}`, 8);
    add(`r${n}d`, `r${n}`, 4);
    add(`r${n}w`, `r${n}`, 2);
    add(`r${n}b`, `r${n}`, 1);
    add(`r${n}l`, `r${n}`, 1);
  }
  add("rip", "rip", 8);
  add("eip", "rip", 4);
  return table;
}
var REGISTERS = buildRegisterTable();
var INT = "[+-]?(?:0[xX][0-9a-fA-F]+|\\d+)";
var CONSTANT_RE = new RegExp(`^\\$(${INT})$`);
var MEMORY_RE = new RegExp(
  `^(?:(${INT})|([A-Za-z_.$][\\w.$@]*)((?:[+-](?:0[xX][0-9a-fA-F]+|\\d+))?))?\\((%\\w+)?(?:,(%\\w+)(?:,(\\d+))?)?\\)$`
);

// src/elf/ld-cache.ts
import { readFileSync as readFileSync8 } from "node:fs";
var OLD_MAGIC = "ld.so-1.7.0";
var NEW_MAGIC = "glibc-ld.so.cache";
var NEW_HEADER_SIZE = 48;
var FLAG_TYPE_MASK = 255;
var FLAG_ELF_LIBC6 = 3;
var FLAG_ABI_MASK = 65280;
var FLAG_X8664_LIB64 = 768;
var HWCAP_EXTENSION = 1n << 62n;
var LdCacheFormatError = class extends Error {
  constructor(reason) {
    super(`ld.so.cache: ${reason}`);
    this.name = "LdCacheFormatError";
  }
};
function parseLdCache(bytes) {
  const magic = (at2, text) => bytes.length >= at2 + text.length && Buffer.from(bytes.subarray(at2, at2 + text.length)).toString("latin1") === text;
  if (magic(0, NEW_MAGIC)) return parseNew(bytes, 0);
  if (!magic(0, OLD_MAGIC)) throw new LdCacheFormatError("unknown magic");
  if (bytes.length < 16) throw new LdCacheFormatError("truncated header");
  const dv = viewOf2(bytes);
  const nlibs = dv.getUint32(12, true);
  const entriesEnd = 16 + nlibs * 12;
  if (entriesEnd > bytes.length) throw new LdCacheFormatError("truncated entry table");
  const newAt = entriesEnd + 7 & ~7;
  if (magic(newAt, NEW_MAGIC)) return parseNew(bytes, newAt);
  const out = [];
  for (let i = 0; i < nlibs; i++) {
    const b = 16 + i * 12;
    out.push({
      flags: dv.getInt32(b, true),
      name: cString4(bytes, entriesEnd + dv.getUint32(b + 4, true)),
      path: cString4(bytes, entriesEnd + dv.getUint32(b + 8, true)),
      hwcap: 0n
    });
  }
  return out;
}
function parseNew(bytes, start) {
  const dv = viewOf2(bytes);
  if (start + NEW_HEADER_SIZE > bytes.length) throw new LdCacheFormatError("truncated header");
  const version = Buffer.from(bytes.subarray(start + 17, start + 20)).toString("latin1");
  if (version !== "1.1") throw new LdCacheFormatError(`unsupported version ${JSON.stringify(version)}`);
  const nlibs = dv.getUint32(start + 20, true);
  if (start + NEW_HEADER_SIZE + nlibs * 24 > bytes.length) throw new LdCacheFormatError("truncated entry table");
  const strings = bytes.subarray(start);
  const out = [];
  for (let i = 0; i < nlibs; i++) {
    const b = start + NEW_HEADER_SIZE + i * 24;
    out.push({
      flags: dv.getInt32(b, true),
      name: cString4(strings, dv.getUint32(b + 4, true)),
      path: cString4(strings, dv.getUint32(b + 8, true)),
      hwcap: dv.getBigUint64(b + 16, true)
    });
  }
  return out;
}
function readLdCache(path2 = "/etc/ld.so.cache") {
  let bytes;
  try {
    bytes = readFileSync8(path2);
  } catch (e) {
    if (e.code === "ENOENT") return void 0;
    throw e;
  }
  return parseLdCache(bytes);
}
function isX8664Entry(e) {
  return (e.flags & FLAG_TYPE_MASK) === FLAG_ELF_LIBC6 && (e.flags & FLAG_ABI_MASK) === FLAG_X8664_LIB64;
}

// src/elf/find-library.ts
import { accessSync, closeSync as closeSync6, constants as constants3, openSync as openSync6, readSync as readSync5, readdirSync as readdirSync2, statSync as statSync4 } from "node:fs";
import { delimiter, join as join3 } from "node:path";
var DEFAULT_LIBRARY_DIRS = [
  "/lib/x86_64-linux-gnu",
  "/usr/lib/x86_64-linux-gnu",
  "/lib64",
  "/usr/lib64",
  "/lib",
  "/usr/lib",
  "/usr/local/lib"
];
var LibraryResolver = class {
  constructor(options = {}) {
    this.options = options;
  }
  options;
  #cache = null;
  get ldCache() {
    if (this.#cache === null) this.#cache = readLdCache(this.options.ldCachePath);
    return this.#cache ?? [];
  }
  /**
   * BCC's find_library: "c", "pthread", "libc.so.6", "c.so.6" → full path, or undefined. With a
   * pid, the libraries that process has mapped win (so a container's or a custom build's copy is
   * found); then the ld.so cache; then the standard directories.
   */
  findLibrary(name, pid) {
    if (name.includes("/")) return name;
    if (pid !== void 0 && pid > 0) {
      const mapped = findLibraryInProcess(name, pid);
      if (mapped !== void 0) return mapped;
    }
    const prefixes = sonamePrefixes(name);
    const entries = this.ldCache.filter((e) => isX8664Entry(e) && prefixes.some((p) => e.name.startsWith(p)));
    const best = entries.find((e) => e.hwcap === 0n) ?? entries[0];
    if (best) return best.path;
    return this.#searchDirs(prefixes);
  }
  /** BCC's find_exe: `name` with a "/" if it is an executable file, else the first one on PATH. */
  findExecutable(name) {
    if (name.includes("/")) return isExecutableFile(name) ? name : void 0;
    const path2 = this.options.path ?? process.env.PATH ?? "";
    for (const dir of path2.split(delimiter)) {
      if (dir === "") continue;
      const candidate = join3(dir.replace(/^"|"$/g, ""), name);
      if (isExecutableFile(candidate)) return candidate;
    }
    return void 0;
  }
  /**
   * The file behind a uprobe `name`: a path as given, a library name (find_library), or else an
   * executable on PATH. Undefined when nothing is found.
   */
  resolveBinary(name, pid) {
    if (name.includes("/")) return name;
    return this.findLibrary(name, pid) ?? this.findExecutable(name);
  }
  #searchDirs(prefixes) {
    for (const dir of this.options.libraryDirs ?? DEFAULT_LIBRARY_DIRS) {
      let files;
      try {
        files = readdirSync2(dir);
      } catch {
        continue;
      }
      const hits = files.filter((f2) => prefixes.some((p) => f2.startsWith(p))).sort((a, b) => Number(b.includes(".so.")) - Number(a.includes(".so.")) || a.localeCompare(b));
      for (const f2 of hits) {
        const full = join3(dir, f2);
        if (isElfFile(full)) return full;
      }
    }
    return void 0;
  }
};
function sonamePrefixes(name) {
  const hasSo = name.includes(".so");
  const out = [hasSo ? `lib${name}` : `lib${name}.so`];
  if (name.startsWith("lib")) out.push(hasSo ? name : `${name}.so`);
  return out;
}
function findLibraryInProcess(name, pid) {
  const hasSo = name.includes(".so");
  const needles = hasSo ? [`/lib${name}`, `/${name}`] : [`/lib${name}.`, `/lib${name}-`];
  let maps;
  try {
    maps = readProcMaps(pid);
  } catch {
    return void 0;
  }
  for (const m of maps) {
    if (m.path === void 0 || !m.path.includes(".so")) continue;
    const base = m.path.slice(m.path.lastIndexOf("/"));
    if (needles.some((n) => base.startsWith(n))) return m.path;
  }
  return void 0;
}
function isExecutableFile(path2) {
  try {
    if (!statSync4(path2).isFile()) return false;
    accessSync(path2, constants3.X_OK);
    return true;
  } catch {
    return false;
  }
}
function isElfFile(path2) {
  let fd;
  try {
    fd = openSync6(path2, "r");
  } catch {
    return false;
  }
  try {
    const magic = new Uint8Array(4);
    return readSync5(fd, magic, 0, 4, 0) === 4 && Buffer.from(magic).toString("latin1") === "\x7FELF";
  } finally {
    closeSync6(fd);
  }
}
function findLibrary(name, pid) {
  return new LibraryResolver().findLibrary(name, pid);
}
function findExecutable(name) {
  return new LibraryResolver().findExecutable(name);
}

// src/bpf/kernel-utils.ts
import { existsSync as existsSync6, readFileSync as readFileSync11 } from "node:fs";

// src/symbols/kallsyms.ts
import { readFileSync as readFileSync9 } from "node:fs";
var DATA_TYPES = /* @__PURE__ */ new Set(["b", "B", "d", "D", "r", "R"]);
var KernelSymbols = class {
  constructor(options = {}) {
    this.options = options;
  }
  options;
  #all;
  #code;
  #byName;
  /** Every symbol in file order (which is not address order for modules). */
  get all() {
    this.#all ??= parseKallsyms(this.options.text ?? readFileSync9(this.options.path ?? "/proc/kallsyms", "latin1"));
    return this.#all;
  }
  /** True when kallsyms shows only zero addresses (no CAP_SYSLOG / kptr_restrict). */
  get addressesHidden() {
    return !this.all.some((s2) => s2.address !== 0n);
  }
  /** Non-data symbols with a real address, sorted by address. */
  get code() {
    this.#code ??= this.all.filter((s2) => s2.address !== 0n && !DATA_TYPES.has(s2.type)).sort((a, b) => a.address < b.address ? -1 : a.address > b.address ? 1 : 0);
    return this.#code;
  }
  /**
   * The symbol at or below `address`, with the offset into it. Like BCC there is no size check
   * (kallsyms has no sizes): an address past the last function still resolves to it.
   */
  resolve(address) {
    const addr = BigInt(address);
    const syms = this.code;
    let lo = 0;
    let hi = syms.length;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if ((syms[mid]?.address ?? 0n) <= addr) lo = mid + 1;
      else hi = mid;
    }
    const sym = syms[lo - 1];
    if (!sym) return void 0;
    return { name: sym.name, offset: addr - sym.address, module: sym.module };
  }
  /**
   * BCC's BPF.ksym(addr, show_module, show_offset): "vfs_read", "vfs_read+0x1c",
   * "vfs_read+0x1c [kernel]", "ext4_file_read_iter [ext4]"; "[unknown]" when nothing matches.
   */
  ksym(address, showModule = false, showOffset = false) {
    const hit = this.resolve(address);
    return formatSymbol(hit?.name, hit?.offset, hit?.module, showModule, showOffset);
  }
  /** BCC's BPF.ksymname(name): the address of a kernel symbol (any type), or undefined. */
  ksymname(name) {
    if (!this.#byName) {
      this.#byName = /* @__PURE__ */ new Map();
      for (const s2 of this.all) if (!this.#byName.has(s2.name)) this.#byName.set(s2.name, s2.address);
    }
    return this.#byName.get(name);
  }
  /**
   * BCC's BPF.get_kprobe_functions(regex): text symbols whose whole name matches, minus what cannot be
   * probed: the init and irqentry text ranges, NOKPROBE_SYMBOL (`_kbl_addr_` markers), perf
   * internals, static-call trampolines (__SCT__), gcc .cold fragments, and the debugfs kprobe
   * blacklist. BCC also requires membership in tracing/available_filter_functions; that file is
   * EPERM on some systems (it is here), in which case this filter is skipped and the result is a
   * best-effort superset. Unique names, sorted.
   */
  kprobeFunctions(pattern) {
    const re = typeof pattern === "string" ? new RegExp(`^(?:${pattern})$`) : pattern;
    const fullMatch = (name) => {
      re.lastIndex = 0;
      const m = re.exec(name);
      return m !== null && m.index === 0 && m[0].length === name.length;
    };
    const blacklist = readNameSet(this.options.kprobeBlacklistPath ?? "/sys/kernel/debug/kprobes/blacklist", 1);
    const available = readNameSet(
      this.options.availableFilterFunctionsPath ?? "/sys/kernel/tracing/available_filter_functions",
      0
    );
    const out = /* @__PURE__ */ new Set();
    let initState = 0;
    let irqState = 0;
    for (const s2 of this.all) {
      const fn = s2.name;
      if (initState === 0 && fn === "__init_begin") {
        initState = 1;
        continue;
      }
      if (initState === 1) {
        if (fn === "__init_end") initState = 2;
        continue;
      }
      if (irqState === 0 && fn === "__irqentry_text_start") {
        irqState = 1;
        continue;
      }
      if (irqState === 0 && fn === "__irqentry_text_end") {
        irqState = 2;
        continue;
      }
      if (irqState === 1) {
        if (fn === "__irqentry_text_end") irqState = 2;
        continue;
      }
      if (fn.startsWith("_kbl_addr_") || fn.startsWith("__perf") || fn.startsWith("perf_")) continue;
      if (fn.startsWith("__SCT__") || /\.cold(\.\d+)?$/.test(fn)) continue;
      if (!"tTwW".includes(s2.type)) continue;
      if (!fullMatch(fn)) continue;
      if (blacklist?.has(fn)) continue;
      if (available && !available.has(fn)) continue;
      out.add(fn);
    }
    return [...out].sort();
  }
};
function parseKallsyms(text) {
  const out = [];
  for (const line of text.split("\n")) {
    const sp1 = line.indexOf(" ");
    const sp2 = line.indexOf(" ", sp1 + 1);
    if (sp1 <= 0 || sp2 < 0) continue;
    const rest = line.slice(sp2 + 1);
    const tab = rest.indexOf("	");
    const name = tab < 0 ? rest.trimEnd() : rest.slice(0, tab);
    const mod = tab < 0 ? void 0 : /\[([^\]]+)\]/.exec(rest.slice(tab))?.[1];
    out.push({
      name,
      address: BigInt(`0x${line.slice(0, sp1)}`),
      type: line.slice(sp1 + 1, sp2),
      module: mod ?? "kernel"
    });
  }
  return out;
}
function formatSymbol(name, offset, module, showModule, showOffset) {
  let out = name ?? "[unknown]";
  if (showOffset && name !== void 0 && offset !== void 0) out += `+0x${offset.toString(16)}`;
  if (showModule && module !== void 0) out += ` [${module.slice(module.lastIndexOf("/") + 1)}]`;
  return out;
}
function readNameSet(path2, column) {
  let text;
  try {
    text = readFileSync9(path2, "latin1");
  } catch {
    return void 0;
  }
  const out = /* @__PURE__ */ new Set();
  for (const line of text.split("\n")) {
    const name = line.trim().split(/\s+/)[column];
    if (name) out.add(name);
  }
  return out;
}

// src/symbols/module-symbols.ts
import { statSync as statSync5 } from "node:fs";
var ModuleSymbols = class _ModuleSymbols {
  constructor(path2, elf, useDebugFile = true) {
    this.path = path2;
    this.#segments = elf.loadSegments;
    const seen = /* @__PURE__ */ new Set();
    const functions = [];
    for (const s2 of loadSymbols(elf, { useDebugFile })) {
      if (!isFunctionSymbol(s2)) continue;
      const key2 = `${s2.name}\0${s2.value}`;
      if (seen.has(key2)) continue;
      seen.add(key2);
      functions.push({ name: s2.name, start: s2.value, size: s2.size });
      if (!this.#byName.has(s2.name)) this.#byName.set(s2.name, s2.value);
    }
    const keyed = functions.map((f2) => ({ f: f2, u: underscores(f2.name) }));
    keyed.sort(
      (a, b) => a.f.start - b.f.start || b.f.size - a.f.size || b.u - a.u || (a.f.name < b.f.name ? 1 : -1)
    );
    functions.length = 0;
    for (const k of keyed) functions.push(k.f);
    this.#functions = functions;
  }
  path;
  #functions;
  #segments;
  #byName = /* @__PURE__ */ new Map();
  static load(path2, useDebugFile = true) {
    var _stack = [];
    try {
      const elf = __using(_stack, ElfFile.open(path2));
      return new _ModuleSymbols(path2, elf, useDebugFile);
    } catch (_) {
      var _error = _, _hasError = true;
    } finally {
      __callDispose(_stack, _error, _hasError);
    }
  }
  get functionCount() {
    return this.#functions.length;
  }
  /** File offset → link-time address, through the PT_LOAD segments. */
  offsetToVaddr(offset) {
    for (const p of this.#segments) {
      if (offset >= p.offset && offset < p.offset + p.filesz) return offset - p.offset + p.vaddr;
    }
    return void 0;
  }
  /** Link-time address → file offset. */
  vaddrToOffset(vaddr) {
    for (const p of this.#segments) {
      if (vaddr >= p.vaddr && vaddr < p.vaddr + p.filesz) return vaddr - p.vaddr + p.offset;
    }
    return void 0;
  }
  /**
   * The function containing link-time address `vaddr`. Functions may nest (a cold part inside an
   * enclosing range, aliases of different sizes), so walk back from the last start ≤ vaddr while
   * an enclosing function could still cover it; stop at the first gap, like BCC, so that unknown
   * addresses do not scan the whole table.
   */
  lookup(vaddr) {
    const fns = this.#functions;
    let lo = 0;
    let hi = fns.length;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if ((fns[mid]?.start ?? 0) <= vaddr) lo = mid + 1;
      else hi = mid;
    }
    let i = lo - 1;
    const first = fns[i];
    if (!first) return void 0;
    const limit = first.start;
    for (; i >= 0; i--) {
      const f2 = fns[i];
      if (!f2) break;
      if (vaddr < f2.start + f2.size) return { name: f2.name, offset: vaddr - f2.start };
      if (limit > f2.start + f2.size) break;
    }
    return void 0;
  }
  /** Link-time address of a function by name. */
  addressOf(name) {
    return this.#byName.get(name);
  }
};
function underscores(name) {
  let n = 0;
  while (name[n] === "_") n++;
  return n + (name.startsWith("__GI_") ? 10 : 0);
}
var ModuleSymbolCache = class {
  constructor(useDebugFile = true) {
    this.useDebugFile = useDebugFile;
  }
  useDebugFile;
  #modules = /* @__PURE__ */ new Map();
  /**
   * Symbols of the file at `path` (opened as given; pass /proc/PID/root/... for other mount
   * namespaces). Undefined when the file is missing or not a readable ELF file; that answer is
   * cached too, per identity.
   */
  get(path2) {
    let key2;
    try {
      const st2 = statSync5(path2);
      key2 = `${st2.dev}:${st2.ino}:${st2.mtimeMs}:${st2.size}`;
    } catch {
      return void 0;
    }
    let mod = this.#modules.get(key2);
    if (mod === void 0) {
      try {
        mod = ModuleSymbols.load(path2, this.useDebugFile);
      } catch {
        mod = null;
      }
      this.#modules.set(key2, mod);
    }
    return mod ?? void 0;
  }
  get size() {
    return this.#modules.size;
  }
  clear() {
    this.#modules.clear();
  }
};

// src/symbols/process-symbols.ts
import { readFileSync as readFileSync10 } from "node:fs";
var ProcessSymbols = class {
  constructor(pid, options = {}) {
    this.pid = pid;
    this.options = options;
    this.#cache = options.cache ?? new ModuleSymbolCache();
  }
  pid;
  options;
  #cache;
  #maps;
  #perfMap;
  /** Forget the memory map (call after the process loaded new libraries). File symbols stay cached. */
  refresh() {
    this.#maps = void 0;
    this.#perfMap = void 0;
  }
  /** Executable mappings; empty when the process has exited (everything then resolves unknown). */
  get mappings() {
    if (this.#maps === void 0) {
      try {
        this.#maps = readProcMaps(this.pid).filter((m) => m.perms[2] === "x");
      } catch {
        this.#maps = [];
      }
    }
    return this.#maps;
  }
  resolve(address) {
    const addr = Number(address);
    const mapping = this.mappings.find((m) => addr >= m.start && addr < m.end);
    if (mapping && isFileMapping(mapping) && mapping.path !== void 0) {
      const fileOffset = addr - mapping.start + mapping.pgoff;
      const mod = this.#cache.get(this.#hostPath(mapping.path));
      const vaddr = mod?.offsetToVaddr(fileOffset);
      const hit = vaddr !== void 0 ? mod?.lookup(vaddr) : void 0;
      if (hit) return { name: hit.name, offset: hit.offset, module: mapping.path };
      return { offset: fileOffset, module: mapping.path };
    }
    const jit = this.#lookupPerfMap(addr);
    if (jit) return jit;
    if (mapping?.path !== void 0) return { offset: addr - mapping.start, module: mapping.path };
    return { offset: addr };
  }
  /**
   * BCC's BPF.sym(addr, pid, show_module, show_offset): "main", "strlen+0x5",
   * "readline+0x0 [bash]", "[unknown]", "[unknown] [libc.so.6]".
   */
  sym(address, showModule = false, showOffset = false) {
    const r2 = this.resolve(address);
    return formatSymbol(r2.name, r2.offset, r2.module, showModule, showOffset);
  }
  /**
   * The runtime address of function `name` in this process, searching the module whose path or
   * basename is `module` (all file mappings when omitted). BCC's SymbolCache.resolve_name.
   */
  resolveName(module, name) {
    const seen = /* @__PURE__ */ new Set();
    for (const m of this.mappings) {
      if (!isFileMapping(m) || m.path === void 0 || seen.has(m.path)) continue;
      seen.add(m.path);
      if (module !== void 0 && m.path !== module && !m.path.endsWith(`/${module}`)) continue;
      const mod = this.#cache.get(this.#hostPath(m.path));
      const vaddr = mod?.addressOf(name);
      const off = vaddr !== void 0 ? mod?.vaddrToOffset(vaddr) : void 0;
      if (off === void 0) continue;
      const text = this.mappings.find(
        (x) => x.path === m.path && off >= x.pgoff && off < x.pgoff + (x.end - x.start)
      );
      if (text) return text.start + (off - text.pgoff);
    }
    return void 0;
  }
  #hostPath(path2) {
    return this.pid === process.pid ? path2 : `/proc/${this.pid}/root${path2}`;
  }
  #lookupPerfMap(addr) {
    if (this.#perfMap === void 0) this.#perfMap = this.#readPerfMap();
    const e = this.#perfMap.find((x) => addr >= x.start && addr < x.end);
    return e ? { name: e.name, offset: addr - e.start, module: this.#perfMapPath() } : void 0;
  }
  #perfMapPath() {
    return `${this.options.perfMapDir ?? "/tmp"}/perf-${this.pid}.map`;
  }
  #readPerfMap() {
    let text;
    try {
      text = readFileSync10(this.#perfMapPath(), "utf8");
    } catch {
      return [];
    }
    return parsePerfMap(text);
  }
};
function parsePerfMap(text) {
  const out = [];
  for (const line of text.split("\n")) {
    const m = /^(?:0x)?([0-9a-fA-F]+)\s+(?:0x)?([0-9a-fA-F]+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const start = parseInt(m[1] ?? "0", 16);
    out.push({ start, end: start + parseInt(m[2] ?? "0", 16), name: m[3] ?? "" });
  }
  return out.reverse();
}

// src/symbols/symbolizer.ts
var Symbolizer = class {
  constructor(options = {}) {
    this.options = options;
    this.kernel = new KernelSymbols(options.kernel);
    this.modules = new ModuleSymbolCache(options.useDebugFiles ?? true);
  }
  options;
  kernel;
  modules;
  #processes = /* @__PURE__ */ new Map();
  /** The symbol cache of one process, created on first use. */
  process(pid) {
    let p = this.#processes.get(pid);
    if (!p) {
      p = new ProcessSymbols(pid, {
        cache: this.modules,
        ...this.options.perfMapDir !== void 0 ? { perfMapDir: this.options.perfMapDir } : {}
      });
      this.#processes.set(pid, p);
    }
    return p;
  }
  /** BCC's BPF.sym(addr, pid, show_module, show_offset); a negative pid means the kernel. */
  sym(address, pid, showModule = false, showOffset = false) {
    if (pid < 0) return this.kernel.ksym(address, showModule, showOffset);
    return this.process(pid).sym(address, showModule, showOffset);
  }
  /** BCC's BPF.ksym(addr, show_module, show_offset). */
  ksym(address, showModule = false, showOffset = false) {
    return this.kernel.ksym(address, showModule, showOffset);
  }
  /** BCC's BPF.ksymname(name): the address, or -1n when unknown (BCC returns -1). */
  ksymname(name) {
    return this.kernel.ksymname(name) ?? -1n;
  }
  /** Drop a process's cached memory map (e.g. when it exits or execs). */
  forget(pid) {
    this.#processes.delete(pid);
  }
};

// src/bpf/kernel-utils.ts
var symbolizer;
function sharedSymbolizer() {
  symbolizer ??= new Symbolizer();
  return symbolizer;
}
var prefix;
function syscallPrefix() {
  if (prefix !== void 0) return prefix;
  let text = "";
  try {
    text = readFileSync11("/proc/kallsyms", "utf8");
  } catch {
  }
  for (const p of ["__x64_sys_", "__arm64_sys_", "sys_"]) {
    if (new RegExp(`^[0-9a-f]+ [tTwW] ${p}bpf$`, "m").test(text)) return prefix = p;
  }
  return prefix = text === "" ? "__x64_sys_" : "sys_";
}
var kernelUtils = {
  get_syscall_prefix() {
    return syscallPrefix();
  },
  /** "clone" → "__x64_sys_clone" (the function a kprobe on the syscall attaches to). */
  get_syscall_fnname(name) {
    return `${syscallPrefix()}${name}`;
  },
  ksym(addr, show_module = false, show_offset = false) {
    return sharedSymbolizer().ksym(addr, show_module, show_offset);
  },
  ksymname(name) {
    return sharedSymbolizer().ksymname(name);
  },
  sym(addr, pid, show_module = false, show_offset = false) {
    return sharedSymbolizer().sym(addr, pid, show_module, show_offset);
  },
  tracepoint_exists(category, event) {
    return existsSync6(`/sys/kernel/tracing/events/${category}/${event}`) || existsSync6(`/sys/kernel/debug/tracing/events/${category}/${event}`);
  },
  support_raw_tracepoint() {
    return new FeatureCache().has("raw_tracepoint");
  },
  support_raw_tracepoint_in_module() {
    return new FeatureCache().has("raw_tracepoint");
  },
  support_kfunc() {
    return new FeatureCache().has("fentry");
  },
  support_lsm() {
    return false;
  },
  support_ringbuf() {
    return new FeatureCache().has("ringbuf");
  },
  find_library(name) {
    return findLibrary(name);
  },
  find_exe(name) {
    return findExecutable(name);
  }
};

// src/bpf/attach-methods.ts
var AttachMixin = class {
  /** Kernel BTF function id lookup for fentry/fexit; undefined when the kernel has no BTF. */
  funcBtfId(_name) {
    return void 0;
  }
  /**
   * Serves a kprobe on a syscall function through the syscall tracepoint on kernels without
   * kprobes. Returns false when the BPF object cannot (the default).
   */
  syscallFallback(_fn_name, _syscall, _ret) {
    return void 0;
  }
  #tracefsOrUndefined() {
    try {
      return this.tracefs;
    } catch {
      return void 0;
    }
  }
  #useLink() {
    return this.features.has("perf_link");
  }
  #add(key2, link) {
    if (this.links.has(key2)) {
      link.close();
      throw new BPFError(`${key2} is already attached`);
    }
    this.links.set(key2, link);
  }
  #detach(prefix2, what) {
    let n = 0;
    for (const [key2, link] of [...this.links]) {
      if (key2 === prefix2 || key2.startsWith(`${prefix2}|`)) {
        link.close();
        this.links.delete(key2);
        n++;
      }
    }
    if (n === 0) throw new BPFError(`${what} is not attached`);
  }
  #kprobesAvailable() {
    return this.features.has("kprobe_pmu") || this.features.has("kprobe_events");
  }
  // ------------------------------------------------------------------ kprobes
  attach_kprobe(opts) {
    this.#attachK(false, opts);
  }
  attach_kretprobe(opts) {
    this.#attachK(true, opts);
  }
  #attachK(ret, opts) {
    this.assertOpen();
    const kind = ret ? "kretprobe" : "kprobe";
    if (opts.event_re !== void 0) {
      const events = get_kprobe_functions(opts.event_re);
      if (events.length === 0) throw new BPFError(`attach_${kind}: no kernel function matches ${String(opts.event_re)}`);
      for (const event2 of events) this.#attachK(ret, { ...opts, event: event2, event_re: void 0 });
      return;
    }
    const event = opts.event;
    if (!event) throw new BPFError(`attach_${kind} needs event or event_re`);
    if (!this.#kprobesAvailable()) {
      const syscall = syscallNameOf(event);
      if (syscall !== void 0) {
        const link2 = this.syscallFallback(opts.fn_name, syscall, ret);
        if (link2) {
          this.#add(`${kind}|${event}|${opts.fn_name}`, link2);
          return;
        }
      }
      throw new AttachUnsupportedError(
        `cannot attach ${kind} to ${event}: this kernel has no kprobes (CONFIG_KPROBES is off)${suggestTracepoints(this.#tracefsOrUndefined(), event)}`,
        "kprobes"
      );
    }
    const prog = this.load_func(opts.fn_name, kind);
    const link = attachKprobe(prog.fd, event, {
      retprobe: ret,
      ...opts.event_off ? { offset: opts.event_off } : {},
      ...opts.maxactive ? { maxactive: opts.maxactive } : {},
      tracefs: this.#tracefsOrUndefined(),
      useLink: this.#useLink(),
      tracker: this.fdTracker
    });
    this.#add(`${kind}|${event}|${opts.fn_name}`, link);
  }
  detach_kprobe(opts) {
    this.#detach(opts.fn_name ? `kprobe|${opts.event}|${opts.fn_name}` : `kprobe|${opts.event}`, `kprobe ${opts.event}`);
  }
  detach_kretprobe(opts) {
    this.#detach(opts.fn_name ? `kretprobe|${opts.event}|${opts.fn_name}` : `kretprobe|${opts.event}`, `kretprobe ${opts.event}`);
  }
  // ------------------------------------------------------------------ tracepoints
  attach_tracepoint(opts) {
    this.assertOpen();
    const tracefs = this.tracefs;
    if (opts.tp_re !== void 0) {
      const re = typeof opts.tp_re === "string" ? new RegExp(`^(?:${opts.tp_re})$`) : opts.tp_re;
      const names = tracefs.listEvents(re);
      if (names.length === 0) throw new BPFError(`attach_tracepoint: no tracepoint matches ${String(opts.tp_re)}`);
      for (const tp of names) this.attach_tracepoint({ tp, fn_name: opts.fn_name });
      return;
    }
    if (!opts.tp) throw new BPFError("attach_tracepoint needs tp ('category:event') or tp_re");
    const [category, event] = splitTp(opts.tp);
    const prog = this.load_func(opts.fn_name, "tracepoint");
    const link = attachTracepoint(prog.fd, category, event, { tracefs, useLink: this.#useLink(), tracker: this.fdTracker });
    this.#add(`tracepoint|${category}:${event}|${opts.fn_name}`, link);
  }
  detach_tracepoint(opts) {
    const [c, e] = splitTp(opts.tp);
    this.#detach(opts.fn_name ? `tracepoint|${c}:${e}|${opts.fn_name}` : `tracepoint|${c}:${e}`, `tracepoint ${opts.tp}`);
  }
  attach_raw_tracepoint(opts) {
    this.assertOpen();
    const prog = this.load_func(opts.fn_name, "raw_tracepoint");
    this.#add(`raw_tracepoint|${opts.tp}|${opts.fn_name}`, attachRawTracepoint(prog.fd, opts.tp, { tracker: this.fdTracker }));
  }
  detach_raw_tracepoint(opts) {
    this.#detach(opts.fn_name ? `raw_tracepoint|${opts.tp}|${opts.fn_name}` : `raw_tracepoint|${opts.tp}`, `raw tracepoint ${opts.tp}`);
  }
  // ------------------------------------------------------------------ fentry / fexit
  attach_kfunc(opts) {
    this.#attachTracing("fentry", opts.fn_name);
  }
  attach_kretfunc(opts) {
    this.#attachTracing("fexit", opts.fn_name);
  }
  #attachTracing(kind, fn_name) {
    this.assertOpen();
    const m = /^(?:kfunc|kretfunc|kmod_ret)__(?:vmlinux__)?(.+)$/.exec(fn_name);
    const target = m?.[1] ?? fn_name;
    const id = this.funcBtfId(target);
    if (id === void 0) {
      throw new AttachUnsupportedError(`cannot attach ${kind} ${fn_name}: no BTF for kernel function ${target} (kernel BTF missing, or the function is not traceable)`, "fentry");
    }
    let prog;
    try {
      prog = this.load_func(fn_name, kind, { attachBtfId: id });
    } catch (err) {
      if (!this.features.has("fentry")) {
        throw new AttachUnsupportedError(`cannot attach ${kind} to ${target}: this kernel refuses fentry/fexit programs (${this.features.probe("fentry").detail}); use a kprobe or tracepoint instead`, "fentry", { cause: err });
      }
      throw err;
    }
    this.#add(`${kind}|${target}|${fn_name}`, attachTracing(prog.fd, kind, target, { tracker: this.fdTracker }));
  }
  detach_kfunc(opts) {
    this.#detach(`fentry|${opts.fn_name.replace(/^kfunc__/, "")}`, `kfunc ${opts.fn_name}`);
  }
  detach_kretfunc(opts) {
    this.#detach(`fexit|${opts.fn_name.replace(/^kretfunc__/, "")}`, `kretfunc ${opts.fn_name}`);
  }
  // ------------------------------------------------------------------ uprobes
  attach_uprobe(opts) {
    this.#attachU(false, opts);
  }
  attach_uretprobe(opts) {
    this.#attachU(true, opts);
  }
  #attachU(ret, opts) {
    this.assertOpen();
    const kind = ret ? "uretprobe" : "uprobe";
    const path2 = resolveBinary(opts.name, opts.pid);
    const targets = [];
    if (opts.sym_re !== void 0) {
      for (const s2 of resolveSymbol(path2, symbolPattern(opts.sym_re), { functionsOnly: true })) targets.push({ offset: s2.offset, label: s2.name });
      if (targets.length === 0) throw new BPFError(`attach_${kind}: no function in ${path2} matches ${String(opts.sym_re)}`);
    } else if (opts.sym !== void 0 && opts.sym !== "") {
      const found = resolveSymbol(path2, opts.sym);
      const sym = found[0];
      if (!sym) throw new BPFError(`attach_${kind}: no symbol ${opts.sym} in ${path2}`);
      let offset = sym.offset;
      if (sym.type === STT_GNU_IFUNC) {
        const impl = resolveIfuncTarget(path2, sym.address);
        if (impl) offset = impl.offset;
      }
      targets.push({ offset: offset + (opts.sym_off ?? 0), label: opts.sym });
    } else if (opts.addr !== void 0) {
      const offset = addressToOffset(path2, Number(opts.addr));
      if (offset === void 0) throw new BPFError(`attach_${kind}: address 0x${opts.addr.toString(16)} is not in an executable segment of ${path2}`);
      targets.push({ offset, label: `0x${opts.addr.toString(16)}` });
    } else {
      throw new BPFError(`attach_${kind} needs sym, sym_re or addr`);
    }
    const prog = this.load_func(opts.fn_name, kind);
    for (const t of targets) {
      const link = attachUprobe(prog.fd, path2, t.offset, {
        retprobe: ret,
        ...opts.pid !== void 0 && opts.pid >= 0 ? { pid: opts.pid } : {},
        tracefs: this.#tracefsOrUndefined(),
        useLink: this.#useLink(),
        tracker: this.fdTracker
      });
      this.#add(`${kind}|${path2}:0x${t.offset.toString(16)}|${opts.pid ?? -1}|${opts.fn_name}`, link);
    }
  }
  detach_uprobe(opts) {
    this.#detachU("uprobe", opts);
  }
  detach_uretprobe(opts) {
    this.#detachU("uretprobe", opts);
  }
  #detachU(kind, opts) {
    const path2 = resolveBinary(opts.name, opts.pid);
    let off;
    if (opts.sym) {
      const s2 = resolveSymbol(path2, opts.sym)[0];
      if (s2) off = s2.type === STT_GNU_IFUNC ? resolveIfuncTarget(path2, s2.address)?.offset ?? s2.offset : s2.offset;
    } else if (opts.addr !== void 0) off = addressToOffset(path2, opts.addr);
    if (off === void 0) throw new BPFError(`${kind} ${opts.name}:${opts.sym ?? opts.addr} is not attached`);
    this.#detach(`${kind}|${path2}:0x${off.toString(16)}|${opts.pid ?? -1}`, `${kind} ${opts.name}:${opts.sym ?? opts.addr}`);
  }
  // ------------------------------------------------------------------ perf events
  attach_perf_event(opts) {
    this.assertOpen();
    const prog = this.load_func(opts.fn_name, "perf_event");
    const link = attachPerfEvent(prog.fd, {
      type: opts.ev_type,
      config: opts.ev_config,
      ...opts.sample_freq ? { sampleFreq: opts.sample_freq } : { samplePeriod: opts.sample_period ?? 1 },
      pid: opts.pid ?? -1,
      cpu: opts.cpu ?? -1,
      useLink: this.#useLink(),
      tracker: this.fdTracker
    });
    this.#add(`perf_event|${opts.ev_type}:${opts.ev_config}|${opts.fn_name}`, link);
  }
  detach_perf_event(opts) {
    this.#detach(`perf_event|${opts.ev_type}:${opts.ev_config}`, `perf event ${opts.ev_type}:${opts.ev_config}`);
  }
  // ------------------------------------------------------------------ counts
  num_open_kprobes() {
    return [...this.links.keys()].filter((k) => k.startsWith("kprobe|") || k.startsWith("kretprobe|")).length;
  }
  num_open_uprobes() {
    return [...this.links.keys()].filter((k) => k.startsWith("uprobe|") || k.startsWith("uretprobe|")).length;
  }
  num_open_tracepoints() {
    return [...this.links.keys()].filter((k) => k.startsWith("tracepoint|")).length;
  }
  /** Every live attachment (for tests and debugging). */
  attachments() {
    return [...this.links].map(([key2, link]) => ({ key: key2, link }));
  }
};
function splitTp(tp) {
  const i = tp.indexOf(":");
  if (i <= 0) throw new BPFError(`tracepoint "${tp}" must be written category:event (e.g. syscalls:sys_enter_openat)`);
  return [tp.slice(0, i), tp.slice(i + 1)];
}
function resolveBinary(name, pid) {
  if (name.includes("/")) return name;
  const lib = findLibrary(name, pid !== void 0 && pid >= 0 ? pid : void 0);
  if (lib) return lib;
  const exe = findExecutable(name);
  if (exe) return exe;
  throw new BPFError(`cannot find library or executable "${name}" (give a path)`);
}
function syscallNameOf(fn) {
  const m = /^(?:__x64_sys_|__ia32_sys_|__se_sys_|__do_sys_|__arm64_sys_|ksys_|sys_)(\w+)$/.exec(fn);
  return m?.[1];
}
function suggestTracepoints(tracefs, fn) {
  if (!tracefs) return "";
  const word = fn.replace(/^(?:__x64_sys_|__se_sys_|__do_sys_|sys_|do_|vfs_|__)+/, "");
  if (word.length < 3) return "";
  let names = [];
  try {
    names = tracefs.listEvents(new RegExp(word.replace(/[^A-Za-z0-9_]/g, "")));
  } catch {
    return "";
  }
  const preferred = names.filter((n) => n.startsWith("syscalls:sys_enter_") || n.startsWith("syscalls:sys_exit_"));
  const shown = (preferred.length > 0 ? preferred : names).slice(0, 5);
  return shown.length > 0 ? `; tracepoints that might serve instead: ${shown.join(", ")}` : "";
}
function get_kprobe_functions(re) {
  const rx = typeof re === "string" ? new RegExp(re) : re;
  const out = /* @__PURE__ */ new Set();
  let text = "";
  try {
    text = readFileSync12("/proc/kallsyms", "utf8");
  } catch {
    return [];
  }
  for (const line of text.split("\n")) {
    const parts = line.split(" ");
    if (parts.length < 3 || parts[1] !== "t" && parts[1] !== "T") continue;
    const name = parts[2].split("	")[0];
    if (name.includes(".") || name.startsWith("__pfx_") || name.startsWith("__ftrace") || name.startsWith("_eil_addr")) continue;
    if (rx.test(name)) out.add(name);
  }
  return [...out];
}

// src/perf/cpus.ts
import { readFileSync as readFileSync13 } from "node:fs";
var readText = (path2) => readFileSync13(path2, "utf8");
function parseCpuList2(text) {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  const ids = /* @__PURE__ */ new Set();
  for (const part of trimmed.split(",")) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (m === null) throw new Error(`malformed cpu list ${JSON.stringify(text)}: bad element ${JSON.stringify(part)}`);
    const first = Number(m[1]);
    const last = m[2] === void 0 ? first : Number(m[2]);
    if (last < first) throw new Error(`malformed cpu list ${JSON.stringify(text)}: descending range ${part}`);
    for (let cpu = first; cpu <= last; cpu++) ids.add(cpu);
  }
  return [...ids].sort((a, b) => a - b);
}
function onlineCpus2(read = readText) {
  return parseCpuList2(read("/sys/devices/system/cpu/online"));
}

// src/perf/event-poller.ts
var EventPoller = class {
  epoll = new Epoll();
  sources = [];
  /** The descriptors each source had when added (a closed source reports none any more). */
  watched = /* @__PURE__ */ new Map();
  slice = Number.POSITIVE_INFINITY;
  constructor(sources = []) {
    try {
      for (const s2 of sources) this.add(s2);
    } catch (e) {
      this.epoll.close();
      throw e;
    }
  }
  /** Adds a source; its descriptors are watched from now on. The poller does not own it. */
  add(source) {
    if (this.watched.has(source)) return;
    const fds = [...source.readyFds];
    for (const fd of fds) this.epoll.add(fd, EPOLLIN);
    this.watched.set(source, fds);
    this.sources.push(source);
    if (source.flushIntervalMs !== void 0) this.slice = Math.min(this.slice, Math.max(1, source.flushIntervalMs));
  }
  /**
   * Stops watching a source. Call it before closing the source's descriptors: a descriptor closed
   * while its file lives on (a ringbuf map still used by a program) cannot be named to epoll any
   * more and stays in the set (perf buffers are fine either way: their files die with the fds).
   */
  remove(source) {
    const i = this.sources.indexOf(source);
    if (i < 0) return;
    this.sources.splice(i, 1);
    const fds = this.watched.get(source) ?? [];
    this.watched.delete(source);
    for (const fd of fds) {
      if (typeof fd !== "number" && fd.closed) continue;
      try {
        this.epoll.remove(fd);
      } catch (e) {
        if (!(e instanceof KernelError && (e.code === ERRNO.ENOENT || e.code === ERRNO.EBADF))) throw e;
      }
    }
    this.slice = Number.POSITIVE_INFINITY;
    for (const s2 of this.sources) {
      if (s2.flushIntervalMs !== void 0) this.slice = Math.min(this.slice, Math.max(1, s2.flushIntervalMs));
    }
  }
  get closed() {
    return this.epoll.closed;
  }
  /**
   * Reads all sources once without waiting; returns the number of records handled. Sources closed
   * since the last read are removed first: a ring buffer's map fd stays readable while records
   * wait, so a closed source left in the set would make every wait return at once.
   */
  consume() {
    let n = 0;
    for (const s2 of [...this.sources]) {
      if (s2.closed) this.remove(s2);
      else n += s2.consume();
    }
    return n;
  }
  /**
   * Blocks until at least one record was handled or `timeoutMs` passed (-1: no limit; 0: just
   * consume). Returns the number of records handled (0 on timeout or after close()).
   */
  poll(timeoutMs = -1) {
    const deadline = timeoutMs < 0 ? Number.POSITIVE_INFINITY : performance.now() + timeoutMs;
    for (; ; ) {
      if (this.closed) return 0;
      const n = this.consume();
      if (n > 0) return n;
      const wait = this.nextWait(deadline);
      if (wait === void 0) return 0;
      this.epoll.wait(wait);
    }
  }
  /**
   * Like poll() but waits on the event loop. Resolves with the number of records handled, 0 on
   * timeout, on close(), or when `signal` aborts. One pollAsync at a time per poller.
   */
  async pollAsync(timeoutMs = -1, signal) {
    const deadline = timeoutMs < 0 ? Number.POSITIVE_INFINITY : performance.now() + timeoutMs;
    for (; ; ) {
      if (this.closed || signal?.aborted) return 0;
      const n = this.consume();
      if (n > 0) return n;
      const wait = this.nextWait(deadline);
      if (wait === void 0) return 0;
      await this.epoll.waitAsync(wait, signal);
    }
  }
  /**
   * Delivers records from the event loop until `signal` aborts or the poller is closed; resolves
   * with the total handled. Callback errors reject the promise (the record counts as consumed).
   */
  async run(signal) {
    let total = 0;
    while (!this.closed && !signal?.aborted) total += await this.pollAsync(-1, signal);
    return total;
  }
  /** How long the next wait may last: the remaining time, cut to the flush slice; undefined at the deadline. */
  nextWait(deadline) {
    const remaining = deadline - performance.now();
    if (remaining <= 0) return void 0;
    const wait = Math.min(remaining, this.slice);
    return wait === Number.POSITIVE_INFINITY ? -1 : Math.ceil(wait);
  }
  /** Closes the epoll instance (a pending pollAsync resolves with 0). The sources stay open. */
  close() {
    this.epoll.close();
    this.sources.length = 0;
    this.watched.clear();
  }
  [Symbol.dispose]() {
    this.close();
  }
};

// src/perf/u64-cell.ts
import { endianness } from "node:os";
var TWO_32 = 4294967296;
var U64Cell = class {
  halves;
  whole;
  /** Index of the low / high u32 inside `halves` (the machine's byte order decides). */
  lo;
  hi;
  /** `byteOffset` must be 8-byte aligned (true for all the mmap fields we use). */
  constructor(buffer, byteOffset) {
    if (byteOffset % 8 !== 0) throw new RangeError(`u64 position at unaligned offset ${byteOffset}`);
    this.halves = new Uint32Array(buffer, byteOffset, 2);
    this.whole = new BigUint64Array(buffer, byteOffset, 1);
    const little = endianness() === "LE";
    this.lo = little ? 0 : 1;
    this.hi = little ? 1 : 0;
  }
  /**
   * Acquire-loads the position. Two u32 loads are enough because positions only grow: if the high
   * half reads the same before and after the low half, the pair is a value the kernel really held.
   */
  load() {
    const h = this.halves;
    for (; ; ) {
      const hi1 = Atomics.load(h, this.hi);
      const lo = Atomics.load(h, this.lo);
      const hi2 = Atomics.load(h, this.hi);
      if (hi1 === hi2) {
        if (hi1 >= 2097152) throw new RangeError("ring position exceeds 2^53 bytes");
        return hi1 * TWO_32 + lo;
      }
    }
  }
  /** Release-stores a new (larger) position. */
  store(value) {
    const h = this.halves;
    const hi = Math.floor(value / TWO_32);
    if (Atomics.load(h, this.hi) === hi) {
      Atomics.store(h, this.lo, value >>> 0);
    } else {
      Atomics.store(this.whole, 0, BigInt(value));
    }
  }
};

// src/perf/perf-ring.ts
var PERF_RECORD_LOST2 = 2;
var PERF_RECORD_SAMPLE2 = 9;
var PerfMmapPage = {
  dataHead: 1024,
  dataTail: 1032,
  dataOffset: 1040,
  dataSize: 1048
};
var PerfRingCorruptError = class extends Error {
  name = "PerfRingCorruptError";
};
var TWO_322 = 4294967296;
var PerfRing = class {
  /**
   * @param buffer the whole mmap (1 + 2^n pages), e.g. from koffi.view.
   * @param cpu passed through to callbacks.
   * @param pageSize used only when the kernel left data_offset/data_size at 0 (before 4.1).
   */
  constructor(buffer, cpu, pageSize2) {
    this.cpu = cpu;
    if (buffer.byteLength < PerfMmapPage.dataSize + 8) throw new RangeError(`perf mmap of ${buffer.byteLength} bytes is too small`);
    if (!isLittleEndianHost()) throw new Error("PerfRing supports little-endian hosts only");
    const meta = new DataView(buffer);
    let start = Number(meta.getBigUint64(PerfMmapPage.dataOffset, true));
    let size = Number(meta.getBigUint64(PerfMmapPage.dataSize, true));
    if (size === 0) {
      start = pageSize2;
      size = buffer.byteLength - pageSize2;
    }
    if ((size & size - 1) !== 0 || size < 8 || start % 8 !== 0 || start + size > buffer.byteLength) {
      throw new PerfRingCorruptError(`bad perf data area: offset ${start}, size ${size}, mmap ${buffer.byteLength}`);
    }
    this.head = new U64Cell(buffer, PerfMmapPage.dataHead);
    this.tailCell = new U64Cell(buffer, PerfMmapPage.dataTail);
    this.bytes = new Uint8Array(buffer);
    this.words = new Uint32Array(buffer, 0, buffer.byteLength >>> 2);
    this.dataStart = start;
    this.dataSize = size;
    this.mask = size - 1;
    this.tail = this.tailCell.load();
  }
  cpu;
  head;
  tailCell;
  bytes;
  words;
  /** Start of the data area in `bytes` and its size (a power of two). */
  dataStart;
  dataSize;
  mask;
  /** Our copy of data_tail: we are the only writer, so no need to read it back. */
  tail;
  /** Reused copy target for records that wrap around the end of the ring. */
  scratch = new Uint8Array(256);
  scratchWords = new Uint32Array(this.scratch.buffer);
  /** Set by stop(): the current read() returns after the running callback. */
  stopped = false;
  /**
   * Makes read() return as soon as the running callback returns, and every later read() return 0.
   * For owners that unmap the ring from inside a callback: the loop must not touch it afterwards.
   */
  stop() {
    this.stopped = true;
  }
  /** Capacity of the data area in bytes. */
  get size() {
    return this.dataSize;
  }
  /** Whether the kernel has published records we have not consumed. */
  get pending() {
    return this.head.load() !== this.tail;
  }
  /**
   * Reads every record published so far (data_head read once, at the start), then releases their
   * space by storing data_tail. Returns the number of records handled (samples + lost records +
   * skipped ones).
   *
   * Lifetime: for a contiguous record `data` is a view straight into the mmap, for a wrapped one a
   * view of a reused scratch copy. Either way it is valid only while `onSample` runs: the kernel may
   * overwrite the ring once data_tail moves, and the scratch is reused by the next wrapped record.
   * Copy (`data.slice()`) to keep it.
   *
   * If a callback throws, the records before it and the throwing one count as consumed (so a bad
   * record is not delivered forever), data_tail is stored, and the error propagates. A record with
   * an impossible size throws PerfRingCorruptError after dropping everything up to data_head.
   */
  read(onSample, onLost) {
    const head = this.head.load();
    const bytes = this.bytes;
    const words = this.words;
    const start = this.dataStart;
    const size = this.dataSize;
    const mask = this.mask;
    const cpu = this.cpu;
    let tail = this.tail;
    let count2 = 0;
    try {
      while (tail < head && !this.stopped) {
        const off = tail & mask;
        const at2 = start + off;
        const type = words[at2 >>> 2];
        const recSize = words[(at2 >>> 2) + 1] >>> 16;
        if (recSize < 8 || (recSize & 7) !== 0 || recSize > head - tail) {
          const at0 = tail;
          tail = head;
          throw new PerfRingCorruptError(`cpu ${cpu}: record of size ${recSize} at position ${at0} (head ${head})`);
        }
        tail += recSize;
        count2++;
        if (type !== PERF_RECORD_SAMPLE2 && type !== PERF_RECORD_LOST2) continue;
        let src;
        let srcWords;
        let base;
        if (off + recSize <= size) {
          src = bytes;
          srcWords = words;
          base = at2;
        } else {
          src = this.copyWrapped(at2, size - off, recSize);
          srcWords = this.scratchWords;
          base = 0;
        }
        if (type === PERF_RECORD_SAMPLE2) {
          const rawSize = srcWords[(base >>> 2) + 2];
          if (12 + rawSize > recSize) throw new PerfRingCorruptError(`cpu ${cpu}: raw size ${rawSize} in a ${recSize}-byte sample`);
          onSample(cpu, src.subarray(base + 12, base + 12 + rawSize));
        } else {
          if (recSize < 24) throw new PerfRingCorruptError(`cpu ${cpu}: lost record of size ${recSize}`);
          const lost = srcWords[(base >>> 2) + 4] + srcWords[(base >>> 2) + 5] * TWO_322;
          onLost(cpu, lost);
        }
      }
    } finally {
      if (tail !== this.tail) {
        this.tail = tail;
        this.tailCell.store(tail);
      }
    }
    return count2;
  }
  /** Copies a record that runs past the end of the ring into the scratch buffer. */
  copyWrapped(at2, firstPart, recSize) {
    if (this.scratch.length < recSize) {
      let n = this.scratch.length;
      while (n < recSize) n *= 2;
      this.scratch = new Uint8Array(n);
      this.scratchWords = new Uint32Array(this.scratch.buffer);
    }
    const s2 = this.scratch;
    s2.set(this.bytes.subarray(at2, at2 + firstPart), 0);
    s2.set(this.bytes.subarray(this.dataStart, this.dataStart + recSize - firstPart), firstPart);
    return s2;
  }
};
function isLittleEndianHost() {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

// src/perf/perf-buffer.ts
var DEFAULT_PERF_PAGE_COUNT = 64;
var DEFAULT_FLUSH_INTERVAL_MS = 10;
var PerfBuffer = class _PerfBuffer {
  flushIntervalMs;
  cpus;
  map;
  rings;
  onSample;
  onLost;
  poller;
  lostCount = 0;
  /** True while consume() runs callbacks: close() then defers the munmap until they return. */
  consuming = false;
  releasePending;
  /**
   * Opens a ring per CPU and installs it in `map` (a PERF_EVENT_ARRAY with max_entries above every
   * CPU id). Close the buffer before the map; closing the map first is tolerated (the entries go
   * with it). On failure, everything opened so far is released and the KernelError propagates.
   */
  static open(map, options) {
    const pageCount = options.pageCount ?? DEFAULT_PERF_PAGE_COUNT;
    if (!Number.isInteger(pageCount) || pageCount < 1 || (pageCount & pageCount - 1) !== 0) {
      throw new RangeError(`perf buffer pageCount must be a power of two, got ${pageCount}`);
    }
    if (options.wakeupEvents !== void 0 && options.wakeupBytes !== void 0) {
      throw new RangeError("perf buffer: give wakeupEvents or wakeupBytes, not both");
    }
    const page = pageSize();
    const dataBytes = pageCount * page;
    const wakeupEvents = options.wakeupEvents;
    const wakeupBytes = wakeupEvents === void 0 ? options.wakeupBytes ?? dataBytes / 4 : void 0;
    if (wakeupEvents !== void 0 && (!Number.isInteger(wakeupEvents) || wakeupEvents < 1)) {
      throw new RangeError(`perf buffer wakeupEvents must be a positive integer, got ${wakeupEvents}`);
    }
    if (wakeupBytes !== void 0 && (!Number.isInteger(wakeupBytes) || wakeupBytes < 1 || wakeupBytes > dataBytes)) {
      throw new RangeError(`perf buffer wakeupBytes must be 1..${dataBytes}, got ${wakeupBytes}`);
    }
    const batched = wakeupEvents === void 0 || wakeupEvents > 1;
    const flush = batched ? options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS : void 0;
    const cpus = [...options.cpus ?? onlineCpus2()];
    const rings = [];
    const key2 = new Uint8Array(4);
    const value = new Uint8Array(4);
    try {
      for (const cpu of cpus) {
        const fd = perfEventOpen(
          {
            type: PERF_TYPE.SOFTWARE,
            config: PERF_COUNT_SW.BPF_OUTPUT,
            sampleType: PERF_SAMPLE_RAW,
            samplePeriod: 1,
            ...wakeupEvents !== void 0 ? { wakeupEvents } : { wakeupWatermark: wakeupBytes }
          },
          { pid: -1, cpu },
          { ...options.fdOptions, label: `perf buffer cpu ${cpu}` }
        );
        let memory;
        let ring;
        try {
          memory = mmapPerfRing(fd, pageCount);
          ring = new PerfRing(memory.buffer, cpu, page);
        } catch (e) {
          memory?.close();
          fd.close();
          throw e;
        }
        const entry = { cpu, fd, memory, ring, inMap: false };
        rings.push(entry);
        new DataView(key2.buffer).setUint32(0, cpu, true);
        new DataView(value.buffer).setUint32(0, fd.raw, true);
        mapUpdateElem(map, key2, value);
        entry.inMap = true;
        perfEventEnable(fd);
      }
    } catch (e) {
      releaseRings(map, rings);
      throw e;
    }
    return new _PerfBuffer(map, cpus, rings, flush, options);
  }
  constructor(map, cpus, rings, flushIntervalMs, options) {
    this.map = map;
    this.cpus = cpus;
    this.rings = rings;
    this.flushIntervalMs = flushIntervalMs;
    this.onSample = options.onSample;
    const userLost = options.onLost;
    this.onLost = (cpu, count2) => {
      this.lostCount += count2;
      userLost?.(cpu, count2);
    };
  }
  /** The per-CPU perf event descriptors (what an EventPoller waits on). Empty after close(). */
  get readyFds() {
    return this.rings.map((r2) => r2.fd);
  }
  /** Total samples the kernel reported as lost since open. */
  get lost() {
    return this.lostCount;
  }
  get closed() {
    return this.map === void 0;
  }
  /**
   * Reads every CPU's ring once without waiting; returns the records handled (samples + lost
   * records). Callbacks may close() the buffer (reading stops after that callback) but must not call
   * consume()/poll() on it again.
   */
  consume() {
    if (this.consuming) throw new Error("PerfBuffer.consume() called from inside one of its callbacks");
    this.consuming = true;
    let n = 0;
    try {
      for (const r2 of this.rings) {
        n += r2.ring.read(this.onSample, this.onLost);
        if (this.map === void 0) break;
      }
    } finally {
      this.consuming = false;
      const map = this.releasePending;
      if (map !== void 0) {
        this.releasePending = void 0;
        releaseRings(map, this.rings);
      }
    }
    return n;
  }
  /** Blocks up to `timeoutMs` (-1: until something arrives) like BCC's perf_buffer_poll. */
  poll(timeoutMs = -1) {
    return this.ownPoller().poll(timeoutMs);
  }
  /** Waits on the event loop; see EventPoller.pollAsync. */
  pollAsync(timeoutMs = -1, signal) {
    return this.ownPoller().pollAsync(timeoutMs, signal);
  }
  /** Delivers records from the event loop until `signal` aborts or close(). */
  run(signal) {
    return this.ownPoller().run(signal);
  }
  ownPoller() {
    if (this.closed) throw new Error("perf buffer is closed");
    this.poller ??= new EventPoller([this]);
    return this.poller;
  }
  /**
   * Removes the events from the map, disables them, unmaps the rings and closes the fds; a pending
   * pollAsync resolves with 0. Idempotent.
   */
  close() {
    const map = this.map;
    if (map === void 0) return;
    this.map = void 0;
    this.poller?.close();
    this.poller = void 0;
    if (this.consuming) {
      for (const r2 of this.rings) r2.ring.stop();
      this.releasePending = map;
      return;
    }
    releaseRings(map, this.rings);
  }
  [Symbol.dispose]() {
    this.close();
  }
};
function releaseRings(map, rings) {
  const key2 = new Uint8Array(4);
  let first;
  for (const r2 of rings) {
    try {
      if (r2.inMap && (typeof map === "number" || !map.closed)) {
        new DataView(key2.buffer).setUint32(0, r2.cpu, true);
        mapDeleteElem(map, key2);
      }
      perfEventDisable(r2.fd);
    } catch (e) {
      first ??= e;
    }
    r2.memory.close();
    r2.fd.close();
  }
  rings.length = 0;
  if (first !== void 0) throw first;
}

// src/ringbuf/ring-reader.ts
var BPF_RINGBUF_BUSY_BIT = 2147483648;
var BPF_RINGBUF_DISCARD_BIT = 1073741824;
var BPF_RINGBUF_HDR_SZ = 8;
var RingCorruptError = class extends Error {
  name = "RingCorruptError";
};
var RingReader = class {
  /**
   * @param consumerPage the RW mapping of the first page (koffi.view of the mmap).
   * @param producerArea the RO mapping: one page + 2 × `size` bytes.
   * @param size the map's max_entries (a power-of-two multiple of the page size).
   */
  constructor(consumerPage, producerArea, size, pageSize2) {
    this.size = size;
    if (!isLittleEndianHost()) throw new Error("RingReader supports little-endian hosts only");
    if ((size & size - 1) !== 0 || size < 8) throw new RangeError(`ring size ${size} is not a power of two`);
    if (producerArea.byteLength < pageSize2 + 2 * size) {
      throw new RangeError(`producer mapping of ${producerArea.byteLength} bytes, need ${pageSize2 + 2 * size}`);
    }
    this.consumerCell = new U64Cell(consumerPage, 0);
    this.producerCell = new U64Cell(producerArea, 0);
    this.bytes = new Uint8Array(producerArea);
    this.words = new Uint32Array(producerArea, 0, producerArea.byteLength >>> 2);
    this.dataStart = pageSize2;
    this.mask = size - 1;
    this.consumer = this.consumerCell.load();
  }
  size;
  consumerCell;
  producerCell;
  bytes;
  words;
  dataStart;
  mask;
  /** Our copy of consumer_pos: user space is its only writer. */
  consumer;
  /** Set by stop(): the current read() returns after the running callback. */
  stopped = false;
  /**
   * Makes read() return as soon as the running callback returns, and every later read() return 0.
   * For owners that unmap the ring from inside a callback: the loop must not touch it afterwards.
   */
  stop() {
    this.stopped = true;
  }
  /** Whether committed-or-busy records are waiting (producer ahead of consumer). */
  get pending() {
    return this.producerCell.load() !== this.consumer;
  }
  /**
   * Delivers committed records in order until the ring is empty or a busy record is reached,
   * re-reading producer_pos after each pass so records committed meanwhile are read too. Discarded
   * records are skipped (their space is still released). consumer_pos is stored after every record,
   * so the producer can reuse space while we are still reading. At most `limit` records are
   * delivered (a fast producer could otherwise keep one call running forever).
   *
   * If `onRecord` throws, that record counts as consumed and the error propagates. A record claiming
   * more bytes than were produced throws RingCorruptError after dropping everything up to producer_pos.
   */
  read(onRecord, limit = Number.POSITIVE_INFINITY) {
    const bytes = this.bytes;
    const words = this.words;
    const start = this.dataStart;
    const mask = this.mask;
    const cell = this.consumerCell;
    let cons = this.consumer;
    let delivered = 0;
    try {
      while (!this.stopped) {
        const prod = this.producerCell.load();
        if (cons === prod) break;
        let progressed = false;
        while (cons < prod && delivered < limit && !this.stopped) {
          const at2 = start + (cons & mask);
          const len = Atomics.load(words, at2 >>> 2);
          if ((len & BPF_RINGBUF_BUSY_BIT) !== 0) return delivered;
          const dataLen = len & 1073741823;
          const recSize = dataLen + BPF_RINGBUF_HDR_SZ + 7 & ~7;
          if (recSize > prod - cons) {
            const at0 = cons;
            cons = prod;
            throw new RingCorruptError(`record of ${dataLen} bytes at position ${at0} runs past producer ${prod}`);
          }
          cons += recSize;
          progressed = true;
          if ((len & BPF_RINGBUF_DISCARD_BIT) === 0) {
            delivered++;
            onRecord(bytes.subarray(at2 + BPF_RINGBUF_HDR_SZ, at2 + BPF_RINGBUF_HDR_SZ + dataLen));
          }
          this.consumer = cons;
          cell.store(cons);
        }
        if (!progressed || delivered >= limit) break;
      }
    } finally {
      if (this.consumer !== cons) {
        this.consumer = cons;
        cell.store(cons);
      }
    }
    return delivered;
  }
};

// src/ringbuf/ring-buffer.ts
var RingBuffer = class _RingBuffer {
  /** Ring buffers wake us reliably; no flush slices needed. */
  flushIntervalMs = void 0;
  /** Data area size in bytes (the map's max_entries). */
  size;
  map;
  consumerPage;
  producerArea;
  reader;
  onRecord;
  batchLimit;
  poller;
  /** True while consume() runs callbacks: close() then defers the munmap until they return. */
  consuming = false;
  unmapPending = false;
  /**
   * Maps the ring of `map` (a RINGBUF map; the caller keeps owning the fd and must close this
   * RingBuffer first: the epoll registration refers to the fd number).
   */
  static open(map, options) {
    const info = mapInfo(map);
    if (info.type !== BPF_MAP_TYPE.RINGBUF) {
      throw new TypeError(`ring buffer needs a BPF_MAP_TYPE_RINGBUF map, got map type ${info.type} (${info.name})`);
    }
    const page = pageSize();
    const size = info.maxEntries;
    const consumer = mmapFd(map, page, { prot: PROT_READ | PROT_WRITE });
    let producer;
    try {
      producer = mmapFd(map, page + 2 * size, { prot: PROT_READ, offset: page });
    } catch (e) {
      consumer.close();
      throw e;
    }
    try {
      const reader = new RingReader(consumer.buffer, producer.buffer, size, page);
      return new _RingBuffer(map, consumer, producer, reader, options);
    } catch (e) {
      producer.close();
      consumer.close();
      throw e;
    }
  }
  constructor(map, consumer, producer, reader, options) {
    this.map = map;
    this.consumerPage = consumer;
    this.producerArea = producer;
    this.reader = reader;
    this.size = reader.size;
    this.onRecord = options.onRecord;
    this.batchLimit = options.batchLimit ?? Number.POSITIVE_INFINITY;
  }
  /** The map fd (what an EventPoller waits on). Empty after close(). */
  get readyFds() {
    return this.map === void 0 ? [] : [this.map];
  }
  get closed() {
    return this.map === void 0;
  }
  /**
   * Reads committed records now, without waiting; returns how many were delivered. Callbacks may
   * close() the ring buffer (reading stops after that callback) but must not consume()/poll() it.
   */
  consume() {
    if (this.map === void 0) return 0;
    if (this.consuming) throw new Error("RingBuffer.consume() called from inside one of its callbacks");
    this.consuming = true;
    try {
      return this.reader.read(this.onRecord, this.batchLimit);
    } finally {
      this.consuming = false;
      if (this.unmapPending) {
        this.unmapPending = false;
        this.unmap();
      }
    }
  }
  /** Blocks up to `timeoutMs` (-1: until something arrives) like BCC's ring_buffer_poll. */
  poll(timeoutMs = -1) {
    return this.ownPoller().poll(timeoutMs);
  }
  /** Waits on the event loop; see EventPoller.pollAsync. */
  pollAsync(timeoutMs = -1, signal) {
    return this.ownPoller().pollAsync(timeoutMs, signal);
  }
  /** Delivers records from the event loop until `signal` aborts or close(). */
  run(signal) {
    return this.ownPoller().run(signal);
  }
  ownPoller() {
    if (this.closed) throw new Error("ring buffer is closed");
    this.poller ??= new EventPoller([this]);
    return this.poller;
  }
  /** Unmaps the ring and stops waiting on it (a pending pollAsync resolves with 0). Idempotent. */
  close() {
    if (this.map === void 0) return;
    this.map = void 0;
    this.poller?.close();
    this.poller = void 0;
    if (this.consuming) {
      this.reader.stop();
      this.unmapPending = true;
      return;
    }
    this.unmap();
  }
  unmap() {
    this.producerArea?.close();
    this.consumerPage?.close();
    this.producerArea = void 0;
    this.consumerPage = void 0;
  }
  [Symbol.dispose]() {
    this.close();
  }
};

// src/bpf/output.ts
var OutputState = class {
  constructor(host) {
    this.host = host;
  }
  host;
  #pipe;
  #perf = /* @__PURE__ */ new Map();
  #rings = /* @__PURE__ */ new Map();
  #perfPoller;
  #ringPoller;
  // ------------------------------------------------------------ trace_pipe
  get pipe() {
    this.#pipe ??= new TracePipe(this.host.tracefs);
    return this.#pipe;
  }
  traceReadline(nonblocking) {
    return this.pipe.readline(nonblocking ? 0 : void 0);
  }
  traceFields(nonblocking) {
    for (; ; ) {
      const line = this.traceReadline(nonblocking);
      if (line === void 0) return [void 0, void 0, void 0, void 0, void 0, void 0];
      const f2 = parseTraceLine(line);
      if (f2) return [f2.task, f2.pid, f2.cpu, f2.flags, f2.ts, f2.msg];
    }
  }
  /** BCC's trace_print: prints trace_pipe lines forever (fmt: "{0} {1} ... {5}" over the fields). */
  tracePrint(fmt) {
    for (; ; ) {
      const line = this.traceReadline(false);
      if (line === void 0) continue;
      if (fmt === void 0) {
        process.stdout.write(`${line}
`);
        continue;
      }
      const f2 = parseTraceLine(line);
      if (!f2) continue;
      const fields = [f2.task, f2.pid, f2.cpu, f2.flags, f2.ts, f2.msg];
      process.stdout.write(`${fmt.replace(/\{(\d+)\}/g, (_, i) => String(fields[Number(i)] ?? ""))}
`);
    }
  }
  async *traceLines() {
    for await (const line of this.pipe) {
      const f2 = parseTraceLine(line);
      if (f2) yield { task: f2.task, pid: f2.pid, cpu: f2.cpu, flags: f2.flags, ts: f2.ts, msg: f2.msg };
    }
  }
  // ------------------------------------------------------------ perf / ring buffers
  openPerfBuffer(table, callback, opts) {
    if (this.#perf.has(table.name)) throw new BPFError(`perf buffer ${table.name} is already open`);
    const lostCb = opts.lost_cb;
    const buf = PerfBuffer.open(table.fdLike, {
      onSample: (cpu, data) => callback(cpu, data, data.length),
      onLost: (_cpu, count2) => {
        if (lostCb) lostCb(count2);
        else process.stderr.write(`bcc-ts: lost ${count2} samples from perf buffer ${table.name} (pass lost_cb to handle them, or a larger page_cnt)
`);
      },
      ...opts.page_cnt !== void 0 ? { pageCount: opts.page_cnt } : {},
      ...opts.wakeup_events !== void 0 ? { wakeupEvents: opts.wakeup_events } : {},
      ...this.host.fdTracker ? { fdOptions: { tracker: this.host.fdTracker } } : {}
    });
    this.#perf.set(table.name, buf);
    this.#perfPoller ??= new EventPoller();
    this.#perfPoller.add(buf);
  }
  closePerfBuffer(name) {
    const buf = this.#perf.get(name);
    if (!buf) return;
    this.#perfPoller?.remove(buf);
    buf.close();
    this.#perf.delete(name);
  }
  openRingBuffer(table, callback) {
    if (this.#rings.has(table.name)) throw new BPFError(`ring buffer ${table.name} is already open`);
    const buf = RingBuffer.open(table.fdLike, { onRecord: (data) => void callback(void 0, data, data.length) });
    this.#rings.set(table.name, buf);
    this.#ringPoller ??= new EventPoller();
    this.#ringPoller.add(buf);
  }
  poll(which, timeout) {
    const poller = which === "perf" ? this.#perfPoller : this.#ringPoller;
    if (!poller) throw new BPFError(which === "perf" ? "perf_buffer_poll: no perf buffer is open (call open_perf_buffer first)" : "ring_buffer_poll: no ring buffer is open (call open_ring_buffer first)");
    return poller.poll(timeout);
  }
  consume(which) {
    const poller = which === "perf" ? this.#perfPoller : this.#ringPoller;
    return poller ? poller.consume() : 0;
  }
  async pollAsync(timeout, signal) {
    const pollers = [this.#perfPoller, this.#ringPoller].filter((p) => p !== void 0);
    if (pollers.length === 0) throw new BPFError("poll_async: no perf or ring buffer is open");
    if (pollers.length === 1) return pollers[0].pollAsync(timeout, signal);
    const ac = new AbortController();
    const onAbort = () => ac.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const n = await Promise.race(pollers.map((p) => p.pollAsync(timeout, ac.signal)));
      ac.abort();
      return n + pollers.reduce((acc, p) => acc + p.consume(), 0);
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }
  close() {
    this.#perfPoller?.close();
    this.#ringPoller?.close();
    for (const b of this.#perf.values()) b.close();
    for (const b of this.#rings.values()) b.close();
    this.#perf.clear();
    this.#rings.clear();
    this.#pipe?.close();
    this.#pipe = void 0;
  }
};
function wrapEventTable(table, host) {
  const state = host.output;
  if (table instanceof PerfEventArray) {
    const t = table;
    t.open_perf_buffer = (callback, opts = {}) => state.openPerfBuffer(table, callback, opts);
    t.close_perf_buffer = () => state.closePerfBuffer(table.name);
    t[Symbol.asyncIterator] = () => eventIterator(table, (push) => state.openPerfBuffer(table, (_cpu, data) => push(table.event(data)), {}), () => state.closePerfBuffer(table.name), state);
  } else if (table instanceof RingBuf) {
    const t = table;
    t.open_ring_buffer = (callback) => state.openRingBuffer(table, callback);
    t[Symbol.asyncIterator] = () => eventIterator(table, (push) => state.openRingBuffer(table, (_ctx, data) => push(table.event(data))), () => void 0, state);
  }
  return table;
}
function eventIterator(table, open, close, state) {
  const queue = [];
  let opened = false;
  let done = false;
  return {
    async next() {
      if (!opened) {
        open((ev) => queue.push(ev));
        opened = true;
      }
      while (queue.length === 0 && !done) await state.pollAsync(-1);
      if (queue.length > 0) return { value: queue.shift(), done: false };
      return { value: void 0, done: true };
    },
    async return() {
      done = true;
      close();
      void table;
      return { value: void 0, done: true };
    }
  };
}

// src/btf/kernel.ts
import { readFileSync as readFileSync14 } from "node:fs";

// src/btf/btf-format.ts
var BTF_MAGIC = 60319;
var BTF_HEADER_LEN = 24;
var BtfKind = {
  UNKN: 0,
  INT: 1,
  PTR: 2,
  ARRAY: 3,
  STRUCT: 4,
  UNION: 5,
  ENUM: 6,
  FWD: 7,
  TYPEDEF: 8,
  VOLATILE: 9,
  CONST: 10,
  RESTRICT: 11,
  FUNC: 12,
  FUNC_PROTO: 13,
  VAR: 14,
  DATASEC: 15,
  FLOAT: 16,
  DECL_TAG: 17,
  TYPE_TAG: 18,
  ENUM64: 19
};
var KIND_NAMES = [
  "unkn",
  "int",
  "ptr",
  "array",
  "struct",
  "union",
  "enum",
  "fwd",
  "typedef",
  "volatile",
  "const",
  "restrict",
  "func",
  "func_proto",
  "var",
  "datasec",
  "float",
  "decl_tag",
  "type_tag",
  "enum64"
];
var BTF_INT_SIGNED = 1 << 0;
var BTF_INT_CHAR = 1 << 1;
var BTF_INT_BOOL = 1 << 2;
function infoKind(info) {
  return info >>> 24 & 31;
}
function infoVlen(info) {
  return info & 65535;
}
function infoKindFlag(info) {
  return info >>> 31 === 1;
}
function memberBitOffset(offset, kindFlag) {
  return kindFlag ? offset & 16777215 : offset >>> 0;
}
function memberBitfieldSize(offset, kindFlag) {
  return kindFlag ? offset >>> 24 : 0;
}
function trailingBytes(kind, vlen) {
  switch (kind) {
    case BtfKind.INT:
      return 4;
    case BtfKind.ARRAY:
      return 12;
    case BtfKind.STRUCT:
    case BtfKind.UNION:
      return 12 * vlen;
    case BtfKind.ENUM:
      return 8 * vlen;
    case BtfKind.ENUM64:
      return 12 * vlen;
    case BtfKind.FUNC_PROTO:
      return 8 * vlen;
    case BtfKind.VAR:
      return 4;
    case BtfKind.DATASEC:
      return 12 * vlen;
    case BtfKind.DECL_TAG:
      return 4;
    case BtfKind.PTR:
    case BtfKind.FWD:
    case BtfKind.TYPEDEF:
    case BtfKind.VOLATILE:
    case BtfKind.CONST:
    case BtfKind.RESTRICT:
    case BtfKind.FUNC:
    case BtfKind.FLOAT:
    case BtfKind.TYPE_TAG:
      return 0;
    default:
      return -1;
  }
}
var TRAILING_WORDS_FIXED = Int8Array.from({ length: 32 }, (_, k) => {
  const fixed = trailingBytes(k, 0);
  return fixed < 0 ? -1 : fixed / 4;
});
var TRAILING_WORDS_PER_VLEN = Int8Array.from({ length: 32 }, (_, k) => {
  const fixed = trailingBytes(k, 0);
  return fixed < 0 ? 0 : (trailingBytes(k, 1) - fixed) / 4;
});

// src/btf/name-index.ts
var FNV_OFFSET = 2166136261;
var FNV_PRIME = 16777619;
function hashBytes(bytes, start, end) {
  const len = end - start;
  let h = Math.imul(FNV_OFFSET ^ len, FNV_PRIME);
  const head = len < 8 ? end : start + 8;
  for (let i = start; i < head; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
  for (let i = Math.max(head, end - 8); i < end; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
  return h >>> 0;
}
var NameIndex = class {
  #heads;
  #next;
  #hashes;
  #offs;
  #values;
  #mask;
  #at;
  constructor(input) {
    const { offs, values, local, localBase, at: at2 } = input;
    const n = offs.length;
    let size = 16;
    while (size < n) size <<= 1;
    const mask = size - 1;
    const heads = new Int32Array(size).fill(-1);
    const tails = new Int32Array(size).fill(-1);
    const next = new Int32Array(n).fill(-1);
    const hashes = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const off = offs[i];
      let bytes = local;
      let p = off - localBase;
      if (off < localBase) {
        const loc = at2(off);
        bytes = loc.bytes;
        p = loc.start;
      }
      let end = bytes.indexOf(0, p);
      if (end < 0) end = bytes.length;
      const h = hashBytes(bytes, p, end);
      hashes[i] = h;
      const b = h & mask;
      const tail = tails[b];
      if (tail < 0) heads[b] = i;
      else next[tail] = i;
      tails[b] = i;
    }
    this.#heads = heads;
    this.#next = next;
    this.#hashes = hashes;
    this.#offs = offs;
    this.#values = values;
    this.#mask = mask;
    this.#at = at2;
  }
  /** Values added under `name` (its UTF-8 bytes), in entry order. */
  get(name) {
    const h = hashBytes(name, 0, name.length);
    const out = [];
    for (let p = this.#heads[h & this.#mask]; p >= 0; p = this.#next[p]) {
      if (this.#hashes[p] !== h) continue;
      const { bytes, start } = this.#at(this.#offs[p]);
      if (bytes[start + name.length] !== 0 && start + name.length !== bytes.length) continue;
      let same = true;
      for (let k = 0; k < name.length; k++) {
        if (bytes[start + k] !== name[k]) {
          same = false;
          break;
        }
      }
      if (same) out.push(this.#values[p]);
    }
    return out;
  }
};

// src/btf/suggest.ts
function editDistance(a, b, max = Infinity) {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}
function suggest(name, candidates, limit = 3) {
  const max = Math.max(1, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  const scored = [];
  const seen = /* @__PURE__ */ new Set();
  for (const c of candidates) {
    if (c === name || seen.has(c)) continue;
    seen.add(c);
    const d = c.toLowerCase() === lower ? 0.5 : editDistance(name, c, max);
    if (d <= max) scored.push({ c, d });
  }
  scored.sort((x, y) => x.d - y.d || Math.abs(x.c.length - name.length) - Math.abs(y.c.length - name.length) || (x.c < y.c ? -1 : x.c > y.c ? 1 : 0));
  return scored.slice(0, limit).map((s2) => s2.c);
}

// src/btf/reader.ts
var BtfFormatError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "BtfFormatError";
  }
};
var BtfLookupError = class extends Error {
  suggestions;
  constructor(message, suggestions = []) {
    super(suggestions.length > 0 ? `${message} (did you mean '${suggestions[0]}'?)` : message);
    this.name = "BtfLookupError";
    this.suggestions = suggestions;
  }
};
var utf82 = new TextDecoder("utf-8");
var utf8Encoder2 = new TextEncoder();
function parseHeader(bytes) {
  if (bytes.byteLength < BTF_HEADER_LEN) throw new BtfFormatError(`BTF blob too short (${bytes.byteLength} bytes)`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = dv.getUint16(0, true);
  if (magic !== BTF_MAGIC) {
    const swapped = magic === 40939;
    throw new BtfFormatError(`not BTF: magic 0x${magic.toString(16)}${swapped ? " (big-endian BTF is not supported)" : ""}`);
  }
  const h = {
    magic,
    version: dv.getUint8(2),
    flags: dv.getUint8(3),
    hdrLen: dv.getUint32(4, true),
    typeOff: dv.getUint32(8, true),
    typeLen: dv.getUint32(12, true),
    strOff: dv.getUint32(16, true),
    strLen: dv.getUint32(20, true)
  };
  if (h.hdrLen < BTF_HEADER_LEN) throw new BtfFormatError(`BTF header length ${h.hdrLen} is too small`);
  const end = bytes.byteLength - h.hdrLen;
  if (h.typeOff + h.typeLen > end || h.strOff + h.strLen > end) {
    throw new BtfFormatError(`BTF sections exceed the blob (${bytes.byteLength} bytes)`);
  }
  if (h.typeLen % 4 !== 0 || h.typeOff % 4 !== 0) throw new BtfFormatError("BTF type section is not 4-byte aligned");
  return h;
}
var Btf = class {
  header;
  base;
  /** The first id defined by this blob: 1, or the base's typeCount for split BTF. */
  firstTypeId;
  /** Ids 0 .. typeCount-1 are valid (including the base's, for split BTF). */
  typeCount;
  /** Milliseconds the index pass took (for reporting; not used for anything). */
  indexMillis;
  #words;
  #strings;
  /** Offset of this blob's string section in the combined string space (base's strLen, or 0). */
  #strBase;
  /** Per local index (id - firstTypeId): word offset of the record, kind, name offset. */
  #offsets;
  #kinds;
  #nameOffs;
  /** Decoded types by local index (a holey array: cheaper than a Map for dense integer keys). */
  #types = [];
  #names = /* @__PURE__ */ new Map();
  /** Built on first name lookup: type names → local indexes; enumerator names → (index, position). */
  #typeNames;
  #funcNames;
  #enumNames;
  constructor(bytes, options = {}) {
    const t02 = performance.now();
    this.header = parseHeader(bytes);
    this.base = options.base;
    this.firstTypeId = this.base ? this.base.typeCount : 1;
    this.#strBase = this.base ? this.base.stringsLength : 0;
    const h = this.header;
    const typeStart = bytes.byteOffset + h.hdrLen + h.typeOff;
    this.#words = typeStart % 4 === 0 ? new Uint32Array(bytes.buffer, typeStart, h.typeLen / 4) : new Uint32Array(bytes.slice(h.hdrLen + h.typeOff, h.hdrLen + h.typeOff + h.typeLen).buffer);
    this.#strings = bytes.subarray(h.hdrLen + h.strOff, h.hdrLen + h.strOff + h.strLen);
    if (!this.base && h.strLen > 0 && this.#strings[0] !== 0) throw new BtfFormatError("BTF string section must start with a NUL");
    const words = this.#words;
    const n = words.length;
    const maxTypes = Math.floor(n / 3);
    const offsets = new Uint32Array(maxTypes);
    const kinds = new Uint8Array(maxTypes);
    const nameOffs = new Uint32Array(maxTypes);
    let count2 = 0;
    let w = 0;
    while (w < n) {
      if (w + 3 > n) throw new BtfFormatError(`BTF type section truncated in type ${this.firstTypeId + count2}`);
      const info = words[w + 1];
      const kind = info >>> 24 & 31;
      const fixed = TRAILING_WORDS_FIXED[kind];
      if (fixed < 0) throw new BtfFormatError(`BTF type ${this.firstTypeId + count2} has unknown kind ${kind}`);
      offsets[count2] = w;
      kinds[count2] = kind;
      nameOffs[count2] = words[w];
      count2++;
      w += 3 + fixed + TRAILING_WORDS_PER_VLEN[kind] * (info & 65535);
    }
    if (w !== n) throw new BtfFormatError("BTF type section truncated in its last type");
    this.#offsets = offsets.subarray(0, count2);
    this.#kinds = kinds.subarray(0, count2);
    this.#nameOffs = nameOffs.subarray(0, count2);
    this.typeCount = this.firstTypeId + count2;
    this.indexMillis = performance.now() - t02;
  }
  /** Length of the combined string space (base strings + ours), where split BTF's offsets start. */
  get stringsLength() {
    return this.#strBase + this.#strings.byteLength;
  }
  /** The string at `off` in the combined string space ("" for 0). */
  string(off) {
    if (off < this.#strBase) return this.base.string(off);
    const cached = this.#names.get(off);
    if (cached !== void 0) return cached;
    const s2 = this.#strings;
    const start = off - this.#strBase;
    if (start >= s2.byteLength) throw new BtfFormatError(`BTF string offset ${off} is out of range`);
    let str2 = "";
    let end = start;
    for (let c = s2[end]; c !== void 0 && c !== 0; c = s2[++end]) {
      if (c >= 128 || end - start > 64) {
        while (end < s2.length && s2[end] !== 0) end++;
        str2 = utf82.decode(s2.subarray(start, end));
        break;
      }
      str2 += String.fromCharCode(c);
    }
    this.#names.set(off, str2);
    return str2;
  }
  /** Kind number of `id` (BtfKind), without decoding it. */
  kindOf(id) {
    if (id === 0) return BtfKind.UNKN;
    if (id < this.firstTypeId && this.base && id > 0) return this.base.kindOf(id);
    const k = this.#kinds[id - this.firstTypeId];
    if (k === void 0 || !Number.isInteger(id)) throw new BtfLookupError(`BTF type id ${id} is out of range (max ${this.typeCount - 1})`);
    return k;
  }
  /** Name of `id` ("" when anonymous), without decoding the rest of the type. */
  nameOf(id) {
    if (id === 0) return "void";
    this.kindOf(id);
    if (id < this.firstTypeId) return this.base.nameOf(id);
    return this.string(this.#nameOffs[id - this.firstTypeId]);
  }
  /** Decodes (once) and returns type `id`. Throws BtfLookupError for an id out of range. */
  typeById(id) {
    if (id === 0) return VOID;
    this.kindOf(id);
    if (id < this.firstTypeId) return this.base.typeById(id);
    let t = this.#types[id - this.firstTypeId];
    if (t === void 0) {
      t = this.#decode(id);
      this.#types[id - this.firstTypeId] = t;
    }
    return t;
  }
  #decode(id) {
    const words = this.#words;
    const w = this.#offsets[id - this.firstTypeId];
    const info = words[w + 1];
    const kind = infoKind(info);
    const vlen = infoVlen(info);
    const kflag = infoKindFlag(info);
    const name = this.string(words[w]);
    const sizeOrType = words[w + 2];
    const d = w + 3;
    const opt = (off) => off === 0 ? void 0 : this.string(off);
    switch (kind) {
      case BtfKind.INT: {
        const v = words[d];
        const enc = v >>> 24 & 15;
        return { id, kind: "int", name, size: sizeOrType, signed: (enc & BTF_INT_SIGNED) !== 0, char: (enc & BTF_INT_CHAR) !== 0, bool: (enc & BTF_INT_BOOL) !== 0, bitOffset: v >>> 16 & 255, bits: v & 255 };
      }
      case BtfKind.PTR:
        return { id, kind: "ptr", type: sizeOrType };
      case BtfKind.ARRAY:
        return { id, kind: "array", type: words[d], indexType: words[d + 1], length: words[d + 2] };
      case BtfKind.STRUCT:
      case BtfKind.UNION: {
        const members = [];
        for (let i = 0; i < vlen; i++) {
          const m = d + 3 * i;
          const off = words[m + 2];
          members.push({ name: opt(words[m]), type: words[m + 1], bitOffset: memberBitOffset(off, kflag), bitSize: memberBitfieldSize(off, kflag) });
        }
        return { id, kind: kind === BtfKind.STRUCT ? "struct" : "union", name, size: sizeOrType, members };
      }
      case BtfKind.ENUM: {
        const values = [];
        for (let i = 0; i < vlen; i++) {
          const raw = words[d + 2 * i + 1];
          values.push({ name: this.string(words[d + 2 * i]), value: BigInt(kflag ? raw | 0 : raw >>> 0) });
        }
        return { id, kind: "enum", name, size: sizeOrType, signed: kflag, values };
      }
      case BtfKind.ENUM64: {
        const values = [];
        for (let i = 0; i < vlen; i++) {
          const m = d + 3 * i;
          const u2 = BigInt(words[m + 2]) << 32n | BigInt(words[m + 1]);
          values.push({ name: this.string(words[m]), value: kflag ? BigInt.asIntN(64, u2) : u2 });
        }
        return { id, kind: "enum64", name, size: sizeOrType, signed: kflag, values };
      }
      case BtfKind.FWD:
        return { id, kind: "fwd", name, union: kflag };
      case BtfKind.TYPEDEF:
        return { id, kind: "typedef", name, type: sizeOrType };
      case BtfKind.VOLATILE:
        return { id, kind: "volatile", type: sizeOrType };
      case BtfKind.CONST:
        return { id, kind: "const", type: sizeOrType };
      case BtfKind.RESTRICT:
        return { id, kind: "restrict", type: sizeOrType };
      case BtfKind.TYPE_TAG:
        return { id, kind: "type_tag", name, type: sizeOrType };
      case BtfKind.FUNC:
        return { id, kind: "func", name, type: sizeOrType, linkage: vlen };
      case BtfKind.FUNC_PROTO: {
        const params = [];
        let variadic = false;
        for (let i = 0; i < vlen; i++) {
          const nameOff = words[d + 2 * i];
          const type = words[d + 2 * i + 1];
          if (i === vlen - 1 && type === 0 && nameOff === 0) variadic = true;
          else params.push({ name: opt(nameOff), type });
        }
        return { id, kind: "func_proto", returnType: sizeOrType, params, variadic };
      }
      case BtfKind.VAR:
        return { id, kind: "var", name, type: sizeOrType, linkage: words[d] };
      case BtfKind.DATASEC: {
        const vars = [];
        for (let i = 0; i < vlen; i++) vars.push({ type: words[d + 3 * i], offset: words[d + 3 * i + 1], size: words[d + 3 * i + 2] });
        return { id, kind: "datasec", name, size: sizeOrType, vars };
      }
      case BtfKind.FLOAT:
        return { id, kind: "float", name, size: sizeOrType };
      case BtfKind.DECL_TAG:
        return { id, kind: "decl_tag", name, type: sizeOrType, componentIdx: words[d] | 0 };
      default:
        throw new BtfFormatError(`BTF type ${id} has unknown kind ${kind}`);
    }
  }
  // ---- names ------------------------------------------------------------------------------------
  /** The bytes holding the string at `off` in the combined string space. */
  #stringAt(off) {
    if (off < this.#strBase) return this.base.#stringAt(off);
    return { bytes: this.#strings, start: off - this.#strBase };
  }
  /**
   * Name index over this blob's types: FUNCs (56k of vmlinux's 75k named types) in one index,
   * everything else in another, so struct/typedef/enum lookups never pay for hashing every
   * function name, and function lookups build theirs on first use.
   */
  #nameIndex(funcs) {
    const cached = funcs ? this.#funcNames : this.#typeNames;
    if (cached) return cached;
    const names = this.#nameOffs;
    const kinds = this.#kinds;
    const FUNC = BtfKind.FUNC;
    const offs = new Uint32Array(names.length);
    const values = new Float64Array(names.length);
    let n = 0;
    for (let i = 0; i < names.length; i++) {
      const off = names[i];
      if (off === 0 || kinds[i] === FUNC !== funcs) continue;
      offs[n] = off;
      values[n++] = i;
    }
    const index = this.#newIndex(offs.subarray(0, n), values.subarray(0, n));
    if (funcs) this.#funcNames = index;
    else this.#typeNames = index;
    return index;
  }
  #newIndex(offs, values) {
    return new NameIndex({ offs, values, local: this.#strings, localBase: this.#strBase, at: (off) => this.#stringAt(off) });
  }
  #enumNameIndex() {
    if (this.#enumNames) return this.#enumNames;
    const kinds = this.#kinds;
    const words = this.#words;
    let total = 0;
    for (let i = 0; i < kinds.length; i++) {
      if (kinds[i] === BtfKind.ENUM || kinds[i] === BtfKind.ENUM64) total += infoVlen(words[this.#offsets[i] + 1]);
    }
    const offs = new Uint32Array(total);
    const values = new Float64Array(total);
    let j = 0;
    for (let i = 0; i < kinds.length; i++) {
      const k = kinds[i];
      if (k !== BtfKind.ENUM && k !== BtfKind.ENUM64) continue;
      const w = this.#offsets[i];
      const vlen = infoVlen(words[w + 1]);
      const stride = k === BtfKind.ENUM ? 2 : 3;
      for (let m = 0; m < vlen; m++) {
        const off = words[w + 3 + stride * m];
        if (off === 0) continue;
        offs[j] = off;
        values[j++] = i * 65536 + m;
      }
    }
    this.#enumNames = this.#newIndex(offs.subarray(0, j), values.subarray(0, j));
    return this.#enumNames;
  }
  /** Ids of every type named `name` (any kind), in id order, base types first. */
  lookupAll(name) {
    return this.#lookup(name, void 0);
  }
  /**
   * Ids named `name` among FUNCs (`funcs` true), the other kinds (false), or all (undefined). The
   * first call of each sort builds a hash index over the names (a few ms for vmlinux); later calls
   * are a hash probe.
   */
  #lookup(name, funcs) {
    if (name === "") return [];
    const out = this.base ? this.base.#lookup(name, funcs) : [];
    const bytes = utf8Encoder2.encode(name);
    const local = [];
    if (funcs !== true) local.push(...this.#nameIndex(false).get(bytes));
    if (funcs !== false) local.push(...this.#nameIndex(true).get(bytes));
    if (funcs === void 0) local.sort((a, b) => a - b);
    for (const i of local) out.push(this.firstTypeId + i);
    return out;
  }
  /** The first type named `name` of one of `kinds` (kind numbers), or undefined. */
  lookupKind(name, ...kinds) {
    const wantFuncs = kinds.includes(BtfKind.FUNC);
    const wantOthers = kinds.some((k) => k !== BtfKind.FUNC);
    const ids = this.#lookup(name, wantFuncs && wantOthers ? void 0 : wantFuncs);
    for (const id of ids) if (kinds.includes(this.kindOf(id))) return id;
    return void 0;
  }
  /** `struct name` (its definition; forward declarations are FWD types, see lookupKind). */
  lookupStruct(name) {
    const id = this.lookupKind(name, BtfKind.STRUCT);
    return id === void 0 ? void 0 : this.typeById(id);
  }
  lookupUnion(name) {
    const id = this.lookupKind(name, BtfKind.UNION);
    return id === void 0 ? void 0 : this.typeById(id);
  }
  /** `enum name` (ENUM or ENUM64). */
  lookupEnum(name) {
    const id = this.lookupKind(name, BtfKind.ENUM, BtfKind.ENUM64);
    return id === void 0 ? void 0 : this.typeById(id);
  }
  lookupTypedef(name) {
    const id = this.lookupKind(name, BtfKind.TYPEDEF);
    return id === void 0 ? void 0 : this.typeById(id);
  }
  /** A function and its prototype (the FUNC's type). */
  lookupFunc(name) {
    const id = this.lookupKind(name, BtfKind.FUNC);
    if (id === void 0) return void 0;
    const func = this.typeById(id);
    const proto = this.typeById(func.type);
    if (proto.kind !== "func_proto") throw new BtfFormatError(`BTF func ${name} (id ${id}) does not point at a FUNC_PROTO`);
    return { func, proto };
  }
  /**
   * An enumerator by name (e.g. BPF_ANY, TCP_ESTABLISHED): its value and the enum that defines it.
   * When several enums define the same name, the first by id wins.
   */
  lookupEnumValue(constName) {
    if (this.base) {
      const b = this.base.lookupEnumValue(constName);
      if (b) return b;
    }
    const hit = this.#enumNameIndex().get(utf8Encoder2.encode(constName))[0];
    if (hit === void 0) return void 0;
    const local = Math.floor(hit / 65536);
    const t = this.typeById(this.firstTypeId + local);
    return { value: t.values[hit % 65536].value, enumId: t.id, signed: t.signed };
  }
  /** Names of types of the given kinds that are close to `name` (for "did you mean"). */
  suggestTypeNames(name, kinds, limit = 3) {
    const seen = /* @__PURE__ */ new Set();
    for (let b = this; b; b = b.base) {
      const ks = b.#kinds;
      for (let i = 0; i < ks.length; i++) {
        if (!kinds.includes(ks[i])) continue;
        const off = b.#nameOffs[i];
        if (off !== 0) seen.add(b.string(off));
      }
    }
    return suggest(name, seen, limit);
  }
  // ---- resolution -------------------------------------------------------------------------------
  /** Skips typedef/const/volatile/restrict/type_tag to the type they name. */
  resolve(id) {
    for (let i = 0; i < 64; i++) {
      const k = this.kindOf(id);
      if (k !== BtfKind.TYPEDEF && k !== BtfKind.CONST && k !== BtfKind.VOLATILE && k !== BtfKind.RESTRICT && k !== BtfKind.TYPE_TAG) return id;
      id = this.typeById(id).type;
    }
    throw new BtfFormatError(`BTF type chain at id ${id} is too deep (a cycle?)`);
  }
  /** Skips only const/volatile/restrict/type_tag (keeps typedef names visible). */
  skipQualifiers(id) {
    for (let i = 0; i < 64; i++) {
      const k = this.kindOf(id);
      if (k !== BtfKind.CONST && k !== BtfKind.VOLATILE && k !== BtfKind.RESTRICT && k !== BtfKind.TYPE_TAG) return id;
      id = this.typeById(id).type;
    }
    throw new BtfFormatError(`BTF type chain at id ${id} is too deep (a cycle?)`);
  }
  /** sizeof(type) in bytes. Throws for types without a size (void, func, fwd). */
  sizeOf(id) {
    const r2 = this.resolve(id);
    const t = this.typeById(r2);
    switch (t.kind) {
      case "int":
      case "enum":
      case "enum64":
      case "struct":
      case "union":
      case "float":
      case "datasec":
        return t.size;
      case "ptr":
        return 8;
      case "array":
        return t.length * this.sizeOf(t.type);
      default:
        throw new BtfLookupError(`BTF type ${describeId(this, r2)} has no size`);
    }
  }
  /**
   * Finds member `name` of the struct/union `recordId` (typedefs/qualifiers skipped), descending
   * into anonymous struct/union members as C does. undefined if absent.
   */
  findMember(recordId, name) {
    const rec = this.typeById(this.resolve(recordId));
    if (rec.kind !== "struct" && rec.kind !== "union") return void 0;
    for (const m of rec.members) {
      if (m.name === name) return { member: m, bitOffset: m.bitOffset, chain: [m] };
      if (m.name === void 0) {
        const inner = this.findMember(m.type, name);
        if (inner) return { member: inner.member, bitOffset: m.bitOffset + inner.bitOffset, chain: [m, ...inner.chain] };
      }
    }
    return void 0;
  }
  /** Every member name reachable with `.name` from the record (through anonymous members). */
  memberNames(recordId) {
    const rec = this.typeById(this.resolve(recordId));
    if (rec.kind !== "struct" && rec.kind !== "union") return [];
    const out = [];
    for (const m of rec.members) {
      if (m.name !== void 0) out.push(m.name);
      else out.push(...this.memberNames(m.type));
    }
    return out;
  }
  /**
   * Resolves a dotted member path ("se.vruntime", "pid") from a struct/union. Each step after the
   * first starts from the previous member's type (typedefs/qualifiers skipped). Throws
   * BtfLookupError naming the record and suggesting close member names.
   */
  memberPath(recordId, path2) {
    let cur = recordId;
    let bitOffset = 0;
    const chain = [];
    let last;
    for (const part of path2.split(".")) {
      const rid = this.resolve(cur);
      const rec = this.typeById(rid);
      if (rec.kind !== "struct" && rec.kind !== "union") {
        throw new BtfLookupError(`cannot take member '${part}' of non-struct type ${describeId(this, cur)}`);
      }
      const hit = this.findMember(rid, part);
      if (!hit) {
        const what = `${rec.kind} ${rec.name === "" ? "<anonymous>" : rec.name}`;
        throw new BtfLookupError(`${what} has no member '${part}'`, suggest(part, this.memberNames(rid)));
      }
      bitOffset += hit.bitOffset;
      chain.push(...hit.chain);
      last = hit.member;
      cur = hit.member.type;
    }
    if (!last) throw new BtfLookupError(`empty member path`);
    return { member: last, bitOffset, chain };
  }
};
var VOID = Object.freeze({ id: 0, kind: "void" });
function describeId(btf, id) {
  if (id === 0) return "void";
  const kind = KIND_NAMES[btf.kindOf(id)] ?? "?";
  const name = btf.nameOf(id);
  return `${kind}${name ? " " + name : ""} (id ${id})`;
}

// src/btf/kernel.ts
var KERNEL_BTF_PATH = "/sys/kernel/btf/vmlinux";
var KernelBtfNotFoundError = class extends Error {
  path;
  code;
  constructor(path2, message, code) {
    super(message);
    this.name = "KernelBtfNotFoundError";
    this.path = path2;
    this.code = code;
  }
};
function readBtfFile(path2, what) {
  try {
    return readFileSync14(path2);
  } catch (e) {
    const code = e.code;
    if (code === "ENOENT") {
      const why = what === "kernel" ? "this kernel was built without CONFIG_DEBUG_INFO_BTF; kernel struct/enum types are unavailable (use a kernel with BTF, or declare the types yourself)" : "the module is not loaded, or the kernel lacks CONFIG_DEBUG_INFO_BTF_MODULES";
      throw new KernelBtfNotFoundError(path2, `${what} BTF not found at ${path2}: ${why}`, code);
    }
    throw new KernelBtfNotFoundError(path2, `cannot read ${what} BTF at ${path2}: ${e.message}`, code);
  }
}
function loadKernelBtf(path2 = KERNEL_BTF_PATH) {
  return new Btf(readBtfFile(path2, "kernel"));
}

// src/bpf/bpf.ts
var COMPAT_INCLUDE = [resolve(dirname2(fileURLToPath2(import.meta.url)), "../../compat/include"), resolve(dirname2(fileURLToPath2(import.meta.url)), "../compat/include")].find((d) => existsSync7(d));
var BPF = class _BPF extends AttachMixin {
  // Program types under BCC's names (BPF.KPROBE, ...), for load_func.
  static SOCKET_FILTER = 1;
  static KPROBE = 2;
  static SCHED_CLS = 3;
  static SCHED_ACT = 4;
  static TRACEPOINT = 5;
  static XDP = 6;
  static PERF_EVENT = 7;
  static RAW_TRACEPOINT = 17;
  static TRACING = 26;
  static LSM = 29;
  static SYSCALL = 31;
  // Debug flags.
  static DEBUG_LLVM_IR = 1;
  static DEBUG_BPF = 2;
  static DEBUG_PREPROCESSOR = 4;
  static DEBUG_SOURCE = 8;
  static DEBUG_BPF_REGISTER_STATE = 16;
  static DEBUG_BTF = 32;
  spec;
  debug;
  sourceText;
  sourceFile;
  fdTracker;
  maps = /* @__PURE__ */ new Map();
  tables = /* @__PURE__ */ new Map();
  funcs = /* @__PURE__ */ new Map();
  links = /* @__PURE__ */ new Map();
  output;
  features;
  log;
  #codecs = new CodecCache();
  #tracefs;
  #closed = false;
  constructor(options) {
    super();
    this.debug = options.debug ?? 0;
    this.fdTracker = options.fdTracker;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}
`));
    if (options.text === void 0 && options.src_file === void 0) {
      throw new BPFError("new BPF() needs { text } or { src_file }");
    }
    if (options.text !== void 0) {
      this.sourceText = options.text;
      this.sourceFile = "<text>";
    } else {
      this.sourceFile = resolve(options.src_file);
      try {
        this.sourceText = readFileSync15(this.sourceFile, "utf8");
      } catch (err) {
        throw new BPFError(`cannot read ${options.src_file}: ${err.code ?? String(err)}`);
      }
    }
    this.spec = this.#compile(options.cflags ?? []);
    this.features = new FeatureCache({ tracefs: this.#tracefsRootOrUndefined() });
    this.output = new OutputState(this);
    registerForCleanup(this);
    try {
      this.#createMaps();
      for (const ctx of options.usdt_contexts ?? []) ctx.attachAll(this);
      this.autoAttach();
    } catch (err) {
      this.close();
      throw err;
    }
  }
  // ---------------------------------------------------------------- compile and load
  #cflags = [];
  #compile(cflags, variant) {
    this.#cflags = cflags;
    const includeHost = new NodeIncludeHost({ virtualDir: COMPAT_INCLUDE });
    const r2 = compile(this.sourceText, { file: this.sourceFile, cflags, includeHost, ...variant ? { syscallTracepointAbi: variant } : {} });
    const errors = r2.diagnostics.filter((d) => d.severity === "error");
    const lookup = (file) => file === this.sourceFile ? this.sourceText : tryRead(file);
    if (!r2.ok || errors.length > 0) {
      const text = renderDiagnostics(r2.diagnostics, lookup);
      throw new CompileError(`${errors.length || 1} error${errors.length === 1 ? "" : "s"} compiling the BPF program:
${text}`, r2.diagnostics);
    }
    const warnings = r2.diagnostics.filter((d) => d.severity === "warning");
    if (warnings.length > 0 && this.debug !== 0) this.log(renderDiagnostics(warnings, lookup));
    return { programs: r2.programs, maps: r2.maps, license: r2.license };
  }
  #createMaps() {
    for (const spec of this.spec.maps) {
      const fd = createMap(spec, { tracker: this.fdTracker });
      this.maps.set(spec.name, fd);
      const table = tableFor(spec, fd, { owned: false, codecs: this.#codecs, ...spec.eventType ? { eventType: spec.eventType } : {} });
      const wrapped = wrapEventTable(table, this);
      this.tables.set(spec.name, wrapped);
      if (!(spec.name in this)) {
        Object.defineProperty(this, spec.name, { get: () => this.get_table(spec.name), enumerable: false, configurable: true });
      }
    }
  }
  /** The program spec for a function name. */
  programSpec(name) {
    const spec = this.spec.programs.find((p) => p.name === name);
    if (!spec) {
      const names = this.spec.programs.map((p) => p.name);
      throw new BPFError(`no function named ${name} in the BPF program (functions: ${names.join(", ") || "none"})`);
    }
    return spec;
  }
  /**
   * Loads function `fn_name` as a program of `prog_type` (a BPF.* type number or a kind name).
   * Loading is lazy: attach_* calls this; a function loads once per kind.
   */
  load_func(fn_name, prog_type, opts = {}) {
    const kind = typeof prog_type === "string" ? prog_type : kindOfType(prog_type);
    const existing = this.funcs.get(fn_name);
    if (existing) {
      if (existing.kind === kind || sameProgType(existing.kind, kind)) return { name: fn_name, fd: existing.fd.raw, kind: existing.kind };
      throw new BPFError(`function ${fn_name} is already loaded as a ${existing.kind} program; it cannot also be a ${kind} program`);
    }
    const spec = this.programSpec(fn_name);
    const loaded = loadProgram(spec, {
      kind,
      maps: this.maps,
      tracker: this.fdTracker,
      sourceText: (file) => file === this.sourceFile ? this.sourceText : tryRead(file),
      ...opts.attachBtfId !== void 0 ? { attachBtfId: opts.attachBtfId } : {},
      ...this.debug & _BPF.DEBUG_BPF_REGISTER_STATE ? { logLevel: 2 } : {}
    });
    this.funcs.set(fn_name, loaded);
    if (this.debug & _BPF.DEBUG_BPF) this.log(this.dump_func(fn_name));
    return { name: fn_name, fd: loaded.fd.raw, kind };
  }
  /** The function's instructions, disassembled, with the C line each group came from. */
  dump_func(fn_name) {
    const spec = this.programSpec(fn_name);
    const lines = disassembleLines(spec.instructions, { style: "verifier" });
    const src = this.sourceText.split("\n");
    const out = [`; ${fn_name}`];
    let lastLine = -1;
    spec.instructions.forEach((_, i) => {
      const span = spec.spans[i];
      if (span && span.line !== lastLine && span.file === this.sourceFile) {
        lastLine = span.line;
        out.push(`; ${(src[span.line - 1] ?? "").trim()} // ${span.file}:${span.line}`);
      }
      out.push(lines[i] ?? "");
    });
    return out.join("\n");
  }
  /** Auto-attach by BCC's function-name conventions (kprobe__X, tracepoint__cat__evt, ...). */
  autoAttach() {
    for (const p of this.spec.programs) {
      const probe = parseProbeName(p.name);
      if (!probe) continue;
      switch (probe.kind) {
        case "kprobe":
          this.attach_kprobe({ event: probe.target, fn_name: p.name });
          break;
        case "kretprobe":
          this.attach_kretprobe({ event: probe.target, fn_name: p.name });
          break;
        case "tracepoint":
          this.attach_tracepoint({ tp: probe.target, fn_name: p.name });
          break;
        case "raw_tracepoint":
          this.attach_raw_tracepoint({ tp: probe.target, fn_name: p.name });
          break;
        case "fentry":
          this.attach_kfunc({ fn_name: p.name });
          break;
        case "fexit":
          this.attach_kretfunc({ fn_name: p.name });
          break;
        default:
          break;
      }
    }
  }
  // ---------------------------------------------------------------- kprobe → syscall tracepoint
  /**
   * On kernels without kprobes: serve a kprobe/kretprobe on a syscall's entry function with the
   * syscall's tracepoint. The function is recompiled so that PT_REGS_PARMn/syscall__ parameters and
   * PT_REGS_RC read the tracepoint record, loaded as a tracepoint program, and attached; one notice
   * line on stderr says so.
   */
  syscallFallback(fn_name, syscall, ret) {
    const event = `${ret ? "sys_exit_" : "sys_enter_"}${syscall}`;
    let tracefs;
    try {
      tracefs = this.tracefs;
    } catch {
      return void 0;
    }
    if (!tracefs.eventExists("syscalls", event)) return void 0;
    const variant = this.#compile(this.#cflags, { [fn_name]: ret ? "exit" : "enter" });
    const spec = variant.programs.find((p) => p.name === fn_name);
    if (!spec) return void 0;
    const key2 = `${fn_name}@syscalls:${event}`;
    let loaded = this.funcs.get(key2);
    if (!loaded) {
      loaded = loadProgram(spec, {
        kind: "tracepoint",
        maps: this.maps,
        tracker: this.fdTracker,
        sourceText: (file) => file === this.sourceFile ? this.sourceText : tryRead(file)
      });
      this.funcs.set(key2, loaded);
    }
    const link = attachTracepoint(loaded.fd, "syscalls", event, { tracefs, useLink: this.features.has("perf_link"), tracker: this.fdTracker });
    this.log(`bcc-ts: this kernel has no kprobes; ${ret ? "kretprobe" : "kprobe"} on syscall ${syscall} (${fn_name}) attached to tracepoint syscalls:${event} instead`);
    return link;
  }
  // ---------------------------------------------------------------- kernel BTF
  #btf;
  /** The running kernel's BTF, loaded on first use; undefined when the kernel has none. */
  get kernelBtf() {
    if (this.#btf === void 0) {
      try {
        this.#btf = loadKernelBtf();
      } catch {
        this.#btf = null;
      }
    }
    return this.#btf ?? void 0;
  }
  funcBtfId(name) {
    return this.kernelBtf?.lookupFunc(name)?.func.id;
  }
  // ---------------------------------------------------------------- BCC's static helpers
  static get_syscall_prefix = kernelUtils.get_syscall_prefix;
  static get_syscall_fnname = kernelUtils.get_syscall_fnname;
  static ksym = kernelUtils.ksym;
  static ksymname = kernelUtils.ksymname;
  static tracepoint_exists = kernelUtils.tracepoint_exists;
  static support_raw_tracepoint = kernelUtils.support_raw_tracepoint;
  static support_raw_tracepoint_in_module = kernelUtils.support_raw_tracepoint_in_module;
  static support_kfunc = kernelUtils.support_kfunc;
  static support_lsm = kernelUtils.support_lsm;
  static support_ringbuf = kernelUtils.support_ringbuf;
  static find_library = kernelUtils.find_library;
  static find_exe = kernelUtils.find_exe;
  static get_kprobe_functions = get_kprobe_functions;
  /** BCC lets scripts call these on the instance too (b.get_syscall_fnname("clone")). */
  get_syscall_fnname(name) {
    return kernelUtils.get_syscall_fnname(name);
  }
  get_syscall_prefix() {
    return kernelUtils.get_syscall_prefix();
  }
  ksym(addr, show_module = false, show_offset = false) {
    return kernelUtils.ksym(addr, show_module, show_offset);
  }
  ksymname(name) {
    return kernelUtils.ksymname(name);
  }
  /** A user-space address of process `pid` as "symbol", "symbol+0xoff" or "[unknown]". */
  sym(addr, pid, show_module = false, show_offset = false) {
    return kernelUtils.sym(addr, pid, show_module, show_offset);
  }
  // ---------------------------------------------------------------- tables
  /** BCC's get_table: the map object for `name`. */
  get_table(name) {
    const t = this.tables.get(name);
    if (!t) {
      const names = [...this.tables.keys()];
      throw new BPFError(`no map named ${name} in the BPF program (maps: ${names.join(", ") || "none"})`);
    }
    return t;
  }
  /** Map specs by name (for tools that inspect key/value types). */
  mapSpec(name) {
    return this.spec.maps.find((m) => m.name === name);
  }
  // ---------------------------------------------------------------- kernel facts
  get tracefs() {
    if (!this.#tracefs) {
      this.#tracefs = Tracefs.open();
      try {
        removeStaleProbes(this.#tracefs);
      } catch {
      }
    }
    return this.#tracefs;
  }
  #tracefsRootOrUndefined() {
    try {
      return this.tracefs.root;
    } catch {
      return void 0;
    }
  }
  codecs() {
    return this.#codecs;
  }
  // ---------------------------------------------------------------- output (delegated)
  trace_print(opts = {}) {
    return this.output.tracePrint(opts.fmt);
  }
  trace_fields(opts = {}) {
    return this.output.traceFields(opts.nonblocking ?? false);
  }
  trace_readline(opts = {}) {
    return this.output.traceReadline(opts.nonblocking ?? false);
  }
  /** Async iterator over parsed trace_pipe lines, for Node code that must not block. */
  trace_lines() {
    return this.output.traceLines();
  }
  perf_buffer_poll(timeout = -1) {
    return this.output.poll("perf", timeout);
  }
  perf_buffer_consume() {
    return this.output.consume("perf");
  }
  ring_buffer_poll(timeout = -1) {
    return this.output.poll("ring", timeout);
  }
  ring_buffer_consume() {
    return this.output.consume("ring");
  }
  /** Waits for events from every open perf/ring buffer without blocking the event loop. */
  poll_async(timeout = -1, signal) {
    return this.output.pollAsync(timeout, signal);
  }
  // ---------------------------------------------------------------- lifetime
  get closed() {
    return this.#closed;
  }
  /** Detaches and frees everything this object created (readers → links → programs → maps). */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    unregisterForCleanup(this);
    const errors = [];
    const attempt = (f2) => {
      try {
        f2();
      } catch (err) {
        errors.push(err);
      }
    };
    attempt(() => this.output.close());
    for (const link of [...this.links.values()].reverse()) attempt(() => link.close());
    this.links.clear();
    for (const f2 of [...this.funcs.values()].reverse()) attempt(() => f2.fd.close());
    this.funcs.clear();
    for (const t of this.tables.values()) attempt(() => t.close());
    this.tables.clear();
    for (const fd of [...this.maps.values()].reverse()) attempt(() => fd.close());
    this.maps.clear();
    if (errors.length > 0) throw errors[0];
  }
  /** BCC's name for close(). */
  cleanup() {
    this.close();
  }
  [Symbol.dispose]() {
    this.close();
  }
  assertOpen() {
    if (this.#closed) throw new BPFError("this BPF object is closed");
  }
};
function tryRead(file) {
  try {
    return readFileSync15(file, "utf8");
  } catch {
    return void 0;
  }
}
function kindOfType(type) {
  switch (type) {
    case BPF.KPROBE:
      return "kprobe";
    case BPF.TRACEPOINT:
      return "tracepoint";
    case BPF.RAW_TRACEPOINT:
      return "raw_tracepoint";
    case BPF.PERF_EVENT:
      return "perf_event";
    case BPF.TRACING:
      return "fentry";
    case BPF.SOCKET_FILTER:
      return "socket_filter";
    case BPF.XDP:
      return "xdp";
    case BPF.SCHED_CLS:
      return "sched_cls";
    case BPF.SYSCALL:
      return "syscall";
    default:
      throw new BPFError(`program type ${type} is not supported by bcc-ts`);
  }
}
function sameProgType(a, b) {
  const kp = /* @__PURE__ */ new Set(["kprobe", "kretprobe", "uprobe", "uretprobe"]);
  return kp.has(a) && kp.has(b);
}

// src/sandbox/bundle-script.ts
import { builtinModules, createRequire } from "node:module";
import { dirname as dirname4 } from "node:path";

// src/sandbox/permissions.ts
import { realpathSync as realpathSync2 } from "node:fs";
import { dirname as dirname3, isAbsolute, resolve as resolve2, sep, basename } from "node:path";
var PermissionError2 = class extends Error {
  name = "PermissionError";
  userFacing = true;
  exitCode = 1;
};
var Permissions = class {
  read;
  write;
  run;
  cwd;
  scriptDir;
  constructor(opts = {}) {
    this.cwd = opts.cwd ?? process.cwd();
    this.scriptDir = opts.scriptDir === void 0 ? void 0 : canonical(resolve2(this.cwd, opts.scriptDir));
    this.read = (opts.allowRead ?? []).map((p) => canonical(resolve2(this.cwd, p)));
    this.write = (opts.allowWrite ?? []).map((p) => canonical(resolve2(this.cwd, p)));
    this.run = opts.allowRun ?? false;
  }
  /** True when some file API was granted (fs is then importable in the guest). */
  get anyFileAccess() {
    return this.read.length > 0 || this.write.length > 0;
  }
  /** Canonical path of `path` if the script may read it; throws PermissionError otherwise. */
  checkRead(path2, what = "read") {
    const abs = canonical(resolve2(this.cwd, path2));
    const roots = this.scriptDir === void 0 ? this.read : [this.scriptDir, ...this.read];
    if (roots.some((r2) => within(abs, r2)) || this.write.some((r2) => within(abs, r2))) return abs;
    throw new PermissionError2(`permission denied: cannot ${what} ${path2} (the sandbox allows ${describe(roots)}; grant more with --allow-read PATH)`);
  }
  /** Canonical path of `path` if the script may write it; throws PermissionError otherwise. */
  checkWrite(path2) {
    const abs = canonical(resolve2(this.cwd, path2));
    if (this.write.some((r2) => within(abs, r2))) return abs;
    throw new PermissionError2(`permission denied: cannot write ${path2} (grant it with --allow-write PATH)`);
  }
  checkRun(file) {
    if (!this.run) throw new PermissionError2(`permission denied: cannot run ${file} (grant it with --allow-run)`);
  }
  /** Throws the error a script gets for a Node built-in it may not use. */
  deniedModule(name) {
    const hint = name.replace(/^node:/, "") === "fs" || name.replace(/^node:/, "") === "fs/promises" ? "run with --allow-read PATH or --allow-write PATH to get a restricted fs" : name.replace(/^node:/, "") === "child_process" ? "run with --allow-run to get a restricted child_process" : "scripts may only import bcc-ts, yargs and their own files (or run with --node, without the sandbox)";
    return new PermissionError2(`permission denied: the sandbox has no module ${name} (${hint})`);
  }
};
function describe(roots) {
  return roots.length === 0 ? "no files" : roots.join(", ");
}
function within(child, root) {
  if (child === root) return true;
  const prefix2 = root.endsWith(sep) ? root : root + sep;
  return child.startsWith(prefix2);
}
function canonical(path2) {
  const abs = isAbsolute(path2) ? resolve2(path2) : resolve2(process.cwd(), path2);
  try {
    return realpathSync2(abs);
  } catch {
    const parent = dirname3(abs);
    if (parent === abs) return abs;
    return resolve2(canonical(parent), basename(abs));
  }
}

// src/sandbox/bundle-script.ts
var ScriptLoadError = class extends Error {
  name = "ScriptLoadError";
  userFacing = true;
  exitCode = 1;
};
var BUILTINS2 = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
var BUNDLE_FILE = "bcc-ts-script.js";
var BCC_EXPORTS = ["BPF", "BPFError", "CompileError", "KeyboardInterrupt", "PermissionError", "sleep", "print_log2_hist", "print_linear_hist"];
function virtualModules() {
  return {
    bcc: BCC_EXPORTS.map((n) => `export const ${n} = globalThis.__bcc.${n};`).join("\n"),
    yargs: (d) => `
import { YargsFactory } from ${JSON.stringify(`${d.yargs}/build/lib/yargs-factory.js`)};
import { getProcessArgvBin } from ${JSON.stringify(`${d.yargs}/build/lib/utils/process-argv.js`)};
import { cliui } from ${JSON.stringify(`${d.cliui}/build/lib/index.js`)};
import Parser from ${JSON.stringify(`${d.parser}/browser.js`)};
const stripAnsi = (s) => String(s).replace(/\\u001b\\[[0-9;]*m/g, "");
const width = (s) => [...stripAnsi(s)].length;
function wrap(text, cols) {
  const out = [];
  for (const para of String(text).split("\\n")) {
    let line = "";
    for (const word of para.split(" ")) {
      if (line && width(line) + 1 + width(word) > cols) { out.push(line); line = word; }
      else line = line ? line + " " + word : word;
      while (width(line) > cols) { out.push(line.slice(0, cols)); line = line.slice(cols); }
    }
    out.push(line);
  }
  return out.join("\\n");
}
function sprintf(s, ...args) {
  let i = 0;
  return String(s).replace(/%s/g, () => (i < args.length ? String(args[i++]) : ""));
}
const shim = {
  assert: { notStrictEqual: () => {}, strictEqual: () => {} },
  cliui: (opts) => cliui(opts, { stringWidth: width, stripAnsi, wrap }),
  findUp: () => undefined,
  getEnv: () => undefined,
  inspect: (...a) => console.log(...a),
  getCallerFile: () => "",
  getProcessArgvBin,
  mainFilename: process.argv[1] || "script",
  Parser,
  path: { basename: (s) => String(s).split("/").pop(), dirname: (s) => String(s).split("/").slice(0, -1).join("/") || "/", extname: (s) => { const m = /\\.[^./]*$/.exec(String(s)); return m ? m[0] : ""; }, relative: (_a, b) => b, join: (...p) => p.join("/"), resolve: (...p) => p.join("/") },
  process: {
    argv: () => process.argv,
    cwd: () => process.cwd(),
    emitWarning: (w) => console.error(String(w)),
    execPath: () => "bcc-ts",
    exit: (code) => process.exit(code),
    nextTick: (cb) => cb(),
    stdColumns: process.stdout.columns || 80,
  },
  readFileSync: () => "",
  readdirSync: () => [],
  require: () => { throw new Error("yargs config files are not supported in the sandbox"); },
  requireDirectory: () => { throw new Error("commandDir is not supported in the sandbox"); },
  stringWidth: width,
  y18n: {
    __: (s, ...a) => sprintf(s, ...a),
    __n: (one, many, n, ...a) => sprintf(n === 1 ? one : many, n, ...a),
    getLocale: () => "en_US",
    setLocale: () => {},
    updateLocale: () => {},
  },
};
export default YargsFactory(shim);
`,
    helpers: (d) => `export { hideBin } from ${JSON.stringify(`${d.yargs}/build/lib/utils/process-argv.js`)};
import Parser from ${JSON.stringify(`${d.parser}/browser.js`)};
export { Parser };
`
  };
}
function yargsDirs() {
  const req = createRequire(import.meta.url);
  const yargs = dirname4(req.resolve("yargs/package.json"));
  const fromYargs = createRequire(`${yargs}/package.json`);
  const cliuiEntry = fromYargs.resolve("cliui");
  const parserEntry = fromYargs.resolve("yargs-parser");
  return { yargs, cliui: dirname4(cliuiEntry), parser: dirname4(dirname4(dirname4(parserEntry))) };
}
function sandboxPlugin(perms) {
  const v = virtualModules();
  let dirs;
  const getDirs = () => dirs ??= yargsDirs();
  const trusted = [];
  return {
    name: "bcc-ts-sandbox",
    setup(build) {
      build.onResolve({ filter: /^bcc-ts$/ }, () => ({ path: "bcc-ts", namespace: "bcc-virtual" }));
      build.onResolve({ filter: /^yargs(\/yargs)?$/ }, () => ({ path: "yargs", namespace: "bcc-virtual" }));
      build.onResolve({ filter: /^yargs\/helpers$/ }, () => ({ path: "yargs/helpers", namespace: "bcc-virtual" }));
      build.onResolve({ filter: /.*/ }, (args) => {
        if (!BUILTINS2.has(args.path)) return void 0;
        const bare = args.path.replace(/^node:/, "");
        if (bare === "fs" && perms.anyFileAccess) return { path: "fs", namespace: "bcc-virtual" };
        if (bare === "child_process" && perms.run) return { path: "child_process", namespace: "bcc-virtual" };
        return { path: args.path, namespace: "bcc-denied" };
      });
      build.onLoad({ filter: /.*/, namespace: "bcc-virtual" }, (args) => {
        const d = args.path.startsWith("yargs") ? getDirs() : void 0;
        if (d) trusted.push(d.yargs, d.cliui, d.parser);
        switch (args.path) {
          case "bcc-ts":
            return { contents: v.bcc, loader: "js" };
          case "yargs":
            return { contents: v.yargs(d), loader: "js", resolveDir: d.yargs };
          case "yargs/helpers":
            return { contents: v.helpers(d), loader: "js", resolveDir: d.yargs };
          case "fs":
            return { contents: "const fs = globalThis.__bcc.fs; export default fs; export const { readFileSync, writeFileSync, appendFileSync, existsSync, readdirSync } = fs;", loader: "js" };
          case "child_process":
            return { contents: "const cp = globalThis.__bcc.childProcess; export default cp; export const { execFileSync, execSync } = cp;", loader: "js" };
          default:
            return { contents: "", loader: "js" };
        }
      });
      build.onLoad({ filter: /.*/, namespace: "bcc-denied" }, (args) => ({
        // Thrown when the module is evaluated, so a dynamic import() rejects and a static one stops
        // the script at start, both with a PermissionError the script can see.
        contents: `globalThis.__bcc.denied(${JSON.stringify(perms.deniedModule(args.path).message)}); export default undefined;`,
        loader: "js"
      }));
      build.onLoad({ filter: /.*/, namespace: "file" }, (args) => {
        const real = canonical(args.path);
        if (trusted.some((t) => within(real, canonical(t)))) return void 0;
        if (real.split("/").includes("node_modules")) return void 0;
        perms.checkRead(args.path, "import");
        return void 0;
      });
    }
  };
}
async function bundleScript(scriptPath, perms) {
  const esbuildName = "esbuild";
  const esbuild = await import(esbuildName);
  let result;
  try {
    result = await esbuild.build({
      entryPoints: [scriptPath],
      bundle: true,
      write: false,
      format: "iife",
      platform: "neutral",
      mainFields: ["module", "main"],
      conditions: ["import", "default"],
      target: "es2022",
      outfile: BUNDLE_FILE,
      sourcemap: "external",
      logLevel: "silent",
      plugins: [sandboxPlugin(perms)]
    });
  } catch (err) {
    const errors = err.errors;
    const perm = errors?.map((e) => e.detail).find((d) => d instanceof PermissionError2);
    if (perm) throw perm;
    if (errors && errors.length > 0) {
      throw new ScriptLoadError(errors.map((e) => e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text).join("\n"));
    }
    throw err;
  }
  const code = result.outputFiles.find((f2) => f2.path.endsWith(".js"))?.text ?? "";
  const map = result.outputFiles.find((f2) => f2.path.endsWith(".map"))?.text ?? "";
  return { code, map, file: BUNDLE_FILE };
}

// src/sandbox/guest-prelude.ts
function guestPrelude(host, config) {
  const G = globalThis;
  const TAG2 = "";
  function enc(value, fns) {
    const text = JSON.stringify(value, function(key2) {
      const raw = this[key2];
      switch (typeof raw) {
        case "bigint":
          return TAG2 + "b" + raw.toString();
        case "undefined":
          return TAG2 + "U";
        case "number":
          return Number.isFinite(raw) ? raw : TAG2 + "n" + String(raw);
        case "string":
          return raw.charCodeAt(0) === 1 ? TAG2 + "s" + raw : raw;
        case "function":
          fns.push(raw);
          return TAG2 + "f" + (fns.length - 1);
        case "symbol":
          return void 0;
        default:
          break;
      }
      if (raw instanceof Uint8Array) {
        let s2 = "";
        for (let i = 0; i < raw.length; i++) s2 += String.fromCharCode(raw[i]);
        return TAG2 + "u" + s2;
      }
      if (raw instanceof Map) return [...raw.entries()];
      if (raw instanceof Set) return [...raw.values()];
      return raw;
    });
    return text === void 0 ? JSON.stringify(TAG2 + "U") : text;
  }
  function revive(_k, v) {
    if (typeof v !== "string" || v.charCodeAt(0) !== 1) return v;
    const body = v.slice(2);
    switch (v[1]) {
      case "b":
        return BigInt(body);
      case "U":
        return void 0;
      case "n":
        return Number(body);
      case "s":
        return body;
      case "u": {
        const out2 = new Uint8Array(body.length);
        for (let i = 0; i < body.length; i++) out2[i] = body.charCodeAt(i) & 255;
        return out2;
      }
      default:
        return v;
    }
  }
  function dec(text) {
    return text.indexOf("\\u0001") < 0 ? JSON.parse(text) : JSON.parse(text, revive);
  }
  class BPFError2 extends Error {
    constructor(m) {
      super(m);
      this.name = "BPFError";
    }
  }
  class CompileError2 extends BPFError2 {
    constructor(m) {
      super(m);
      this.name = "CompileError";
    }
  }
  class PermissionError3 extends Error {
    constructor(m) {
      super(m);
      this.name = "PermissionError";
    }
  }
  class KeyboardInterrupt2 extends Error {
    constructor(m) {
      super(m ?? "interrupted");
      this.name = "KeyboardInterrupt";
    }
  }
  class SystemExit extends Error {
    constructor(code) {
      super("exit " + code);
      this.name = "SystemExit";
      this.code = code;
    }
  }
  const errorTypes = { BPFError: BPFError2, CompileError: CompileError2, PermissionError: PermissionError3, KeyboardInterrupt: KeyboardInterrupt2, TypeError, RangeError };
  function toError(e) {
    if (e.name === "SystemExit") return new SystemExit(e.code ?? 0);
    const C2 = errorTypes[e.name] ?? (e.base ? errorTypes[e.base] : void 0);
    const err = C2 ? new C2(e.message) : new Error(e.message);
    err.name = e.name;
    return err;
  }
  function reply(r2) {
    if (Array.isArray(r2)) return r2;
    const m = dec(r2);
    if (m.err) throw toError(m.err);
    return m.ok;
  }
  function call2(...req) {
    const fns = [];
    return reply(host.call(enc(req, fns), fns));
  }
  function wait(...req) {
    return reply(host.wait(enc(req, [])));
  }
  function write(fd, text) {
    host.write(fd, text);
  }
  function inspect(v, depth, top) {
    switch (typeof v) {
      case "string":
        return top ? v : "'" + v + "'";
      case "bigint":
        return v.toString() + "n";
      case "function":
        return "[Function: " + (v.name || "(anonymous)") + "]";
      case "undefined":
        return "undefined";
      case "object":
        break;
      default:
        return String(v);
    }
    if (v === null) return "null";
    if (v instanceof Error) return v.stack ? v.name + ": " + v.message + "\n" + v.stack : v.name + ": " + v.message;
    if (depth > 3) return Array.isArray(v) ? "[Array]" : "[Object]";
    if (v instanceof Uint8Array) return "Uint8Array(" + v.length + ") [ " + Array.from(v.slice(0, 50)).join(", ") + (v.length > 50 ? ", ..." : "") + " ]";
    if (Array.isArray(v)) return v.length === 0 ? "[]" : "[ " + v.map((x) => inspect(x, depth + 1, false)).join(", ") + " ]";
    if (v instanceof Map) return "Map(" + v.size + ") { " + [...v].map(([k, x]) => inspect(k, depth + 1, false) + " => " + inspect(x, depth + 1, false)).join(", ") + " }";
    const keys = Object.keys(v);
    if (keys.length === 0) return "{}";
    return "{ " + keys.map((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : "'" + k + "'") + ": " + inspect(v[k], depth + 1, false)).join(", ") + " }";
  }
  function format(args) {
    let i = 0;
    let head = "";
    if (typeof args[0] === "string" && args.length > 1 && args[0].indexOf("%") >= 0) {
      i = 1;
      head = args[0].replace(/%([sdifjoO%])/g, (m, c) => {
        if (c === "%") return "%";
        if (i >= args.length) return m;
        const a = args[i++];
        switch (c) {
          case "s":
            return typeof a === "string" ? a : inspect(a, 1, false);
          case "d":
          case "i":
            return typeof a === "bigint" ? a.toString() + "n" : String(c === "i" ? Math.trunc(Number(a)) : Number(a));
          case "f":
            return String(Number(a));
          case "j":
            return JSON.stringify(a);
          default:
            return inspect(a, 0, false);
        }
      });
    }
    const rest = args.slice(i).map((a) => inspect(a, 0, true));
    return (i > 0 ? [head, ...rest] : rest).join(" ");
  }
  const out = (fd) => (...args) => write(fd, format(args) + "\n");
  G.console = { log: out(1), info: out(1), debug: out(1), warn: out(2), error: out(2), trace: out(2) };
  function sleep2(seconds) {
    wait("sleep", Number(seconds) * 1e3);
  }
  const timers = /* @__PURE__ */ new Map();
  let nextTimer = 1;
  function addTimer(fn, ms, args, repeat) {
    if (typeof fn !== "function") throw new TypeError("the callback must be a function");
    const delay2 = Math.max(0, Number(ms) || 0);
    const t = { id: nextTimer++, at: Date.now() + delay2, fn, args };
    if (repeat) t.every = Math.max(1, delay2);
    timers.set(t.id, t);
    return t.id;
  }
  G.setTimeout = (fn, ms, ...args) => addTimer(fn, ms, args, false);
  G.setInterval = (fn, ms, ...args) => addTimer(fn, ms, args, true);
  G.clearTimeout = G.clearInterval = (id) => void timers.delete(id);
  G.setImmediate = (fn, ...args) => addTimer(fn, 0, args, false);
  G.queueMicrotask = (fn) => void Promise.resolve().then(fn);
  const t02 = Date.now();
  G.performance = { now: () => Date.now() - t02, timeOrigin: t02 };
  G.__bccRunTimer = () => {
    let next;
    for (const t of timers.values()) if (!next || t.at < next.at) next = t;
    if (!next) return false;
    const delay2 = next.at - Date.now();
    if (delay2 > 0) sleep2(delay2 / 1e3);
    if (!timers.has(next.id)) return timers.size > 0;
    if (next.every !== void 0) next.at += next.every;
    else timers.delete(next.id);
    next.fn(...next.args);
    return timers.size > 0;
  };
  const stream = (fd) => ({ write: (s2) => {
    write(fd, typeof s2 === "string" ? s2 : s2 instanceof Uint8Array ? String.fromCharCode(...s2) : String(s2));
    return true;
  }, isTTY: false, columns: config.columns, fd });
  function exit2(code) {
    const c = code === void 0 ? G.process.exitCode ?? 0 : Number(code) | 0;
    call2("exit", c);
    throw new SystemExit(c);
  }
  G.process = {
    argv: config.argv.slice(),
    env: {},
    pid: config.pid,
    platform: "linux",
    arch: "x64",
    versions: {},
    version: "",
    exitCode: void 0,
    exit: exit2,
    cwd: () => config.cwd,
    stdout: stream(1),
    stderr: stream(2),
    hrtime: Object.assign((prev) => {
      const ns = BigInt(Math.round(G.performance.now() * 1e6));
      const s2 = Number(ns / 1000000000n), n = Number(ns % 1000000000n);
      return prev ? [s2 - prev[0], n - prev[1]] : [s2, n];
    }, { bigint: () => BigInt(Math.round(G.performance.now() * 1e6)) }),
    on: () => G.process,
    once: () => G.process,
    off: () => G.process,
    nextTick: (fn, ...args) => void Promise.resolve().then(() => fn(...args))
  };
  G.require = (name) => {
    throw new PermissionError3("permission denied: require(" + JSON.stringify(String(name)) + ") is not available in the sandbox");
  };
  G.fetch = () => {
    throw new PermissionError3("permission denied: the sandbox has no network access");
  };
  const handlers = /* @__PURE__ */ new Map();
  const decoded = /* @__PURE__ */ new WeakMap();
  function dispatch(r2) {
    const m = dec(r2[0]);
    if (m.err) throw toError(m.err);
    const batch = m.ok;
    for (const [key2, cpu, off, len, ev] of batch.records) {
      const h = handlers.get(key2);
      if (!h) continue;
      const data = new Uint8Array(r2[1], off, len);
      if (ev !== void 0) decoded.set(data, ev);
      if (h.kind === "perf") h.cb(cpu, data, len);
      else h.cb(null, data, len);
    }
    for (const [key2, n] of batch.lost) {
      const h = handlers.get(key2);
      if (h?.lost) h.lost(n);
      else write(2, "bcc-ts: lost " + n + " samples from perf buffer " + key2.split("\0")[1] + " (pass lost_cb to handle them, or a larger page_cnt)\n");
    }
    return batch.count;
  }
  const hidden = (o, k, v) => Object.defineProperty(o, k, { value: v, enumerable: false, configurable: true, writable: true });
  class Table2 {
    constructor(bpf, name, info) {
      hidden(this, "__bpf", bpf);
      hidden(this, "name", name);
      hidden(this, "kind", info.kind);
      for (const m of info.methods) {
        if (m in Table2.prototype) continue;
        hidden(this, m, (...args) => call2("table.call", bpf, name, m, ...args));
      }
    }
    open_perf_buffer(cb, opts = {}) {
      const key2 = this.__bpf + "\0" + this.name;
      call2("table.open", this.__bpf, this.name, "perf", { page_cnt: opts.page_cnt, wakeup_events: opts.wakeup_events });
      handlers.set(key2, { kind: "perf", cb, ...opts.lost_cb ? { lost: opts.lost_cb } : {} });
    }
    close_perf_buffer() {
      call2("table.close", this.__bpf, this.name);
      handlers.delete(this.__bpf + "\0" + this.name);
    }
    open_ring_buffer(cb) {
      call2("table.open", this.__bpf, this.name, "ring", {});
      handlers.set(this.__bpf + "\0" + this.name, { kind: "ring", cb });
    }
    event(data) {
      const ev = decoded.get(data);
      if (ev !== void 0) return ev;
      return call2("table.call", this.__bpf, this.name, "event", data);
    }
    [Symbol.iterator]() {
      return call2("table.call", this.__bpf, this.name, "keys")[Symbol.iterator]();
    }
  }
  class BPF2 {
    constructor(opts) {
      const info = call2("bpf.new", opts);
      hidden(this, "__id", info.id);
      hidden(this, "__tables", /* @__PURE__ */ new Map());
      for (const m of info.methods) {
        if (m in BPF2.prototype) continue;
        hidden(this, m, (...args) => call2("bpf.call", info.id, m, ...args));
      }
      for (const t of info.tables) {
        if (t in this) continue;
        Object.defineProperty(this, t, { get: () => this.get_table(t), enumerable: false, configurable: true });
      }
    }
    get_table(name) {
      const cache = this.__tables;
      let t = cache.get(name);
      if (!t) {
        t = new Table2(this.__id, name, call2("table.info", this.__id, name));
        cache.set(name, t);
      }
      return t;
    }
    trace_print(opts = {}) {
      wait("trace_print", this.__id, opts.fmt);
      throw new BPFError2("trace_print ended");
    }
    trace_readline(opts = {}) {
      return wait("trace_readline", this.__id, Boolean(opts.nonblocking));
    }
    trace_fields(opts = {}) {
      const f2 = wait("trace_fields", this.__id, Boolean(opts.nonblocking));
      return f2 ?? [void 0, void 0, void 0, void 0, void 0, void 0];
    }
    perf_buffer_poll(timeout = -1) {
      return dispatch(wait("poll", this.__id, "perf", timeout));
    }
    ring_buffer_poll(timeout = -1) {
      return dispatch(wait("poll", this.__id, "ring", timeout));
    }
    perf_buffer_consume() {
      return dispatch(call2("consume", this.__id, "perf"));
    }
    ring_buffer_consume() {
      return dispatch(call2("consume", this.__id, "ring"));
    }
    close() {
      call2("bpf.close", this.__id);
      for (const k of [...handlers.keys()]) if (k.startsWith(this.__id + "\0")) handlers.delete(k);
    }
    cleanup() {
      this.close();
    }
  }
  for (const s2 of config.bpfStatics) BPF2[s2] = (...args) => call2("bpf.static", s2, ...args);
  for (const [k, v] of Object.entries(config.bpfConstants)) BPF2[k] = v;
  const fs4 = {
    readFileSync: (path2, opts) => call2("fs.read", String(path2), typeof opts === "string" ? opts : opts?.encoding),
    writeFileSync: (path2, data) => void call2("fs.write", String(path2), data instanceof Uint8Array ? data : String(data), false),
    appendFileSync: (path2, data) => void call2("fs.write", String(path2), data instanceof Uint8Array ? data : String(data), true),
    existsSync: (path2) => call2("fs.exists", String(path2)),
    readdirSync: (path2) => call2("fs.readdir", String(path2))
  };
  const childProcess = {
    execFileSync: (file, args = [], opts = {}) => call2("run", String(file), (args ?? []).map(String), opts.input, opts.encoding),
    execSync: (cmd, opts = {}) => call2("run", "/bin/sh", ["-c", String(cmd)], opts.input, opts.encoding)
  };
  G.sleep = sleep2;
  G.KeyboardInterrupt = KeyboardInterrupt2;
  G.PermissionError = PermissionError3;
  G.__bcc = {
    BPF: BPF2,
    BPFError: BPFError2,
    CompileError: CompileError2,
    KeyboardInterrupt: KeyboardInterrupt2,
    PermissionError: PermissionError3,
    sleep: sleep2,
    print_log2_hist: (...args) => call2("bcc.static", "print_log2_hist", ...args),
    print_linear_hist: (...args) => call2("bcc.static", "print_linear_hist", ...args),
    fs: fs4,
    childProcess,
    denied: (m) => {
      throw new PermissionError3(m);
    },
    isExit: (e) => e instanceof SystemExit,
    apply: (fn, json) => enc(fn(...dec(json)), [])
  };
}
var GUEST_PRELUDE = `(${guestPrelude.toString()})`;

// src/sandbox/host-api.ts
import { appendFileSync, existsSync as existsSync9, readdirSync as readdirSync3, readFileSync as readFileSync17, writeFileSync as writeFileSync2 } from "node:fs";
import { execFileSync as execFileSync2 } from "node:child_process";
import { isAbsolute as isAbsolute2, resolve as resolve4 } from "node:path";
import { setTimeout as delay } from "node:timers/promises";

// src/sandbox/include-check.ts
import { existsSync as existsSync8, readFileSync as readFileSync16, statSync as statSync6 } from "node:fs";
import { dirname as dirname5, resolve as resolve3 } from "node:path";
var INCLUDE_RE = /^[ \t]*#[ \t]*include(?:_next)?[ \t]*(.*)$/gm;
function isFile(p) {
  try {
    return statSync6(p).isFile();
  } catch {
    return false;
  }
}
function checkIncludes(text, file, cflags, perms) {
  const dirs = cflags.filter((f2) => f2.startsWith("-I")).map((f2) => resolve3(perms.cwd, f2.slice(2)));
  const seen = /* @__PURE__ */ new Set();
  const visit = (src, from) => {
    const joined = src.replace(/\\\r?\n/g, "").replace(/\/\*[\s\S]*?\*\//g, " ");
    for (const m of joined.matchAll(INCLUDE_RE)) {
      const operand = (m[1] ?? "").replace(/\/\/.*$/, "").trim();
      const quoted = /^"([^"]*)"/.exec(operand);
      const angled = /^<([^>]*)>/.exec(operand);
      if (!quoted && !angled) throw new PermissionError2(`permission denied: #include ${operand} names its file through a macro, which the sandbox cannot check`);
      const name = (quoted ?? angled)[1];
      const candidates = quoted ? [resolve3(dirname5(from), name), ...dirs.map((d) => resolve3(d, name))] : dirs.map((d) => resolve3(d, name));
      const found = candidates.find(isFile);
      if (found === void 0) continue;
      const real = perms.checkRead(found, "#include");
      if (seen.has(real)) continue;
      seen.add(real);
      if (existsSync8(real)) visit(readFileSync16(real, "utf8"), real);
    }
  };
  visit(text, file);
}

// src/sandbox/marshal.ts
var TAG = "";
function encodeValue(value) {
  return JSON.stringify(value, function(key2, v) {
    const raw = key2 === "" && this[""] === void 0 ? v : this[key2];
    return tagOut(raw, v);
  }) ?? `"${TAG}U"`;
}
function tagOut(raw, v) {
  switch (typeof raw) {
    case "bigint":
      return `${TAG}b${raw.toString()}`;
    case "undefined":
      return `${TAG}U`;
    case "number":
      return Number.isFinite(raw) ? raw : `${TAG}n${String(raw)}`;
    case "string":
      return raw.startsWith(TAG) ? `${TAG}s${raw}` : raw;
    case "function":
    case "symbol":
      return void 0;
    default:
      break;
  }
  if (raw instanceof Uint8Array) return `${TAG}u${latin1(raw)}`;
  if (raw instanceof Map) return [...raw.entries()];
  if (raw instanceof Set) return [...raw.values()];
  return v;
}
function latin1(bytes) {
  let s2 = "";
  for (let i = 0; i < bytes.length; i += 8192) s2 += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s2;
}
function decodeValue(text, fn) {
  if (!text.includes("\\u0001")) return JSON.parse(text);
  return JSON.parse(text, (_k, v) => typeof v === "string" && v.startsWith(TAG) ? tagIn(v, fn) : v);
}
function tagIn(v, fn) {
  const body = v.slice(2);
  switch (v[1]) {
    case "b":
      return BigInt(body);
    case "U":
      return void 0;
    case "n":
      return Number(body);
    case "s":
      return body;
    case "u": {
      const out = new Uint8Array(body.length);
      for (let i = 0; i < body.length; i++) out[i] = body.charCodeAt(i) & 255;
      return out;
    }
    case "f": {
      if (!fn) throw new TypeError("a function cannot be passed here");
      return fn(Number(body));
    }
    default:
      return v;
  }
}

// src/sandbox/host-api.ts
var EventBatch = class {
  constructor(meta, bytes) {
    this.meta = meta;
    this.bytes = bytes;
  }
  meta;
  bytes;
};
var BPF_SPECIAL = /* @__PURE__ */ new Set(["constructor", "trace_print", "trace_fields", "trace_readline", "trace_lines", "perf_buffer_poll", "ring_buffer_poll", "poll_async", "perf_buffer_consume", "ring_buffer_consume", "close", "cleanup", "get_table", "load_func_async"]);
var TABLE_SPECIAL = /* @__PURE__ */ new Set(["constructor", "close", "open_perf_buffer", "close_perf_buffer", "open_ring_buffer", "event"]);
function methodNames(obj, skip) {
  const names = /* @__PURE__ */ new Set();
  for (let p = Object.getPrototypeOf(obj); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const k of Object.getOwnPropertyNames(p)) {
      if (skip.has(k) || k.startsWith("_")) continue;
      const d = Object.getOwnPropertyDescriptor(p, k);
      if (d && typeof d.value === "function") names.add(k);
    }
  }
  for (const k of Object.keys(obj)) if (typeof obj[k] === "function" && !skip.has(k) && !k.startsWith("_")) names.add(k);
  return [...names];
}
function bpfStatics() {
  const functions = [];
  const constants4 = {};
  for (const k of Object.getOwnPropertyNames(BPF)) {
    const v = BPF[k];
    if (typeof v === "function" && k !== "prototype") functions.push(k);
    else if (typeof v === "number") constants4[k] = v;
  }
  return { functions, constants: constants4 };
}
var HostApi = class {
  #opts;
  #bpfs = /* @__PURE__ */ new Map();
  #nextId = 1;
  #statics = new Set(bpfStatics().functions);
  constructor(opts) {
    this.#opts = opts;
  }
  get permissions() {
    return this.#opts.permissions;
  }
  // ------------------------------------------------------------ synchronous requests
  call(req) {
    const [op, ...a] = req;
    switch (op) {
      case "exit":
        this.#opts.onExit(Number(a[0]) | 0);
        return void 0;
      case "bpf.new":
        return this.#newBpf(a[0] ?? {});
      case "bpf.call": {
        const e = this.#entry(a[0]);
        const m = String(a[1]);
        if (BPF_SPECIAL.has(m) || !methodNames(e.bpf, BPF_SPECIAL).includes(m)) throw new BPFError(`BPF has no method ${m}`);
        return e.bpf[m](...a.slice(2));
      }
      case "bpf.static": {
        const m = String(a[0]);
        if (!this.#statics.has(m)) throw new BPFError(`BPF has no static method ${m}`);
        return BPF[m](...a.slice(1));
      }
      case "bpf.close": {
        const e = this.#bpfs.get(Number(a[0]));
        if (e) {
          this.#bpfs.delete(Number(a[0]));
          e.pipe?.close();
          e.bpf.close();
        }
        return void 0;
      }
      case "bcc.static": {
        const f2 = a[0] === "print_log2_hist" ? print_log2_hist : a[0] === "print_linear_hist" ? print_linear_hist : void 0;
        if (!f2) throw new BPFError(`bcc-ts has no function ${String(a[0])}`);
        return f2(...a.slice(1));
      }
      case "table.info": {
        const t = this.#table(a[0], a[1]);
        return { kind: t.constructor.name, methods: methodNames(t, TABLE_SPECIAL) };
      }
      case "table.call": {
        const t = this.#table(a[0], a[1]);
        const m = String(a[2]);
        if (m !== "event" && (TABLE_SPECIAL.has(m) || !methodNames(t, TABLE_SPECIAL).includes(m))) throw new BPFError(`table ${String(a[1])} has no method ${m}`);
        return t[m](...a.slice(3));
      }
      case "table.open":
        return this.#openBuffer(a[0], String(a[1]), a[2] === "ring" ? "ring" : "perf", a[3] ?? {});
      case "table.close": {
        const t = this.#table(a[0], a[1]);
        t.close_perf_buffer?.();
        return void 0;
      }
      case "consume": {
        const e = this.#entry(a[0]);
        e.records = [];
        e.lost = [];
        const n = a[1] === "ring" ? e.bpf.ring_buffer_consume() : e.bpf.perf_buffer_consume();
        return this.#batch(e, n);
      }
      case "fs.read": {
        const path2 = this.permissions.checkRead(String(a[0]));
        const enc = a[1] === void 0 ? void 0 : String(a[1]);
        return enc === void 0 ? new Uint8Array(readFileSync17(path2)) : readFileSync17(path2, enc);
      }
      case "fs.write": {
        const path2 = this.permissions.checkWrite(String(a[0]));
        const data = a[1] instanceof Uint8Array ? a[1] : String(a[1]);
        if (a[2] === true) appendFileSync(path2, data);
        else writeFileSync2(path2, data);
        return void 0;
      }
      case "fs.exists":
        return existsSync9(this.permissions.checkRead(String(a[0])));
      case "fs.readdir":
        return readdirSync3(this.permissions.checkRead(String(a[0])));
      case "run": {
        const file = String(a[0]);
        this.permissions.checkRun(file);
        const args = Array.isArray(a[1]) ? a[1].map(String) : [];
        const out = execFileSync2(file, args, { input: a[2] === void 0 ? void 0 : String(a[2]), stdio: ["pipe", "pipe", "inherit"], maxBuffer: 64 << 20 });
        return a[3] === "buffer" ? new Uint8Array(out) : out.toString(a[3] === void 0 ? "utf8" : String(a[3]));
      }
      default:
        throw new BPFError(`unknown sandbox request ${String(op)}`);
    }
  }
  // ------------------------------------------------------------ blocking requests
  async wait(req) {
    const [op, ...a] = req;
    const w = this.#opts.waits.begin();
    try {
      const fail = () => {
        if (w.reason() === "timeout") throw new SandboxTimeout();
        throw new KeyboardInterrupt();
      };
      if (w.signal.aborted) fail();
      switch (op) {
        case "sleep": {
          const ms = Math.max(0, Number(a[0]) || 0);
          await delay(ms, void 0, { signal: w.signal }).catch(() => void 0);
          if (w.signal.aborted) fail();
          return void 0;
        }
        case "poll": {
          const e = this.#entry(a[0]);
          e.records = [];
          e.lost = [];
          const timeout = Number(a[2]);
          const n = await e.bpf.poll_async(Number.isFinite(timeout) ? timeout : -1, w.signal);
          if (w.signal.aborted && e.records.length === 0) fail();
          return this.#batch(e, n);
        }
        case "trace_print": {
          const pipe = this.#pipe(a[0]);
          const fmt = a[1] === void 0 ? void 0 : String(a[1]);
          for (; ; ) {
            const line = await pipe.nextLine(void 0, w.signal);
            if (w.signal.aborted) fail();
            if (line === void 0) throw new BPFError("trace_pipe was closed");
            if (fmt === void 0) {
              this.#opts.stdout(`${line}
`);
              continue;
            }
            const f2 = parseTraceLine(line);
            if (!f2) continue;
            const fields = [f2.task, f2.pid, f2.cpu, f2.flags, f2.ts, f2.msg];
            this.#opts.stdout(`${fmt.replace(/\{(\d+)\}/g, (_, i) => String(fields[Number(i)] ?? ""))}
`);
          }
        }
        case "trace_readline": {
          const line = await this.#pipe(a[0]).nextLine(a[1] === true ? 0 : void 0, w.signal);
          if (w.signal.aborted) fail();
          return line;
        }
        case "trace_fields": {
          const pipe = this.#pipe(a[0]);
          for (; ; ) {
            const line = await pipe.nextLine(a[1] === true ? 0 : void 0, w.signal);
            if (w.signal.aborted) fail();
            if (line === void 0) return void 0;
            const f2 = parseTraceLine(line);
            if (f2) return [f2.task, f2.pid, f2.cpu, f2.flags, f2.ts, f2.msg];
          }
        }
        default:
          throw new BPFError(`unknown sandbox request ${String(op)}`);
      }
    } finally {
      w.done();
    }
  }
  /** Closes every BPF object the guest created. */
  closeAll() {
    for (const e of this.#bpfs.values()) {
      try {
        e.pipe?.close();
        e.bpf.close();
      } catch {
      }
    }
    this.#bpfs.clear();
  }
  // ------------------------------------------------------------ helpers
  #newBpf(o) {
    const opts = {};
    if (o.text !== void 0) opts.text = String(o.text);
    if (o.src_file !== void 0 && opts.text === void 0) opts.src_file = this.#srcFile(String(o.src_file));
    if (Array.isArray(o.cflags)) opts.cflags = o.cflags.map(String);
    if (o.debug !== void 0) opts.debug = Number(o.debug);
    if (opts.text === void 0 && opts.src_file === void 0) throw new BPFError("new BPF() needs { text } or { src_file }");
    const text = opts.text ?? readFileSync17(opts.src_file, "utf8");
    checkIncludes(text, opts.src_file ?? resolve4(this.permissions.cwd, "<text>"), opts.cflags ?? [], this.permissions);
    const bpf = new BPF({ ...opts, log: (line) => process.stderr.write(`${line}
`) });
    const id = this.#nextId++;
    this.#bpfs.set(id, { bpf, pipe: void 0, records: [], lost: [] });
    return { id, methods: methodNames(bpf, BPF_SPECIAL), tables: bpf.spec.maps.map((m) => m.name) };
  }
  /** BCC's lookup: the path as given (from the working directory), else next to the script. */
  #srcFile(given) {
    const fromCwd = resolve4(this.permissions.cwd, given);
    const path2 = isAbsolute2(given) || existsSync9(fromCwd) ? fromCwd : resolve4(this.#opts.scriptDir, given);
    return this.permissions.checkRead(path2);
  }
  #entry(id) {
    const e = this.#bpfs.get(Number(id));
    if (!e) throw new BPFError("this BPF object is closed");
    return e;
  }
  #table(id, name) {
    return this.#entry(id).bpf.get_table(String(name));
  }
  #pipe(id) {
    const e = this.#entry(id);
    e.pipe ??= new TracePipe(e.bpf.tracefs);
    return e.pipe;
  }
  #openBuffer(id, name, kind, o) {
    const e = this.#entry(id);
    const table = e.bpf.get_table(name);
    const key2 = `${String(id)}\0${name}`;
    const push = (cpu, data) => {
      let ev;
      try {
        ev = table.event(data);
      } catch {
        ev = void 0;
      }
      e.records.push({ key: key2, cpu, data: data.slice(), ev });
    };
    if (kind === "perf") {
      if (!table.open_perf_buffer) throw new BPFError(`${name} is not a perf event array`);
      table.open_perf_buffer(push, {
        ...o.page_cnt !== void 0 ? { page_cnt: o.page_cnt } : {},
        ...o.wakeup_events !== void 0 ? { wakeup_events: o.wakeup_events } : {},
        lost_cb: (n) => e.lost.push([key2, n])
      });
    } else {
      if (!table.open_ring_buffer) throw new BPFError(`${name} is not a ring buffer`);
      table.open_ring_buffer((_ctx, data) => push(0, data));
    }
    return void 0;
  }
  #batch(e, count2) {
    let total = 0;
    for (const r2 of e.records) total += r2.data.length;
    const bytes = new Uint8Array(total);
    const records = [];
    let off = 0;
    for (const r2 of e.records) {
      bytes.set(r2.data, off);
      records.push(r2.ev === void 0 ? [r2.key, r2.cpu, off, r2.data.length] : [r2.key, r2.cpu, off, r2.data.length, r2.ev]);
      off += r2.data.length;
    }
    const meta = { records, lost: e.lost, count: count2 };
    e.records = [];
    e.lost = [];
    return new EventBatch(encodeValue({ ok: meta }), bytes);
  }
};
var SandboxTimeout = class extends Error {
  name = "SandboxTimeout";
};

// src/sandbox/source-map.ts
var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
function originalLine(mapJson, line) {
  let map;
  try {
    map = JSON.parse(mapJson);
  } catch {
    return void 0;
  }
  const sources = map.sources ?? [];
  const lines = (map.mappings ?? "").split(";");
  let src = 0;
  let orig = 0;
  for (let i = 0; i < lines.length && i < line; i++) {
    let first;
    for (const seg of (lines[i] ?? "").split(",")) {
      if (seg === "") continue;
      const f2 = decodeVlq(seg);
      if (f2.length >= 4) {
        src += f2[1];
        orig += f2[2];
        if (i === line - 1 && !first) first = { source: sources[src] ?? "?", line: orig + 1 };
      }
    }
    if (i === line - 1) return first;
  }
  return void 0;
}
function decodeVlq(seg) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const ch of seg) {
    const digit = B64.indexOf(ch);
    if (digit < 0) break;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

// src/sandbox/sandbox.ts
var DEFAULT_MEMORY_MB = 256;
var sigintSource = {
  listen(onInterrupt) {
    process.on("SIGINT", onInterrupt);
    return () => process.off("SIGINT", onInterrupt);
  }
};
async function runSandboxed(opts) {
  const stdout = opts.stdout ?? ((s2) => void process.stdout.write(s2));
  const stderr = opts.stderr ?? ((s2) => void process.stderr.write(s2));
  const scriptPath = resolve5(opts.script);
  const scriptName = opts.script;
  const memoryMb = opts.memory ?? DEFAULT_MEMORY_MB;
  const deadline = opts.timeout !== void 0 && opts.timeout > 0 ? Date.now() + opts.timeout * 1e3 : void 0;
  const perms = new Permissions({ ...opts.permissions, scriptDir: dirname6(scriptPath) });
  const fail = (exitCode, text) => {
    stderr(`bcc-ts: ${text}
`);
    return { exitCode, message: `bcc-ts: ${text}` };
  };
  const quickjs = import("quickjs-emscripten").then((m) => m.newQuickJSAsyncWASMModule());
  let bundle;
  try {
    bundle = await bundleScript(scriptPath, perms);
  } catch (err) {
    quickjs.catch(() => void 0);
    const e = err;
    return fail(e.exitCode ?? 1, `${scriptName}: ${e.message}`);
  }
  let exitRequested;
  let timedOut = false;
  const interrupts = opts.interrupts ?? sigintSource;
  const waits = {
    begin() {
      const ac = new AbortController();
      let reason;
      const unlisten = interrupts.listen(() => {
        reason = "interrupt";
        ac.abort();
      });
      const timer = deadline === void 0 ? void 0 : setTimeout(() => {
        reason = "timeout";
        timedOut = true;
        ac.abort();
      }, Math.max(0, deadline - Date.now()));
      return {
        signal: ac.signal,
        reason: () => reason,
        done() {
          unlisten();
          if (timer) clearTimeout(timer);
        }
      };
    }
  };
  const host = new HostApi({ permissions: perms, scriptDir: dirname6(scriptPath), waits, stdout, onExit: (c) => void (exitRequested = c) });
  const mod = await quickjs;
  const rt = mod.newRuntime();
  rt.setMemoryLimit(memoryMb * 1024 * 1024);
  rt.setMaxStackSize(1024 * 1024);
  rt.setInterruptHandler(() => {
    if (deadline !== void 0 && Date.now() > deadline) timedOut = true;
    return timedOut || exitRequested !== void 0;
  });
  const ctx = rt.newContext();
  try {
    installHost(ctx, host);
    const statics = bpfStatics();
    const config = {
      argv: ["bcc-ts", scriptPath, ...opts.args ?? []],
      pid: process.pid,
      cwd: perms.cwd,
      bpfStatics: statics.functions,
      bpfConstants: statics.constants,
      columns: process.stdout.columns || 80
    };
    const prelude = await ctx.evalCodeAsync(`${GUEST_PRELUDE}(globalThis.__host, ${JSON.stringify(config)}); delete globalThis.__host;`, "bcc-ts-prelude.js");
    ctx.unwrapResult(prelude).dispose();
    let outcome = await evalStep(ctx, bundle.code, BUNDLE_FILE);
    rt.executePendingJobs().dispose();
    while (outcome.ok && exitRequested === void 0 && !timedOut) {
      const step = await evalStep(ctx, "__bccRunTimer()", "bcc-ts-timers.js");
      rt.executePendingJobs().dispose();
      outcome = step;
      if (!step.ok || step.value !== true) break;
    }
    if (timedOut) return fail(124, `${scriptName}: timed out after ${opts.timeout} s (--timeout)`);
    if (exitRequested !== void 0) return { exitCode: exitRequested };
    if (outcome.ok) {
      const code = guestExitCode(ctx);
      return { exitCode: code };
    }
    const e = outcome.error;
    if (e.name === "SystemExit") return { exitCode: exitRequested ?? 0 };
    if (e.name === "KeyboardInterrupt") return { exitCode: 130 };
    if (/out of memory/i.test(e.message) || e.name === "OutOfMemory") return fail(137, `${scriptName}: out of memory: the script needed more than ${memoryMb} MB (--memory)`);
    const where = locate(e.stack, bundle, scriptName);
    const label = ["Error", "PermissionError", "BPFError", "CompileError", "SandboxTimeout"].includes(e.name) ? "" : `${e.name}: `;
    return fail(e.name === "CompileError" ? 3 : 1, `${where}: ${label}${e.message}`);
  } catch (err) {
    if (err instanceof SandboxTimeout || timedOut) return fail(124, `${scriptName}: timed out after ${opts.timeout} s (--timeout)`);
    const msg = err instanceof Error ? err.message : String(err);
    if (/out of memory|memory access out of bounds/i.test(msg)) return fail(137, `${scriptName}: out of memory: the script needed more than ${memoryMb} MB (--memory)`);
    throw err;
  } finally {
    host.closeAll();
    closeAllBpfObjects();
    try {
      ctx.dispose();
      rt.dispose();
    } catch {
    }
  }
}
async function evalStep(ctx, code, file) {
  const r2 = await ctx.evalCodeAsync(code, file);
  if (r2.error) {
    const error = describeError(ctx, r2.error);
    r2.error.dispose();
    return { ok: false, error };
  }
  const value = ctx.dump(r2.value);
  r2.value.dispose();
  return { ok: true, value };
}
function describeError(ctx, h) {
  try {
    const d = ctx.dump(h);
    if (d && typeof d === "object") {
      const o = d;
      return { name: String(o.name ?? "Error"), message: String(o.message ?? ""), stack: String(o.stack ?? "") };
    }
    return { name: "Error", message: `uncaught ${String(d)}`, stack: "" };
  } catch {
    return { name: "OutOfMemory", message: "out of memory", stack: "" };
  }
}
function guestExitCode(ctx) {
  const r2 = ctx.evalCode("globalThis.process && globalThis.process.exitCode");
  if (r2.error) {
    r2.error.dispose();
    return 0;
  }
  const v = ctx.dump(r2.value);
  r2.value.dispose();
  return typeof v === "number" ? v | 0 : 0;
}
function locate(stack, bundle, scriptName) {
  const re = new RegExp(`${BUNDLE_FILE.replace(/\./g, "\\.")}:(\\d+)`);
  const m = re.exec(stack);
  if (!m) return scriptName;
  const pos = originalLine(bundle.map, Number(m[1]));
  if (!pos) return scriptName;
  const src = basename2(pos.source) === basename2(scriptName) ? scriptName : pos.source;
  return `${src}:${pos.line}`;
}
function installHost(ctx, host) {
  const obj = ctx.newObject();
  const reply = (f2) => {
    try {
      return toGuest(ctx, f2());
    } catch (err) {
      return ctx.newString(encodeValue({ err: errorReply(err) }));
    }
  };
  const call2 = ctx.newFunction("call", (jsonH, fnsH) => reply(() => {
    const fnAt = (i) => guestCallable(ctx, fnsH, i);
    return host.call(decodeValue(ctx.getString(jsonH), fnAt));
  }));
  const wait = ctx.newAsyncifiedFunction("wait", async (jsonH) => {
    const req = decodeValue(ctx.getString(jsonH));
    try {
      return toGuest(ctx, await host.wait(req));
    } catch (err) {
      if (err instanceof SandboxTimeout) return ctx.newString(encodeValue({ err: { name: "SandboxTimeout", message: "timed out" } }));
      return ctx.newString(encodeValue({ err: errorReply(err) }));
    }
  });
  const write = ctx.newFunction("write", (fdH, textH) => {
    const text = ctx.getString(textH);
    if (ctx.getNumber(fdH) === 2) process.stderr.write(text);
    else process.stdout.write(text);
    return ctx.undefined;
  });
  ctx.setProp(obj, "call", call2);
  ctx.setProp(obj, "wait", wait);
  ctx.setProp(obj, "write", write);
  ctx.setProp(ctx.global, "__host", obj);
  call2.dispose();
  wait.dispose();
  write.dispose();
  obj.dispose();
}
function toGuest(ctx, value) {
  if (value instanceof EventBatch) {
    const arr = ctx.newArray();
    const meta = ctx.newString(value.meta);
    const buf = ctx.newArrayBuffer(value.bytes.buffer.slice(value.bytes.byteOffset, value.bytes.byteOffset + value.bytes.byteLength));
    ctx.setProp(arr, 0, meta);
    ctx.setProp(arr, 1, buf);
    meta.dispose();
    buf.dispose();
    return arr;
  }
  return ctx.newString(encodeValue({ ok: value }));
}
function errorReply(err) {
  if (err instanceof Error) {
    let base;
    for (let p = Object.getPrototypeOf(err); p; p = Object.getPrototypeOf(p)) {
      if (p.constructor?.name === "BPFError") base = "BPFError";
    }
    return { name: err.name, message: err.message, ...base ? { base } : {} };
  }
  return { name: "Error", message: String(err) };
}
function guestCallable(ctx, fnsH, i) {
  return (...args) => {
    const fnH = ctx.getProp(fnsH, i);
    const bcc = ctx.getProp(ctx.global, "__bcc");
    const apply = ctx.getProp(bcc, "apply");
    const argsH = ctx.newString(encodeValue(args));
    try {
      const r2 = ctx.callFunction(apply, ctx.undefined, fnH, argsH);
      const h = ctx.unwrapResult(r2);
      const text = ctx.getString(h);
      h.dispose();
      return decodeValue(text);
    } finally {
      argsH.dispose();
      apply.dispose();
      bcc.dispose();
      fnH.dispose();
    }
  };
}

// ../../tmp/sb/run.ts
var t0 = performance.now();
var r = await runSandboxed({ script: process.argv[2], args: process.argv.slice(3), timeout: Number(process.env.T || 0) || void 0, memory: Number(process.env.M || 0) || void 0 });
console.error("result", r, (performance.now() - t0).toFixed(1), "ms");
