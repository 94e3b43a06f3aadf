/**
 * @fileoverview Builds BTF blobs (program BTF, map key/value BTF) for BPF_BTF_LOAD: types are
 * appended in order (ids from 1), strings are deduplicated, and `build()` lays out header, type
 * section and string section exactly as the kernel's btf_parse() expects.
 *
 * The kernel validates more than the format (kernel/bpf/btf.c): INT/TYPEDEF/FUNC/VAR/STRUCT member
 * names must be C identifiers, PTR/CONST/VOLATILE/RESTRICT/ARRAY/FUNC_PROTO must be anonymous, an
 * ARRAY's index type must be an INT, a FUNC must point at a FUNC_PROTO. `add()` checks the cheap
 * ones so a mistake surfaces here with a message, not as EINVAL from the kernel.
 */
import {
  BTF_HEADER_LEN, BTF_INT_BOOL, BTF_INT_CHAR, BTF_INT_SIGNED, BTF_MAGIC, BTF_MAX_TYPE, BTF_MAX_VLEN, BTF_VERSION,
  BtfFuncLinkage, BtfKind, makeInfo, trailingBytes,
} from "./btf-format.ts";
import type { BtfEnumValue, BtfMember, BtfParam, BtfTypeSpec, BtfVarSecinfo } from "./btf-types.ts";
import type { Btf } from "./reader.ts";

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** DATASEC names are ELF section names (".bss", ".data.foo", "license", ".maps"). */
const SECTION = /^[A-Za-z0-9_.]+$/;

export interface BtfBuilderOptions {
  /** Build split BTF on top of `base`: ids continue after its types, string offsets after its strings. */
  base?: Btf;
}

export class BtfBuilder {
  /** The type section as it grows (words), and where each type's record starts in it. */
  #types = new Uint32Array(1024);
  #typeWords = 0;
  readonly #starts: number[] = [];
  readonly #strOffsets = new Map<string, number>();
  #strBytes = new Uint8Array(1024);
  #strLen = 0;
  readonly #firstId: number;
  readonly #strBase: number;
  #count = 0;
  #arrayIndexType: number | undefined;
  #maxRef = { id: 0, what: "" };
  /** copyFrom() memo: per source BTF, "id" (full copy) or "fwd:id" (pointee stand-in) → our id. */
  readonly #copied = new Map<Btf, Map<string, number>>();
  readonly #encoder = new TextEncoder();

  constructor(options: BtfBuilderOptions = {}) {
    this.#firstId = options.base ? options.base.typeCount : 1;
    this.#strBase = options.base ? options.base.stringsLength : 0;
    this.#appendString(""); // offset 0 is the empty name
  }

  /** The id the next added type will get. */
  get nextId(): number {
    return this.#firstId + this.#count;
  }

  #appendString(s: string): number {
    const off = this.#strBase + this.#strLen;
    // UTF-8 needs at most 3 bytes per UTF-16 unit, plus the NUL.
    const need = this.#strLen + s.length * 3 + 1;
    if (need > this.#strBytes.length) {
      const grown = new Uint8Array(Math.max(need, this.#strBytes.length * 2));
      grown.set(this.#strBytes.subarray(0, this.#strLen));
      this.#strBytes = grown;
    }
    const { written } = this.#encoder.encodeInto(s, this.#strBytes.subarray(this.#strLen));
    this.#strBytes[this.#strLen + written] = 0;
    this.#strLen += written + 1;
    this.#strOffsets.set(s, off);
    return off;
  }

  /** Offset of `s` in the string section (added once; "" is offset 0). */
  addString(s: string): number {
    if (s === "") return 0;
    if (s.includes("\0")) throw new RangeError(`BTF strings cannot contain NUL: ${JSON.stringify(s)}`);
    return this.#strOffsets.get(s) ?? this.#appendString(s);
  }

  #name(name: string | undefined, rule: "ident" | "optional-ident" | "section" | "none", what: string): number {
    if (rule === "none") {
      if (name) throw new RangeError(`BTF ${what} must be anonymous (got '${name}')`);
      return 0;
    }
    if (!name) {
      if (rule === "optional-ident") return 0;
      throw new RangeError(`BTF ${what} needs a name`);
    }
    if (!(rule === "section" ? SECTION : IDENT).test(name)) throw new RangeError(`BTF ${what} name '${name}' is not valid`);
    return this.addString(name);
  }

  /** Forward references are fine (cycles need them); build() checks every id was eventually added. */
  #checkRef(id: number, what: string): void {
    if (!Number.isInteger(id) || id < 0 || id > BTF_MAX_TYPE) throw new RangeError(`BTF ${what} refers to invalid type id ${id}`);
    if (id > this.#maxRef.id) this.#maxRef = { id, what };
  }

  #vlen(n: number, what: string): number {
    if (n > BTF_MAX_VLEN) throw new RangeError(`BTF ${what} has ${n} entries (max ${BTF_MAX_VLEN})`);
    return n;
  }

