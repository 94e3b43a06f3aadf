/**
 * @fileoverview Lazy BTF reader. Opening a blob makes one pass over the type section that records,
 * per type id, where its record starts, its kind and its name offset (three typed arrays, no
 * objects, no strings): that is all a 5-6 MB vmlinux BTF costs up front. Names are matched without
 * decoding the string table (the wanted name is encoded once and searched for as a NUL-delimited
 * byte string), and a type's members/params/values are decoded only when the type is asked for,
 * then cached on this object.
 *
 * Split BTF (kernel modules: /sys/kernel/btf/<module>) continues a base: its ids start after the
 * base's last id and its string offsets after the base's string section.
 */
import {
  BTF_HEADER_LEN, BTF_INT_BOOL, BTF_INT_CHAR, BTF_INT_SIGNED, BTF_MAGIC, BtfKind, KIND_NAMES,
  TRAILING_WORDS_FIXED, TRAILING_WORDS_PER_VLEN, infoKind, infoKindFlag, infoVlen, memberBitOffset, memberBitfieldSize,
} from "./btf-format.ts";
import type { BtfMember, BtfType, BtfTypeOf } from "./btf-types.ts";
import { NameIndex } from "./name-index.ts";
import { suggest } from "./suggest.ts";

/** Malformed BTF (bad magic, truncated sections, unknown kinds). */
export class BtfFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BtfFormatError";
  }
}

/** A name or member that does not exist; `suggestions` holds close spellings, best first. */
export class BtfLookupError extends Error {
  readonly suggestions: string[];
  constructor(message: string, suggestions: string[] = []) {
    super(suggestions.length > 0 ? `${message} (did you mean '${suggestions[0]}'?)` : message);
    this.name = "BtfLookupError";
    this.suggestions = suggestions;
  }
}

export interface BtfHeader {
  magic: number;
  version: number;
  flags: number;
  hdrLen: number;
  typeOff: number;
  typeLen: number;
  strOff: number;
  strLen: number;
}

/** A member reached by name, possibly through anonymous struct/union members. */
export interface MemberLookup {
  member: BtfMember;
  /** Bit offset from the start of the outermost record (anonymous containers' offsets added). */
  bitOffset: number;
  /** The members walked, outermost first (anonymous containers, then the member itself). */
  chain: BtfMember[];
}

export interface BtfParseOptions {
  /** For split BTF: the BTF this one extends (vmlinux for a module). */
  base?: Btf;
}

const utf8 = new TextDecoder("utf-8");
const utf8Encoder = new TextEncoder();

