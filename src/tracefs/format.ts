/**
 * Parser for tracefs `events/<category>/<event>/format` files.
 *
 * The kernel prints (kernel/trace/trace_events.c, f_show):
 *
 *   name: sched_switch
 *   ID: 372
 *   format:
 *   \tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;
 *   ...common fields...
 *   <blank line>
 *   \tfield:char prev_comm[16];\toffset:8;\tsize:16;\tsigned:0;
 *   ...event fields...
 *   <blank line>
 *   print fmt: "prev_comm=%s ...", REC->prev_comm, ...
 *
 * The declaration after `field:` is C text, not always a plain "type name": arrays ("char comm[16]",
 * flexible "char buf[]"), dynamic strings ("__data_loc char[] filename": a u32 holding
 * length << 16 | offset-in-record), relative dynamic data since 5.19 ("__rel_loc", offset counted from
 * the end of the field itself). The declared type need not match `size`: syscall tracepoints declare
 * "int dfd" with size 8 because every syscall argument is stored as a long. So `size` is authoritative
 * and the type is kept as text for code generation.
 *
 * The print fmt may span several physical lines (a format string can contain a real newline), so it is
 * everything after "print fmt: " to the end of the file.
 */
import { FormatParseError } from "./errors.ts";

export interface FormatField {
  /** Field name as used in the record (REC->name). */
  name: string;
  /**
   * C type text with any array suffix moved onto the type: "const char *", "unsigned long",
   * "char[16]", "char[]" (flexible or __data_loc), "pid_t". Without the __data_loc/__rel_loc marker.
   */
  type: string;
  /** The type without the array suffix ("char" for "char[16]"); equals `type` for non-arrays. */
  elementType: string;
  offset: number;
  size: number;
  signed: boolean;
  /** `__data_loc`: the field is a u32 (len << 16 | offset from the start of the record). */
  isDataLoc: boolean;
  /** `__rel_loc`: like __data_loc, but the offset counts from the end of this field. */
  isRelLoc: boolean;
  /**
   * Element count for array declarations: 16 for "char[16]", 0 for a flexible "char[]" and for
   * __data_loc/__rel_loc arrays (their length is only known per record). Absent for scalars.
   */
  arrayLen?: number;
  /** The declaration text exactly as the kernel printed it (after "field:"). */
  decl: string;
}

export interface EventFormat {
  name: string;
  id: number;
  /** Fields common to every event (common_type, common_flags, common_preempt_count, common_pid). */
  commonFields: FormatField[];
  /** The event's own fields, in record order. */
  fields: FormatField[];
  /** Text after "print fmt: ", verbatim (may contain newlines). */
  printFmt: string;
  /** Size of the fixed part of the record: the end of the last field (dynamic data follows it). */
  fixedSize: number;
}

// "offset:8;" "size:4;" "signed:1;" — the attributes after the declaration, in any order.
const ATTR_RE = /\b(offset|size|signed):(-?\d+);/g;
const FIELD_PREFIX_RE = /^field(?: special)?:/;

