/**
 * @fileoverview The ExternalTypes a BCC-style compilation uses: tracepoint argument structs
 * (`struct tracepoint__<cat>__<evt>`, built from tracefs formats on demand) first, then kernel BTF.
 * Either source may be absent (no BTF on old kernels, no tracefs in a sandbox); lookups then miss.
 */
import type { ExternalTypes } from "../sema/checker.ts";
import type { CType } from "../sema/types.ts";
import type { EventFormat } from "../../src/tracefs/format.ts";
import type { BtfExternalTypes } from "./btf-external.ts";
import { type FormatSource, splitTracepointStructName, tracepointRecord } from "./tracepoint-types.ts";

export interface KernelTypesOptions {
  btf?: BtfExternalTypes;
  /** Tracefs (or anything with eventExists/format) for tracepoint structs. */
  tracefs?: FormatSource;
}

export class KernelTypes implements ExternalTypes {
  readonly btf: BtfExternalTypes | undefined;
  readonly tracefs: FormatSource | undefined;
  /** Tracepoint structs by tag; null records a miss so a bad name is looked up once. */
  readonly #tracepoints = new Map<string, CType | null>();

  constructor(options: KernelTypesOptions) {
    this.btf = options.btf;
    this.tracefs = options.tracefs;
  }

  lookupStruct(name: string, union: boolean): CType | undefined {
    if (!union && this.tracefs) {
      const tp = this.tracepointStruct(name);
      if (tp) return tp;
    }
    return this.btf?.lookupStruct(name, union);
  }

  lookupTypedef(name: string): CType | undefined {
    return this.btf?.lookupTypedef(name);
  }

  lookupEnumConst(name: string): bigint | undefined {
    return this.btf?.lookupEnumConst(name);
  }

  lookupEnum(name: string): CType | undefined {
    return this.btf?.lookupEnum(name);
  }

  /** `struct tracepoint__cat__evt` from the event's format, or undefined (not such a name, no event). */
  tracepointStruct(tag: string): CType | undefined {
    const cached = this.#tracepoints.get(tag);
    if (cached !== undefined) return cached ?? undefined;
    const parts = splitTracepointStructName(tag);
    let t: CType | undefined;
    if (parts && this.tracefs) {
      const format = this.#format(parts.category, parts.event);
      if (format) t = tracepointRecord(parts.category, parts.event, format, this.btf ?? {});
    }
    this.#tracepoints.set(tag, t ?? null);
    return t;
  }

  #format(category: string, event: string): EventFormat | undefined {
    const src = this.tracefs!;
    // Category/event come from a C identifier, so they are valid path components; a missing event
    // is an ordinary miss (sema then reports the struct as incomplete where it is used).
    if (!src.eventExists(category, event)) return undefined;
    return src.format(category, event);
  }
}
