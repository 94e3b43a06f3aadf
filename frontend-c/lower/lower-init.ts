/**
 * @fileoverview Initialising objects from sema's flattened TInit: zero-fill, then scalar parts,
 * struct copies and string bytes at their offsets.
 */
import type { Span } from "../diagnostics/index.ts";
import { isFrame } from "../ir/ir.ts";
import type { TInit } from "../sema/typed-ast.ts";
import { type CType, alignOf, sizeOf } from "../sema/types.ts";
import { lowerExpr } from "./lower-expr.ts";
import { type Addr, lowerRecordValue, storeBytes, writeLvalue } from "./lower-lvalue.ts";
import type { FnLowerer } from "./lowerer.ts";

/** Alignment usable for wide accesses: frame objects of 8+ bytes are 8-aligned (see lowerer.ts). */
export function effectiveAlign(a: Addr, t: CType): number {
  if (isFrame(a.base) && sizeOf(t) >= 8) {
    let al = 8;
    while (al > 1 && a.off % al !== 0) al >>= 1;
    return Math.max(al, Math.min(8, alignOf(t)));
  }
  return Math.min(8, alignOf(t));
}

export function initObject(L: FnLowerer, a: Addr, t: CType, init: TInit | undefined, span: Span): void {
  const size = sizeOf(t);
  const align = effectiveAlign(a, t);
  if (!init) {
    // Uninitialised in C, but the verifier rejects reads of never-written stack (including
    // padding handed to helpers), so memory objects start zeroed.
    L.b.zero(a.base, a.off, size, align, span);
    return;
  }
  const coversAll = init.parts.length === 1 && init.parts[0]!.offset === 0 &&
    (init.parts[0]!.kind === "copy" || (init.parts[0]!.kind === "scalar" && t.kind !== "record" && t.kind !== "array"));
  if (init.zeroFill || !coversAll) L.b.zero(a.base, a.off, size, align, span);
  for (const p of init.parts) {
    const at: Addr = { base: a.base, off: a.off + p.offset };
    switch (p.kind) {
      case "scalar": {
        const v = lowerExpr(L, p.expr);
        const lv = p.bitfield
          ? { kind: "mem" as const, addr: at, type: p.expr.type, bitfield: p.bitfield }
          : { kind: "mem" as const, addr: at, type: p.expr.type };
        writeLvalue(L, lv, v, p.expr.span);
        break;
      }
      case "copy": {
        const src = lowerRecordValue(L, p.expr);
        L.b.copy(at.base, at.off, src.base, src.off, p.size, Math.min(align, Math.min(8, alignOf(p.expr.type))), p.expr.span);
        break;
      }
      case "bytes":
        storeBytes(L, at, p.bytes, isFrame(at.base) && at.off % 8 === 0, span);
        break;
    }
  }
}
