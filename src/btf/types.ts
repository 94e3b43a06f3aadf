/**
 * @fileoverview A neutral, compiler-facing description of BTF types (`KType`), shaped after the C
 * model of frontend-c/sema/types.ts so its `ExternalTypes` adapter is a thin mapping: ints carry
 * size/signedness/rank, pointers `to`, arrays `of`/`length`, and struct/union fields use sema's
 * FieldInfo conventions (byte `offset`; bitfields as a storage unit plus bit offset and width).
 *
 * Records are described by reference (`{kind: "record", id, ...}`) and laid out separately with
 * `record(id)`: kernel types are cyclic (task_struct points at task_struct), so a type tree can only
 * be finite if records are leaves. Everything is cached on the `BtfTypeDescriber` instance.
 */
import { BtfKind } from "./btf-format.ts";
import type { BtfEnumValue, BtfTypeOf } from "./btf-types.ts";
import { type Btf, BtfFormatError, BtfLookupError, describeId } from "./reader.ts";

export interface KQuals {
  const?: boolean;
  volatile?: boolean;
}

export type KType = (
  | { kind: "void" }
  /** rank as in C11 6.3.1.1: _Bool 0, char 1, short 2, int 3, long 4, long long 5 (__int128: 6). */
  | { kind: "int"; name: string; size: number; signed: boolean; bool: boolean; char: boolean; rank: number }
  | { kind: "float"; name: string; size: number }
  | { kind: "ptr"; to: KType }
  | { kind: "array"; of: KType; length: number }
  /** A reference: the layout is `describer.record(id)`. `complete` is false for a bare forward. */
  | { kind: "record"; union: boolean; name: string | undefined; id: number; size: number; complete: boolean }
  | { kind: "enum"; name: string | undefined; id: number; size: number; signed: boolean; values: BtfEnumValue[] }
  /** Kept (not resolved away) so messages and dumps can say `u64` rather than `unsigned long long`. */
  | { kind: "typedef"; name: string; id: number; to: KType }
  | { kind: "func"; ret: KType; params: KParam[]; variadic: boolean }
) & KQuals;

export interface KParam {
  name: string | undefined;
  type: KType;
}

export interface KField {
  /** undefined: anonymous struct/union member (find names through it, as C does). */
  name: string | undefined;
  type: KType;
  /** Byte offset of the member, or of its storage unit for bitfields. */
  offset: number;
  /** Bitfields: bit offset within the unit at `offset` (little-endian numbering), width, unit size. */
  bitOffset?: number;
  bitWidth?: number;
  unitSize?: 1 | 2 | 4 | 8;
}

export interface KRecord {
  id: number;
  union: boolean;
  name: string | undefined;
  size: number;
  align: number;
  /** Inferred: some member is under-aligned, or the size is not a multiple of the natural alignment. */
  packed: boolean;
  fields: KField[];
}

const INT_RANKS: Record<string, number> = {
  "_Bool": 0, "char": 1, "signed char": 1, "unsigned char": 1, "short": 2, "short int": 2, "short unsigned int": 2,
  "unsigned short": 2, "int": 3, "unsigned int": 3, "long": 4, "long int": 4, "long unsigned int": 4,
  "unsigned long": 4, "long long": 5, "long long int": 5, "long long unsigned int": 5, "unsigned long long": 5,
  "__int128": 6, "__int128 unsigned": 6, "unsigned __int128": 6,
};

/** Rank from the C spelling BTF records (pahole writes DWARF names such as "long unsigned int"). */
function intRank(name: string, size: number, bool: boolean): number {
  if (bool) return 0;
  return INT_RANKS[name] ?? ({ 1: 1, 2: 2, 4: 3, 8: 5, 16: 6 } as Record<number, number>)[size] ?? 3;
}

/**
 * Where a bitfield's bits can be loaded from: the smallest naturally aligned 1/2/4/8-byte unit that
 * holds all of them; for a field that straddles every aligned unit (packed structs) the smallest
 * unaligned unit starting at its first byte. Returns undefined if no 8-byte access can reach it.
 */
export function bitfieldUnit(bitOffset: number, bitWidth: number): { offset: number; bitOffset: number; unitSize: 1 | 2 | 4 | 8 } | undefined {
  for (const size of [1, 2, 4, 8] as const) {
    const start = Math.floor(bitOffset / (size * 8)) * size;
    if (bitOffset + bitWidth <= (start + size) * 8) return { offset: start, bitOffset: bitOffset - start * 8, unitSize: size };
  }
  const start = Math.floor(bitOffset / 8);
  const bits = bitOffset - start * 8 + bitWidth;
  for (const size of [1, 2, 4, 8] as const) if (bits <= size * 8) return { offset: start, bitOffset: bitOffset - start * 8, unitSize: size };
  return undefined;
}

