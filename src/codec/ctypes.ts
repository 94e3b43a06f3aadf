/**
 * @fileoverview ctypes-style scalar holders for code ported from Python BCC: `ct.c_int(0)`,
 * `ct.c_ulonglong(n)` and friends return `{ value }` objects that every encoder accepts wherever a
 * number is expected (`table.get(ct.c_int(0))` ≡ `table.get(0)`). Like ctypes, construction wraps
 * the value to the type's width and signedness.
 */

export interface CScalar<T extends number | bigint = number | bigint> {
  readonly ctype: string;
  readonly value: T;
}

function wrapNumber(name: string, bits: 8 | 16 | 32, signed: boolean) {
  return (v: number | bigint | boolean = 0): CScalar<number> => {
    const big = BigInt(typeof v === "boolean" ? Number(v) : typeof v === "number" ? Math.trunc(v) : v);
    const w = signed ? BigInt.asIntN(bits, big) : BigInt.asUintN(bits, big);
    return Object.freeze({ ctype: name, value: Number(w) });
  };
}

function wrapBig(name: string, signed: boolean) {
  return (v: number | bigint | boolean = 0): CScalar<bigint> => {
    const big = BigInt(typeof v === "boolean" ? Number(v) : typeof v === "number" ? Math.trunc(v) : v);
    return Object.freeze({ ctype: name, value: signed ? BigInt.asIntN(64, big) : BigInt.asUintN(64, big) });
  };
}

// LP64 (x86_64, arm64 Linux): int 32 bits, long and long long 64 bits.
export const c_byte = wrapNumber("c_byte", 8, true);
export const c_ubyte = wrapNumber("c_ubyte", 8, false);
export const c_short = wrapNumber("c_short", 16, true);
export const c_ushort = wrapNumber("c_ushort", 16, false);
export const c_int = wrapNumber("c_int", 32, true);
export const c_uint = wrapNumber("c_uint", 32, false);
export const c_long = wrapBig("c_long", true);
export const c_ulong = wrapBig("c_ulong", false);
export const c_longlong = wrapBig("c_longlong", true);
export const c_ulonglong = wrapBig("c_ulonglong", false);
export const c_int8 = c_byte;
export const c_uint8 = c_ubyte;
export const c_int16 = c_short;
export const c_uint16 = c_ushort;
export const c_int32 = c_int;
export const c_uint32 = c_uint;
export const c_int64 = c_longlong;
export const c_uint64 = c_ulonglong;
export const c_size_t = c_ulong;
export const c_ssize_t = c_long;
export const c_void_p = c_ulong;

export function c_bool(v: unknown = false): CScalar<number> {
  return Object.freeze({ ctype: "c_bool", value: v ? 1 : 0 });
}