  #push(nameOff: number, kind: number, vlen: number, kindFlag: boolean, sizeOrType: number, extra: number[]): number {
    const id = this.nextId;
    if (id > BTF_MAX_TYPE) throw new RangeError(`too many BTF types (max ${BTF_MAX_TYPE})`);
    const need = this.#typeWords + 3 + extra.length;
    if (need > this.#types.length) {
      const grown = new Uint32Array(Math.max(need, this.#types.length * 2));
      grown.set(this.#types.subarray(0, this.#typeWords));
      this.#types = grown;
    }
    const t = this.#types;
    let w = this.#typeWords;
    this.#starts.push(w);
    t[w++] = nameOff;
    t[w++] = makeInfo(kind, vlen, kindFlag);
    t[w++] = sizeOrType >>> 0;
    for (let i = 0; i < extra.length; i++) t[w++] = extra[i]! >>> 0;
    this.#typeWords = w;
    this.#count++;
    return id;
  }

  /** Appends one type and returns its id. Forward references (to ids added later) are allowed. */
  add(t: BtfTypeSpec): number {
    switch (t.kind) {
      case "int": {
        if (![1, 2, 4, 8, 16].includes(t.size)) throw new RangeError(`BTF int ${t.name} has invalid size ${t.size}`);
        // The kernel takes at most one encoding bit (btf_int_check_meta): a signed char is SIGNED.
        if ([t.signed, t.char, t.bool].filter(Boolean).length > 1) throw new RangeError(`BTF int ${t.name}: at most one of signed/char/bool`);
        const enc = (t.signed ? BTF_INT_SIGNED : 0) | (t.char ? BTF_INT_CHAR : 0) | (t.bool ? BTF_INT_BOOL : 0);
        if (t.bitOffset + t.bits > t.size * 8) throw new RangeError(`BTF int ${t.name}: ${t.bits} bits at ${t.bitOffset} exceed ${t.size} bytes`);
        // (INT names may contain spaces: "unsigned int", "long long int".)
        if (!t.name || !/^[A-Za-z_][A-Za-z0-9_ ]*$/.test(t.name)) throw new RangeError(`BTF int name '${t.name}' is not valid`);
        return this.#push(this.addString(t.name), BtfKind.INT, 0, false, t.size, [(enc << 24) | (t.bitOffset << 16) | t.bits]);
      }
      case "ptr": return this.#ref(BtfKind.PTR, undefined, t.type, "ptr");
      case "const": return this.#ref(BtfKind.CONST, undefined, t.type, "const");
      case "volatile": return this.#ref(BtfKind.VOLATILE, undefined, t.type, "volatile");
      case "restrict": return this.#ref(BtfKind.RESTRICT, undefined, t.type, "restrict");
      case "typedef": return this.#ref(BtfKind.TYPEDEF, t.name, t.type, "typedef");
      case "type_tag": return this.#ref(BtfKind.TYPE_TAG, t.name, t.type, "type_tag");
      case "array":
        this.#checkRef(t.type, "array element");
        this.#checkRef(t.indexType, "array index");
        return this.#push(0, BtfKind.ARRAY, 0, false, 0, [t.type, t.indexType, t.length]);
      case "struct": case "union": {
        const what = `${t.kind} ${t.name || "<anonymous>"}`;
        const bitfields = t.members.some((m) => m.bitSize > 0);
        const extra: number[] = [];
        for (const m of t.members) {
          this.#checkRef(m.type, `${what} member`);
          if (bitfields && (m.bitOffset > 0xffffff || m.bitSize > 0xff)) throw new RangeError(`${what}: bitfield member ${m.name} out of range`);
          extra.push(this.#name(m.name, "optional-ident", `${what} member`), m.type, bitfields ? (m.bitSize << 24) | m.bitOffset : m.bitOffset);
        }
        const kind = t.kind === "struct" ? BtfKind.STRUCT : BtfKind.UNION;
        return this.#push(this.#name(t.name, "optional-ident", t.kind), kind, this.#vlen(t.members.length, what), bitfields, t.size, extra);
      }
      case "enum": case "enum64": {
        const what = `enum ${t.name || "<anonymous>"}`;
        if (![1, 2, 4, 8].includes(t.size)) throw new RangeError(`BTF ${what} has invalid size ${t.size}`);
        const extra: number[] = [];
        for (const v of t.values) {
          const off = this.#name(v.name, "ident", `${what} value`);
          if (t.kind === "enum") {
            if (v.value < -(2n ** 31n) || v.value >= 2n ** 32n) throw new RangeError(`${what}: ${v.name} = ${v.value} does not fit ENUM (use enum64)`);
            extra.push(off, Number(BigInt.asUintN(32, v.value)));
          } else {
            const u = BigInt.asUintN(64, v.value);
            extra.push(off, Number(u & 0xffffffffn), Number(u >> 32n));
          }
        }
        const kind = t.kind === "enum" ? BtfKind.ENUM : BtfKind.ENUM64;
        return this.#push(this.#name(t.name, "optional-ident", "enum"), kind, this.#vlen(t.values.length, what), t.signed, t.size, extra);
      }
      case "fwd": return this.#push(this.#name(t.name, "ident", "fwd"), BtfKind.FWD, 0, t.union, 0, []);
      case "func": {
        if (t.linkage < 0 || t.linkage > BtfFuncLinkage.EXTERN) throw new RangeError(`BTF func ${t.name}: bad linkage ${t.linkage}`);
        this.#checkRef(t.type, `func ${t.name}`);
        return this.#push(this.#name(t.name, "ident", "func"), BtfKind.FUNC, t.linkage, false, t.type, []);
      }
      case "func_proto": {
        this.#checkRef(t.returnType, "func_proto return");
        const extra: number[] = [];
        for (const p of t.params) {
          this.#checkRef(p.type, "func_proto param");
          if (p.type === 0) throw new RangeError("BTF func_proto param cannot be void (use variadic for `...`)");
          extra.push(this.#name(p.name, "optional-ident", "func_proto param"), p.type);
        }
        if (t.variadic) extra.push(0, 0);
        return this.#push(0, BtfKind.FUNC_PROTO, this.#vlen(extra.length / 2, "func_proto"), false, t.returnType, extra);
      }
      case "var":
        this.#checkRef(t.type, `var ${t.name}`);
        return this.#push(this.#name(t.name, "ident", "var"), BtfKind.VAR, 0, false, t.type, [t.linkage]);
      case "datasec": {
        const extra: number[] = [];
        for (const v of t.vars) {
          this.#checkRef(v.type, `datasec ${t.name}`);
          extra.push(v.type, v.offset, v.size);
        }
        return this.#push(this.#name(t.name, "section", "datasec"), BtfKind.DATASEC, this.#vlen(t.vars.length, `datasec ${t.name}`), false, t.size, extra);
      }
      case "float":
        if (![2, 4, 8, 12, 16].includes(t.size)) throw new RangeError(`BTF float ${t.name} has invalid size ${t.size}`);
        return this.#push(this.#name(t.name, "ident", "float"), BtfKind.FLOAT, 0, false, t.size, []);
      case "decl_tag":
        this.#checkRef(t.type, `decl_tag ${t.name}`);
        if (!t.name) throw new RangeError("BTF decl_tag needs a name");
        return this.#push(this.addString(t.name), BtfKind.DECL_TAG, 0, false, t.type, [t.componentIdx | 0]);
    }
  }

  #ref(kind: number, name: string | undefined, type: number, what: string): number {
    this.#checkRef(type, what);
    let nameOff: number;
    if (kind === BtfKind.TYPEDEF) nameOff = this.#name(name, "ident", what);
    else if (kind === BtfKind.TYPE_TAG) {
      if (!name) throw new RangeError("BTF type_tag needs a name");
      nameOff = this.addString(name);
    } else nameOff = this.#name(name, "none", what);
    return this.#push(nameOff, kind, 0, false, type, []);
  }

  /**
   * Copies type `id` of another BTF (e.g. vmlinux) and everything it refers to into this blob,
   * returning the new id; copying the same source type again returns the same id (so a pointer
   * copied once as `struct foo *` → FWD stays that even after `struct foo` is copied in full). With
   * `opaquePointees` (the default) a struct/union reached only through a pointer becomes a FWD, so a
   * map value holding a `struct task_struct *` costs two types rather than the kernel's whole graph.
   */
  copyFrom(src: Btf, id: number, options: { opaquePointees?: boolean } = {}): number {
    const opaque = options.opaquePointees ?? true;
    let memo = this.#copied.get(src);
    if (!memo) this.#copied.set(src, (memo = new Map()));
    return this.#copy(src, id, opaque, false, memo);
  }

  #copy(src: Btf, id: number, opaque: boolean, viaPointer: boolean, memo: Map<string, number>): number {
    if (id === 0) return 0;
    const t = src.typeById(id);
    if (t.kind === "void") return 0;
    const isRecord = t.kind === "struct" || t.kind === "union";
    if (isRecord && viaPointer && opaque) {
      // Anonymous records have no name to forward-declare: copy those in full.
      if (t.name !== "") {
        const key = `fwd:${id}`;
        const done = memo.get(key) ?? memo.get(`${id}`);
        if (done !== undefined) return done;
        const fwd = this.add({ kind: "fwd", name: t.name, union: t.kind === "union" });
        memo.set(key, fwd);
        return fwd;
      }
    }
    // A typedef/qualifier reached through a pointer may end in a FWD stand-in, so it is memoised
    // apart from the same type reached directly.
    const passThrough = t.kind === "typedef" || t.kind === "const" || t.kind === "volatile" || t.kind === "restrict" || t.kind === "type_tag";
    const key = passThrough && viaPointer && opaque ? `p:${id}` : `${id}`;
    const done = memo.get(key);
    if (done !== undefined) return done;
    // Pointers and records can be part of a cycle (list_head.next): they take their id before
    // their referents are copied, and their record is filled in afterwards (#reserve/#patch).
    const { id: _id, ...spec } = t;
    const refs = (x: number, ptr: boolean) => this.#copy(src, x, opaque, ptr, memo);
    switch (spec.kind) {
      case "ptr": {
        const at = this.#reserve(memo, key, BtfKind.PTR, 0);
        this.#patch(at, { kind: "ptr", type: refs(spec.type, true) });
        return at;
      }
      case "struct": case "union": {
        const at = this.#reserve(memo, key, spec.kind === "struct" ? BtfKind.STRUCT : BtfKind.UNION, spec.members.length);
        const members = spec.members.map((m) => ({ ...m, type: refs(m.type, false) }));
        this.#patch(at, { ...spec, members });
        return at;
      }
      case "array": {
        const type = refs(spec.type, false);
        return this.#remember(memo, key, { ...spec, type, indexType: refs(spec.indexType, false) });
      }
      case "typedef": case "const": case "volatile": case "restrict": case "type_tag":
        return this.#remember(memo, key, { ...spec, type: refs(spec.type, viaPointer) } as BtfTypeSpec);
      case "func_proto": {
        const returnType = refs(spec.returnType, false);
        const params = spec.params.map((p) => ({ ...p, type: refs(p.type, false) }));
        return this.#remember(memo, key, { ...spec, returnType, params });
      }
      case "func": case "var": case "decl_tag":
        return this.#remember(memo, key, { ...spec, type: refs(spec.type, false) } as BtfTypeSpec);
      case "datasec":
        return this.#remember(memo, key, { ...spec, vars: spec.vars.map((v) => ({ ...v, type: refs(v.type, false) })) });
      default:
        return this.#remember(memo, key, spec);
    }
  }

  #remember(memo: Map<string, number>, key: string, spec: BtfTypeSpec): number {
    const id = this.add(spec);
    memo.set(key, id);
    return id;
  }

  /**
   * Appends a zeroed record of the size `kind` with `vlen` entries will need, so cyclic references
   * can name its id before #patch fills it in.
   */
  #reserve(memo: Map<string, number>, key: string, kind: number, vlen: number): number {
    const id = this.#push(0, kind, vlen, false, 0, new Array<number>(trailingBytes(kind, vlen) / 4).fill(0));
    memo.set(key, id);
    return id;
  }

