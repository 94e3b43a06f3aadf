/**
 * @fileoverview Source generators for decoders (bytes → JS value) and encoders (JS value → bytes)
 * of a CTypeDesc. We generate JavaScript once per type and compile it with `new Function`, so a
 * struct decode is one straight-line object literal of DataView reads: no per-field dispatch, no
 * per-event interpretation of the type description. Arrays become small loop helpers.
 *
 * Generated functions take (dv, u8, o[, v]): a DataView and a Uint8Array over the same bytes, and
 * the byte offset of the value. All multi-byte reads are little-endian: BPF maps hold host-order
 * data, and every architecture we load programs on (x86_64, arm64) is little-endian.
 */
import type { CFieldDesc, CTypeDesc } from "../spec/index.ts";

/** Accumulates helper functions and constants while one type's code is generated. */
class Unit {
  readonly helpers: string[] = [];
  readonly consts: unknown[] = [];

  helper(params: string, body: string): string {
    const name = `f${this.helpers.length}`;
    this.helpers.push(`function ${name}(${params}) {\n${body}\n}`);
    return name;
  }

  constant(value: unknown): string {
    this.consts.push(value);
    return `K[${this.consts.length - 1}]`;
  }
}

/** An offset expression: a base identifier plus a constant. */
interface Off {
  base: string;
  k: number;
}

const at = (o: Off, extra = 0): string => (o.k + extra === 0 ? o.base : `${o.base} + ${o.k + extra}`);
const plus = (o: Off, n: number): Off => ({ base: o.base, k: o.k + n });
const key = (name: string): string => JSON.stringify(name);

/** Plain `char` arrays decode to strings (BCC: c_char arrays → bytes); every other array to a JS array. */
export function isCharArray(t: CTypeDesc): boolean {
  return t.kind === "array" && t.element.kind === "int" && t.element.size === 1 && t.element.name === "char";
}

// ---- decoders ---------------------------------------------------------------------------------

function decScalar(t: CTypeDesc, o: Off): string {
  const p = at(o);
  switch (t.kind) {
    case "void": return "undefined";
    case "bool": return `u8[${p}] !== 0`;
    case "pointer": return `dv.getBigUint64(${p}, true)`;
    case "float": return t.size === 4 ? `dv.getFloat32(${p}, true)` : `dv.getFloat64(${p}, true)`;
    case "int": case "enum":
      switch (t.size) {
        case 1: return t.signed ? `dv.getInt8(${p})` : `u8[${p}]`;
        case 2: return `dv.get${t.signed ? "Int16" : "Uint16"}(${p}, true)`;
        case 4: return `dv.get${t.signed ? "Int32" : "Uint32"}(${p}, true)`;
        case 8: return `dv.get${t.signed ? "BigInt64" : "BigUint64"}(${p}, true)`;
      }
  }
  throw new Error(`decScalar: unexpected ${t.kind}`);
}

function decBitfield(f: CFieldDesc & { bitOffset: number; bitSize: number }, o: Off): string {
  const t = f.type;
  const signed = (t.kind === "int" || t.kind === "enum") && t.signed;
  const first = o.k + f.offset + Math.floor(f.bitOffset / 8);
  const shift = f.bitOffset % 8;
  const width = f.bitSize;
  const span = Math.ceil((shift + width) / 8);
  const pos: Off = { base: o.base, k: first };
  if (t.size === 8) return `getBitsBig(u8, ${at(pos)}, ${shift}, ${width}, ${signed})`;
  let expr: string;
  if (span <= 4) {
    const parts: string[] = [];
    for (let i = 0; i < span; i++) parts.push(i === 0 ? `u8[${at(pos)}]` : `(u8[${at(pos, i)}] << ${8 * i})`);
    const raw = `((${parts.join(" | ")}) >>> ${shift})`;
    expr = `((${raw} << ${32 - width}) ${signed ? ">>" : ">>>"} ${32 - width})`;
  } else {
    expr = `Number(getBitsBig(u8, ${at(pos)}, ${shift}, ${width}, ${signed}))`;
  }
  return t.kind === "bool" ? `(${expr} !== 0)` : expr;
}

function decArray(t: CTypeDesc & { kind: "array" }, o: Off, u: Unit): string {
  if (isCharArray(t)) return `cString(u8, ${at(o)}, ${t.length})`;
  const es = t.element.size;
  const elem = decExpr(t.element, { base: "p", k: 0 }, u);
  const fn = u.helper("dv, u8, o", [
    `  const a = new Array(${t.length});`,
    `  for (let i = 0, p = o; i < ${t.length}; i++, p += ${es}) a[i] = ${elem};`,
    "  return a;",
  ].join("\n"));
  return `${fn}(dv, u8, ${at(o)})`;
}

function decRecord(t: CTypeDesc & { kind: "struct" | "union" }, o: Off, u: Unit): string {
  if (t.fields.length === 0) return "{}";
  const members = t.fields.map((f) => {
    const value = f.bitSize !== undefined && f.bitOffset !== undefined
      ? decBitfield(f as CFieldDesc & { bitOffset: number; bitSize: number }, o)
      : decExpr(f.type, plus(o, f.offset), u);
    return `${key(f.name)}: ${value}`;
  });
  return `{ ${members.join(", ")} }`;
}

function decExpr(t: CTypeDesc, o: Off, u: Unit): string {
  switch (t.kind) {
    case "array": return decArray(t, o, u);
    case "struct": case "union": return decRecord(t, o, u);
    default: return decScalar(t, o);
  }
}

