/**
 * @fileoverview The BTF wire format (include/uapi/linux/btf.h, Documentation/bpf/btf.rst): header
 * layout, kind numbers, the bit packing of `info`, INT encodings, linkages and the size of each
 * kind's trailing data. Pure constants and bit helpers, shared by the reader and the writer.
 *
 * All multi-byte fields are in the host's byte order; the kernel only produces and accepts BTF in its
 * own order, and every target we run on (x86_64, arm64) is little-endian, so we read and write LE and
 * reject a byte-swapped magic with a clear error instead of swapping.
 */

export const BTF_MAGIC = 0xeb9f;
export const BTF_VERSION = 1;
/** Size of `struct btf_header` as of Linux 6.x; readers must honour `hdr_len` (it may grow). */
export const BTF_HEADER_LEN = 24;

/** Kind numbers (bits 24..28 of `info`). */
export const BtfKind = {
  UNKN: 0,
  INT: 1,
  PTR: 2,
  ARRAY: 3,
  STRUCT: 4,
  UNION: 5,
  ENUM: 6,
  FWD: 7,
  TYPEDEF: 8,
  VOLATILE: 9,
  CONST: 10,
  RESTRICT: 11,
  FUNC: 12,
  FUNC_PROTO: 13,
  VAR: 14,
  DATASEC: 15,
  FLOAT: 16,
  DECL_TAG: 17,
  TYPE_TAG: 18,
  ENUM64: 19,
} as const;
export type BtfKindNumber = (typeof BtfKind)[keyof typeof BtfKind];
export const BTF_KIND_MAX = 19;

/** Lower-case kind names as used in our decoded types (and by bpftool's raw dump, upper-cased). */
export const KIND_NAMES = [
  "unkn", "int", "ptr", "array", "struct", "union", "enum", "fwd", "typedef", "volatile", "const",
  "restrict", "func", "func_proto", "var", "datasec", "float", "decl_tag", "type_tag", "enum64",
] as const;
export type BtfKindName = (typeof KIND_NAMES)[number];

/** `btf_type` is three u32 words: name_off, info, size-or-type. */
export const BTF_TYPE_LEN = 12;

/** Bits 24..27 of the u32 that follows an INT. */
export const BTF_INT_SIGNED = 1 << 0;
export const BTF_INT_CHAR = 1 << 1;
export const BTF_INT_BOOL = 1 << 2;

/** FUNC linkage (in vlen) and VAR linkage (the u32 after a VAR). */
export const BtfFuncLinkage = { STATIC: 0, GLOBAL: 1, EXTERN: 2 } as const;
export const BtfVarLinkage = { STATIC: 0, GLOBAL_ALLOCATED: 1, GLOBAL_EXTERN: 2 } as const;

/** The kernel's limits (btf.h): larger values cannot be encoded or are rejected by BTF_LOAD. */
export const BTF_MAX_TYPE = 0x000fffff;
export const BTF_MAX_NAME_OFFSET = 0x00ffffff;
export const BTF_MAX_VLEN = 0xffff;

export function infoKind(info: number): number {
  return (info >>> 24) & 0x1f;
}
export function infoVlen(info: number): number {
  return info & 0xffff;
}
export function infoKindFlag(info: number): boolean {
  return info >>> 31 === 1;
}
export function makeInfo(kind: number, vlen: number, kindFlag: boolean): number {
  return ((kindFlag ? 0x80000000 : 0) | ((kind & 0x1f) << 24) | (vlen & 0xffff)) >>> 0;
}

/**
 * Member `offset` word: without kind_flag it is the bit offset; with kind_flag (on the enclosing
 * struct/union) the high 8 bits are the bitfield size (0 = not a bitfield) and the low 24 the offset.
 */
export function memberBitOffset(offset: number, kindFlag: boolean): number {
  return kindFlag ? offset & 0xffffff : offset >>> 0;
}
export function memberBitfieldSize(offset: number, kindFlag: boolean): number {
  return kindFlag ? offset >>> 24 : 0;
}

/**
 * Bytes of kind-specific data after the 12-byte `btf_type`, or -1 for a kind this code does not
 * know (a newer kernel's): without its size the rest of the section cannot be walked.
 */
export function trailingBytes(kind: number, vlen: number): number {
  switch (kind) {
    case BtfKind.INT: return 4;
    case BtfKind.ARRAY: return 12;
    case BtfKind.STRUCT: case BtfKind.UNION: return 12 * vlen;
    case BtfKind.ENUM: return 8 * vlen;
    case BtfKind.ENUM64: return 12 * vlen;
    case BtfKind.FUNC_PROTO: return 8 * vlen;
    case BtfKind.VAR: return 4;
    case BtfKind.DATASEC: return 12 * vlen;
    case BtfKind.DECL_TAG: return 4;
    case BtfKind.PTR: case BtfKind.FWD: case BtfKind.TYPEDEF: case BtfKind.VOLATILE: case BtfKind.CONST:
    case BtfKind.RESTRICT: case BtfKind.FUNC: case BtfKind.FLOAT: case BtfKind.TYPE_TAG:
      return 0;
    default: return -1;
  }
}

/**
 * trailingBytes() as two tables indexed by kind, in 4-byte words: fixed + perVlen * vlen. The
 * index pass uses these (no call, no switch per type); -1 in FIXED marks an unknown kind.
 */
export const TRAILING_WORDS_FIXED = Int8Array.from({ length: 32 }, (_, k) => {
  const fixed = trailingBytes(k, 0);
  return fixed < 0 ? -1 : fixed / 4;
});
export const TRAILING_WORDS_PER_VLEN = Int8Array.from({ length: 32 }, (_, k) => {
  const fixed = trailingBytes(k, 0);
  return fixed < 0 ? 0 : (trailingBytes(k, 1) - fixed) / 4;
});

/** `bpf_func_info` / `bpf_line_info` record sizes the kernel expects for BPF_PROG_LOAD. */
export const FUNC_INFO_REC_SIZE = 8;
export const LINE_INFO_REC_SIZE = 16;
/** line_col packs the line in the high 22 bits and the column in the low 10. */
export const LINE_COL_LINE_SHIFT = 10;
export const LINE_COL_COL_MASK = 0x3ff;
export const LINE_COL_MAX_LINE = 0x3fffff;
