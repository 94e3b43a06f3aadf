import { createRequire } from 'module'; const require = createRequire(import.meta.url);

// frontend-c/diagnostics/diagnostic.ts
var DiagnosticSink = class {
  diagnostics = [];
  seen = /* @__PURE__ */ new Set();
  report(d) {
    const key = `${d.code}|${d.span.file}:${d.span.line}:${d.span.col}|${d.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
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
  for (const f of fn.frame) id = Math.max(id, f.id + 1);
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
function evalExt(a, from, signed) {
  return signed ? toU64(BigInt.asIntN(from, a)) : BigInt.asUintN(from, a);
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

// frontend-c/ir/legalize.ts
function expandMemoryOps(fn) {
  const bounds = /* @__PURE__ */ new Map();
  const mark = (b, off, size) => {
    if (!isFrame(b)) return;
    let s2 = bounds.get(b.frame);
    if (s2 === void 0) bounds.set(b.frame, s2 = /* @__PURE__ */ new Set());
    s2.add(off);
    s2.add(off + size);
  };
  for (const b of fn.blocks) for (const i of b.insts) if (i.op === "load" || i.op === "store") mark(i.base, i.off, i.size);
  const copies = fn.blocks.flatMap((b) => b.insts.filter((i) => i.op === "copy"));
  for (let round = 0; round < 4; round++) {
    for (const c of copies) {
      if (c.op !== "copy" || !isFrame(c.dstBase) || !isFrame(c.srcBase)) continue;
      const delta = c.srcOff - c.dstOff;
      const d = bounds.get(c.dstBase.frame) ?? /* @__PURE__ */ new Set();
      const sb = bounds.get(c.srcBase.frame) ?? /* @__PURE__ */ new Set();
      for (const x of sb) if (x - delta >= c.dstOff && x - delta <= c.dstOff + c.size) d.add(x - delta);
      for (const x of d) if (x + delta >= c.srcOff && x + delta <= c.srcOff + c.size) sb.add(x + delta);
      bounds.set(c.dstBase.frame, d);
      bounds.set(c.srcBase.frame, sb);
    }
  }
  const frameAlign = new Map(fn.frame.map((f) => [f.id, Math.max(1, Math.min(8, f.align))]));
  const alignAt = (base, off, claimed) => {
    if (!isFrame(base)) return claimed;
    let a = frameAlign.get(base.frame) ?? 1;
    while (a > 1 && off % a !== 0) a >>= 1;
    return Math.max(a, 1);
  };
  const cuts = (base, delta) => isFrame(base) ? [...bounds.get(base.frame) ?? []].map((x) => x - delta) : [];
  for (const b of fn.blocks) {
    if (!b.insts.some((i) => i.op === "zero" || i.op === "copy")) continue;
    const out = [];
    for (const i of b.insts) {
      if (i.op === "zero") {
        for (const [off, size] of pieces(i.off, i.size, alignAt(i.base, i.off, i.align), cuts(i.base, 0))) {
          out.push({ op: "store", base: i.base, off, size, value: imm(0n), span: i.span });
        }
      } else if (i.op === "copy") {
        const delta = i.srcOff - i.dstOff;
        const at = [...cuts(i.dstBase, 0), ...cuts(i.srcBase, delta)];
        const align = Math.min(alignAt(i.dstBase, i.dstOff, i.align), alignAt(i.srcBase, i.srcOff, i.align));
        for (const [off, size] of pieces(i.dstOff, i.size, align, at)) {
          const t = newVReg(fn);
          out.push({ op: "load", dst: t, base: i.srcBase, off: off + delta, size, signed: false, span: i.span });
          out.push({ op: "store", base: i.dstBase, off, size, value: t, span: i.span });
        }
      } else out.push(i);
    }
    b.insts = out;
  }
}
function pieces(off, size, align, at) {
  const end = off + size;
  const points = [off, ...at.filter((x) => x > off && x < end).sort((a, b) => a - b), end];
  const out = [];
  for (let k = 0; k + 1 < points.length; k++) {
    if (points[k + 1] > points[k]) out.push(...chunks(points[k], points[k + 1] - points[k], align));
  }
  return out;
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
  const align = new Map(fn.frame.map((f) => [f.id, Math.max(1, Math.min(8, f.align))]));
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

// frontend-c/ir/dead-stores.ts
function eliminateDeadStores(fn) {
  const escaping = /* @__PURE__ */ new Set();
  for (const b of fn.blocks) for (const i of b.insts) if (i.op === "frameaddr") escaping.add(i.frame);
  let changed = false;
  for (const b of fn.blocks) {
    const covered = /* @__PURE__ */ new Map();
    const cov = (f) => {
      let s2 = covered.get(f);
      if (s2 === void 0) covered.set(f, s2 = /* @__PURE__ */ new Set());
      return s2;
    };
    const clearEscaping = () => {
      for (const f of escaping) covered.delete(f);
    };
    const kept = [];
    for (let k = b.insts.length - 1; k >= 0; k--) {
      const i = b.insts[k];
      if (i.op === "store" && isFrame(i.base)) {
        const s2 = cov(i.base.frame);
        let dead = true;
        for (let x = i.off; x < i.off + i.size; x++) if (!s2.has(x)) dead = false;
        if (dead) {
          changed = true;
          continue;
        }
        for (let x = i.off; x < i.off + i.size; x++) s2.add(x);
      } else if (i.op === "load" && isFrame(i.base)) {
        const s2 = cov(i.base.frame);
        for (let x = i.off; x < i.off + i.size; x++) s2.delete(x);
      } else if (i.op === "atomic" || i.op === "zero" || i.op === "copy") {
        for (const base of i.op === "copy" ? [i.dstBase, i.srcBase] : [i.base]) if (isFrame(base)) covered.delete(base.frame);
        clearEscaping();
      } else if (i.op === "call" && i.args.length > 0 || i.op === "calllocal" || i.op === "load" && !isFrame(i.base)) {
        clearEscaping();
      }
      kept.push(i);
    }
    if (kept.length !== b.insts.length) b.insts = kept.reverse();
  }
  return changed;
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
    changed = eliminateDeadStores(fn) || changed;
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
  const singleDef = /* @__PURE__ */ new Map();
  for (const b of fn.blocks) for (const i of b.insts) {
    const d = instDef(i);
    if (d !== void 0 && single(d)) singleDef.set(d, i);
  }
  const isSingle = (v) => single(v) || fn.params.includes(v) && defs.get(v) === 1;
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
      const folded = narrowOperands(simplifyExt(fold(foldConstants(i, val)), singleDef, isSingle), singleDef, isSingle);
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
function simplifyExt(i, singleDef, isSingle) {
  if (i.op !== "ext" || !isSingle(i.a)) return i;
  const d = singleDef.get(i.a);
  if (d === void 0) return i;
  const copy = { op: "mov", dst: i.dst, src: i.a, width: 64, span: i.span };
  if (d.op === "ext" && d.from >= i.from && isSingle(d.a)) return { ...i, a: d.a };
  if (d.op === "ext" && d.from <= i.from && d.signed === i.signed) return copy;
  if (d.op === "load" && d.size * 8 <= i.from && (d.signed === i.signed || !d.signed && d.size * 8 < i.from)) return copy;
  if (!i.signed && i.from === 32 && (d.op === "alu" || d.op === "neg" || d.op === "mov" || d.op === "setcc") && (d.op === "setcc" || d.width === 32)) return copy;
  return i;
}
function narrowOperands(i, singleDef, isSingle) {
  const strip = (v, bits) => {
    if (!isSingle(v)) return v;
    const d = singleDef.get(v);
    return d !== void 0 && d.op === "ext" && d.from >= bits && isSingle(d.a) ? d.a : v;
  };
  switch (i.op) {
    case "alu": {
      if (i.width !== 32) return i;
      const a = strip(i.a, 32);
      const b = isImm(i.b) ? i.b : strip(i.b, 32);
      return a === i.a && b === i.b ? i : { ...i, a, b };
    }
    case "neg": {
      if (i.width !== 32) return i;
      const a = strip(i.a, 32);
      return a === i.a ? i : { ...i, a };
    }
    case "setcc": {
      if (i.width !== 32) return i;
      const a = strip(i.a, 32);
      const b = isImm(i.b) ? i.b : strip(i.b, 32);
      return a === i.a && b === i.b ? i : { ...i, a, b };
    }
    case "ext": {
      const a = strip(i.a, i.from);
      return a === i.a ? i : { ...i, a };
    }
    case "store": {
      if (i.size === 8 || isImm(i.value)) return i;
      const value = strip(i.value, i.size * 8);
      return value === i.value ? i : { ...i, value };
    }
    case "mov": {
      if (i.width !== 32 || isImm(i.src)) return i;
      const src = strip(i.src, 32);
      return src === i.src ? i : { ...i, src };
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
      const live = liveOut.get(b.id);
      const t = b.term;
      if (t.op === "br") {
        live.add(t.a);
        if (!isImm(t.b)) live.add(t.b);
      }
      if (t.op === "ret" && !isImm(t.value)) live.add(t.value);
      const kept = [];
      for (let idx = b.insts.length - 1; idx >= 0; idx--) {
        const i = b.insts[idx];
        const d = instDef(i);
        const selfMove = i.op === "mov" && i.width === 64 && i.src === i.dst;
        if (selfMove || d !== void 0 && !live.has(d) && !hasSideEffects(i)) {
          changed = true;
          continue;
        }
        if (i.op === "atomic" && i.dst !== void 0 && !live.has(i.dst) && i.aop !== "xchg" && i.aop !== "cmpxchg") {
          kept.push({ ...i, dst: void 0, fetch: false });
          for (const u2 of instUses(i)) live.add(u2);
          changed = true;
          continue;
        }
        if (d !== void 0) live.delete(d);
        for (const u2 of instUses(i)) live.add(u2);
        kept.push(i);
      }
      if (kept.length !== b.insts.length) b.insts = kept.reverse();
    }
    if (!changed) break;
    any = true;
  }
  return any;
}

// frontend-c/ir/promote.ts
function promoteFrameObjects(fn) {
  const info = new Map(fn.frame.map((f) => [f.id, { escapes: false, slots: /* @__PURE__ */ new Map(), conflict: false }]));
  const touch = (frame, off, size) => {
    const s2 = info.get(frame);
    const prev = s2.slots.get(off);
    if (prev !== void 0 && prev !== size) s2.conflict = true;
    s2.slots.set(off, size);
  };
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      switch (i.op) {
        case "frameaddr":
          info.get(i.frame).escapes = true;
          break;
        case "load":
        case "store":
          if (isFrame(i.base)) touch(i.base.frame, i.off, i.size);
          break;
        case "atomic":
        case "zero":
          if (isFrame(i.base)) info.get(i.base.frame).escapes = true;
          break;
        case "copy":
          if (isFrame(i.dstBase)) info.get(i.dstBase.frame).escapes = true;
          if (isFrame(i.srcBase)) info.get(i.srcBase.frame).escapes = true;
          break;
        default:
          break;
      }
    }
  }
  const promoted = /* @__PURE__ */ new Map();
  for (const [id, s2] of info) {
    if (s2.escapes || s2.conflict) continue;
    const sorted = [...s2.slots].sort((a, b) => a[0] - b[0]);
    let ok = true;
    for (let k = 1; k < sorted.length; k++) if (sorted[k][0] < sorted[k - 1][0] + sorted[k - 1][1]) ok = false;
    if (!ok) continue;
    const name = fn.frame.find((f) => f.id === id).name;
    promoted.set(id, new Map(sorted.map(([off]) => [off, newVReg(fn, off === 0 ? name : `${name}+${off}`)])));
  }
  if (promoted.size === 0) return false;
  const init = [];
  for (const slots of promoted.values()) {
    for (const v of slots.values()) init.push({ op: "mov", dst: v, src: imm(0n), width: 64, span: fn.span });
  }
  for (const b of fn.blocks) {
    const out = b === fn.blocks[0] ? [...init] : [];
    for (const i of b.insts) {
      if ((i.op === "load" || i.op === "store") && isFrame(i.base) && promoted.has(i.base.frame)) {
        const v = promoted.get(i.base.frame).get(i.off);
        const bits = i.size * 8;
        if (i.op === "store") {
          if (isImm(i.value)) out.push({ op: "mov", dst: v, src: imm(BigInt.asUintN(bits, i.value.imm)), width: 64, span: i.span });
          else if (bits === 64) out.push({ op: "mov", dst: v, src: i.value, width: 64, span: i.span });
          else out.push({ op: "ext", dst: v, a: i.value, from: bits, signed: false, span: i.span });
        } else if (i.signed && bits < 64) {
          out.push({ op: "ext", dst: i.dst, a: v, from: bits, signed: true, span: i.span });
        } else out.push({ op: "mov", dst: i.dst, src: v, width: 64, span: i.span });
      } else out.push(i);
    }
    b.insts = out;
  }
  fn.frame = fn.frame.filter((f) => !promoted.has(f.id));
  return true;
}

// frontend-c/ir/printer.ts
function printFunction(fn) {
  const reg = (v) => {
    if (isPhys(v)) return `r${v}`;
    const n = fn.vregNames.get(v);
    return n === void 0 ? `%${v}` : `%${n}.${v}`;
  };
  const frameName = (id) => fn.frame.find((f) => f.id === id)?.name ?? `frame${id}`;
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
  for (const f of fn.frame) out.push(`  frame ${f.name}#${f.id}: size ${f.size} align ${f.align}`);
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
  const frames = new Map(fn.frame.map((f) => [f.id, f]));
  const checkBase = (b, off, size, i) => {
    if (isFrame(b)) {
      const f = frames.get(b.frame);
      if (f === void 0) fail(`unknown frame object ${b.frame}`, i);
      else if (off < 0 || off + size > f.size) fail(`access ${off}+${size} outside frame object ${f.name} (${f.size} bytes)`, i);
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
    const st = state.get(next);
    if (st === 1) backEdges.push([top[0], next]);
    else if (st === void 0) {
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
    const live = liveOut.get(b.id);
    live.forEach((v) => {
      present[v] = 1;
    });
    for (const u2 of termUses(b.term)) {
      live.add(u2);
      bump(u2);
    }
    for (let idx = b.insts.length - 1; idx >= 0; idx--) {
      const i = b.insts[idx];
      const d = instDef(i);
      const uses = instUses(i);
      const isCopy = i.op === "mov" && i.width === 64 && !isImm(i.src);
      if (isCopy) {
        live.delete(i.src);
        move(i.dst, i.src);
      }
      const c = clobbers(i);
      const defs = c === void 0 ? d === void 0 ? [] : [d] : d === void 0 ? c : [d, ...c];
      for (const x of defs) {
        live.forEach((l) => edge(x, l));
        bump(x);
      }
      if (d !== void 0) {
        if (i.op === "alu" && !isImm(i.b) && i.b !== i.a && !isCommutative(i.alu)) edge(d, i.b);
        if (i.op === "setcc") {
          edge(d, i.a);
          if (!isImm(i.b)) edge(d, i.b);
        }
      }
      for (const x of defs) live.delete(x);
      for (const u2 of uses) {
        live.add(u2);
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
    if (chosen === void 0) {
      let wanted = 0;
      for (const m of g.adj[v]) {
        if (colour[m] >= 0) continue;
        for (const p of g.moves.get(m) ?? []) if (colour[p] >= 0) wanted |= 1 << colour[p];
      }
      chosen = firstFree(forbidden | wanted) ?? firstFree(forbidden);
    }
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
var classOf = (code) => code & 7;
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
function slotCount(insn2) {
  return insn2.code === Opcode.LD_IMM64 ? 2 : 1;
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
  const bug = (msg, span2) => {
    throw new InternalCompilerError("select", `${fn.name}: ${msg}`, span2);
  };
  const frameOff = (id, off, span2) => {
    const base = frame.offsets.get(id);
    if (base === void 0) bug(`frame object ${id} has no offset`, span2);
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
  const ja = (target) => out.push({ kind: "insn", insn: insn(Opcode.JA, 0, 0, 0, 0), span, target });
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
              bug(`non-commutative ${i.alu} with dst == rhs`, i.span);
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
        if (i.dst === i.a || i.b === i.dst) bug("setcc dst overlaps an operand", i.span);
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
        bug(`BPF-to-BPF calls are not supported yet (call to ${i.callee})`, i.span);
        break;
      case "atomic": {
        const [r2, off] = baseReg(i.base, i.off);
        if (i.fetch && i.aop !== "cmpxchg" && i.dst !== i.value) bug("fetching atomic with dst != value", i.span);
        const imm2 = ATOMIC[i.aop] | (i.fetch ? AtomicOp.FETCH : 0);
        emit(insn(Class.STX | Mode.ATOMIC | (i.size === 8 ? Size.DW : Size.W), r2, i.value, off, imm2));
        break;
      }
      case "zero":
      case "copy":
        bug(`${i.op} must be expanded before selection`, i.span);
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
        if (t.value !== 0) bug("ret value must be in r0 in machine form", t.span);
        emit(insn(Opcode.EXIT, 0, 0, 0, 0));
        break;
      case "jmp":
        if (t.target !== next) ja(t.target);
        break;
      case "br": {
        const inv = invertCond(t.cond);
        if (t.then === next && inv !== void 0) {
          jump(inv, t.width, t.a, t.b, t.else);
        } else {
          jump(t.cond, t.width, t.a, t.b, t.then);
          if (t.else !== next) ja(t.else);
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
  removeUnreachable(fn);
  if (opts.optimize ?? true) {
    promoteFrameObjects(fn);
    optimizeFunction(fn);
  }
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
  const byName = new Map(mod.functions.map((f) => [f.name, f]));
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
    for (const f of kids(body)) {
      if (f.type !== "field_declaration") {
        if (f.type === "ERROR") continue;
        continue;
      }
      const base = convertBaseType(ctx, f);
      const attrs = attributesOf(ctx, f);
      const bit = kids(f).find((k) => k.type === "bitfield_clause");
      const bitWidth = bit ? convertExpr(ctx, kids(bit)[0]) : void 0;
      const decls = f.childrenForFieldName("declarator");
      if (decls.length === 0) {
        fields.push({ name: void 0, type: base, bitWidth, attrs, span: ctx.span(f) });
        continue;
      }
      for (const d of decls) {
        const { name, derived, attrs: dAttrs } = convertDeclarator(ctx, d);
        const next = d.nextNamedSibling;
        dAttrs.push(...ctx.takeTrailingAttributes(d.endIndex, next ? next.startIndex : f.endIndex));
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
function parseIntLiteral(text2) {
  let t = text2.replace(/'/g, "");
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
function parseCharLiteral(text2) {
  const body = text2.replace(/^[LuU]?'/, "").replace(/'$/, "");
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
      const left = node.childForFieldName("left");
      const right = node.childForFieldName("right");
      const op = opText(node);
      const tyId = typedefInParens(ctx, left);
      if (tyId && (op.text === "*" || op.text === "&" || op.text === "-" || op.text === "+")) {
        const operand = { kind: "unary", op: op.text, operand: convertExpr(ctx, right), span: ctx.spanBetween(op.node, right) };
        return { kind: "cast", type: typeFromName(ctx, tyId), operand, span };
      }
      return {
        kind: "binary",
        op: op.text,
        left: convertExpr(ctx, left),
        right: convertExpr(ctx, right),
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
  const text2 = node.text;
  const body = text2.replace(/^(u8|[LuU])?"/, "").replace(/"$/, "");
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
  const path = [];
  const walk2 = (n) => {
    if (n.type === "identifier" || n.type === "field_identifier") {
      path.push({ kind: "field", name: n.text, span: ctx.span(n) });
      return true;
    }
    if (n.type === "field_expression" && n.childForFieldName("operator")?.type === ".") {
      if (!walk2(n.childForFieldName("argument"))) return false;
      const f = n.childForFieldName("field");
      path.push({ kind: "field", name: f.text, span: ctx.span(f) });
      return true;
    }
    if (n.type === "subscript_expression") {
      if (!walk2(n.childForFieldName("argument"))) return false;
      const idx = n.childForFieldName("index");
      path.push({ kind: "index", index: convertExpr(ctx, idx), span: ctx.span(idx) });
      return true;
    }
    return false;
  };
  if (!walk2(rest[0])) {
    ctx.error("parse/bad-offsetof", rest[0], "offsetof needs a member designator like 'a.b[2]'");
    return { kind: "error", span };
  }
  return { kind: "offsetof", type, path, span };
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
        const f = convertFunction(ctx, k);
        if (f) out.push(f);
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
function matchParen(text2, open) {
  let depth = 0;
  for (let i = open; i < text2.length; i++) {
    const ch = text2[i];
    if (ch === '"') {
      for (i++; i < text2.length && text2[i] !== '"'; i++) if (text2[i] === "\\") i++;
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
function argExpr(text2, span) {
  const t = text2.trim();
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
function extractTrailingAttributes(text2, spanAt) {
  if (!text2.includes("__attribute__")) return { text: text2, found: [] };
  const found = [];
  let out = text2;
  const re = /__attribute__\s*\(/g;
  for (let m = re.exec(text2); m; m = re.exec(text2)) {
    const open = m.index + m[0].length - 1;
    const close = matchParen(text2, open);
    if (close < 0) break;
    let k = close + 1;
    while (k < text2.length && /\s/.test(text2[k])) k++;
    const next = text2[k];
    let p = m.index - 1;
    while (p >= 0 && /\s/.test(text2[p])) p--;
    const prev = text2[p];
    const afterDeclarator = prev !== void 0 && /[\w\])]/.test(prev) && !/\b(struct|union|enum)\s*$/.test(text2.slice(0, p + 1));
    if ((next === ";" || next === "=" || next === ",") && afterDeclarator) {
      const inner = text2.slice(open + 1, close).trim().replace(/^\(/, "").replace(/\)$/, "");
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
  constructor(text2) {
    this.text = text2;
    for (let i = text2.indexOf("\n"); i >= 0; i = text2.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
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
function mirrorTree(tree, text2, cache = new SymbolCache()) {
  const src = new CstSource(text2);
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
  parse(text2, opts, sink) {
    const pre = new CstSource(text2);
    const spanCtx = new ConvertContext(opts.file, sink, opts.mapper, () => false);
    const trailing = extractTrailingAttributes(text2, (offset, length) => spanCtx.spanOfPoints(pre.point(offset), pre.point(offset + length)));
    text2 = trailing.text;
    const tree = this.parser.parse(text2);
    const root = mirrorTree(tree, text2, this.symbols);
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
    const text2 = node.text.split("\n")[0].slice(0, 30);
    ctx.error("parse/syntax-error", node, `syntax error near '${text2}'`);
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
    const takeArg = (prefix) => {
      if (flag.length > prefix.length) return flag.slice(prefix.length);
      const next = cflags[i + 1];
      if (next === void 0) {
        out.errors.push(`missing argument to '${prefix}'`);
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
      const prefix = flag.startsWith("-isystem") ? "-isystem" : flag.startsWith("-iquote") ? "-iquote" : "-idirafter";
      const arg = takeArg(prefix);
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
function punctLen(text2, i) {
  const c = text2.charCodeAt(i);
  const d = text2.charCodeAt(i + 1);
  switch (c) {
    case 46:
      return d === 46 && text2.charCodeAt(i + 2) === 46 ? 3 : 1;
    case 60:
    // <
    case 62:
      if (d === c) return text2.charCodeAt(i + 2) === 61 ? 3 : 2;
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
function mkToken(kind, text2, fileIdx, pos, space) {
  return { kind, text: text2, file: fileIdx, line: pos.line, col: pos.col, spaceBefore: space, exp: -1, hs: EMPTY_HIDESET };
}
function lexFile(src, fileIdx) {
  const { text: text2, removedAt, removedLen } = splice(src);
  const problems = [];
  const lines = [];
  const pos = new Positions(src, removedAt, removedLen);
  const n = text2.length;
  let i = 0;
  let tokens = [];
  let lineStartPhys = 1;
  let space = false;
  let state = 0;
  while (i < n) {
    const c = text2.charCodeAt(i);
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
      const d = text2.charCodeAt(i + 1);
      if (d === 47) {
        const nl = text2.indexOf("\n", i);
        i = nl < 0 ? n : nl;
        space = true;
        continue;
      }
      if (d === 42) {
        const close = text2.indexOf("*/", i + 2);
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
      while (j < n && isIdentChar(text2.charCodeAt(j))) j++;
      const q = text2.charCodeAt(j);
      kind = 0 /* Ident */;
      i = j;
      if ((q === 34 || q === 39) && j - start <= 2) {
        const pre = text2.slice(start, j);
        if (pre === "L" || pre === "u" || pre === "U" || pre === "u8" && q === 34) {
          const e = lexQuoted(text2, j, q);
          i = e < 0 ? lineEnd(text2, start) : e;
          kind = e < 0 ? 7 /* BadString */ : q === 34 ? 3 /* String */ : 2 /* Char */;
        }
      }
      if (kind === 0 /* Ident */ && state === 1) {
        const word = text2.slice(start, i);
        state = word === "include" || word === "include_next" || word === "import" ? 2 : 3;
      } else state = 3;
    } else if (isDigit(c) || c === 46 && isDigit(text2.charCodeAt(i + 1))) {
      i++;
      while (i < n) {
        const e = text2.charCodeAt(i);
        if (isIdentChar(e) || e === 46) i++;
        else if ((e === 43 || e === 45) && isExpChar(text2.charCodeAt(i - 1))) i++;
        else break;
      }
      kind = 1 /* Number */;
      state = 3;
    } else if (c === 34 || c === 39) {
      const e = lexQuoted(text2, i, c);
      i = e < 0 ? lineEnd(text2, i) : e;
      kind = e < 0 ? 7 /* BadString */ : c === 34 ? 3 /* String */ : 2 /* Char */;
      state = 3;
    } else if (c === 60 && state === 2 && headerEnd(text2, i) > 0) {
      i = headerEnd(text2, i);
      kind = 6 /* HeaderName */;
      state = 3;
    } else {
      const plen = punctLen(text2, i);
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
    tokens.push(mkToken(kind, text2.slice(start, i), fileIdx, pos, space));
    space = false;
  }
  if (tokens.length > 0 || lines.length === 0 || text2.charCodeAt(n - 1) !== 10) {
    pos.at(n);
    lines.push({ tokens, line: lineStartPhys, endLine: pos.line });
  }
  return { lines, problems };
}
function isExpChar(c) {
  return c === 101 || c === 69 || c === 112 || c === 80;
}
function headerEnd(text2, i) {
  for (let j = i + 1; j < text2.length; j++) {
    const c = text2.charCodeAt(j);
    if (c === 62) return j + 1;
    if (c === 10) return -1;
  }
  return -1;
}
function lexQuoted(text2, i, quote) {
  let j = i + 1;
  const n = text2.length;
  while (j < n) {
    const c = text2.charCodeAt(j);
    if (c === quote) return j + 1;
    if (c === 10) return -1;
    if (c === 92) {
      if (text2.charCodeAt(j + 1) === 10) return -1;
      j += 2;
    } else j++;
  }
  return -1;
}
function lineEnd(text2, i) {
  const nl = text2.indexOf("\n", i);
  return nl < 0 ? text2.length : nl;
}

// frontend-c/preprocess/cache.ts
var PreprocessCache = class {
  fileIds = /* @__PURE__ */ new Map();
  names = [];
  lexed = /* @__PURE__ */ new Map();
  /** Keyed by a directive line's token array, which is shared while the file's lex result is. */
  defines = /* @__PURE__ */ new WeakMap();
  /** The index of a file name (assigned on first use). */
  fileId(name) {
    let idx = this.fileIds.get(name);
    if (idx === void 0) {
      idx = this.names.length;
      this.names.push(name);
      this.fileIds.set(name, idx);
    }
    return idx;
  }
  fileName(idx) {
    return this.names[idx] ?? "";
  }
  /** A copy of the file table, for a SourceMap that must not change under later runs. */
  files() {
    return this.names.slice();
  }
  lex(idx, text2) {
    const hit = this.lexed.get(idx);
    if (hit !== void 0 && hit.text === text2) return hit.result;
    const result = lexFile(text2, idx);
    this.lexed.set(idx, { text: text2, result });
    return result;
  }
};

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
      const sep = toks[i];
      if (sep === void 0) return { ok: false, message: "missing ')' in macro parameter list", at: toks[i - 1] };
      if (sep.kind === 4 /* Punct */ && sep.text === ")") {
        i++;
        break;
      }
      if (variadic || sep.kind !== 4 /* Punct */ || sep.text !== ",") {
        return { ok: false, message: variadic ? `missing ')' after "..."` : `expected ',' or ')', found "${sep.text}"`, at: sep };
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
  constructor(message, at) {
    this.message = message;
    this.at = at;
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
  isPunct(text2) {
    const t = this.toks[this.pos];
    return t !== void 0 && t.kind === 4 /* Punct */ && t.text === text2;
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
    const text2 = op.text;
    if (text2 === "<<" || text2 === ">>") {
      let n = b.v;
      let left = text2 === "<<";
      if (!b.unsigned && n < 0n) {
        n = -n;
        left = !left;
      }
      if (left) return norm(n >= 64n ? 0n : a.v << n, a.unsigned);
      if (n >= 64n) return norm(!a.unsigned && a.v < 0n ? -1n : 0n, a.unsigned);
      return norm(a.v >> n, a.unsigned);
    }
    const unsigned = a.unsigned || b.unsigned;
    const x = unsigned ? BigInt.asUintN(64, a.v) : a.v;
    const y = unsigned ? BigInt.asUintN(64, b.v) : b.v;
    switch (text2) {
      case "*":
        return norm(x * y, unsigned);
      case "/":
      case "%":
        if (y === 0n) {
          if (ev) throw new ExprError(text2 === "/" ? "division by zero in #if" : "remainder by zero in #if", op);
          return norm(0n, unsigned);
        }
        return norm(text2 === "/" ? x / y : x % y, unsigned);
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
    throw new ExprError(`invalid operator '${text2}' in #if`, op);
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
  const prefix = s2.slice(0, q);
  const body = s2.slice(q + 1, -1);
  if (body.length === 0) throw new ExprError("empty character constant", t);
  const chars = decodeChars(body, t);
  if (prefix === "L" || prefix === "U") {
    const v2 = BigInt(chars[chars.length - 1][0]);
    return prefix === "L" ? norm(BigInt.asIntN(32, v2), false) : norm(BigInt.asUintN(32, v2), false);
  }
  if (prefix === "u") return norm(BigInt(chars[chars.length - 1][0] & 65535), false);
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
var isPunct = (t, text2) => t !== void 0 && t.kind === 4 /* Punct */ && t.text === text2;
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
  charge(n, at) {
    this.produced += n;
    if (this.produced > this.budget) {
      if (!this.exhausted) {
        this.exhausted = true;
        this.host.error("pp/expansion-too-large", at, `macro expansion exceeds ${this.budget} tokens; further macros are not expanded`);
      }
      return false;
    }
    return true;
  }
  /** Builds the replacement list: parameters substituted, `#` and `##` applied, hide sets added. */
  substitute(m, args, hs, name, exp) {
    const expanded = [];
    const out = [];
    const ok = this.substRange(m, 0, m.body.length, args, expanded, name, exp, hs, out);
    if (!ok || !this.charge(out.length, name)) return void 0;
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
        const t0 = toks[0];
        out.push(t0.spaceBefore === bt.spaceBefore ? t0 : retoken(t0, t0.kind, t0.text, bt.spaceBefore, t0.hs));
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
    const text2 = lhs.text + rhs.text;
    const kind = lexSingle(text2);
    if (kind === void 0) {
      this.host.error("pp/invalid-paste", this.fromBody(lhs, name, exp, EMPTY_HIDESET), `pasting "${lhs.text}" and "${rhs.text}" does not give a valid preprocessing token`);
      return lhs;
    }
    return { kind, text: text2, file: name.file, line: name.line, col: name.col, spaceBefore: lhs.spaceBefore, exp, hs: this.hidesets.intersect(lhs.hs, rhs.hs) };
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
    const f = expandedParts[0];
    if (f !== void 0 && f.kind === 3 /* String */) return mk(this.host.hasInclude(f.text.slice(1, -1), false));
    const last = expandedParts[expandedParts.length - 1];
    if (isPunct(f, "<") && isPunct(last, ">") && expandedParts.length > 2) {
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
function retoken(t, kind, text2, spaceBefore, hs) {
  return { kind, text: text2, file: t.file, line: t.line, col: t.col, spaceBefore, exp: t.exp, hs };
}
var IDENT_RE = /^[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*$/;
var NUMBER_RE = /^\.?[0-9](?:[eEpP][+-]|[\w$.\u0080-\uffff])*$/;
function lexSingle(text2) {
  if (IDENT_RE.test(text2)) return 0 /* Ident */;
  if (NUMBER_RE.test(text2)) return 1 /* Number */;
  if (text2.includes("\n")) return void 0;
  const r2 = lexFile(text2, 0);
  const line = r2.lines[0];
  if (r2.lines.length !== 1 || line === void 0 || line.tokens.length !== 1) return void 0;
  const t = line.tokens[0];
  return t.text === text2 && t.kind !== 7 /* BadString */ ? t.kind : void 0;
}

// frontend-c/preprocess/pragma.ts
function classifyUnroll(text2) {
  const t = text2.replace(/\s+/g, " ").trim();
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
  /** The notes for an output position: empty for user text, else the macro chain (see notes()). */
  notesAt(row, column) {
    const p = this.lookup(row, column);
    return p.expansion >= 0 ? this.notes(p.expansion) : [];
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
    this.cache = opts.cache ?? new PreprocessCache();
    this.writer = new OutputWriter(this.cache.fileId(opts.file));
  }
  opts;
  sink;
  macros = /* @__PURE__ */ new Map();
  expansions = [];
  cache;
  /** Files seen in this run (the cache's table may hold more). */
  seen = /* @__PURE__ */ new Set();
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
    const { text: text2, map } = this.writer.finish(this.cache.files(), this.expansions);
    return { text: text2, map, pragmas: this.pragmas, macros: this.macros, includes: this.includes };
  }
  fileId(name) {
    const idx = this.cache.fileId(name);
    this.seen.add(idx);
    return idx;
  }
  processFile(text2, name, idx, depth) {
    const lex = this.cache.lex(idx, text2);
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
  error(code, at, message) {
    this.sink.error(code, this.tokSpan(at), message, this.expansionNotes(at));
  }
  warning(code, at, message, notes) {
    this.sink.warning(code, this.tokSpan(at), message, notes ?? this.expansionNotes(at));
  }
  spanOf(t, end) {
    const e = end ?? t;
    const file = this.cache.fileName(t.file);
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
    let text2;
    let k = 1 /* Number */;
    switch (kind) {
      case "line":
        text2 = String(t.line);
        break;
      case "counter":
        text2 = String(this.counter++);
        break;
      case "include-level":
        text2 = String(this.current?.depth ?? 0);
        break;
      case "file":
      case "base-file":
        text2 = JSON.stringify(kind === "file" ? this.cache.fileName(t.file) : this.opts.file);
        k = 3 /* String */;
        break;
    }
    return { ...t, kind: k, text: text2 };
  }
  pragma(text2, at) {
    this.writer.moveTo(at.file, at.line);
    this.recordPragma(text2, this.tokSpan(at));
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
        return this.define(nameTok, toks, rest);
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
  define(nameTok, line, rest) {
    let r2 = this.cache.defines.get(line);
    if (r2 === void 0) {
      r2 = parseDefine(rest, (t) => this.spanOf(t));
      this.cache.defines.set(line, r2);
    }
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
      const f = x[0];
      const l = x[x.length - 1];
      if (f !== void 0 && f.kind === 3 /* String */ && f.text.startsWith('"')) spec = { name: f.text.slice(1, -1), angle: false };
      else if (f !== void 0 && f.text === "<" && l !== void 0 && l.text === ">" && x.length > 2) {
        spec = { name: spell(x.slice(1, -1)), angle: true };
      }
    }
    const at = first ?? nameTok;
    if (spec === void 0 || spec.name === "") {
      this.error("pp/invalid-directive", at, `#${nameTok.text} expects "FILENAME" or <FILENAME>`);
      return;
    }
    if (ctx.depth + 1 > this.maxDepth) {
      this.error("pp/recursive-include", at, `#include nested depth ${ctx.depth + 1} exceeds maximum of ${this.maxDepth}`);
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
      this.sink.error("pp/include-not-found", this.spanOf(at, rest[rest.length - 1]), `${q} file not found`, this.expansionNotes(at));
      return;
    }
    if (this.once.has(found.file)) return;
    if (!this.seen.has(this.cache.fileId(found.file))) this.includes.push(found.file);
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
  recordPragma(text2, span) {
    const rec = { row: this.writer.row, text: text2, span };
    const unroll = classifyUnroll(text2);
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
      const text2 = this.files.get(file);
      if (text2 !== void 0) return { file, text: text2 };
    }
    return void 0;
  }
  resolveAngle(name, searchDirs) {
    for (const dir of searchDirs) {
      const file = joinPath(dir, name);
      const text2 = this.files.get(file);
      if (text2 !== void 0) return { file, text: text2 };
    }
    const sys = this.system.get(name);
    if (sys !== void 0) return { file: `<${name}>`, text: sys };
    return this.accept(name) ? "ignore" : void 0;
  }
};

// frontend-c/sema/types.ts
function int(name, size, signed, rank) {
  return Object.freeze({ kind: "int", size, signed, rank, name });
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
function sizeOf(t) {
  switch (t.kind) {
    case "int":
      return t.size;
    case "ptr":
      return 8;
    case "array":
      return t.length === void 0 ? 0 : t.length * sizeOf(t.of);
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
      return { kind: "array", size: sizeOf(t), element: toTypeDesc(t.of), length: t.length ?? 0 };
    case "record": {
      const fields = [];
      const add = (rec, base) => {
        for (const f of rec.fields) {
          if (f.name === void 0) {
            if (f.type.kind === "record") add(f.type.rec, base + f.offset);
            continue;
          }
          const d = { name: f.name, offset: base + f.offset, type: toTypeDesc(f.type) };
          if (f.bitWidth !== void 0) {
            d.bitOffset = f.bitOffset;
            d.bitSize = f.bitWidth;
          }
          fields.push(d);
        }
      };
      add(t.rec, 0);
      return { kind: t.rec.union ? "union" : "struct", name: t.rec.tag ?? "", size: sizeOf(t), align: alignOf(t), fields };
    }
  }
}

// frontend-c/lower/lower-init.ts
function effectiveAlign(a, t) {
  if (isFrame(a.base) && sizeOf(t) >= 8) {
    let al = 8;
    while (al > 1 && a.off % al !== 0) al >>= 1;
    return Math.max(al, Math.min(8, alignOf(t)));
  }
  return Math.min(8, alignOf(t));
}
function initObject(L, a, t, init, span) {
  const size = sizeOf(t);
  const align = effectiveAlign(a, t);
  if (!init) {
    L.b.zero(a.base, a.off, size, align, span);
    return;
  }
  const coversAll = init.parts.length === 1 && init.parts[0].offset === 0 && (init.parts[0].kind === "copy" || init.parts[0].kind === "scalar" && t.kind !== "record" && t.kind !== "array");
  if (init.zeroFill || !coversAll) L.b.zero(a.base, a.off, size, align, span);
  for (const p of init.parts) {
    const at = { base: a.base, off: a.off + p.offset };
    switch (p.kind) {
      case "scalar": {
        const v = lowerExpr(L, p.expr);
        const lv = p.bitfield ? { kind: "mem", addr: at, type: p.expr.type, bitfield: p.bitfield } : { kind: "mem", addr: at, type: p.expr.type };
        writeLvalue(L, lv, v, p.expr.span);
        break;
      }
      case "copy": {
        const src = lowerRecordValue(L, p.expr);
        L.b.copy(at.base, at.off, src.base, src.off, p.size, Math.min(align, Math.min(8, alignOf(p.expr.type))), p.expr.span);
        break;
      }
      case "bytes":
        storeBytes(L, at, p.bytes, isFrame(at.base) && at.off % 8 === 0, span);
        break;
    }
  }
}

// frontend-c/lower/lower-lvalue.ts
function lowerLvalue(L, e) {
  switch (e.k) {
    case "local": {
      const s2 = L.storageOf(e.sym);
      return s2.kind === "vreg" ? { kind: "vreg", v: s2.v, type: e.type } : { kind: "mem", addr: { base: s2.ref, off: 0 }, type: e.type };
    }
    case "deref":
      return { kind: "mem", addr: pointerAddr(L, e.ptr), type: e.type };
    case "global": {
      const dst = L.b.vreg(e.sym.name);
      L.b.emit({ op: "mapvalue", dst, map: e.sym.section, off: e.sym.offset, span: e.span });
      return { kind: "mem", addr: { base: dst, off: 0 }, type: e.type };
    }
    case "member": {
      const base = lowerLvalue(L, e.base);
      if (base.kind !== "mem") throw new InternalCompilerError("lower", "member of a register-resident object", e.span);
      const lv = { kind: "mem", addr: { base: base.addr.base, off: base.addr.off + e.offset }, type: e.type };
      if (e.bitfield) lv.bitfield = e.bitfield;
      return lv;
    }
    case "temp": {
      const s2 = L.storageOf(e.sym);
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
      const size = sizeOf(e.type);
      const tmp = L.b.frameObject("<cond>", Math.max(1, size), 8, e.span);
      const thenB = L.b.newBlock("cond.then");
      const elseB = L.b.newBlock("cond.else");
      const join = L.b.newBlock("cond.end");
      lowerCond(L, e.cond, thenB, elseB);
      for (const [blk, side] of [[thenB, e.then], [elseB, e.else]]) {
        L.b.setBlock(blk);
        const src = lowerRecordValue(L, side);
        L.b.copy(tmp, 0, src.base, src.off, size, 1, e.span);
        L.fallInto(join, e.span);
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
    const { size, signed: signed2 } = accessOf(lv.type);
    return L.b.load(L.b.vreg(), lv.addr.base, lv.addr.off, size, span, signed2);
  }
  const unit = L.b.load(L.b.vreg(), lv.addr.base, lv.addr.off, bf.unitSize, span, false);
  const signed = lv.type.kind === "int" && lv.type.signed;
  const up = 64 - bf.bitOffset - bf.bitWidth;
  const hi = up === 0 ? unit : L.b.alu("lsh", L.b.vreg(), unit, imm(up), span);
  return L.b.alu(signed ? "arsh" : "rsh", L.b.vreg(), hi, imm(64 - bf.bitWidth), span);
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
  if (L.frames.some((f) => f.fn === e.fn)) {
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
  if (ret.kind === "record") frame.retObj = L.b.frameObject(`${e.fn.name}.result`, Math.max(1, sizeOf(ret)), 8, span);
  L.frames.push(frame);
  const savedTargets = L.targets.splice(0, L.targets.length);
  e.fn.params.forEach((p, i) => {
    const s2 = L.declare(p);
    const v = args[i] ?? L.b.mov(L.b.vreg(), imm(0), span);
    if (typeof v !== "number") {
      if (s2.kind === "frame") L.b.copy(s2.ref, 0, v.base, v.off, sizeOf(p.type), 1, span);
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
    const signed = elem.kind === "int" && elem.signed;
    return arith(L, op, signed, oldR, orig, elem, span);
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
function cmpCond(op, signed) {
  switch (op) {
    case "eq":
      return "eq";
    case "ne":
      return "ne";
    case "lt":
      return signed ? "slt" : "lt";
    case "gt":
      return signed ? "sgt" : "gt";
    case "le":
      return signed ? "sle" : "le";
    case "ge":
      return signed ? "sge" : "ge";
  }
}
function arith(L, op, signed, a, b, t, span) {
  const aop = ALU2[op][signed ? 1 : 0];
  const size = t.kind === "int" ? t.size : 8;
  const width = size === 8 ? 64 : 32;
  const r2 = L.b.alu(aop, L.b.vreg(), a, b, span, width);
  if (size === 8) return r2;
  if (size === 4 && !signed) return r2;
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
    case "global":
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
        const join2 = L.b.newBlock("cond.end");
        lowerCond(L, e.cond, thenB2, elseB2);
        L.b.setBlock(thenB2);
        lowerEffect(L, e.then);
        L.fallInto(join2, span);
        L.b.setBlock(elseB2);
        lowerEffect(L, e.else);
        L.fallInto(join2, span);
        return imm(0);
      }
      const result = L.b.vreg("cond");
      const thenB = L.b.newBlock("cond.then");
      const elseB = L.b.newBlock("cond.else");
      const join = L.b.newBlock("cond.end");
      lowerCond(L, e.cond, thenB, elseB);
      L.b.setBlock(thenB);
      L.b.mov(result, lowerExpr(L, e.then), span);
      L.fallInto(join, span);
      L.b.setBlock(elseB);
      L.b.mov(result, lowerExpr(L, e.else), span);
      L.fallInto(join, span);
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
    L.b.copy(dst.addr.base, dst.addr.off, src.base, src.off, sizeOf(e.target.type), 1, span);
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
  const f = L.b.newBlock("bool.false");
  const join = L.b.newBlock("bool.end");
  lowerCond(L, e, t, f);
  L.b.setBlock(t);
  L.b.mov(result, imm(1), e.span);
  L.b.jmp(join, e.span);
  L.b.setBlock(f);
  L.b.mov(result, imm(0), e.span);
  L.b.jmp(join, e.span);
  L.b.setBlock(join);
  return result;
}
function lowerCond(L, e, t, f) {
  const span = e.span;
  switch (e.k) {
    case "const":
      L.b.jmp(e.value !== 0n ? t : f, span);
      return;
    case "cmp": {
      const a = L.reg(lowerExpr(L, e.left), span);
      const b = lowerExpr(L, e.right);
      L.b.br(cmpCond(e.op, e.signed), a, b, t, f, span);
      return;
    }
    case "not":
      lowerCond(L, e.operand, f, t);
      return;
    case "logical": {
      const mid = L.b.newBlock(e.op === "and" ? "and.rhs" : "or.rhs");
      if (e.op === "and") lowerCond(L, e.left, mid, f);
      else lowerCond(L, e.left, t, mid);
      L.b.setBlock(mid);
      lowerCond(L, e.right, t, f);
      return;
    }
    case "cast":
      if (e.type.kind === "int" && e.type.bool) {
        lowerCond(L, e.operand, t, f);
        return;
      }
      break;
    default:
      break;
  }
  const v = L.reg(lowerExpr(L, e), span);
  L.b.br("ne", v, imm(0), t, f, span);
}

// frontend-c/sema/conversions.ts
function promote(t) {
  if (t.rank < 3) return T.int;
  if (t.enumTag !== void 0 || t.const || t.volatile) {
    return t.size === 4 ? t.signed ? T.int : T.uint : t.signed ? T.long : T.ulong;
  }
  return t;
}
var bySizeSign = (size, signed, rank) => {
  if (size === 8) return rank >= 5 ? signed ? T.llong : T.ullong : signed ? T.long : T.ulong;
  return signed ? T.int : T.uint;
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

// frontend-c/lower/unroll.ts
var MAX_TRIPS = 64;
function localOf(e) {
  if (e.k === "local") return e.sym;
  if (e.k === "cast" && e.operand.k === "local" && e.operand.type.kind === "int") return e.operand.sym;
  return void 0;
}
function disqualifies(s2, sym) {
  if (s2 === void 0) return false;
  const writes = (t) => t.k === "local" && t.sym === sym;
  const visitExpr = (e) => {
    switch (e.k) {
      case "assign":
        return writes(e.target) || visitExpr(e.target) || visitExpr(e.value);
      case "compound":
        return writes(e.target) || visitExpr(e.target) || visitExpr(e.rhs);
      case "incdec":
        return writes(e.target) || visitExpr(e.target);
      case "addr":
      case "decay":
        return writes(e.of) || visitExpr(e.of);
      case "stmt-expr":
        return e.body.some(visitStmt) || e.result !== void 0 && visitExpr(e.result);
      case "temp":
        return e.init.parts.some((p) => p.kind !== "bytes" && visitExpr(p.expr));
      default:
        for (const v of Object.values(e)) {
          if (v && typeof v === "object" && "k" in v && "type" in v && visitExpr(v)) return true;
          if (Array.isArray(v) && v.some((x) => x && typeof x === "object" && "k" in x && "type" in x && visitExpr(x))) return true;
        }
        return false;
    }
  };
  const visitStmt = (t) => {
    switch (t.k) {
      case "label":
      case "goto":
        return true;
      case "block":
        return t.items.some(visitStmt);
      case "decl":
        return t.init?.parts.some((p) => p.kind !== "bytes" && visitExpr(p.expr)) ?? false;
      case "expr":
        return visitExpr(t.expr);
      case "if":
        return visitExpr(t.cond) || visitStmt(t.then) || t.else !== void 0 && visitStmt(t.else);
      case "loop":
        return t.init !== void 0 && visitStmt(t.init) || t.cond !== void 0 && visitExpr(t.cond) || t.step !== void 0 && visitExpr(t.step) || visitStmt(t.body);
      case "switch":
        return visitExpr(t.cond) || visitStmt(t.body);
      case "return":
        return t.value !== void 0 && visitExpr(t.value);
      default:
        return false;
    }
  };
  return "span" in s2 && "k" in s2 && "type" in s2 ? visitExpr(s2) : visitStmt(s2);
}
function analyzeUnroll(s2) {
  if (!s2.unroll || s2.postTest || !s2.cond || !s2.step || s2.cond.k !== "cmp") return void 0;
  let sym;
  let start;
  const init = s2.init?.k === "block" && s2.init.items.length === 1 ? s2.init.items[0] : s2.init;
  if (init?.k === "decl") {
    const p = init.init?.parts[0];
    if (init.init?.parts.length === 1 && p?.kind === "scalar" && p.offset === 0 && p.expr.k === "const") {
      sym = init.sym;
      start = p.expr.value;
    }
  } else if (init?.k === "expr" && init.expr.k === "assign" && init.expr.target.k === "local" && init.expr.value.k === "const") {
    sym = init.expr.target.sym;
    start = init.expr.value.value;
  }
  if (!sym || start === void 0 || sym.addressTaken || sym.type.kind !== "int") return void 0;
  const cmp = s2.cond;
  const leftIsI = localOf(cmp.left) === sym && cmp.right.k === "const";
  const rightIsI = localOf(cmp.right) === sym && cmp.left.k === "const";
  if (!leftIsI && !rightIsI) return void 0;
  const bound = leftIsI ? cmp.right.value : cmp.left.value;
  let delta;
  const st = s2.step;
  if (st.k === "incdec" && st.target.k === "local" && st.target.sym === sym) delta = st.delta;
  else if (st.k === "compound" && st.target.k === "local" && st.target.sym === sym && st.rhs.k === "const" && (st.op === "add" || st.op === "sub")) {
    delta = st.op === "add" ? st.rhs.value : -st.rhs.value;
  }
  if (delta === void 0 || delta === 0n || disqualifies(s2.body, sym)) return void 0;
  const cmpType = cmp.left.type;
  const values = [];
  let v = normalizeConst(start, sym.type);
  for (; ; ) {
    const cv = normalizeConst(v, cmpType);
    const holds = leftIsI ? foldCmp(cmp.op, cv, bound) : foldCmp(cmp.op, bound, cv);
    if (!holds) break;
    if (values.length >= MAX_TRIPS) return void 0;
    values.push(v);
    v = normalizeConst(v + delta, sym.type);
  }
  return { sym, values, final: v };
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
  const f = L.frame;
  if (f.retBlock) {
    if (s2.value && f.retObj) {
      const src = lowerRecordValue(L, s2.value);
      L.b.copy(f.retObj, 0, src.base, src.off, sizeOf(s2.value.type), 1, s2.span);
    } else if (s2.value && f.retValue !== void 0) L.b.mov(f.retValue, lowerExpr(L, s2.value), s2.span);
    else if (s2.value) lowerEffect(L, s2.value);
    L.b.jmp(f.retBlock, s2.span);
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
      const st = L.declare(s2.sym);
      if (st.kind === "vreg") {
        const part = s2.init?.parts[0];
        if (part && part.kind === "scalar") {
          const v = lowerExpr(L, part.expr);
          L.b.mov(st.v, castValue(L, v, part.expr.type, s2.sym.type, span), span);
        } else {
          L.b.mov(st.v, imm(0), span);
        }
        return;
      }
      initObject(L, { base: st.ref, off: 0 }, s2.sym.type, s2.init, span);
      return;
    }
    case "expr":
      lowerEffect(L, s2.expr);
      return;
    case "empty":
      return;
    case "if": {
      const thenB = L.b.newBlock("if.then");
      const join = L.b.newBlock("if.end");
      const elseB = s2.else ? L.b.newBlock("if.else") : join;
      lowerCond(L, s2.cond, thenB, elseB);
      L.b.setBlock(thenB);
      lowerStmt(L, s2.then);
      if (L.b.open) L.b.jmp(join, span);
      if (s2.else) {
        L.b.setBlock(elseB);
        lowerStmt(L, s2.else);
        if (L.b.open) L.b.jmp(join, span);
      }
      L.b.setBlock(join);
      return;
    }
    case "loop":
      lowerLoop(L, s2);
      return;
    case "switch": {
      const v = L.reg(lowerExpr(L, s2.cond), span);
      const exit = L.b.newBlock("switch.end");
      for (const c of s2.cases) L.caseBlocks.set(c.label, L.b.newBlock("case"));
      if (s2.defaultLabel !== void 0) L.caseBlocks.set(s2.defaultLabel, L.b.newBlock("default"));
      for (const c of s2.cases) {
        const next = L.b.newBlock("switch.next");
        L.b.br("eq", v, imm(c.value), L.caseBlocks.get(c.label), next, span);
        L.b.setBlock(next);
      }
      L.b.jmp(s2.defaultLabel !== void 0 ? L.caseBlocks.get(s2.defaultLabel) : exit, span);
      L.targets.push({ breakTo: exit, continueTo: void 0 });
      L.startBlock("switch.dead");
      lowerStmt(L, s2.body);
      L.targets.pop();
      L.fallInto(exit, span);
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
  const unrolled = analyzeUnroll(s2);
  if (unrolled) {
    const st = L.storageOf(unrolled.sym);
    if (st.kind === "vreg") {
      const exit2 = L.b.newBlock("unroll.end");
      for (const v of unrolled.values) {
        const next = L.b.newBlock("unroll.next");
        L.b.mov(st.v, imm(v), span);
        L.targets.push({ breakTo: exit2, continueTo: next });
        lowerStmt(L, s2.body);
        L.targets.pop();
        L.fallInto(next, span);
      }
      L.b.mov(st.v, imm(unrolled.final), span);
      L.fallInto(exit2, span);
      return;
    }
  }
  const condB = L.b.newBlock("loop.cond");
  const bodyB = L.b.newBlock("loop.body");
  const stepB = L.b.newBlock("loop.step");
  const exit = L.b.newBlock("loop.end");
  L.b.jmp(s2.postTest ? bodyB : condB, span);
  L.b.setBlock(condB);
  if (s2.cond) lowerCond(L, s2.cond, bodyB, exit);
  else L.b.jmp(bodyB, span);
  L.b.setBlock(bodyB);
  L.targets.push({ breakTo: exit, continueTo: stepB });
  lowerStmt(L, s2.body);
  L.targets.pop();
  L.fallInto(stepB, span);
  if (s2.step) lowerEffect(L, s2.step);
  L.b.jmp(condB, span);
  L.b.setBlock(exit);
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
  ext(dst, a, from, signed, span) {
    this.emit({ op: "ext", dst, a, from, signed, span });
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
  load(dst, base, off, size, span, signed = false) {
    this.emit({ op: "load", dst, base, off, size, signed, span });
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
    const f = this.frames[this.frames.length - 1];
    if (!f) throw new InternalCompilerError("lower", "no active function");
    return f;
  }
  /** Storage of a local; declares it on first sight (compound-literal temps, sema-made temps). */
  storageOf(sym) {
    const s2 = this.frame.storage.get(sym.id);
    if (s2) return s2;
    return this.declare(sym);
  }
  declare(sym) {
    const prev = this.frame.storage.get(sym.id);
    if (prev) return prev;
    const t = sym.type;
    let s2;
    if (t.kind === "record" || t.kind === "array" || sym.addressTaken) {
      const size = Math.max(1, sizeOf(t));
      const align = size >= 8 ? 8 : Math.min(8, Math.max(1, alignOf(t)));
      s2 = { kind: "frame", ref: this.b.frameObject(sym.name, size, align, sym.span) };
    } else {
      s2 = { kind: "vreg", v: this.b.vreg(sym.name) };
    }
    this.frame.storage.set(sym.id, s2);
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
function isProgram(f) {
  return !f.isStatic && f.body !== void 0 && f.params.length <= 1;
}
function lowerFunction(f, sink) {
  const L = new FnLowerer(f.name, f.span, sink);
  L.frames.push({ fn: f, storage: /* @__PURE__ */ new Map(), labels: /* @__PURE__ */ new Map(), retBlock: void 0, retValue: void 0 });
  for (const p of f.params) {
    const v = L.b.param(p.name);
    const s2 = L.declare(p);
    if (s2.kind === "vreg") L.b.mov(s2.v, v, p.span);
    else L.b.store(s2.ref, 0, 8, v, p.span);
  }
  lowerStmts(L, f.body ? [f.body] : []);
  if (L.b.open) L.b.ret(imm(0), f.span);
  for (const b of L.b.fn.blocks) if (b.term === void 0) b.term = { op: "ret", value: imm(0), span: f.span };
  return L.b.fn;
}
function lowerModule(m, sink) {
  const functions = [];
  const programs = [];
  for (const f of m.functions) {
    if (!isProgram(f)) continue;
    functions.push(lowerFunction(f, sink));
    programs.push({ function: f.name, section: f.section ?? "" });
  }
  const maps = m.maps.map((d) => ({
    name: d.name,
    kind: d.kind,
    keySize: d.key.kind === "void" ? 0 : sizeOf(d.key),
    valueSize: d.value.kind === "void" ? 0 : sizeOf(d.value),
    maxEntries: d.maxEntries,
    flags: d.flags,
    key: toTypeDesc(d.key),
    value: toTypeDesc(d.value)
  }));
  for (const s2 of m.globalSections) {
    maps.push({
      name: s2.name,
      kind: "array",
      keySize: 4,
      valueSize: Math.max(1, s2.bytes.length),
      maxEntries: 1,
      // .rodata is read-only for programs (BPF_F_RDONLY_PROG), like libbpf's.
      flags: s2.name === ".rodata" ? 128 : 0,
      key: { kind: "int", name: "unsigned int", size: 4, signed: false },
      value: { kind: "array", size: Math.max(1, s2.bytes.length), element: { kind: "int", name: "unsigned char", size: 1, signed: false }, length: Math.max(1, s2.bytes.length) },
      ...s2.name === ".bss" ? {} : { initialValue: s2.bytes }
    });
  }
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
  /** Global-data sections being laid out: bytes grow as variables are added. */
  sections = /* @__PURE__ */ new Map();
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

// frontend-c/sema/check-operators.ts
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
function buildArith(c, op, left, right, span, opSpan) {
  const lt = left.type;
  const rt = right.type;
  const common = op === "shl" || op === "shr" ? promote(lt) : usualArith(lt, rt);
  const l = convert(left, common);
  const r2 = convert(right, op === "shl" || op === "shr" ? promote(rt) : common);
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
  const left = checkRvalue(c, e.left);
  const right = checkRvalue(c, e.right);
  if (left.type.kind === "error" || right.type.kind === "error") return errorExpr(e.span);
  const cmp = CMP[e.op];
  if (cmp) return buildCompare(c, cmp, left, right, e.span, e.opSpan);
  const op = ARITH[e.op];
  if ((op === "add" || op === "sub") && (isPtr(left.type) || isPtr(right.type))) {
    return buildPointerArith(c, op, left, right, e.span, e.opSpan);
  }
  if (!isInt(left.type) || !isInt(right.type)) {
    c.error(
      "sema/type-mismatch",
      e.opSpan,
      `invalid operands to '${e.op}' (${typeToString(left.type)} and ${typeToString(right.type)})`
    );
    return errorExpr(e.span);
  }
  return buildArith(c, op, left, right, e.span, e.opSpan);
}
function elementScale(c, ptrType, span) {
  if (!isPtr(ptrType)) return void 0;
  const to = ptrType.to;
  if (to.kind === "void" || to.kind === "func") return 1;
  if (!isComplete(to)) {
    c.error("sema/incomplete-type", span, `arithmetic on a pointer to incomplete type ${typeToString(to)}`);
    return void 0;
  }
  return sizeOf(to);
}
function buildPointerArith(c, op, left, right, span, opSpan) {
  if (isPtr(left.type) && isPtr(right.type)) {
    if (op === "add" || !sameType(unqual(left.type.to), unqual(right.type.to))) {
      c.error("sema/type-mismatch", opSpan, `invalid operands to '${op === "add" ? "+" : "-"}' (${typeToString(left.type)} and ${typeToString(right.type)})`);
      return errorExpr(span);
    }
    const scale2 = elementScale(c, left.type, span);
    if (scale2 === void 0) return errorExpr(span);
    return { k: "ptrdiff", left, right, scale: scale2, type: T.long, span };
  }
  const [ptr, idx] = isPtr(left.type) ? [left, right] : [right, left];
  if (op === "sub" && ptr === right) {
    c.error("sema/type-mismatch", opSpan, "cannot subtract a pointer from an integer");
    return errorExpr(span);
  }
  if (!isInt(idx.type)) {
    c.error("sema/type-mismatch", opSpan, `pointer arithmetic needs an integer operand, not ${typeToString(idx.type)}`);
    return errorExpr(span);
  }
  const scale = elementScale(c, ptr.type, span);
  if (scale === void 0) return errorExpr(span);
  return { k: "ptradd", ptr, index: convert(idx, T.long), scale, negate: op === "sub", type: ptr.type, span };
}
function buildCompare(c, op, left, right, span, opSpan) {
  if (isInt(left.type) && isInt(right.type)) {
    const common = usualArith(left.type, right.type);
    const l = convert(left, common);
    const r2 = convert(right, common);
    const lv = constOf(l);
    const rv = constOf(r2);
    if (lv !== void 0 && rv !== void 0) return mkConst(foldCmp(op, lv, rv) ? 1n : 0n, T.int, span);
    return { k: "cmp", op, signed: common.signed, left: l, right: r2, type: T.int, span };
  }
  if (isPtr(left.type) || isPtr(right.type)) {
    const okPair = isPtr(left.type) && isPtr(right.type) || isNullConst(left) || isNullConst(right);
    if (!okPair) {
      c.warn("sema/pointer-int-compare", opSpan, `comparison between ${typeToString(left.type)} and ${typeToString(right.type)}`);
    }
    if (!isScalar(left.type) || !isScalar(right.type)) {
      c.error("sema/type-mismatch", opSpan, `invalid operands to comparison (${typeToString(left.type)} and ${typeToString(right.type)})`);
      return errorExpr(span);
    }
    return { k: "cmp", op, signed: false, left: convert(left, T.ulong), right: convert(right, T.ulong), type: T.int, span };
  }
  c.error("sema/type-mismatch", opSpan, `invalid operands to comparison (${typeToString(left.type)} and ${typeToString(right.type)})`);
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
  for (const f of fields) {
    const tSize = sizeOf(f.type);
    const tAlign = alignOf(f.type);
    const packed = attrs.packed || f.packedAttr;
    if (f.bitWidth !== void 0) {
      const w = f.bitWidth;
      const unitBits = tSize * 8;
      let start = rec.union ? 0 : bitOff;
      if (w === 0) {
        if (!rec.union) bitOff = roundUp(bitOff, tAlign * 8);
        continue;
      }
      if (!packed) {
        if (Math.floor(start / unitBits) !== Math.floor((start + w - 1) / unitBits)) start = roundUp(start, tAlign * 8);
      }
      if (f.alignAttr !== void 0) start = roundUp(start, f.alignAttr * 8);
      let unitStart;
      let unitSize;
      if (!packed) {
        unitStart = Math.floor(start / unitBits) * tSize;
        unitSize = tSize;
      } else {
        unitStart = Math.floor(start / 8);
        unitSize = coverSize(start - unitStart * 8 + w);
        if (unitSize === void 0) {
          bad.push(f.name ?? "<unnamed>");
          unitSize = 8;
        }
      }
      if (f.name !== void 0) {
        out.push({ name: f.name, type: f.type, offset: unitStart, bitOffset: start - unitStart * 8, bitWidth: w, unitSize, span: f.span });
        if (!packed) align = Math.max(align, tAlign);
      }
      if (f.alignAttr !== void 0) align = Math.max(align, f.alignAttr);
      if (rec.union) maxBits = Math.max(maxBits, w);
      else bitOff = start + w;
      continue;
    }
    let fAlign = packed ? 1 : tAlign;
    if (f.alignAttr !== void 0) fAlign = Math.max(fAlign, f.alignAttr);
    align = Math.max(align, fAlign);
    if (rec.union) {
      out.push({ name: f.name, type: f.type, offset: 0, span: f.span });
      maxBits = Math.max(maxBits, tSize * 8);
    } else {
      const off = roundUp(Math.ceil(bitOff / 8), fAlign);
      out.push({ name: f.name, type: f.type, offset: off, span: f.span });
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
  for (const f of rec.fields) {
    if (f.name === name) return { offset: f.offset, field: f };
    if (f.name === void 0 && f.type.kind === "record") {
      const inner = findMember(f.type.rec, name);
      if (inner) return { offset: f.offset + inner.offset, field: inner.field };
    }
  }
  return void 0;
}
function memberNames(rec) {
  const out = [];
  for (const f of rec.fields) {
    if (f.name !== void 0) out.push(f.name);
    else if (f.type.kind === "record") out.push(...memberNames(f.type.rec));
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
  const key = canonicalWords(words);
  const t = WORD_TYPES[key];
  if (t) return t;
  const known = words.length === 1 ? KNOWN_TYPEDEFS.get(words[0]) : void 0;
  if (known) return builtinType(c, [...known], span);
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
  for (const f of spec.fields) {
    const ft = resolveTypeName(c, f.type);
    if (ft.kind === "error") {
      inputs.push({ name: f.name, type: ft, bitWidth: void 0, alignAttr: void 0, packedAttr: false, span: f.span });
      continue;
    }
    if (f.name !== void 0) {
      if (seen.has(f.name)) c.error("sema/redefinition", f.span, `duplicate member '${f.name}'`);
      seen.add(f.name);
    }
    let bitWidth;
    if (f.bitWidth) {
      const v = constInt(c, f.bitWidth, "a bitfield width");
      if (v === void 0) continue;
      if (!isInt(ft)) {
        c.error("sema/bitfield-type", f.span, `bitfield '${f.name ?? ""}' has non-integer type ${typeToString(ft)}`);
        continue;
      }
      if (v < 0n || v > BigInt(ft.size * 8) || v === 0n && f.name !== void 0) {
        c.error("sema/bitfield-width", f.bitWidth.span, `invalid width ${v} for bitfield '${f.name ?? "<unnamed>"}' of type ${typeToString(ft)}`);
        continue;
      }
      bitWidth = Number(v);
    } else if (!isComplete(ft) && !(ft.kind === "array" && ft.length === void 0)) {
      c.error("sema/incomplete-type", f.span, `member '${f.name ?? ""}' has incomplete type ${typeToString(ft)}`);
      continue;
    }
    inputs.push({
      name: f.name,
      type: ft,
      bitWidth,
      alignAttr: attrInt(c, f.attrs, "aligned"),
      packedAttr: f.attrs.some((a) => a.name === "packed"),
      span: f.span
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

// frontend-c/sema/check-access.ts
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
  const f = m.field;
  if (f.bitWidth !== void 0) {
    return { k: "member", base, offset: m.offset, bitfield: { bitOffset: f.bitOffset, bitWidth: f.bitWidth, unitSize: f.unitSize }, type: ft, span: e.span };
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
  if (isLvalue(v) && v.type.kind === want.kind && (v.type.kind !== "record" || want.kind === "record" && v.type.rec === want.rec)) {
    if (v.type.kind === "record" || v.type.kind === "array") {
      markAddressTaken(v);
      return { k: "addr", of: v, type: ptrTo(want), span: a.span };
    }
  }
  const sym = c.newLocal(`<${what}>`, want, a.span);
  sym.addressTaken = true;
  const init = assignConvert(c, want, v, a.span, what);
  if (init.type.kind === "error") return init;
  const part = want.kind === "record" ? { kind: "copy", offset: 0, expr: init, size: sizeOf(want) } : { kind: "scalar", offset: 0, expr: init };
  pre.push({ k: "decl", sym, init: { zeroFill: true, parts: [part] }, span: a.span });
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
  const atomic = ATOMICS[name];
  if (atomic) return checkAtomic(c, e, name, atomic);
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
    const text2 = new TextDecoder().decode(lit);
    convCount = 0;
    for (let i = 0; i < text2.length; i++) {
      if (text2[i] !== "%") continue;
      PRINTK_CONV.lastIndex = i;
      const m = PRINTK_CONV.exec(text2);
      if (!m) {
        c.error("sema/bad-format", fmtExpr.span, `unsupported conversion '${JSON.stringify(text2.slice(i, i + 2)).slice(1, -1)}' in the format string (bpf_trace_printk knows %d %i %u %x %X %c %s %p with l/ll/h/z)`);
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
  const ptr = checkRvalue(c, e.args[0]);
  if (ptr.type.kind === "error") return errorExpr(e.span);
  if (!isPtr(ptr.type) || !isInt(ptr.type.to) || ptr.type.to.size !== 4 && ptr.type.to.size !== 8) {
    c.error("sema/bad-helper-args", e.args[0].span, `'${name}' needs a pointer to a 32- or 64-bit integer, not ${typeToString(ptr.type)}`);
    return errorExpr(e.span);
  }
  markAddressTaken(ptr);
  const elem = unqual(ptr.type.to);
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
  const node = { k: "atomic", op: a.op, ptr, value, fetch: a.fetch, returnNew: a.returnNew, boolResult: !!a.bool, type, span: e.span };
  if (expected) node.expected = expected;
  return node;
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
    const isConstStatic = d.storage.includes("static") && isConstObject(t) && v.init !== void 0;
    if (!isConstStatic && (d.storage.includes("static") || d.storage.includes("extern"))) {
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
    const sym = c.newLocal(v.name, t, v.nameSpan);
    c.scope.names.set(v.name, sym);
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
    sym.type = t;
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
function isConstObject(t) {
  if (t.const === true) return true;
  return t.kind === "array" && isConstObject(t.of);
}

// frontend-c/sema/check-expr.ts
var errorExpr = (span) => ({ k: "error", type: T.error, span });
function isLvalue(e) {
  switch (e.k) {
    case "local":
    case "deref":
    case "temp":
    case "string":
    case "global":
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
      const left = checkRvalue(c, e.left);
      const right = checkRvalue(c, e.right);
      return { k: "comma", left, right, type: right.type, span: e.span };
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
          off += Number(iv) * sizeOf(cur.of);
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
  return mkConst(BigInt(sizeOf(t)), T.ulong, span);
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
    case "global":
      return { k: "global", sym, type: sym.type, span: e.span };
    case "typedef":
      c.error("sema/type-as-value", e.span, `'${e.name}' is a type, not a value`);
      return errorExpr(e.span);
    case "function":
      c.error("sema/function-as-value", e.span, `function '${e.name}' can only be called here, not used as a value`);
      return errorExpr(e.span);
  }
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
      parts.push({ kind: "copy", offset: 0, expr: v, size: sizeOf(type) });
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
  return t.rec.fields.filter((f) => f.name !== void 0 || f.type.kind === "record");
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
    const [subType, subOff, bit] = isRec ? [fields[pos].type, off + fields[pos].offset, fields[pos]] : [elem, off + pos * sizeOf(elem), void 0];
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
    const i = initFields(t).findIndex((f) => f.name === d.name);
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
      const f = initFields(t)[p];
      initOne(c, f.type, off + f.offset, f, item, rest.slice(1), list, idx, parts, maxIndex);
    } else if (isArray(t)) {
      initOne(c, t.of, off + p * sizeOf(t.of), void 0, item, rest.slice(1), list, idx, parts, maxIndex);
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
        parts.push({ kind: "copy", offset: off, expr: probe, size: sizeOf(t) });
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
    if (isPtr(t) && t.to.kind === "func" && v.init) {
      declareHelperPointer(c, v.name, t.to, v.init, v.nameSpan);
      continue;
    }
    const isConst = !!t.const;
    const isVolatile = !!t.volatile;
    if (isConst && !isVolatile && v.init && (isInt(t) || isPtr(t))) {
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
    addGlobal(c, v.name, t, v.init, isConst || isConstArray(t), v.nameSpan);
  }
}
function isConstArray(t) {
  return t.kind === "array" && (!!t.of.const || isConstArray(t.of));
}
function addGlobal(c, name, t0, init, isConst, span) {
  let t = t0;
  const bytesOf = [];
  if (init) {
    const r2 = checkInitializer(c, t, init);
    t = r2.type;
    for (const p of r2.parts) {
      if (p.kind === "bytes") bytesOf.push([p.offset, p.bytes]);
      else if (p.kind === "scalar" && p.expr.k === "const" && !p.bitfield) {
        const size = p.expr.type.kind === "int" ? p.expr.type.size : 8;
        const b = new Uint8Array(size);
        let v = BigInt.asUintN(size * 8, p.expr.value);
        for (let i = 0; i < size; i++, v >>= 8n) b[i] = Number(v & 0xffn);
        bytesOf.push([p.offset, b]);
      } else if (p.expr.type.kind !== "error") {
        c.error("sema/not-constant", p.expr.span, `the initializer of global '${name}' must be constant`);
      }
    }
  }
  if (!isComplete(t)) {
    c.error("sema/incomplete-type", span, `global '${name}' has incomplete type ${typeToString(t)}`);
    return;
  }
  const nonZero = bytesOf.some(([, b]) => b.some((x) => x !== 0));
  const section = isConst ? ".rodata" : nonZero ? ".data" : ".bss";
  const buf = c.sections.get(section) ?? [];
  c.sections.set(section, buf);
  const align = Math.min(8, alignOf(t));
  while (buf.length % align !== 0) buf.push(0);
  const offset = buf.length;
  for (let i = 0; i < sizeOf(t); i++) buf.push(0);
  for (const [off, b] of bytesOf) b.forEach((x, i) => {
    buf[offset + off + i] = x;
  });
  if (c.scope.names.get(name)) {
    c.error("sema/redefinition", span, `redefinition of '${name}'`);
    return;
  }
  c.scope.names.set(name, { kind: "global", name, type: t, section, offset, span });
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
  const num = (f) => {
    const fld = t.rec.fields.find((x) => x.name === f);
    if (!fld) return void 0;
    if (isPtr(fld.type) && fld.type.to.kind === "array") return fld.type.to.length;
    return void 0;
  };
  const typ = (f) => {
    const fld = t.rec.fields.find((x) => x.name === f);
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
  const key = typ("key") ?? (keySize !== void 0 ? arrayOf(T.uchar, keySize) : T.void);
  const value = typ("value") ?? (valueSize !== void 0 ? arrayOf(T.uchar, valueSize) : T.void);
  return { name, kind, key, value, maxEntries: num("max_entries") ?? 0, flags: num("map_flags") ?? 0, span };
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
  const key = types.key ?? shape.key ?? T.void;
  const value = types.value ?? shape.value ?? T.void;
  if (key.kind === "error" || value.kind === "error") return;
  addMap(c, { name: m.name, kind: shape.kind, key, value, maxEntries: size, flags: 0, span: m.span });
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
function checkFunction(c, f) {
  const t = resolveTypeName(c, f.type);
  if (t.kind !== "func") return;
  const section = sectionOf(c, f.attrs);
  const existing = c.scope.names.get(f.name);
  if (existing?.kind === "function" && existing.body) {
    c.error("sema/redefinition", f.nameSpan, `redefinition of function '${f.name}'`, [{ message: "previous definition is here", span: existing.span }]);
    return;
  }
  const sym = declareFunction(c, f.name, t, [], f.storage.includes("static"), section, f.nameSpan);
  sym.type = t;
  const ctx = { sym, ret: t.ret, locals: [], loopDepth: 0, switches: [], breakable: 0, labels: /* @__PURE__ */ new Map(), gotos: [] };
  c.fn = ctx;
  c.pushScope();
  const params = [];
  f.params.forEach((p, i) => {
    const pt = t.params[i] ?? T.error;
    if (isAggregate(pt) && !f.storage.includes("static") && t.params.length <= 1) {
      c.error("sema/unsupported", p.span, `a program's context parameter '${p.name ?? i}' must be a pointer`);
    }
    const ls = c.newLocal(p.name ?? `<param${i}>`, pt, p.span);
    ls.paramIndex = i;
    params.push(ls);
    if (p.name) c.scope.names.set(p.name, ls);
  });
  if (params.length > 5) c.error("sema/too-many-params", f.nameSpan, `'${f.name}' has ${params.length} parameters; BPF functions take at most 5`);
  sym.params = params;
  sym.span = f.nameSpan;
  const body = checkBlockItems(c, f.body.items);
  c.popScope();
  for (const g of ctx.gotos) {
    if (!ctx.labels.has(g.label)) c.error("sema/unknown-label", g.span, `use of undeclared label '${g.label}'`);
  }
  sym.body = { k: "block", items: body, span: f.body.span };
  checkStack(c, f, ctx.locals);
  c.fn = void 0;
}
function checkStack(c, f, locals) {
  const inMemory = locals.filter((l) => l.type.kind !== "error" && (isAggregate(l.type) || l.addressTaken));
  let total = 0;
  for (const l of inMemory) total += Math.ceil(sizeOf(l.type) / 8) * 8;
  if (total <= MAX_STACK2) return;
  const largest = [...inMemory].sort((a, b) => sizeOf(b.type) - sizeOf(a.type)).slice(0, 3);
  c.error(
    "sema/stack-overflow",
    f.nameSpan,
    `'${f.name}' needs at least ${total} bytes of stack; BPF allows ${MAX_STACK2}. Largest locals: ` + largest.map((l) => `'${l.name}' (${sizeOf(l.type)} bytes)`).join(", ") + ". Move large buffers into a per-CPU array map.",
    largest.map((l) => ({ message: `'${l.name}' is ${sizeOf(l.type)} bytes`, span: l.span }))
  );
}
function declareHelperPointer(c, name, ft, init, span) {
  const r2 = checkInitializer(c, ptrTo(ft), init);
  const part = r2.parts[0];
  const id = part?.kind === "scalar" ? constOf(part.expr) : void 0;
  if (id === void 0 || id <= 0n) {
    c.error("sema/not-constant", span, `helper pointer '${name}' must be initialised with a helper id, like (void *) 6`);
    return;
  }
  const known = c.helpers.get(name);
  if (known && known.id === Number(id)) return;
  const args = ft.params.map((p) => isPtr(p) ? "ptr-or-null" : "int");
  const proto = { name, id: Number(id), args, ret: ft.ret };
  if (ft.variadic) proto.varargs = 5 - args.length;
  c.helpers.set(name, proto);
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
  const globalSections = [...c.sections].map(([name, bytes]) => ({ name, bytes: Uint8Array.from(bytes) }));
  return { functions: [...c.functions.values()], maps: c.maps, globalSections, license: c.license };
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
  let text2 = source;
  let mapper;
  let unrollRows = [];
  if (!opts.noPreprocess) {
    const pp = preprocess(source, {
      file: opts.file,
      defines: { ...BPF_C_DEFINES },
      cflags: opts.cflags ?? [],
      includeHost: opts.includeHost ?? new MemoryIncludeHost()
    }, sink);
    text2 = pp.text;
    mapper = pp.map;
    unrollRows = pp.pragmas.filter((p) => p.unroll !== void 0 && p.unroll.kind !== "disable").map((p) => p.row);
  }
  const ext = opts.externalTypes;
  const tu = ctx.parser.parse(text2, {
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
  const ok = !sink.hasErrors && r2.collection !== void 0;
  return {
    ok,
    programs: ok ? r2.collection.programs : [],
    maps: ok ? r2.collection.maps : r2.typed ? [] : [],
    license: r2.typed?.license ?? "GPL",
    diagnostics: sink.diagnostics
  };
}

// ../../tmp/usdt-scratch/t1.mts
var text = `
static inline int _bpf_usdt_readarg_1(void *ctx, void *dest, u64 len) {
  u64 __c = bpf_get_attach_cookie(ctx);
  switch (__c) {
  case 0: {
    if (len != 8) return -1;
    *(u64 *)dest = *(u64 *)((char *)ctx + 112);
    return 0;
  }
  case 1: {
    if (len != 4) return -1;
    s32 v = 0;
    u64 addr = *(u64 *)((char *)ctx + 32) + (-8) + *(u64 *)((char *)ctx + 96) * 4;
    long r = bpf_probe_read_user(&v, sizeof(v), (void *)addr);
    if (r != 0) return r;
    *(s32 *)dest = v;
    return 0;
  }
  case 2: { *(s64 *)dest = (s64)(signed char)*(u64 *)((char *)ctx + 81); return 0; }
  }
  return -1;
}
#define bpf_usdt_readarg(n, ctx, arg) _bpf_usdt_readarg_##n(ctx, arg, sizeof(*(arg)))
#define bpf_usdt_readarg_p(n, ctx, buf, len) ({ u64 __a = 0; _bpf_usdt_readarg_##n(ctx, &__a, sizeof(__a)); bpf_probe_read_user(buf, len, (void *)__a); })
BPF_PERF_OUTPUT(events);
struct data_t { u64 a; char name[32]; };
int trace_entry(struct pt_regs *ctx) {
  struct data_t d = {};
  u64 a = 0;
  bpf_usdt_readarg(1, ctx, &a);
  d.a = a;
  bpf_usdt_readarg_p(1, ctx, &d.name, sizeof(d.name));
  events.perf_submit(ctx, &d, sizeof(d));
  return 0;
}
`;
var r = compile(text, {});
console.log(r.ok, r.diagnostics.map((d) => `${d.span?.line}:${d.span?.col} ${d.message}`));
console.log(r.programs.map((p) => p.name + " " + p.instructions.length));
