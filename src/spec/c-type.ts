/**
 * @fileoverview Kernel-independent descriptions of C types, carried in compiler output so the runtime
 * can decode map keys/values and perf/ringbuf records into JS objects without re-reading the C.
 * Plain JSON-able data: deterministic for a given source, no functions, no cycles.
 */

/** A C type as the runtime needs it: size, layout, and how to turn bytes into a JS value. */
export type CTypeDesc =
  | { kind: "void"; size: 0 }
  | { kind: "int"; name: string; size: 1 | 2 | 4 | 8; signed: boolean }
  | { kind: "bool"; size: 1 }
  | { kind: "float"; name: string; size: 4 | 8 }
  | { kind: "enum"; name: string; size: 1 | 2 | 4 | 8; signed: boolean; values: { name: string; value: bigint }[] }
  /** Pointers are opaque 64-bit addresses to the runtime; `target` is informational. */
  | { kind: "pointer"; size: 8; target: string }
  | { kind: "array"; size: number; element: CTypeDesc; length: number }
  | { kind: "struct" | "union"; name: string; size: number; align: number; fields: CFieldDesc[] };

export interface CFieldDesc {
  name: string;
  /** Byte offset of the field (of its storage unit, for bitfields). */
  offset: number;
  type: CTypeDesc;
  /** Bitfields only: bit offset within the storage unit at `offset` (little-endian numbering) and width. */
  bitOffset?: number;
  bitSize?: number;
}

/** Alignment of a described type (what the C compiler would use). */
export function alignOf(t: CTypeDesc): number {
  switch (t.kind) {
    case "void": return 1;
    case "array": return alignOf(t.element);
    case "struct": case "union": return t.align;
    default: return t.size;
  }
}

/** A short C spelling for dumps and messages (e.g. "struct key_t", "u32[16]"). */
export function typeName(t: CTypeDesc): string {
  switch (t.kind) {
    case "void": return "void";
    case "bool": return "_Bool";
    case "int": case "float": return t.name;
    case "enum": return `enum ${t.name}`;
    case "pointer": return `${t.target} *`;
    case "array": return `${typeName(t.element)}[${t.length}]`;
    case "struct": case "union": return `${t.kind} ${t.name}`;
  }
}
