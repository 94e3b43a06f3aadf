/**
 * @fileoverview Struct/union layout with the x86_64 System V rules as GCC implements them:
 * natural alignment, bitfields that never straddle a unit of their declared type (unless packed),
 * zero-width bitfields aligning to their type, unnamed bitfields not raising the struct's
 * alignment, `packed` (alignment 1, bitfields at the next free bit) and `aligned(N)`.
 */
import type { Span } from "../diagnostics/index.ts";
import { type CType, type FieldInfo, type RecordInfo, alignOf, sizeOf } from "./types.ts";

export interface FieldLayoutInput {
  name: string | undefined;
  type: CType;
  bitWidth: number | undefined;
  /** From `__attribute__((aligned(N)))` on the member. */
  alignAttr: number | undefined;
  packedAttr: boolean;
  span: Span;
}

export interface RecordAttrs {
  packed: boolean;
  aligned: number | undefined;
}

const roundUp = (n: number, a: number): number => (a <= 1 ? n : Math.ceil(n / a) * a);

/** Smallest power-of-two access size covering `bits` bits. */
function coverSize(bits: number): 1 | 2 | 4 | 8 | undefined {
  if (bits <= 8) return 1;
  if (bits <= 16) return 2;
  if (bits <= 32) return 4;
  if (bits <= 64) return 8;
  return undefined;
}

/**
 * Lays out `fields` into `rec` (filled in place so references to the record see the completion).
 * Returns the names of bitfields whose bits cannot be reached with one aligned access (only
 * possible in packed records); the caller reports them.
 */
export function layoutRecord(rec: RecordInfo, fields: FieldLayoutInput[], attrs: RecordAttrs): string[] {
  const bad: string[] = [];
  const out: FieldInfo[] = [];
  let bitOff = 0; // next free bit (structs)
  let maxBits = 0; // union size in bits
  let align = 1;
  for (const f of fields) {
    const tSize = sizeOf(f.type);
    const tAlign = alignOf(f.type);
    const packed = attrs.packed || f.packedAttr;
    if (f.bitWidth !== undefined) {
      const w = f.bitWidth;
      const unitBits = tSize * 8;
      let start = rec.union ? 0 : bitOff;
      if (w === 0) {
        if (!rec.union) bitOff = roundUp(bitOff, tAlign * 8);
        continue;
      }
      if (!packed) {
        if (Math.floor(start / unitBits) !== Math.floor((start + w - 1) / unitBits)) start = roundUp(start, tAlign * 8);
      }
      if (f.alignAttr !== undefined) start = roundUp(start, f.alignAttr * 8);
      let unitStart: number;
      let unitSize: 1 | 2 | 4 | 8 | undefined;
      if (!packed) {
        unitStart = Math.floor(start / unitBits) * tSize;
        unitSize = tSize as 1 | 2 | 4 | 8;
      } else {
        unitStart = Math.floor(start / 8);
        unitSize = coverSize(start - unitStart * 8 + w);
        if (unitSize === undefined) {
          bad.push(f.name ?? "<unnamed>");
          unitSize = 8;
        }
      }
      if (f.name !== undefined) {
        out.push({ name: f.name, type: f.type, offset: unitStart, bitOffset: start - unitStart * 8, bitWidth: w, unitSize, span: f.span });
        if (!packed) align = Math.max(align, tAlign);
      }
      if (f.alignAttr !== undefined) align = Math.max(align, f.alignAttr);
      if (rec.union) maxBits = Math.max(maxBits, w);
      else bitOff = start + w;
      continue;
    }
    let fAlign = packed ? 1 : tAlign;
    if (f.alignAttr !== undefined) fAlign = Math.max(fAlign, f.alignAttr);
    align = Math.max(align, fAlign);
    if (rec.union) {
      out.push({ name: f.name, type: f.type, offset: 0, span: f.span });
      maxBits = Math.max(maxBits, tSize * 8);
    } else {
      const off = roundUp(Math.ceil(bitOff / 8), fAlign);
      out.push({ name: f.name, type: f.type, offset: off, span: f.span });
      bitOff = (off + tSize) * 8;
    }
  }
  if (attrs.aligned !== undefined) align = Math.max(align, attrs.aligned);
  const bytes = Math.ceil((rec.union ? maxBits : bitOff) / 8);
  rec.fields = out;
  rec.align = align;
  rec.size = roundUp(bytes, align);
  rec.complete = true;
  return bad;
}

export interface MemberPath {
  /** Byte offset from the start of the outermost record. */
  offset: number;
  field: FieldInfo;
}

/** Finds a member by name, descending into anonymous struct/union members. */
export function findMember(rec: RecordInfo, name: string): MemberPath | undefined {
  for (const f of rec.fields) {
    if (f.name === name) return { offset: f.offset, field: f };
    if (f.name === undefined && f.type.kind === "record") {
      const inner = findMember(f.type.rec, name);
      if (inner) return { offset: f.offset + inner.offset, field: inner.field };
    }
  }
  return undefined;
}

/** All member names reachable by `.name` (for did-you-mean suggestions). */
export function memberNames(rec: RecordInfo): string[] {
  const out: string[] = [];
  for (const f of rec.fields) {
    if (f.name !== undefined) out.push(f.name);
    else if (f.type.kind === "record") out.push(...memberNames(f.type.rec));
  }
  return out;
}
