/**
 * @fileoverview `struct tracepoint__<category>__<event>`: the record BCC's TRACEPOINT_PROBE hands a
 * program as `args`, laid out from the event's tracefs `format` file.
 *
 * Conventions (BCC src/cc/common.cc parse_tracepoint, checked against its behaviour):
 * - Offsets are the format's, so the struct matches the raw record the kernel passes.
 * - `size` is authoritative: syscall tracepoints declare `int dfd` but store 8 bytes, so an integer
 *   whose declared size differs is widened to `size` keeping the declared signedness (BCC turns
 *   `int` with size 8 into s64). Pointers stay pointers (`args->filename` is a `const char *` that
 *   can go straight to bpf_probe_read_user_str). Arrays keep their element type and length.
 * - `__data_loc T[] name` becomes `int data_loc_name` (length << 16 | offset in the record), the
 *   field BCC's TP_DATA_LOC_READ* macros read. `__rel_loc` (5.19+, offset from the field's end) gets
 *   `int rel_loc_name` by analogy; BCC has no equivalent.
 * - The common_* fields (first 8 bytes) are left out, as BCC does (it pads them as __do_not_use__):
 *   the kernel refuses tracepoint programs any context access below offset 8
 *   (kernel/trace/bpf_trace.c tp_prog_is_valid_access), so a named common_pid would only turn a
 *   compile error into a verifier rejection.
 *
 * Pure: the format is parsed already (src/tracefs/format.ts); typedef and struct names in field
 * types resolve through an optional `TypeResolver` (normally the BTF adapter).
 */
import type { CType, FieldInfo, RecordInfo } from "../sema/types.ts";
import { T, alignOf, arrayOf, ptrTo, sizeOf } from "../sema/types.ts";
import { KNOWN_TYPEDEFS } from "../parse/known-typedefs.ts";
import type { Span } from "../diagnostics/index.ts";
import type { EventFormat, FormatField } from "../../src/tracefs/format.ts";
import { intTypeFor } from "./btf-external.ts";

/** Resolves names that appear in field types ("gfp_t", "struct file", "enum lru_list"). */
export interface TypeResolver {
  lookupTypedef?(name: string): CType | undefined;
  lookupStruct?(name: string, union: boolean): CType | undefined;
  lookupEnum?(name: string): CType | undefined;
}

/** The part of src/tracefs's Tracefs this module uses (kept structural: frontend-c never reads files). */
export interface FormatSource {
  eventExists(category: string, event: string): boolean;
  format(category: string, event: string): EventFormat;
}

const INT_WORDS = new Set(["signed", "unsigned", "char", "short", "int", "long", "_Bool"]);
const QUALIFIERS = new Set(["const", "volatile", "restrict"]);

/** `tracepoint__sched__sched_switch` → {category: "sched", event: "sched_switch"}, split as BCC does. */
export function splitTracepointStructName(tag: string): { category: string; event: string } | undefined {
  if (!tag.startsWith("tracepoint__")) return undefined;
  // BCC: the event follows the last "__", the category lies between the prefix and it.
  const last = tag.lastIndexOf("__");
  if (last <= "tracepoint".length) return undefined;
  const category = tag.slice("tracepoint__".length, last);
  const event = tag.slice(last + 2);
  if (category === "" || event === "") return undefined;
  return { category, event };
}

/** An integer type from C keywords ("unsigned long", "char", "unsigned"), or undefined. */
export function intFromWords(words: readonly string[]): CType | undefined {
  if (words.length === 0 || !words.every((w) => INT_WORDS.has(w))) return undefined;
  if (words.includes("_Bool")) return T.bool;
  const unsigned = words.includes("unsigned");
  const signed = words.includes("signed");
  if (words.includes("char")) return unsigned ? T.uchar : signed ? T.schar : T.char;
  if (words.includes("short")) return unsigned ? T.ushort : T.short;
  const longs = words.filter((w) => w === "long").length;
  if (longs >= 2) return unsigned ? T.ullong : T.llong;
  if (longs === 1) return unsigned ? T.ulong : T.long;
  return unsigned ? T.uint : T.int;
}

/**
 * Parses the C type text tracefs prints for a field ("const char *const *", "struct file *",
 * "unsigned long", "pid_t"). Returns undefined when the base type is unknown; the caller then falls
 * back on the field's size and signedness.
 */
