/**
 * @fileoverview Initializers: scalars, struct copies, strings into char arrays, and brace lists
 * with designators and brace elision (C11 6.7.9), flattened to (offset, value) parts. Any brace
 * initializer zero-fills the whole object first, which C requires for unnamed members and which
 * the verifier needs anyway (no reads of uninitialised stack, including padding).
 */
import type { Span } from "../diagnostics/index.ts";
import type { Designator, InitItem, Initializer } from "../parse/ast.ts";
import type { Checker } from "./checker.ts";
import { assignConvert, checkExpr, rvalue } from "./check-expr.ts";
import { constOf } from "./conversions.ts";
import type { InitPart, TInit } from "./typed-ast.ts";
import { type CType, type FieldInfo, isArray, isRecord, sizeOf, typeToString } from "./types.ts";

export interface InitResult extends TInit {
  /** The object type, with an incomplete array length (`int a[] = {1,2}`) filled in. */
  type: CType;
}

export function checkInitializer(c: Checker, type: CType, init: Initializer): InitResult {
  const parts: InitPart[] = [];
  if (init.kind === "init-list") {
    if (!isRecord(type) && !isArray(type)) {
      // `int x = { 5 };` is valid C; `= {}` zeroes.
      if (init.items.length > 1) c.error("sema/too-many-initializers", init.items[1]!.span, `too many initializers for ${typeToString(type)}`);
      const first = init.items[0];
      if (first && first.value.kind !== "init-list") {
        const v = assignConvert(c, type, rvalue(checkExpr(c, first.value)), first.span, "initialization");
        parts.push({ kind: "scalar", offset: 0, expr: v });
      }
      return { zeroFill: true, parts, type };
    }
    const maxIndex = { n: 0 };
    walk(c, type, 0, init.items, { i: 0 }, parts, true, maxIndex);
    let t = type;
    if (isArray(type) && type.length === undefined) t = { ...type, length: maxIndex.n };
    return { zeroFill: true, parts, type: t };
  }
  if (isArray(type) && init.kind === "string") {
    const t = stringInto(c, type, 0, init.bytes, init.span, parts);
    return { zeroFill: true, parts, type: t };
  }
  const v = rvalue(checkExpr(c, init));
  if (isRecord(type) || isArray(type)) {
    if (v.type.kind === "error") return { zeroFill: false, parts, type };
    if (isRecord(type) && isRecord(v.type) && v.type.rec === type.rec) {
      parts.push({ kind: "copy", offset: 0, expr: v, size: sizeOf(type) });
      return { zeroFill: false, parts, type };
    }
    c.error("sema/bad-initializer", init.span, `cannot initialize ${typeToString(type)} with ${typeToString(v.type)}`);
    return { zeroFill: false, parts, type };
  }
  parts.push({ kind: "scalar", offset: 0, expr: assignConvert(c, type, v, init.span, "initialization") });
  return { zeroFill: false, parts, type };
}

/** A string literal into a char array at `off`; returns the (completed) array type. */
function stringInto(c: Checker, t: CType & { kind: "array" }, off: number, raw: Uint8Array, span: Span, parts: InitPart[]): CType {
  if (!(t.of.kind === "int" && t.of.size === 1)) {
    c.error("sema/bad-initializer", span, `cannot initialize ${typeToString(t)} with a string literal`);
    return t;
  }
  const len = t.length ?? raw.length + 1;
  if (raw.length > len) c.warn("sema/string-too-long", span, `string of ${raw.length} bytes truncated to ${len}`);
  parts.push({ kind: "bytes", offset: off, bytes: raw.slice(0, Math.min(raw.length, len)) });
  return t.length === undefined ? { ...t, length: len } : t;
}

/** Named fields in declaration order, skipping unnamed bitfields (they take no initializer). */
function initFields(t: CType & { kind: "record" }): FieldInfo[] {
  return t.rec.fields.filter((f) => f.name !== undefined || f.type.kind === "record");
}

