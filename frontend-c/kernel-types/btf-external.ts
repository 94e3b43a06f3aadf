/**
 * @fileoverview Kernel types for the compiler from BTF: an `ExternalTypes` that answers sema's
 * questions about names the program does not define (`struct task_struct`, `atomic_t`,
 * `TASK_COMM_LEN`) by mapping src/btf's neutral `KType` model onto sema's `CType`.
 *
 * Kernel type graphs are large and cyclic (task_struct → real_parent → task_struct, and a few
 * thousand records reachable from it), so records are converted lazily: each BTF record id gets
 * one shared RecordInfo whose size/completeness are known up front (BTF records carry them) and
 * whose fields/alignment are filled on first access. A lookup therefore costs one record, and
 * converting a field's type never recurses through pointers into other records.
 *
 * Pure: the Btf is passed in, nothing is read from the file system here.
 */
import type { ExternalTypes } from "../sema/checker.ts";
import { type CType, type FieldInfo, type IntType, type RecordInfo, T, arrayOf } from "../sema/types.ts";
import type { Span } from "../diagnostics/index.ts";
import { type Btf, BtfTypeDescriber, type KType } from "../../src/btf/index.ts";

/** Where kernel-type diagnostics point: BTF has no source positions. */
export const BTF_SPAN: Span = Object.freeze({ file: "<kernel BTF>", line: 1, col: 1, endLine: 1, endCol: 1 });

/** The compiler's integer type for a BTF/tracefs integer of this size, signedness and rank. */
export function intTypeFor(size: number, signed: boolean, opts: { rank?: number; bool?: boolean; name?: string } = {}): IntType | undefined {
  if (opts.bool) return T.bool;
  switch (size) {
    case 1:
      // BTF marks plain `char` with the CHAR encoding; it is signed on x86_64.
      if (opts.name === "char") return T.char;
      return signed ? T.schar : T.uchar;
    case 2: return signed ? T.short : T.ushort;
    case 4: return signed ? T.int : T.uint;
    // long and long long are both 8 bytes; keep the spelling the kernel used (u64 is long long).
    case 8:
      if (opts.rank === 5) return signed ? T.llong : T.ullong;
      return signed ? T.long : T.ulong;
    default: return undefined;
  }
}

/** Adds const/volatile from a KType onto a converted type (records keep sharing their RecordInfo). */
function qualify(t: CType, k: KType): CType {
  if (!k.const && !k.volatile) return t;
  if (t.kind === "error") return t;
  return { ...t, ...(k.const ? { const: true } : {}), ...(k.volatile ? { volatile: true } : {}) } as CType;
}

/**
 * `ExternalTypes` over one Btf (normally the running kernel's vmlinux). All conversions are cached
 * on the instance; create one per Btf and reuse it across compilations.
 */
export class BtfExternalTypes implements ExternalTypes {
  readonly btf: Btf;
  readonly describer: BtfTypeDescriber;
  /** One RecordInfo per BTF record id: sema compares records by identity. */
  readonly #records = new Map<number, RecordInfo>();
  /** KType objects are cached per id by the describer, so identity is a good memo key. */
  readonly #converted = new WeakMap<KType, CType>();
  readonly #typedefs = new Map<string, CType | null>();

  constructor(btf: Btf, describer: BtfTypeDescriber = new BtfTypeDescriber(btf)) {
    this.btf = btf;
    this.describer = describer;
  }

  lookupStruct(name: string, union: boolean): CType | undefined {
    const k = this.describer.struct(name, union);
    return k === undefined ? undefined : this.convert(k);
  }

  lookupTypedef(name: string): CType | undefined {
    // The parser asks this for identifiers in ambiguous positions, so misses must stay cheap.
    const hit = this.#typedefs.get(name);
    if (hit !== undefined) return hit ?? undefined;
    const k = this.describer.typedef(name);
    const t = k === undefined ? undefined : this.convert(k);
    this.#typedefs.set(name, t ?? null);
    return t;
  }

  lookupEnumConst(name: string): bigint | undefined {
    return this.btf.lookupEnumValue(name)?.value;
  }