/** Parse the text of a `format` file. `source` (usually the path) prefixes error messages. */
export function parseFormat(text: string, source?: string): EventFormat {
  const lines = text.split("\n");
  let name: string | undefined;
  let id: number | undefined;
  let printFmt: string | undefined;
  const groups: FormatField[][] = [[]];
  let inFormat = false;

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const line = raw.trim();
    const lineNo = i + 1;
    if (line.startsWith("print fmt:")) {
      // Rejoin the remaining physical lines: a format string may contain a literal newline.
      const rest = [raw.slice(raw.indexOf("print fmt:") + "print fmt:".length), ...lines.slice(i + 1)].join("\n");
      printFmt = rest.replace(/^ /, "").replace(/\n+$/, "");
      break;
    }
    if (line === "") {
      // A blank line separates the common fields from the event's own fields.
      if (inFormat && (groups[groups.length - 1]?.length ?? 0) > 0) groups.push([]);
      continue;
    }
    if (line.startsWith("name:")) {
      name = line.slice(5).trim();
    } else if (line.startsWith("ID:")) {
      const value = line.slice(3).trim();
      if (!/^\d+$/.test(value)) throw new FormatParseError(`bad ID "${value}"`, lineNo, source);
      id = Number(value);
    } else if (line === "format:") {
      inFormat = true;
    } else if (FIELD_PREFIX_RE.test(line)) {
      if (!inFormat) throw new FormatParseError("field before 'format:'", lineNo, source);
      groups[groups.length - 1]?.push(parseFieldLine(line, lineNo, source));
    } else {
      throw new FormatParseError(`unexpected line "${line}"`, lineNo, source);
    }
  }

  if (name === undefined) throw new FormatParseError("missing 'name:' line", 1, source);
  if (id === undefined) throw new FormatParseError("missing 'ID:' line", 1, source);
  const nonEmpty = groups.filter((g) => g.length > 0);
  let commonFields: FormatField[];
  let fields: FormatField[];
  if (nonEmpty.length >= 2) {
    commonFields = nonEmpty[0] ?? [];
    fields = nonEmpty.slice(1).flat();
  } else {
    // No blank separator (not seen on real kernels, but cheap to tolerate): split by name prefix.
    const all = nonEmpty.flat();
    commonFields = all.filter((f) => f.name.startsWith("common_"));
    fields = all.filter((f) => !f.name.startsWith("common_"));
  }
  let fixedSize = 0;
  for (const f of [...commonFields, ...fields]) fixedSize = Math.max(fixedSize, f.offset + f.size);
  return { name, id, commonFields, fields, printFmt: printFmt ?? "", fixedSize };
}

function parseFieldLine(line: string, lineNo: number, source: string | undefined): FormatField {
  const body = line.replace(FIELD_PREFIX_RE, "");
  // The declaration ends at the first ';' (C declarations here never contain one).
  const semi = body.indexOf(";");
  if (semi < 0) throw new FormatParseError(`field without ';': "${line}"`, lineNo, source);
  const decl = body.slice(0, semi).trim();
  const attrs = new Map<string, number>();
  for (const m of body.slice(semi + 1).matchAll(ATTR_RE)) attrs.set(m[1] ?? "", Number(m[2]));
  const offset = attrs.get("offset");
  const size = attrs.get("size");
  if (offset === undefined || size === undefined) {
    throw new FormatParseError(`field without offset/size: "${line}"`, lineNo, source);
  }
  const parsed = parseDecl(decl);
  if (parsed === undefined) throw new FormatParseError(`cannot parse declaration "${decl}"`, lineNo, source);
  const field: FormatField = {
    name: parsed.name,
    type: parsed.type,
    elementType: parsed.elementType,
    offset,
    size,
    // Kernels before 2.6.31 print no signed attribute.
    signed: (attrs.get("signed") ?? 0) !== 0,
    isDataLoc: parsed.loc === "__data_loc",
    isRelLoc: parsed.loc === "__rel_loc",
    decl,
  };
  if (parsed.arrayLenText !== undefined) {
    const len = resolveArrayLen(parsed.arrayLenText, parsed.loc !== undefined, size, parsed.elementType);
    if (len !== undefined) field.arrayLen = len;
  }
  return field;
}

interface ParsedDecl {
  name: string;
  type: string;
  elementType: string;
  loc?: "__data_loc" | "__rel_loc";
  arrayLenText?: string;
}

/**
 * Split a declaration into type and name. Shapes met on real kernels:
 *   "unsigned long ip"            "const char * filename"       "char prev_comm[16]"
 *   "char buf[]"                  "__data_loc char[] filename"  "__data_loc unsigned int[] lengths"
 *   "__rel_loc char[] name"       "u8 saddr[sizeof(struct sockaddr_in6)]" (older kernels)
 */