/** Builds and caches KType/KRecord descriptions of one Btf's types. */
export class BtfTypeDescriber {
  readonly btf: Btf;
  readonly #types = new Map<number, KType>();
  readonly #records = new Map<number, KRecord>();
  readonly #aligns = new Map<number, number>();

  constructor(btf: Btf) {
    this.btf = btf;
  }

  /** The description of type `id` (cached). Records are references; see record(). */
  type(id: number): KType {
    let t = this.#types.get(id);
    if (t === undefined) {
      t = this.#describe(id, 0);
      this.#types.set(id, t);
    }
    return t;
  }

  #describe(id: number, depth: number): KType {
    if (depth > 64) throw new BtfFormatError(`BTF type chain at ${describeId(this.btf, id)} is too deep (a cycle?)`);
    const sub = (i: number): KType => (this.#types.get(i) ?? this.#describe(i, depth + 1));
    const t = this.btf.typeById(id);
    switch (t.kind) {
      case "void": return { kind: "void" };
      case "int": return { kind: "int", name: t.name, size: t.size, signed: t.signed, bool: t.bool, char: t.char, rank: intRank(t.name, t.size, t.bool) };
      case "float": return { kind: "float", name: t.name, size: t.size };
      case "ptr": return { kind: "ptr", to: sub(t.type) };
      case "array": return { kind: "array", of: sub(t.type), length: t.length };
      case "struct": case "union":
        return { kind: "record", union: t.kind === "union", name: t.name || undefined, id, size: t.size, complete: true };
      case "fwd": {
        // A forward declaration: point at the definition when the same BTF has one.
        const def = this.btf.lookupKind(t.name, t.union ? BtfKind.UNION : BtfKind.STRUCT);
        if (def !== undefined) return sub(def);
        return { kind: "record", union: t.union, name: t.name, id, size: 0, complete: false };
      }
      case "enum": case "enum64":
        return { kind: "enum", name: t.name || undefined, id, size: t.size, signed: t.signed, values: t.values };
      case "typedef": return { kind: "typedef", name: t.name, id, to: sub(t.type) };
      case "const": return { ...sub(t.type), const: true } as KType;
      case "volatile": return { ...sub(t.type), volatile: true } as KType;
      // restrict and type tags (__user, __rcu, __percpu) change nothing about layout or access.
      case "restrict": case "type_tag": return sub(t.type);
      case "func": return sub(t.type);
      case "func_proto":
        return { kind: "func", ret: sub(t.returnType), params: t.params.map((p) => ({ name: p.name, type: sub(p.type) })), variadic: t.variadic };
      case "var": case "datasec": case "decl_tag":
        throw new BtfLookupError(`${describeId(this.btf, id)} is not a C type`);
    }
  }

  /** sizeof in bytes (BTF's own figure for records and enums). */
  sizeOf(id: number): number {
    return this.btf.sizeOf(id);
  }

  /** _Alignof as the C compiler that built the kernel would have it (records: inferred, see KRecord.packed). */
  alignOf(id: number): number {
    const r = this.btf.resolve(id);
    const t = this.btf.typeById(r);
    switch (t.kind) {
      case "int": case "float": case "enum": case "enum64": return Math.min(t.size, 16) || 1;
      case "ptr": return 8;
      case "array": return this.alignOf(t.type);
      case "struct": case "union": return this.record(r).align;
      default: return 1;
    }
  }

