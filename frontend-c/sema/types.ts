/**
 * @fileoverview C types as sema sees them (x86_64 LP64). Types are immutable plain objects; records
 * are shared by reference (a `struct foo` is one RecordInfo, completed in place when its body is
 * seen, so forward references work). Qualifiers ride on the type object.
 */
import type { Span } from "../diagnostics/index.ts";

export interface Quals {
  const?: boolean;
  volatile?: boolean;
}

/** rank: _Bool 0, char 1, short 2, int 3, long 4, long long 5 (C11 6.3.1.1). */
export interface IntType extends Quals {
  kind: "int";
  size: 1 | 2 | 4 | 8;
  signed: boolean;
  rank: number;
  name: string;
  bool?: boolean;
  /** Set for enum types, which behave as their underlying integer type. */
  enumTag?: string;
}

export interface PtrType extends Quals {
  kind: "ptr";
  to: CType;
}

export interface ArrayType extends Quals {
  kind: "array";
  of: CType;
  /** undefined: incomplete (`int a[]` before its initializer fixes the length). */
  length: number | undefined;
}

export interface FieldInfo {
  name: string | undefined;
  type: CType;
  offset: number;
  /** Bitfields: bit offset within the `unitSize`-byte storage unit at `offset`, and width. */
  bitOffset?: number;
  bitWidth?: number;
  /** Bitfields: size in bytes of the load/store that reaches all of the field's bits. */
  unitSize?: 1 | 2 | 4 | 8;
  span: Span;
}

export interface RecordInfo {
  union: boolean;
  tag: string | undefined;
  complete: boolean;
  fields: FieldInfo[];
  size: number;
  align: number;
  span: Span;
}

export interface RecordType extends Quals {
  kind: "record";
  rec: RecordInfo;
}

export interface FuncType extends Quals {
  kind: "func";
  ret: CType;
  params: CType[];
  variadic: boolean;
}

/** A BPF map object (the thing `&map` points at); see sema/maps.ts. */
export interface MapType extends Quals {
  kind: "map";
  map: MapDecl;
}

export interface MapDecl {
  name: string;
  kind: string; // MapKind of src/spec (kept as string here so the dialect layer can extend)
  key: CType;
  value: CType;
  maxEntries: number;
  flags: number;
  span: Span;
  /** perf/ringbuf maps: the C type of the first record submitted (runtime decodes events with it). */
  eventType?: CType;
}

export type CType =
  | ({ kind: "void" } & Quals)
  | IntType
  | PtrType
  | ArrayType
  | RecordType
  | FuncType
  | MapType
  /** Result of an erroneous expression; accepted everywhere so one mistake reports once. */
  | { kind: "error" };

function int(name: string, size: 1 | 2 | 4 | 8, signed: boolean, rank: number): IntType {
  return Object.freeze({ kind: "int", size, signed, rank, name });
}

export const T = Object.freeze({
  void: Object.freeze({ kind: "void" }) as CType,
  error: Object.freeze({ kind: "error" }) as CType,
  bool: Object.freeze({ kind: "int", size: 1, signed: false, rank: 0, name: "_Bool", bool: true }) as IntType,
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
  ullong: int("unsigned long long", 8, false, 5),
});

export const ptrTo = (to: CType): PtrType => ({ kind: "ptr", to });
export const arrayOf = (of: CType, length: number | undefined): ArrayType => ({ kind: "array", of, length });

export const isInt = (t: CType): t is IntType => t.kind === "int";
export const isPtr = (t: CType): t is PtrType => t.kind === "ptr";
export const isArray = (t: CType): t is ArrayType => t.kind === "array";
export const isRecord = (t: CType): t is RecordType => t.kind === "record";
export const isScalar = (t: CType): boolean => t.kind === "int" || t.kind === "ptr";
export const isError = (t: CType): boolean => t.kind === "error";
export const isVoid = (t: CType): boolean => t.kind === "void";
export const isAggregate = (t: CType): boolean => t.kind === "record" || t.kind === "array";
export const isVoidPtr = (t: CType): boolean => t.kind === "ptr" && t.to.kind === "void";