export function parseDecl(decl: string): ParsedDecl | undefined {
  let text = decl.trim();
  let loc: ParsedDecl["loc"];
  const locMatch = /^(__data_loc|__rel_loc)\s+/.exec(text);
  if (locMatch) {
    loc = locMatch[1] as ParsedDecl["loc"];
    text = text.slice(locMatch[0].length);
  }
  // Trailing "[...]" after the name: "char comm[16]".
  let arrayLenText: string | undefined;
  const suffix = /\[([^\]]*)\]\s*$/.exec(text);
  if (suffix) {
    arrayLenText = suffix[1]?.trim() ?? "";
    text = text.slice(0, suffix.index).trimEnd();
  }
  const nameMatch = /([A-Za-z_]\w*)$/.exec(text);
  if (!nameMatch) return undefined;
  const name = nameMatch[1] ?? "";
  let elementType = text.slice(0, nameMatch.index).trim();
  // __data_loc declarations carry "[]" on the type ("char[]") rather than after the name.
  const typeArray = /\[([^\]]*)\]$/.exec(elementType);
  if (typeArray) {
    arrayLenText ??= typeArray[1]?.trim() ?? "";
    elementType = elementType.slice(0, typeArray.index).trimEnd();
  }
  if (elementType === "") return undefined;
  const type = arrayLenText === undefined ? elementType : `${elementType}[${arrayLenText}]`;
  const out: ParsedDecl = { name, type, elementType };
  if (loc !== undefined) out.loc = loc;
  if (arrayLenText !== undefined) out.arrayLenText = arrayLenText;
  return out;
}

/** Sizes of the element types whose width does not depend on anything but the ABI (x86_64/arm64). */
const ELEMENT_SIZES: Record<string, number> = {
  char: 1, "signed char": 1, "unsigned char": 1, u8: 1, s8: 1, __u8: 1, __s8: 1, uint8_t: 1, int8_t: 1, bool: 1,
  short: 2, "unsigned short": 2, u16: 2, s16: 2, __u16: 2, __s16: 2, __be16: 2, __le16: 2, uint16_t: 2, int16_t: 2,
  int: 4, "unsigned int": 4, unsigned: 4, u32: 4, s32: 4, __u32: 4, __s32: 4, __be32: 4, __le32: 4, uint32_t: 4,
  int32_t: 4,
  long: 8, "unsigned long": 8, "long long": 8, "unsigned long long": 8, u64: 8, s64: 8, __u64: 8, __s64: 8,
  uint64_t: 8, int64_t: 8,
};

/** Byte size of an element type when it is a known fixed-width C type, else undefined. */
export function knownElementSize(elementType: string): number | undefined {
  if (/\*\s*$/.test(elementType)) return 8;
  return ELEMENT_SIZES[elementType.replace(/^const\s+/, "").replace(/\s+/g, " ")];
}

function resolveArrayLen(text: string, dynamic: boolean, size: number, elementType: string): number | undefined {
  if (dynamic || text === "") return 0;
  if (/^\d+$/.test(text)) return Number(text);
  if (/^0x[0-9a-f]+$/i.test(text)) return Number.parseInt(text, 16);
  // A macro or sizeof expression (older kernels stringified those): derive it from the byte size.
  const elem = knownElementSize(elementType);
  return elem !== undefined && size % elem === 0 ? size / elem : undefined;
}

/** All fields, common ones first, as they sit in the record. */
export function allFields(format: EventFormat): FormatField[] {
  return [...format.commonFields, ...format.fields];
}

/** Find a field by name (event fields first, then common ones). */
export function findField(format: EventFormat, name: string): FormatField | undefined {
  return format.fields.find((f) => f.name === name) ?? format.commonFields.find((f) => f.name === name);
}

/**
 * Decode a __data_loc/__rel_loc field of a raw record into [start, length] within the record.
 * `locWord` is the u32 stored at the field's offset.
 */
export function dynamicDataSpan(field: FormatField, locWord: number): { start: number; length: number } {
  const length = locWord >>> 16;
  const rel = locWord & 0xffff;
  return { start: field.isRelLoc ? field.offset + field.size + rel : rel, length };
}