export function parseHeader(bytes: Uint8Array): BtfHeader {
  if (bytes.byteLength < BTF_HEADER_LEN) throw new BtfFormatError(`BTF blob too short (${bytes.byteLength} bytes)`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = dv.getUint16(0, true);
  if (magic !== BTF_MAGIC) {
    const swapped = magic === 0x9feb;
    throw new BtfFormatError(`not BTF: magic 0x${magic.toString(16)}${swapped ? " (big-endian BTF is not supported)" : ""}`);
  }
  const h: BtfHeader = {
    magic,
    version: dv.getUint8(2),
    flags: dv.getUint8(3),
    hdrLen: dv.getUint32(4, true),
    typeOff: dv.getUint32(8, true),
    typeLen: dv.getUint32(12, true),
    strOff: dv.getUint32(16, true),
    strLen: dv.getUint32(20, true),
  };
  if (h.hdrLen < BTF_HEADER_LEN) throw new BtfFormatError(`BTF header length ${h.hdrLen} is too small`);
  const end = bytes.byteLength - h.hdrLen;
  if (h.typeOff + h.typeLen > end || h.strOff + h.strLen > end) {
    throw new BtfFormatError(`BTF sections exceed the blob (${bytes.byteLength} bytes)`);
  }
  if (h.typeLen % 4 !== 0 || h.typeOff % 4 !== 0) throw new BtfFormatError("BTF type section is not 4-byte aligned");
  return h;
}

export class Btf {
  readonly header: BtfHeader;
  readonly base: Btf | undefined;
  /** The first id defined by this blob: 1, or the base's typeCount for split BTF. */
  readonly firstTypeId: number;
  /** Ids 0 .. typeCount-1 are valid (including the base's, for split BTF). */
  readonly typeCount: number;
  /** Milliseconds the index pass took (for reporting; not used for anything). */
  readonly indexMillis: number;

  readonly #words: Uint32Array;
  readonly #strings: Uint8Array;
  /** Offset of this blob's string section in the combined string space (base's strLen, or 0). */
  readonly #strBase: number;
  /** Per local index (id - firstTypeId): word offset of the record, kind, name offset. */
  readonly #offsets: Uint32Array;
  readonly #kinds: Uint8Array;
  readonly #nameOffs: Uint32Array;
  /** Decoded types by local index (a holey array: cheaper than a Map for dense integer keys). */
  #types: (BtfType | undefined)[] = [];
  readonly #names = new Map<number, string>();
  /** Built on first name lookup: type names → local indexes; enumerator names → (index, position). */
  #typeNames: NameIndex | undefined;
  #funcNames: NameIndex | undefined;
  #enumNames: NameIndex | undefined;

  constructor(bytes: Uint8Array, options: BtfParseOptions = {}) {
    const t0 = performance.now();
    this.header = parseHeader(bytes);
    this.base = options.base;
    this.firstTypeId = this.base ? this.base.typeCount : 1;
    this.#strBase = this.base ? this.base.stringsLength : 0;
    const h = this.header;
    const typeStart = bytes.byteOffset + h.hdrLen + h.typeOff;
    // A Uint32Array view needs 4-byte alignment of the absolute offset; copy otherwise (rare:
    // only when the caller hands us a slice of a larger, oddly aligned buffer).
    this.#words = typeStart % 4 === 0
      ? new Uint32Array(bytes.buffer, typeStart, h.typeLen / 4)
      : new Uint32Array(bytes.slice(h.hdrLen + h.typeOff, h.hdrLen + h.typeOff + h.typeLen).buffer);
    this.#strings = bytes.subarray(h.hdrLen + h.strOff, h.hdrLen + h.strOff + h.strLen);
    if (!this.base && h.strLen > 0 && this.#strings[0] !== 0) throw new BtfFormatError("BTF string section must start with a NUL");

    // The index pass. Every record is at least 3 words, which bounds the count for preallocation.
    const words = this.#words;
    const n = words.length;
    const maxTypes = Math.floor(n / 3);
    const offsets = new Uint32Array(maxTypes);
    const kinds = new Uint8Array(maxTypes);
    const nameOffs = new Uint32Array(maxTypes);
    let count = 0;
    let w = 0;
    while (w < n) {
      if (w + 3 > n) throw new BtfFormatError(`BTF type section truncated in type ${this.firstTypeId + count}`);
      const info = words[w + 1]!;
      const kind = (info >>> 24) & 0x1f;
      const fixed = TRAILING_WORDS_FIXED[kind]!;
      if (fixed < 0) throw new BtfFormatError(`BTF type ${this.firstTypeId + count} has unknown kind ${kind}`);
      offsets[count] = w;
      kinds[count] = kind;
      nameOffs[count] = words[w]!;
      count++;
      w += 3 + fixed + TRAILING_WORDS_PER_VLEN[kind]! * (info & 0xffff);
    }
    if (w !== n) throw new BtfFormatError("BTF type section truncated in its last type");
    this.#offsets = offsets.subarray(0, count);
    this.#kinds = kinds.subarray(0, count);
    this.#nameOffs = nameOffs.subarray(0, count);
    this.typeCount = this.firstTypeId + count;
    this.indexMillis = performance.now() - t0;
  }

  /** Length of the combined string space (base strings + ours), where split BTF's offsets start. */
  get stringsLength(): number {
    return this.#strBase + this.#strings.byteLength;
  }

  /** The string at `off` in the combined string space ("" for 0). */
  string(off: number): string {
    if (off < this.#strBase) return this.base!.string(off);
    const cached = this.#names.get(off);
    if (cached !== undefined) return cached;
    const s = this.#strings;
    const start = off - this.#strBase;
    if (start >= s.byteLength) throw new BtfFormatError(`BTF string offset ${off} is out of range`);
    // Short ASCII names (nearly all of them) are built directly: cheaper than a TextDecoder call.
    let str = "";
    let end = start;
    for (let c = s[end]; c !== undefined && c !== 0; c = s[++end]) {
      if (c >= 0x80 || end - start > 64) {
        while (end < s.length && s[end] !== 0) end++;
        str = utf8.decode(s.subarray(start, end));
        break;
      }
      str += String.fromCharCode(c);
    }
    this.#names.set(off, str);
    return str;
  }

  /** Kind number of `id` (BtfKind), without decoding it. */
  kindOf(id: number): number {
    if (id === 0) return BtfKind.UNKN;
    if (id < this.firstTypeId && this.base && id > 0) return this.base.kindOf(id);
    const k = this.#kinds[id - this.firstTypeId];
    if (k === undefined || !Number.isInteger(id)) throw new BtfLookupError(`BTF type id ${id} is out of range (max ${this.typeCount - 1})`);
    return k;
  }

  /** Name of `id` ("" when anonymous), without decoding the rest of the type. */
  nameOf(id: number): string {
    if (id === 0) return "void";
    this.kindOf(id);
    if (id < this.firstTypeId) return this.base!.nameOf(id);
    return this.string(this.#nameOffs[id - this.firstTypeId]!);
  }

  /** Decodes (once) and returns type `id`. Throws BtfLookupError for an id out of range. */
  typeById(id: number): BtfType {
    if (id === 0) return VOID;
    this.kindOf(id); // range check
    if (id < this.firstTypeId) return this.base!.typeById(id);
    let t = this.#types[id - this.firstTypeId];
    if (t === undefined) {
      t = this.#decode(id);
      this.#types[id - this.firstTypeId] = t;
    }
    return t;
  }

  #decode(id: number): BtfType {
    const words = this.#words;
    const w = this.#offsets[id - this.firstTypeId]!;
    const info = words[w + 1]!;
    const kind = infoKind(info);
    const vlen = infoVlen(info);
    const kflag = infoKindFlag(info);
    const name = this.string(words[w]!);
    const sizeOrType = words[w + 2]!;
    const d = w + 3;
    const opt = (off: number): string | undefined => (off === 0 ? undefined : this.string(off));
    switch (kind) {
      case BtfKind.INT: {
        const v = words[d]!;
        const enc = (v >>> 24) & 0x0f;
        return { id, kind: "int", name, size: sizeOrType, signed: (enc & BTF_INT_SIGNED) !== 0, char: (enc & BTF_INT_CHAR) !== 0, bool: (enc & BTF_INT_BOOL) !== 0, bitOffset: (v >>> 16) & 0xff, bits: v & 0xff };
      }
      case BtfKind.PTR: return { id, kind: "ptr", type: sizeOrType };
      case BtfKind.ARRAY: return { id, kind: "array", type: words[d]!, indexType: words[d + 1]!, length: words[d + 2]! };
      case BtfKind.STRUCT: case BtfKind.UNION: {
        const members: BtfMember[] = [];
        for (let i = 0; i < vlen; i++) {
          const m = d + 3 * i;
          const off = words[m + 2]!;
          members.push({ name: opt(words[m]!), type: words[m + 1]!, bitOffset: memberBitOffset(off, kflag), bitSize: memberBitfieldSize(off, kflag) });
        }
        return { id, kind: kind === BtfKind.STRUCT ? "struct" : "union", name, size: sizeOrType, members };
      }
      case BtfKind.ENUM: {
        const values = [];
        for (let i = 0; i < vlen; i++) {
          const raw = words[d + 2 * i + 1]!;
          values.push({ name: this.string(words[d + 2 * i]!), value: BigInt(kflag ? raw | 0 : raw >>> 0) });
        }
        return { id, kind: "enum", name, size: sizeOrType, signed: kflag, values };
      }
      case BtfKind.ENUM64: {
        const values = [];
        for (let i = 0; i < vlen; i++) {
          const m = d + 3 * i;
          const u = (BigInt(words[m + 2]!) << 32n) | BigInt(words[m + 1]!);
          values.push({ name: this.string(words[m]!), value: kflag ? BigInt.asIntN(64, u) : u });
        }
        return { id, kind: "enum64", name, size: sizeOrType, signed: kflag, values };
      }
      case BtfKind.FWD: return { id, kind: "fwd", name, union: kflag };
      case BtfKind.TYPEDEF: return { id, kind: "typedef", name, type: sizeOrType };
      case BtfKind.VOLATILE: return { id, kind: "volatile", type: sizeOrType };
      case BtfKind.CONST: return { id, kind: "const", type: sizeOrType };
      case BtfKind.RESTRICT: return { id, kind: "restrict", type: sizeOrType };
      case BtfKind.TYPE_TAG: return { id, kind: "type_tag", name, type: sizeOrType };
      case BtfKind.FUNC: return { id, kind: "func", name, type: sizeOrType, linkage: vlen };
      case BtfKind.FUNC_PROTO: {
        const params = [];
        let variadic = false;
        for (let i = 0; i < vlen; i++) {
          const nameOff = words[d + 2 * i]!;
          const type = words[d + 2 * i + 1]!;
          // `...` is encoded as a last param with neither name nor type.
          if (i === vlen - 1 && type === 0 && nameOff === 0) variadic = true;
          else params.push({ name: opt(nameOff), type });
        }
        return { id, kind: "func_proto", returnType: sizeOrType, params, variadic };
      }
      case BtfKind.VAR: return { id, kind: "var", name, type: sizeOrType, linkage: words[d]! };
      case BtfKind.DATASEC: {
        const vars = [];
        for (let i = 0; i < vlen; i++) vars.push({ type: words[d + 3 * i]!, offset: words[d + 3 * i + 1]!, size: words[d + 3 * i + 2]! });
        return { id, kind: "datasec", name, size: sizeOrType, vars };
      }
      case BtfKind.FLOAT: return { id, kind: "float", name, size: sizeOrType };
      case BtfKind.DECL_TAG: return { id, kind: "decl_tag", name, type: sizeOrType, componentIdx: words[d]! | 0 };
      default: throw new BtfFormatError(`BTF type ${id} has unknown kind ${kind}`);
    }
  }

  // ---- names ------------------------------------------------------------------------------------

  /** The bytes holding the string at `off` in the combined string space. */
  #stringAt(off: number): { bytes: Uint8Array; start: number } {
    if (off < this.#strBase) return this.base!.#stringAt(off);
    return { bytes: this.#strings, start: off - this.#strBase };
  }

  /**
   * Name index over this blob's types: FUNCs (56k of vmlinux's 75k named types) in one index,
   * everything else in another, so struct/typedef/enum lookups never pay for hashing every
   * function name, and function lookups build theirs on first use.
   */
  #nameIndex(funcs: boolean): NameIndex {
    const cached = funcs ? this.#funcNames : this.#typeNames;
    if (cached) return cached;
    const names = this.#nameOffs;
    const kinds = this.#kinds;
    const FUNC = BtfKind.FUNC;
    // One pass (this is cold code on first use: every loop over all types costs milliseconds).
    const offs = new Uint32Array(names.length);
    const values = new Float64Array(names.length);
    let n = 0;
    for (let i = 0; i < names.length; i++) {
      const off = names[i]!;
      if (off === 0 || (kinds[i] === FUNC) !== funcs) continue;
      offs[n] = off;
      values[n++] = i;
    }
    const index = this.#newIndex(offs.subarray(0, n), values.subarray(0, n));
    if (funcs) this.#funcNames = index;
    else this.#typeNames = index;
    return index;
  }

  #newIndex(offs: Uint32Array, values: Float64Array): NameIndex {
    return new NameIndex({ offs, values, local: this.#strings, localBase: this.#strBase, at: (off) => this.#stringAt(off) });
  }

  #enumNameIndex(): NameIndex {
    if (this.#enumNames) return this.#enumNames;
    const kinds = this.#kinds;
    const words = this.#words;
    let total = 0;
    for (let i = 0; i < kinds.length; i++) {
      if (kinds[i] === BtfKind.ENUM || kinds[i] === BtfKind.ENUM64) total += infoVlen(words[this.#offsets[i]! + 1]!);
    }
    const offs = new Uint32Array(total);
    const values = new Float64Array(total);
    let j = 0;
    for (let i = 0; i < kinds.length; i++) {
      const k = kinds[i];
      if (k !== BtfKind.ENUM && k !== BtfKind.ENUM64) continue;
      const w = this.#offsets[i]!;
      const vlen = infoVlen(words[w + 1]!);
      const stride = k === BtfKind.ENUM ? 2 : 3;
      for (let m = 0; m < vlen; m++) {
        const off = words[w + 3 + stride * m]!;
        if (off === 0) continue; // unnamed enumerators are invalid BTF; nothing can look them up
        offs[j] = off;
        values[j++] = i * 65536 + m;
      }
    }
    this.#enumNames = this.#newIndex(offs.subarray(0, j), values.subarray(0, j));
    return this.#enumNames;
  }

  /** Ids of every type named `name` (any kind), in id order, base types first. */
  lookupAll(name: string): number[] {
    return this.#lookup(name, undefined);
  }

  /**
   * Ids named `name` among FUNCs (`funcs` true), the other kinds (false), or all (undefined). The
   * first call of each sort builds a hash index over the names (a few ms for vmlinux); later calls
   * are a hash probe.
   */
  #lookup(name: string, funcs: boolean | undefined): number[] {
    if (name === "") return [];
    const out = this.base ? this.base.#lookup(name, funcs) : [];
    const bytes = utf8Encoder.encode(name);
    const local: number[] = [];
    if (funcs !== true) local.push(...this.#nameIndex(false).get(bytes));
    if (funcs !== false) local.push(...this.#nameIndex(true).get(bytes));
    if (funcs === undefined) local.sort((a, b) => a - b);
    for (const i of local) out.push(this.firstTypeId + i);
    return out;
  }

  /** The first type named `name` of one of `kinds` (kind numbers), or undefined. */
  lookupKind(name: string, ...kinds: number[]): number | undefined {
    const wantFuncs = kinds.includes(BtfKind.FUNC);
    const wantOthers = kinds.some((k) => k !== BtfKind.FUNC);
    const ids = this.#lookup(name, wantFuncs && wantOthers ? undefined : wantFuncs);
    for (const id of ids) if (kinds.includes(this.kindOf(id))) return id;
    return undefined;
  }

  /** `struct name` (its definition; forward declarations are FWD types, see lookupKind). */
  lookupStruct(name: string): BtfTypeOf<"struct"> | undefined {
    const id = this.lookupKind(name, BtfKind.STRUCT);
    return id === undefined ? undefined : (this.typeById(id) as BtfTypeOf<"struct">);
  }

  lookupUnion(name: string): BtfTypeOf<"union"> | undefined {
    const id = this.lookupKind(name, BtfKind.UNION);
    return id === undefined ? undefined : (this.typeById(id) as BtfTypeOf<"union">);
  }

  /** `enum name` (ENUM or ENUM64). */
  lookupEnum(name: string): BtfTypeOf<"enum" | "enum64"> | undefined {
    const id = this.lookupKind(name, BtfKind.ENUM, BtfKind.ENUM64);
    return id === undefined ? undefined : (this.typeById(id) as BtfTypeOf<"enum" | "enum64">);
  }

  lookupTypedef(name: string): BtfTypeOf<"typedef"> | undefined {
    const id = this.lookupKind(name, BtfKind.TYPEDEF);
    return id === undefined ? undefined : (this.typeById(id) as BtfTypeOf<"typedef">);
  }

  /** A function and its prototype (the FUNC's type). */
  lookupFunc(name: string): { func: BtfTypeOf<"func">; proto: BtfTypeOf<"func_proto"> } | undefined {
    const id = this.lookupKind(name, BtfKind.FUNC);
    if (id === undefined) return undefined;
    const func = this.typeById(id) as BtfTypeOf<"func">;
    const proto = this.typeById(func.type);
    if (proto.kind !== "func_proto") throw new BtfFormatError(`BTF func ${name} (id ${id}) does not point at a FUNC_PROTO`);
    return { func, proto };
  }

  /**
   * An enumerator by name (e.g. BPF_ANY, TCP_ESTABLISHED): its value and the enum that defines it.
   * When several enums define the same name, the first by id wins.
   */
  lookupEnumValue(constName: string): { value: bigint; enumId: number; signed: boolean } | undefined {
    if (this.base) {
      const b = this.base.lookupEnumValue(constName);
      if (b) return b;
    }
    const hit = this.#enumNameIndex().get(utf8Encoder.encode(constName))[0];
    if (hit === undefined) return undefined;
    const local = Math.floor(hit / 65536);
    const t = this.typeById(this.firstTypeId + local) as BtfTypeOf<"enum" | "enum64">;
    return { value: t.values[hit % 65536]!.value, enumId: t.id, signed: t.signed };
  }

  /** Names of types of the given kinds that are close to `name` (for "did you mean"). */
  suggestTypeNames(name: string, kinds: number[], limit = 3): string[] {
    const seen = new Set<string>();
    for (let b: Btf | undefined = this; b; b = b.base) {
      const ks = b.#kinds;
      for (let i = 0; i < ks.length; i++) {
        if (!kinds.includes(ks[i]!)) continue;
        const off = b.#nameOffs[i]!;
        if (off !== 0) seen.add(b.string(off));
      }
    }
    return suggest(name, seen, limit);
  }

  // ---- resolution -------------------------------------------------------------------------------

  /** Skips typedef/const/volatile/restrict/type_tag to the type they name. */
  resolve(id: number): number {
    for (let i = 0; i < 64; i++) {
      const k = this.kindOf(id);
      if (k !== BtfKind.TYPEDEF && k !== BtfKind.CONST && k !== BtfKind.VOLATILE && k !== BtfKind.RESTRICT && k !== BtfKind.TYPE_TAG) return id;
      id = (this.typeById(id) as { type: number }).type;
    }
    throw new BtfFormatError(`BTF type chain at id ${id} is too deep (a cycle?)`);
  }

  /** Skips only const/volatile/restrict/type_tag (keeps typedef names visible). */
  skipQualifiers(id: number): number {
    for (let i = 0; i < 64; i++) {
      const k = this.kindOf(id);
      if (k !== BtfKind.CONST && k !== BtfKind.VOLATILE && k !== BtfKind.RESTRICT && k !== BtfKind.TYPE_TAG) return id;
      id = (this.typeById(id) as { type: number }).type;
    }
    throw new BtfFormatError(`BTF type chain at id ${id} is too deep (a cycle?)`);
  }

  /** sizeof(type) in bytes. Throws for types without a size (void, func, fwd). */
  sizeOf(id: number): number {
    const r = this.resolve(id);
    const t = this.typeById(r);
    switch (t.kind) {
      case "int": case "enum": case "enum64": case "struct": case "union": case "float": case "datasec": return t.size;
      case "ptr": return 8;
      case "array": return t.length * this.sizeOf(t.type);
      default: throw new BtfLookupError(`BTF type ${describeId(this, r)} has no size`);
    }
  }

  /**
   * Finds member `name` of the struct/union `recordId` (typedefs/qualifiers skipped), descending
   * into anonymous struct/union members as C does. undefined if absent.
   */
  findMember(recordId: number, name: string): MemberLookup | undefined {
    const rec = this.typeById(this.resolve(recordId));
    if (rec.kind !== "struct" && rec.kind !== "union") return undefined;
    for (const m of rec.members) {
      if (m.name === name) return { member: m, bitOffset: m.bitOffset, chain: [m] };
      if (m.name === undefined) {
        const inner = this.findMember(m.type, name);
        if (inner) return { member: inner.member, bitOffset: m.bitOffset + inner.bitOffset, chain: [m, ...inner.chain] };
      }
    }
    return undefined;
  }

  /** Every member name reachable with `.name` from the record (through anonymous members). */
  memberNames(recordId: number): string[] {
    const rec = this.typeById(this.resolve(recordId));
    if (rec.kind !== "struct" && rec.kind !== "union") return [];
    const out: string[] = [];
    for (const m of rec.members) {
      if (m.name !== undefined) out.push(m.name);
      else out.push(...this.memberNames(m.type));
    }
    return out;
  }

  /**
   * Resolves a dotted member path ("se.vruntime", "pid") from a struct/union. Each step after the
   * first starts from the previous member's type (typedefs/qualifiers skipped). Throws
   * BtfLookupError naming the record and suggesting close member names.
   */
  memberPath(recordId: number, path: string): MemberLookup {
    let cur = recordId;
    let bitOffset = 0;
    const chain: BtfMember[] = [];
    let last: BtfMember | undefined;
    for (const part of path.split(".")) {
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
}

const VOID: BtfType = Object.freeze({ id: 0, kind: "void" });

/** "struct task_struct (id 123)" style text for messages. */
export function describeId(btf: Btf, id: number): string {
  if (id === 0) return "void";
  const kind = KIND_NAMES[btf.kindOf(id)] ?? "?";
  const name = btf.nameOf(id);
  return `${kind}${name ? " " + name : ""} (id ${id})`;
}