/** Generated decoder: `{ source, consts }` where source defines helpers and returns `decode(dv, u8, o)`. */
export function generateDecoder(t: CTypeDesc): { source: string; consts: unknown[] } {
  const u = new Unit();
  const body = decExpr(t, { base: "o", k: 0 }, u);
  const source = `${u.helpers.join("\n")}\nreturn function decode(dv, u8, o) {\n  return ${body};\n};`;
  return { source, consts: u.consts };
}

// ---- encoders ---------------------------------------------------------------------------------

function encScalar(t: CTypeDesc, o: Off, v: string, u: Unit): string {
  const p = at(o);
  switch (t.kind) {
    case "void": return "";
    case "bool": return `u8[${p}] = toNum(${v}) ? 1 : 0;`;
    case "pointer": return `dv.setBigUint64(${p}, BigInt.asUintN(64, toBig(${v})), true);`;
    case "float": return `dv.setFloat${t.size === 4 ? 32 : 64}(${p}, toFloat(${v}), true);`;
    case "enum": {
      const names = u.constant(new Map(t.values.map((e) => [e.name, e.value])));
      const big = `enumValue(${v}, ${names}, ${key(t.name)})`;
      return storeInt(t.size, p, big, true);
    }
    case "int": return storeInt(t.size, p, t.size === 8 ? `toBig(${v})` : `toNum(${v})`, false);
  }
  throw new Error(`encScalar: unexpected ${t.kind}`);
}

/** Stores an integer expression; `big` says the expression yields a bigint. Setters wrap modulo 2^n. */
function storeInt(size: number, p: string, expr: string, big: boolean): string {
  if (size === 8) return `dv.setBigUint64(${p}, BigInt.asUintN(64, ${expr}), true);`;
  const n = big ? `Number(BigInt.asUintN(32, ${expr}))` : expr;
  switch (size) {
    case 1: return `u8[${p}] = ${n};`;
    case 2: return `dv.setUint16(${p}, ${n}, true);`;
    default: return `dv.setUint32(${p}, ${n}, true);`;
  }
}

function encBitfield(f: CFieldDesc & { bitOffset: number; bitSize: number }, o: Off, v: string, u: Unit): string {
  const first = o.k + f.offset + Math.floor(f.bitOffset / 8);
  const shift = f.bitOffset % 8;
  const t = f.type;
  const value = t.kind === "enum"
    ? `enumValue(${v}, ${u.constant(new Map(t.values.map((e) => [e.name, e.value])))}, ${key(t.name)})`
    : `toBig(${v})`;
  return `setBits(u8, ${at({ base: o.base, k: first })}, ${shift}, ${f.bitSize}, ${value});`;
}

function encArray(t: CTypeDesc & { kind: "array" }, o: Off, v: string, u: Unit): string {
  const es = t.element.size;
  const elem = encStmt(t.element, { base: "p", k: 0 }, "e", u);
  const bytesOk = es === 1 && t.element.kind !== "bool";
  const fn = u.helper("dv, u8, o, v", [
    "  if (v === undefined || v === null) return;",
    bytesOk ? `  if (typeof v === "string" || v instanceof Uint8Array) { putBytes(u8, o, ${t.length}, v); return; }` : "",
    `  if (typeof v !== "object" || typeof v.length !== "number") throw new TypeError("expected an array for ${t.length}-element array, got " + typeof v);`,
    `  const n = Math.min(v.length, ${t.length});`,
    `  for (let i = 0, p = o; i < n; i++, p += ${es}) { const e = v[i]; if (e !== undefined) { ${elem} } }`,
  ].join("\n"));
  return `${fn}(dv, u8, ${at(o)}, ${v});`;
}

function encRecord(t: CTypeDesc & { kind: "struct" | "union" }, o: Off, v: string, u: Unit): string {
  const lines = [
    "  if (v === undefined || v === null) return;",
    `  if (typeof v !== "object") throw new TypeError("expected an object for ${t.kind} ${t.name || "(anonymous)"}, got " + typeof v);`,
    "  let x;",
  ];
  for (const f of t.fields) {
    const stmt = f.bitSize !== undefined && f.bitOffset !== undefined
      ? encBitfield(f as CFieldDesc & { bitOffset: number; bitSize: number }, { base: "o", k: 0 }, "x", u)
      : encStmt(f.type, { base: "o", k: f.offset }, "x", u);
    lines.push(`  x = v[${key(f.name)}]; if (x !== undefined) { ${stmt} }`);
  }
  const fn = u.helper("dv, u8, o, v", lines.join("\n"));
  return `${fn}(dv, u8, ${at(o)}, ${v});`;
}

function encStmt(t: CTypeDesc, o: Off, v: string, u: Unit): string {
  switch (t.kind) {
    case "array": return encArray(t, o, v, u);
    case "struct": case "union": return encRecord(t, o, v, u);
    default: return encScalar(t, o, v, u);
  }
}

/** Generated encoder: source defines helpers and returns `encode(dv, u8, o, v)` (bytes pre-zeroed). */
export function generateEncoder(t: CTypeDesc): { source: string; consts: unknown[] } {
  const u = new Unit();
  const body = encStmt(t, { base: "o", k: 0 }, "v", u);
  const source = `${u.helpers.join("\n")}\nreturn function encode(dv, u8, o, v) {\n  ${body}\n};`;
  return { source, consts: u.consts };
}