  /**
   * `enum name` as its integer type (not part of sema's ExternalTypes yet: see INTEGRATION.md).
   * Kernel enums are not always 4 bytes (some are packed to 1 or 2, enum64 are 8), so the size
   * matters when one is a struct member or read with bpf_probe_read.
   */
  lookupEnum(name: string): CType | undefined {
    const k = this.describer.enumType(name);
    return k === undefined ? undefined : this.convert(k);
  }

  /** The compiler's view of a KType. */
  convert(k: KType): CType {
    const hit = this.#converted.get(k);
    if (hit) return hit;
    const t = qualify(this.#convertUnqualified(k), k);
    this.#converted.set(k, t);
    return t;
  }

  #convertUnqualified(k: KType): CType {
    switch (k.kind) {
      case "void": return T.void;
      case "int": {
        const it = intTypeFor(k.size, k.signed, { rank: k.rank, bool: k.bool, name: k.name });
        // __int128: no 16-byte integers in BPF; keep the layout as two 64-bit words.
        return it ?? arrayOf(k.signed ? T.llong : T.ullong, Math.max(1, k.size / 8));
      }
      // BPF has no floating point; a byte array keeps size and offsets right and forbids arithmetic.
      case "float": return arrayOf(T.uchar, k.size);
      case "ptr": return { kind: "ptr", to: this.convert(k.to) };
      // Length 0 is a flexible array member (or a zero-size marker): incomplete, so indexing it is not
      // bounds-checked against 0.
      case "array": return arrayOf(this.convert(k.of), k.length === 0 ? undefined : k.length);
      case "record": return { kind: "record", rec: this.recordInfo(k.id, k.union, k.name, k.size, k.complete) };
      case "enum": {
        const base = intTypeFor(k.size, k.signed) ?? T.uint;
        return { ...base, enumTag: k.name ?? "<anonymous>" };
      }
      // sema has no typedef type: a typedef is its target (as after C's typedef resolution).
      case "typedef": return this.convert(k.to);
      case "func":
        return { kind: "func", ret: this.convert(k.ret), params: k.params.map((p) => this.convert(p.type)), variadic: k.variadic };
    }
  }

  /**
   * The shared RecordInfo of BTF record `id`, with `fields` and `align` filled on first read. The
   * getters replace themselves with plain data properties, so later reads (and spreads) are ordinary.
   */
  recordInfo(id: number, union: boolean, tag: string | undefined, size: number, complete: boolean): RecordInfo {
    const cached = this.#records.get(id);
    if (cached) return cached;
    if (!complete) {
      const fwd: RecordInfo = { union, tag, complete: false, fields: [], size: 0, align: 1, span: BTF_SPAN };
      this.#records.set(id, fwd);
      return fwd;
    }
    const fill = (rec: RecordInfo): void => {
      const kr = this.describer.record(id);
      const fields: FieldInfo[] = kr.fields.map((f) => {
        const fi: FieldInfo = { name: f.name, type: this.convert(f.type), offset: f.offset, span: BTF_SPAN };
        if (f.bitWidth !== undefined) {
          fi.bitOffset = f.bitOffset!;
          fi.bitWidth = f.bitWidth;
          fi.unitSize = f.unitSize!;
        }
        return fi;
      });
      Object.defineProperty(rec, "fields", { value: fields, writable: true, enumerable: true, configurable: true });
      Object.defineProperty(rec, "align", { value: kr.align, writable: true, enumerable: true, configurable: true });
    };
    const rec: RecordInfo = {
      union,
      tag,
      complete: true,
      size,
      span: BTF_SPAN,
      get fields(): FieldInfo[] {
        fill(this);
        return this.fields;
      },
      set fields(v: FieldInfo[]) {
        Object.defineProperty(this, "fields", { value: v, writable: true, enumerable: true, configurable: true });
      },
      get align(): number {
        fill(this);
        return this.align;
      },
      set align(v: number) {
        Object.defineProperty(this, "align", { value: v, writable: true, enumerable: true, configurable: true });
      },
    };
    this.#records.set(id, rec);
    return rec;
  }

  /** How many records have been handed out (for measurements and tests of laziness). */
  get recordCount(): number {
    return this.#records.size;
  }
}