  /** Encodes `spec` into the slot #reserve made for `id` (same kind and entry count, so same size). */
  #patch(id: number, spec: BtfTypeSpec): void {
    const before = this.#typeWords;
    this.add(spec);
    const slot = id - this.#firstId;
    const start = this.#starts[slot]!;
    const size = this.#typeWords - before;
    const slotSize = (this.#starts[slot + 1] ?? before) - start;
    if (size !== slotSize) throw new Error(`internal: BTF record for id ${id} changed size (${slotSize} → ${size} words)`);
    this.#types.copyWithin(start, before, this.#typeWords);
    this.#typeWords = before;
    this.#starts.pop();
    this.#count--;
  }

  // ---- conveniences ------------------------------------------------------------------------------

  addInt(name: string, size: number, enc: { signed?: boolean; char?: boolean; bool?: boolean } = {}): number {
    return this.add({ kind: "int", name, size, signed: !!enc.signed, char: !!enc.char, bool: !!enc.bool, bits: size * 8, bitOffset: 0 });
  }
  addPtr(type: number): number {
    return this.add({ kind: "ptr", type });
  }
  /**
   * An array of `length` elements. The kernel wants an INT index type; without one we add (once)
   * a 4-byte unsigned `__ARRAY_SIZE_TYPE__`, as clang does.
   */
  addArray(elem: number, length: number, indexType?: number): number {
    const index = indexType ?? (this.#arrayIndexType ??= this.addInt("__ARRAY_SIZE_TYPE__", 4));
    return this.add({ kind: "array", type: elem, indexType: index, length });
  }
  addStruct(name: string, size: number, members: BtfMember[]): number {
    return this.add({ kind: "struct", name, size, members });
  }
  addUnion(name: string, size: number, members: BtfMember[]): number {
    return this.add({ kind: "union", name, size, members });
  }
  addEnum(name: string, size: number, values: BtfEnumValue[], signed = false): number {
    const wide = values.some((v) => v.value >= 2n ** 32n || v.value < -(2n ** 31n));
    return this.add({ kind: wide ? "enum64" : "enum", name, size, signed, values });
  }
  addTypedef(name: string, type: number): number {
    return this.add({ kind: "typedef", name, type });
  }
  addConst(type: number): number {
    return this.add({ kind: "const", type });
  }
  addVolatile(type: number): number {
    return this.add({ kind: "volatile", type });
  }
  addFuncProto(returnType: number, params: BtfParam[], variadic = false): number {
    return this.add({ kind: "func_proto", returnType, params, variadic });
  }
  addFunc(name: string, proto: number, linkage: number = BtfFuncLinkage.GLOBAL): number {
    return this.add({ kind: "func", name, type: proto, linkage });
  }
  addVar(name: string, type: number, linkage: number): number {
    return this.add({ kind: "var", name, type, linkage });
  }
  addDatasec(name: string, size: number, vars: BtfVarSecinfo[]): number {
    return this.add({ kind: "datasec", name, size, vars });
  }

  /** The blob: header, type section, string section (8 + 4n bytes aligned, as the kernel wants). */
  build(): Uint8Array {
    if (this.#maxRef.id >= this.nextId) {
      throw new RangeError(`BTF ${this.#maxRef.what} refers to type id ${this.#maxRef.id}, but only ids < ${this.nextId} were added`);
    }
    const typeLen = this.#typeWords * 4;
    const out = new Uint8Array(BTF_HEADER_LEN + typeLen + this.#strLen);
    const dv = new DataView(out.buffer);
    dv.setUint16(0, BTF_MAGIC, true);
    dv.setUint8(2, BTF_VERSION);
    dv.setUint8(3, 0);
    dv.setUint32(4, BTF_HEADER_LEN, true);
    dv.setUint32(8, 0, true);
    dv.setUint32(12, typeLen, true);
    dv.setUint32(16, typeLen, true);
    dv.setUint32(20, this.#strLen, true);
    let p = BTF_HEADER_LEN;
    for (let i = 0; i < this.#typeWords; i++, p += 4) dv.setUint32(p, this.#types[i]!, true);
    out.set(this.#strBytes.subarray(0, this.#strLen), p);
    return out;
  }
}