function walk(
  c: Checker, t: CType, off: number, list: InitItem[], idx: { i: number }, parts: InitPart[], braced: boolean,
  maxIndex: { n: number },
): void {
  let pos = 0;
  const isRec = isRecord(t);
  const fields = isRec ? initFields(t) : [];
  const elem = isArray(t) ? t.of : undefined;
  const limit = isRec ? fields.length : isArray(t) ? t.length ?? Infinity : 0;
  let first = true;
  while (idx.i < list.length) {
    const item = list[idx.i]!;
    // A brace-elided sub-aggregate starts at the item whose designators the enclosing level has
    // just used (`{.b = 9}` sets b's first member): they do not end it.
    let designators = first && !braced ? [] : item.designators;
    first = false;
    if (designators.length > 0) {
      if (!braced) return; // a designator ends a brace-elided sub-aggregate
      const d = designators[0]!;
      const p = designatorPosition(c, t, d);
      if (p === undefined) {
        idx.i++;
        continue;
      }
      pos = p;
      designators = designators.slice(1);
    }
    if (pos >= limit) {
      if (braced) c.error("sema/too-many-initializers", item.span, `excess elements in initializer for ${typeToString(t)}`);
      if (braced) idx.i = list.length;
      return;
    }
    const [subType, subOff, bit] = isRec
      ? [fields[pos]!.type, off + fields[pos]!.offset, fields[pos]!]
      : [elem!, off + pos * sizeOf(elem!), undefined];
    initOne(c, subType, subOff, bit, item, designators, list, idx, parts, maxIndex);
    pos++;
    if (isArray(t)) maxIndex.n = Math.max(maxIndex.n, pos);
    if (isRec && t.rec.union && !braced) return;
  }
}

function designatorPosition(c: Checker, t: CType, d: Designator): number | undefined {
  if (d.kind === "field") {
    if (!isRecord(t)) {
      c.error("sema/bad-designator", d.span, `field designator '.${d.name}' in an initializer for ${typeToString(t)}`);
      return undefined;
    }
    const i = initFields(t).findIndex((f) => f.name === d.name);
    if (i < 0) {
      c.error("sema/unknown-member", d.span, `no member named '${d.name}' in ${typeToString(t)}`);
      return undefined;
    }
    return i;
  }
  if (!isArray(t)) {
    c.error("sema/bad-designator", d.span, `array designator in an initializer for ${typeToString(t)}`);
    return undefined;
  }
  const v = constOf(rvalue(checkExpr(c, d.index!)));
  if (v === undefined || v < 0n || (t.length !== undefined && v >= BigInt(t.length))) {
    c.error("sema/bad-designator", d.span, `array designator index is not a constant within ${typeToString(t)}`);
    return undefined;
  }
  return Number(v);
}

function initOne(
  c: Checker, t: CType, off: number, field: FieldInfo | undefined, item: InitItem, rest: Designator[],
  list: InitItem[], idx: { i: number }, parts: InitPart[], maxIndex: { n: number },
): void {
  if (rest.length > 0) {
    // Nested designator (`.a.b = 1`): descend without consuming siblings.
    const p = designatorPosition(c, t, rest[0]!);
    if (p === undefined) {
      idx.i++;
      return;
    }
    if (isRecord(t)) {
      const f = initFields(t)[p]!;
      initOne(c, f.type, off + f.offset, f, item, rest.slice(1), list, idx, parts, maxIndex);
    } else if (isArray(t)) {
      initOne(c, t.of, off + p * sizeOf(t.of), undefined, item, rest.slice(1), list, idx, parts, maxIndex);
    }
    return;
  }
  const value = item.value;
  if (value.kind === "init-list") {
    idx.i++;
    if (isRecord(t) || isArray(t)) walk(c, t, off, value.items, { i: 0 }, parts, true, { n: 0 });
    else {
      const first = value.items[0];
      if (first && first.value.kind !== "init-list") {
        parts.push({ kind: "scalar", offset: off, expr: assignConvert(c, t, rvalue(checkExpr(c, first.value)), first.span, "initialization") });
      }
    }
    return;
  }
  if (isArray(t) && value.kind === "string") {
    idx.i++;
    stringInto(c, t, off, value.bytes, value.span, parts);
    return;
  }
  if (isRecord(t) || isArray(t)) {
    // Either a whole struct value, or the first scalar of a brace-elided sub-aggregate.
    if (isRecord(t)) {
      const probe = checkExpr(c, value);
      if (isRecord(probe.type) && probe.type.rec === t.rec) {
        idx.i++;
        parts.push({ kind: "copy", offset: off, expr: probe, size: sizeOf(t) });
        return;
      }
    }
    walk(c, t, off, list, idx, parts, false, { n: 0 });
    return;
  }
  idx.i++;
  const v = assignConvert(c, t, rvalue(checkExpr(c, value)), item.span, "initialization");
  const part: InitPart = { kind: "scalar", offset: off, expr: v };
  if (field?.bitWidth !== undefined) part.bitfield = { bitOffset: field.bitOffset!, bitWidth: field.bitWidth, unitSize: field.unitSize! };
  parts.push(part);
}