/** The same type without top-level qualifiers. */
export function unqual(t: CType): CType {
  if (t.kind === "error") return t;
  if (!t.const && !t.volatile) return t;
  const { const: _c, volatile: _v, ...rest } = t as CType & Quals;
  return rest as CType;
}

export function withQuals(t: CType, q: Quals): CType {
  if (t.kind === "error" || (!q.const && !q.volatile)) return t;
  return { ...t, ...(q.const ? { const: true } : {}), ...(q.volatile ? { volatile: true } : {}) } as CType;
}

export function sizeOf(t: CType): number {
  switch (t.kind) {
    case "int": return t.size;
    case "ptr": return 8;
    case "array": return t.length === undefined ? 0 : t.length * sizeOf(t.of);
    case "record": return t.rec.size;
    case "void": return 1; // GNU C: sizeof(void) == 1, also what void* arithmetic scales by
    case "func": return 1;
    case "map": return 8;
    case "error": return 0;
  }
}

export function alignOf(t: CType): number {
  switch (t.kind) {
    case "int": return t.size;
    case "ptr": case "map": return 8;
    case "array": return alignOf(t.of);
    case "record": return t.rec.align;
    default: return 1;
  }
}

/** True for types with a known size (complete object types). */
export function isComplete(t: CType): boolean {
  switch (t.kind) {
    case "void": case "func": return false;
    case "array": return t.length !== undefined && isComplete(t.of);
    case "record": return t.rec.complete;
    default: return true;
  }
}

/** C spelling for messages: "unsigned int", "struct foo *", "char[16]". */
export function typeToString(t: CType): string {
  const q = (t.kind !== "error" && t.const ? "const " : "") + (t.kind !== "error" && t.volatile ? "volatile " : "");
  switch (t.kind) {
    case "void": return q + "void";
    case "int": return q + (t.enumTag !== undefined ? `enum ${t.enumTag}` : t.name);
    case "ptr": {
      if (t.to.kind === "func") return `${typeToString(t.to.ret)} (*)(${t.to.params.map(typeToString).join(", ")})`;
      const inner = typeToString(t.to);
      return `${inner} *${q ? " " + q.trim() : ""}`;
    }
    case "array": return `${typeToString(t.of)}[${t.length ?? ""}]`;
    case "record": return `${q}${t.rec.union ? "union" : "struct"} ${t.rec.tag ?? "<anonymous>"}`;
    case "func": return `${typeToString(t.ret)} (${t.params.map(typeToString).join(", ")}${t.variadic ? ", ..." : ""})`;
    case "map": return `map ${t.map.name}`;
    case "error": return "<error>";
  }
}

/** Structural compatibility ignoring top-level qualifiers (enough for pointer-target checks). */
export function sameType(a: CType, b: CType): boolean {
  if (a.kind === "error" || b.kind === "error") return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "int": {
      const bi = b as IntType;
      return a.size === bi.size && a.signed === bi.signed && !!a.bool === !!bi.bool && (a.rank === bi.rank || a.size === bi.size);
    }
    case "ptr": return sameType(a.to, (b as PtrType).to);
    case "array": {
      const ba = b as ArrayType;
      return sameType(a.of, ba.of) && (a.length === ba.length || a.length === undefined || ba.length === undefined);
    }
    case "record": return a.rec === (b as RecordType).rec;
    case "func": {
      const bf = b as FuncType;
      return sameType(a.ret, bf.ret) && a.params.length === bf.params.length && a.params.every((p, i) => sameType(p, bf.params[i]!));
    }
    case "map": return a.map === (b as MapType).map;
    default: return true;
  }
}

/** Truncates/extends a constant to the representation of an integer type (two's complement). */
export function normalizeConst(value: bigint, t: CType): bigint {
  if (t.kind === "ptr") return BigInt.asUintN(64, value);
  if (t.kind !== "int") return value;
  if (t.bool) return value !== 0n ? 1n : 0n;
  const bits = t.size * 8;
  return t.signed ? BigInt.asIntN(bits, value) : BigInt.asUintN(bits, value);
}
