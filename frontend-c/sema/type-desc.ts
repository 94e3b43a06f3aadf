/**
 * @fileoverview CType → CTypeDesc (src/spec): the JSON-able type description the runtime uses to
 * decode map keys/values and event records.
 */
import type { CFieldDesc, CTypeDesc } from "../../src/spec/c-type.ts";
import { type CType, alignOf, sizeOf, typeToString } from "./types.ts";

export function toTypeDesc(t: CType): CTypeDesc {
  switch (t.kind) {
    case "void": case "error": case "func": return { kind: "void", size: 0 };
    case "int":
      if (t.bool) return { kind: "bool", size: 1 };
      if (t.enumTag !== undefined) return { kind: "enum", name: t.enumTag, size: t.size, signed: t.signed, values: [] };
      return { kind: "int", name: t.name, size: t.size, signed: t.signed };
    case "ptr": case "map": return { kind: "pointer", size: 8, target: t.kind === "ptr" ? typeToString(t.to) : "void" };
    case "array": return { kind: "array", size: sizeOf(t), element: toTypeDesc(t.of), length: t.length ?? 0 };
    case "record": {
      const fields: CFieldDesc[] = [];
      const add = (rec: typeof t.rec, base: number): void => {
        for (const f of rec.fields) {
          if (f.name === undefined) {
            if (f.type.kind === "record") add(f.type.rec, base + f.offset);
            continue;
          }
          const d: CFieldDesc = { name: f.name, offset: base + f.offset, type: toTypeDesc(f.type) };
          if (f.bitWidth !== undefined) {
            d.bitOffset = f.bitOffset!;
            d.bitSize = f.bitWidth;
          }
          fields.push(d);
        }
      };
      add(t.rec, 0);
      return { kind: t.rec.union ? "union" : "struct", name: t.rec.tag ?? "", size: sizeOf(t), align: alignOf(t), fields };
    }
  }
}