  /** Layout of the struct/union `id` (typedefs/qualifiers skipped; a FWD resolves to its definition). */
  record(id: number): KRecord {
    let r = this.btf.resolve(id);
    const fwd = this.btf.typeById(r);
    if (fwd.kind === "fwd") {
      const def = this.btf.lookupKind(fwd.name, fwd.union ? BtfKind.UNION : BtfKind.STRUCT);
      if (def === undefined) throw new BtfLookupError(`${fwd.union ? "union" : "struct"} ${fwd.name} is only forward-declared in BTF`);
      r = def;
    }
    const hit = this.#records.get(r);
    if (hit) return hit;
    const t = this.btf.typeById(r);
    if (t.kind !== "struct" && t.kind !== "union") throw new BtfLookupError(`${describeId(this.btf, id)} is not a struct or union`);
    // Guard against self-containment through a malformed blob while computing member alignments.
    if (this.#aligns.get(r) === -1) throw new BtfFormatError(`${describeId(this.btf, r)} contains itself`);
    this.#aligns.set(r, -1);
    let natural = 1;
    let packed = false;
    const fields: KField[] = [];
    for (const m of t.members) {
      const type = this.type(m.type);
      if (m.bitSize > 0) {
        const unit = bitfieldUnit(m.bitOffset, m.bitSize);
        if (!unit) throw new BtfFormatError(`bitfield ${m.name ?? "<unnamed>"} of ${describeId(this.btf, r)} spans more than 8 bytes`);
        fields.push({ name: m.name, type, offset: unit.offset, bitOffset: unit.bitOffset, bitWidth: m.bitSize, unitSize: unit.unitSize });
        continue;
      }
      const a = this.alignOf(m.type);
      natural = Math.max(natural, a);
      if (m.bitOffset % 8 !== 0) {
        // A non-bitfield member not on a byte boundary: only legacy BTF without kind_flag encodes
        // bitfields this way (the width is then in the INT's own bits).
        const resolved = this.btf.typeById(this.btf.resolve(m.type));
        const width = resolved.kind === "int" ? resolved.bits : 0;
        const unit = width > 0 ? bitfieldUnit(m.bitOffset, width) : undefined;
        if (!unit) throw new BtfFormatError(`member ${m.name ?? "<unnamed>"} of ${describeId(this.btf, r)} is not byte-aligned`);
        fields.push({ name: m.name, type, offset: unit.offset, bitOffset: unit.bitOffset, bitWidth: width, unitSize: unit.unitSize });
        continue;
      }
      const offset = m.bitOffset / 8;
      if (offset % a !== 0) packed = true;
      fields.push({ name: m.name, type, offset });
    }
    if (t.size % natural !== 0) packed = true;
    const rec: KRecord = { id: r, union: t.kind === "union", name: t.name || undefined, size: t.size, align: packed ? 1 : natural, packed, fields };
    this.#aligns.set(r, rec.align);
    this.#records.set(r, rec);
    return rec;
  }

  // ---- by name (what a compiler's external-type hook asks) -------------------------------------

  /** `struct name` / `union name` as a record reference, or undefined. */
  struct(name: string, union = false): KType | undefined {
    const id = this.btf.lookupKind(name, union ? BtfKind.UNION : BtfKind.STRUCT);
    return id === undefined ? undefined : this.type(id);
  }

  typedef(name: string): KType | undefined {
    const id = this.btf.lookupKind(name, BtfKind.TYPEDEF);
    return id === undefined ? undefined : this.type(id);
  }

  enumType(name: string): KType | undefined {
    const id = this.btf.lookupKind(name, BtfKind.ENUM, BtfKind.ENUM64);
    return id === undefined ? undefined : this.type(id);
  }

  /** An enumerator's value and its enum's description. */
  enumConst(name: string): { value: bigint; type: KType } | undefined {
    const hit = this.btf.lookupEnumValue(name);
    return hit ? { value: hit.value, type: this.type(hit.enumId) } : undefined;
  }

  /** A kernel function's prototype (from its BTF FUNC). */
  func(name: string): (KType & { kind: "func" }) | undefined {
    const id = this.btf.lookupKind(name, BtfKind.FUNC);
    if (id === undefined) return undefined;
    const f = this.btf.typeById(id) as BtfTypeOf<"func">;
    return this.type(f.type) as KType & { kind: "func" };
  }
}

/** Strips typedef wrappers and qualifiers (the type C operations act on). */
export function unwrapK(t: KType): KType {
  while (t.kind === "typedef") t = t.to;
  if (!t.const && !t.volatile) return t;
  const { const: _c, volatile: _v, ...rest } = t;
  return rest as KType;
}

/** C spelling for messages ("struct task_struct *", "u64", "char[16]"). */
export function kTypeToString(t: KType): string {
  const q = (t.const ? "const " : "") + (t.volatile ? "volatile " : "");
  switch (t.kind) {
    case "void": return q + "void";
    case "int": case "float": case "typedef": return q + t.name;
    case "ptr": return `${kTypeToString(t.to)} *${q ? " " + q.trim() : ""}`;
    case "array": return `${kTypeToString(t.of)}[${t.length}]`;
    case "record": return `${q}${t.union ? "union" : "struct"} ${t.name ?? "<anonymous>"}`;
    case "enum": return `${q}enum ${t.name ?? "<anonymous>"}`;
    case "func": return `${kTypeToString(t.ret)} (${t.params.map((p) => kTypeToString(p.type)).join(", ")}${t.variadic ? ", ..." : ""})`;
  }
}
