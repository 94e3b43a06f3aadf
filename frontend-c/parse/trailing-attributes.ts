/**
 * @fileoverview tree-sitter-c does not accept GNU attributes after a declarator
 * (`} m __attribute__((section(".maps")));`, `char LICENSE[] SEC("license") = "GPL";`), which is
 * exactly where BPF programs put them. Before parsing we blank such attributes out (same length,
 * so positions do not move) and remember them by text offset; the declaration converter
 * re-attaches them to the declarator they follow.
 */
import type { Span } from "../diagnostics/index.ts";
import type { Attribute, Expr } from "./ast.ts";
import { decodeEscapes, parseIntLiteral } from "./literals.ts";

export interface TrailingAttribute {
  /** UTF-16 offset of `__attribute__` in the text. */
  start: number;
  attrs: Attribute[];
}

function matchParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      continue;
    }
    if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i;
  }
  return -1;
}

/** Splits at top-level commas (outside parentheses and strings). */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '"') {
      let j = i + 1;
      for (; j < s.length && s[j] !== '"'; j++) if (s[j] === "\\") j++;
      cur += s.slice(i, j + 1);
      i = j;
      continue;
    }
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur.trim() !== "") out.push(cur);
  return out;
}

function argExpr(text: string, span: Span): Expr {
  const t = text.trim();
  if (t.startsWith('"')) {
    const parts = [...t.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => decodeEscapes(m[1]!));
    const len = parts.reduce((n, p) => n + p.length, 0);
    const bytes = new Uint8Array(len);
    let off = 0;
    for (const p of parts) {
      bytes.set(p, off);
      off += p.length;
    }
    return { kind: "string", bytes, span };
  }
  const lit = parseIntLiteral(t);
  if (lit.error === undefined) return { kind: "int", value: lit.value, unsigned: lit.unsigned, longs: lit.longs, decimal: true, span };
  return { kind: "ident", name: t, span };
}

/**
 * Finds attributes that follow a declarator (next significant character is `;`, `=` or `,`),
 * returns the text with them blanked and the attributes found.
 */
export function extractTrailingAttributes(
  text: string,
  spanAt: (offset: number, length: number) => Span,
): { text: string; found: TrailingAttribute[] } {
  if (!text.includes("__attribute__")) return { text, found: [] };
  const found: TrailingAttribute[] = [];
  let out = text;
  const re = /__attribute__\s*\(/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const open = m.index + m[0].length - 1;
    const close = matchParen(text, open);
    if (close < 0) break;
    let k = close + 1;
    while (k < text.length && /\s/.test(text[k]!)) k++;
    const next = text[k];
    // Only after a declarator: the previous significant character ends a name or `]`/`)`.
    let p = m.index - 1;
    while (p >= 0 && /\s/.test(text[p]!)) p--;
    const prev = text[p];
    const afterDeclarator = prev !== undefined && /[\w\])]/.test(prev) && !/\b(struct|union|enum)\s*$/.test(text.slice(0, p + 1));
    if ((next === ";" || next === "=" || next === ",") && afterDeclarator) {
      const inner = text.slice(open + 1, close).trim().replace(/^\(/, "").replace(/\)$/, "");
      const span = spanAt(m.index, close + 1 - m.index);
      const attrs: Attribute[] = [];
      for (const item of splitTop(inner)) {
        const am = /^\s*(\w+)\s*(?:\((.*)\))?\s*$/s.exec(item);
        if (!am) continue;
        const name = am[1]!.replace(/^__(.*)__$/, "$1");
        const args = am[2] !== undefined ? splitTop(am[2]).map((a) => argExpr(a, span)) : [];
        attrs.push({ name, args, span });
      }
      found.push({ start: m.index, attrs });
      out = out.slice(0, m.index) + out.slice(m.index, close + 1).replace(/[^\n]/g, " ") + out.slice(close + 1);
    }
    re.lastIndex = close + 1;
  }
  return { text: out, found };
}
