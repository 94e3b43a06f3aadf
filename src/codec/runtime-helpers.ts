/**
 * @fileoverview Small runtime helpers that generated decoders/encoders call for the cases that are
 * not worth inlining: C strings, wide or unaligned bitfields, and the coercion of loosely typed JS
 * input (number | bigint | boolean | string | {value}) into integers.
 *
 * Everything here is pure and stateless; generated code receives these functions as closure
 * arguments, so a codec never looks anything up per call.
 */

const utf8 = new TextDecoder("utf-8");
const utf8Encoder = new TextEncoder();

/**
 * A NUL-terminated C string from `len` bytes at `off`. BCC hands char arrays back as Python bytes;
 * we return strings: ASCII is built directly (the common case: comm, filenames), anything else is
 * decoded as UTF-8 with replacement characters so decoding never throws on garbage.
 */
export function cString(u8: Uint8Array, off: number, len: number): string {
  let end = off;
  const limit = off + len;
  let ascii = true;
  while (end < limit) {
    const c = u8[end]!;
    if (c === 0) break;
    if (c >= 0x80) ascii = false;
    end++;
  }
  // Short ASCII strings are cheaper to build than to hand to TextDecoder; for ASCII both agree.
  if (!ascii || end - off > 32) return utf8.decode(u8.subarray(off, end));
  let s = "";
  for (let i = off; i < end; i++) s += String.fromCharCode(u8[i]!);
  return s;
}

/** Writes `value` (string or bytes) into `len` bytes at `off`, truncating; the rest stays zero. */
export function putBytes(u8: Uint8Array, off: number, len: number, value: unknown): void {
  let bytes: Uint8Array;
  if (typeof value === "string") bytes = utf8Encoder.encode(value);
  else if (value instanceof Uint8Array) bytes = value;
  else throw new TypeError(`expected a string or Uint8Array for a char array, got ${describeValue(value)}`);
  u8.set(bytes.length > len ? bytes.subarray(0, len) : bytes, off);
}

/** Unwraps ctypes-style holders (`{ value: 5 }`, what BCC ports pass as ct.c_int(5)). */
function unwrap(x: unknown): unknown {
  if (typeof x === "object" && x !== null && !(x instanceof Uint8Array) && "value" in x) return (x as { value: unknown }).value;
  return x;
}

/** Coerces loose input to a BigInt (two's complement wrapping happens at the store). */
export function toBig(x: unknown): bigint {
  x = unwrap(x);
  switch (typeof x) {
    case "bigint": return x;
    case "number":
      if (!Number.isFinite(x)) throw new TypeError(`cannot store ${x} in an integer field`);
      return BigInt(Math.trunc(x));
    case "boolean": return x ? 1n : 0n;
    case "undefined": return 0n;
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

/** Coerces loose input to a Number for ≤ 32-bit stores (DataView setters wrap modulo 2^n). */
export function toNum(x: unknown): number {
  if (typeof x === "number") {
    if (!Number.isFinite(x)) throw new TypeError(`cannot store ${x} in an integer field`);
    return x;
  }
  // BigInt.asUintN keeps huge bigints exact before the setter wraps them.
  return Number(BigInt.asUintN(64, toBig(x)) & 0xffffffffn);
}

/** Coerces to a float for float/double fields. */
export function toFloat(x: unknown): number {
  x = unwrap(x);
  if (typeof x === "number") return x;
  if (typeof x === "bigint") return Number(x);
  if (typeof x === "boolean") return x ? 1 : 0;
  if (x === undefined || x === null) return 0;
  const n = Number(x);
  if (Number.isNaN(n)) throw new TypeError(`expected a number, got ${describeValue(x)}`);
  return n;
}

/** Enum input: a number/bigint, or one of the enumerator names. */
export function enumValue(x: unknown, names: ReadonlyMap<string, bigint>, typeName: string): bigint {
  const v = unwrap(x);
  if (typeof v === "string" && !/^\s*-?\d/.test(v)) {
    const found = names.get(v);
    if (found === undefined) throw new TypeError(`'${v}' is not an enumerator of enum ${typeName}`);
    return found;
  }
  return toBig(v);
}

/**
 * Reads `width` bits starting `shift` bits into the byte at `off` (little-endian bit numbering), as a
 * bigint: the slow path for bitfields wider than what 32-bit arithmetic can assemble.
 */
export function getBitsBig(u8: Uint8Array, off: number, shift: number, width: number, signed: boolean): bigint {
  const nbytes = Math.ceil((shift + width) / 8);
  let raw = 0n;
  for (let i = nbytes - 1; i >= 0; i--) raw = (raw << 8n) | BigInt(u8[off + i] ?? 0);
  const v = BigInt.asUintN(width, raw >> BigInt(shift));
  return signed ? BigInt.asIntN(width, v) : v;
}

/** Read-modify-write of a bitfield: other bits of the touched bytes are preserved. */
export function setBits(u8: Uint8Array, off: number, shift: number, width: number, value: bigint): void {
  const nbytes = Math.ceil((shift + width) / 8);
  let raw = 0n;
  for (let i = nbytes - 1; i >= 0; i--) raw = (raw << 8n) | BigInt(u8[off + i] ?? 0);
  const mask = ((1n << BigInt(width)) - 1n) << BigInt(shift);
  raw = (raw & ~mask) | ((BigInt.asUintN(width, value) << BigInt(shift)) & mask);
  for (let i = 0; i < nbytes; i++) {
    u8[off + i] = Number(raw & 0xffn);
    raw >>= 8n;
  }
}

/** A short description of a JS value for error messages. */
export function describeValue(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return `array(${x.length})`;
  if (x instanceof Uint8Array) return `Uint8Array(${x.length})`;
  if (typeof x === "object") return "object";
  if (typeof x === "string") return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  return `${typeof x} ${String(x)}`;
}

/** The bundle handed to generated code (names match the identifiers the generators emit). */
export const HELPERS = Object.freeze({ cString, putBytes, toBig, toNum, toFloat, enumValue, getBitsBig, setBits });
export const HELPER_NAMES = Object.keys(HELPERS) as (keyof typeof HELPERS)[];
