/**
 * @fileoverview Pragma records. Pragmas are not written to the preprocessed text (tree-sitter would
 * have to parse them wherever they appear); each is recorded with the output row its line would have
 * occupied, so a pragma before a loop has a row below the loop's first row with no code row between.
 * Loop-unrolling hints are classified here so the parser need not know the spellings.
 */
import type { Span } from "../diagnostics/index.ts";

export interface UnrollHint {
  kind: "unroll" | "full" | "disable";
  count?: number;
}

export interface PragmaRecord {
  /** 0-based output row where the pragma's line would be (nothing is written there). */
  row: number;
  /** Text after `#pragma`, tokens separated by single spaces where the source had whitespace. */
  text: string;
  span: Span;
  unroll?: UnrollHint;
}

/** Recognises the loop-unrolling pragmas GCC and clang accept. */
export function classifyUnroll(text: string): UnrollHint | undefined {
  const t = text.replace(/\s+/g, " ").trim();
  let m = /^(?:GCC )?unroll(?:\s*\(?\s*(\d+)\s*\)?)?$/.exec(t);
  if (m) return m[1] !== undefined ? { kind: "unroll", count: Number(m[1]) } : { kind: "full" };
  if (t === "nounroll") return { kind: "disable" };
  m = /^clang loop unroll ?\( ?(full|enable|disable) ?\)/.exec(t);
  if (m) return { kind: m[1] === "disable" ? "disable" : m[1] === "full" ? "full" : "unroll" };
  m = /^clang loop unroll_count ?\( ?(\d+) ?\)/.exec(t);
  if (m) return { kind: "unroll", count: Number(m[1]) };
  return undefined;
}
