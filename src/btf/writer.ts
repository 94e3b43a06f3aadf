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
  BtfFuncLinkage, BtfKind, makeInfo,
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
  readonly #words: number[] = [];
  readonly #strOffsets = new Map<string, number>();
  readonly #strChunks: Uint8Array[] = [];
  #strLen = 0;
  readonly #firstId: number;
  readonly #strBase: number;
  #count = 0;
  #arrayIndexType: number | undefined;
  #maxRef = { id: 0, what: "" };
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
    const bytes = this.#encoder.encode(s);
    const off = this.#strBase + this.#strLen;
    const chunk = new Uint8Array(bytes.length + 1);
    chunk.set(bytes);
    this.#strChunks.push(chunk);
    this.#strLen += chunk.length;
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
    this.#words.push(nameOff, makeInfo(kind, vlen, kindFlag), sizeOrType >>> 0);
    for (const w of extra) this.#words.push(w >>> 0);
    this.#count++;
    return id;
  }

  /** Appends one type and returns its id. Forward references (to ids added later) are allowed. */
  add(t: BtfTypeSpec): number {
    switch (t.kind) {
      case "int": {
        if (![1, 2, 4, 8, 16].includes(t.size)) throw new RangeError(`BTF int ${t.name} has invalid size ${t.size}`);
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
    const typeLen = this.#words.length * 4;
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
    for (const w of this.#words) {
      dv.setUint32(p, w, true);
      p += 4;
    }
    for (const c of this.#strChunks) {
      out.set(c, p);
      p += c.length;
    }
    return out;
  }
}