export function parseFieldType(text: string, resolver: TypeResolver = {}): CType | undefined {
  const tokens: string[] = text.match(/[A-Za-z_][A-Za-z0-9_]*|\*/g) ?? [];
  const star = tokens.indexOf("*");
  const baseTokens = star < 0 ? tokens : tokens.slice(0, star);
  const baseConst = baseTokens.includes("const");
  // Address-space and annotation words (__seg_gs, __user) do not change the type.
  const words = baseTokens.filter((w) => !QUALIFIERS.has(w) && !(w.startsWith("__") && KNOWN_TYPEDEFS.get(w) === undefined && !resolver.lookupTypedef?.(w)));
  let base: CType | undefined;
  if (words[0] === "struct" || words[0] === "union") {
    base = words[1] !== undefined ? resolver.lookupStruct?.(words[1], words[0] === "union") : undefined;
  } else if (words[0] === "enum") {
    base = words[1] !== undefined ? resolver.lookupEnum?.(words[1]) : undefined;
  } else if (words.length === 1 && words[0] === "void") {
    base = T.void;
  } else if (words.length === 1 && words[0] === "bool") {
    base = T.bool;
  } else if (words.length === 1 && KNOWN_TYPEDEFS.has(words[0]!)) {
    base = intFromWords(KNOWN_TYPEDEFS.get(words[0]!)!);
  } else if (words.length === 1 && !INT_WORDS.has(words[0]!)) {
    base = resolver.lookupTypedef?.(words[0]!);
  } else {
    base = intFromWords(words);
  }
  if (star >= 0) {
    // A pointer to something we cannot name is still a pointer: keep it as void *.
    let t: CType = base ?? T.void;
    if (baseConst) t = { ...t, const: true } as CType;
    for (let i = star; i < tokens.length; i++) {
      if (tokens[i] === "*") t = ptrTo(t);
      else if (tokens[i] === "const") t = { ...t, const: true } as CType;
    }
    return t;
  }
  return base;
}

/** A byte array standing in for a field whose type we cannot represent. */
const bytes = (size: number): CType => arrayOf(T.uchar, size);

/** The compiler type of one format field (name adjustments for __data_loc happen in the caller). */
export function fieldType(f: FormatField, resolver: TypeResolver = {}): CType {
  if (f.isDataLoc || f.isRelLoc) return T.int;
  if (f.arrayLen !== undefined) {
    const elem = parseFieldType(f.elementType, resolver);
    if (f.arrayLen === 0) return arrayOf(elem ?? T.uchar, undefined);
    if (elem && elem.kind !== "void" && sizeOf(elem) * f.arrayLen === f.size) return arrayOf(elem, f.arrayLen);
    // Element unknown or disagreeing with the size: an array of equal-sized integers when it divides.
    const each = f.size / f.arrayLen;
    const it = Number.isInteger(each) ? intTypeFor(each, f.signed) : undefined;
    return it ? arrayOf(it, f.arrayLen) : bytes(f.size);
  }
  const t = parseFieldType(f.type, resolver);
  if (t?.kind === "ptr" && f.size === 8) return t;
  if (t?.kind === "int") {
    if (t.size === f.size) return t;
    return intTypeFor(f.size, t.signed) ?? bytes(f.size);
  }
  if (t?.kind === "record" && t.rec.complete && t.rec.size === f.size) return t;
  return intTypeFor(f.size, f.signed) ?? bytes(f.size);
}

/** The name a program uses for a field (BCC's data_loc_ prefix for dynamic arrays). */
export function fieldName(f: FormatField): string {
  if (f.isDataLoc) return `data_loc_${f.name}`;
  if (f.isRelLoc) return `rel_loc_${f.name}`;
  return f.name;
}

/** The record `struct tracepoint__<category>__<event>` for a parsed format. */
export function tracepointRecord(category: string, event: string, format: EventFormat, resolver: TypeResolver = {}): CType {
  const span: Span = { file: `<tracefs ${category}/${event}/format>`, line: 1, col: 1, endLine: 1, endCol: 1 };
  const fields: FieldInfo[] = [];
  let align = 1;
  let misaligned = false;
  let end = format.commonFields.reduce((e, f) => Math.max(e, f.offset + f.size), 0);
  for (const f of format.fields) {
    const type = fieldType(f, resolver);
    const a = alignOf(type);
    if (f.offset % a !== 0) misaligned = true;
    align = Math.max(align, a);
    end = Math.max(end, f.offset + f.size);
    fields.push({ name: fieldName(f), type, offset: f.offset, span });
  }
  fields.sort((x, y) => x.offset - y.offset);
  if (misaligned) align = 1;
  // The record's trailing dynamic data is not part of the struct; round the fixed part like C would.
  const size = Math.ceil(end / align) * align;
  const rec: RecordInfo = { union: false, tag: `tracepoint__${category}__${event}`, complete: true, fields, size, align, span };
  return { kind: "record", rec };
}

/** Loads the record for an event from tracefs; undefined when the event does not exist. */
export function loadTracepointRecord(source: FormatSource, category: string, event: string, resolver: TypeResolver = {}): CType | undefined {
  if (!source.eventExists(category, event)) return undefined;
  return tracepointRecord(category, event, source.format(category, event), resolver);
}
