/**
 * @fileoverview Preprocessing-token lexer (C11 6.4 "preprocessing-token"). One pass over a file's text
 * produces its logical lines: each line is the token list between two newlines that are not inside a
 * block comment or removed by a backslash splice. Comments become whitespace (the `spaceBefore` flag),
 * and every token keeps the physical 1-based line and UTF-16 column of its first character, so the
 * emitter can put unmodified tokens back at exactly the same place.
 *
 * Lexing never fails: bad input (NUL, stray `\`, unterminated quotes) becomes Other/BadString tokens,
 * which the driver reports only if the line is actually used (a skipped `#if 0` block may hold
 * apostrophes in prose, and GCC is silent about those too). Only an unterminated comment is reported
 * here, because it swallows the rest of the file whatever the conditionals say.
 */

export const enum Kind {
  Ident,
  Number,
  Char,
  String,
  Punct,
  /** A single character that is no token of C (`@`, `$` is an identifier char, NUL, stray `\`). */
  Other,
  /** `<...>` after `#include`; text is the whole spelling including the brackets. */
  HeaderName,
  /** An unterminated `'` or `"` literal: the rest of the logical line. */
  BadString,
  /** Internal to `##` handling: the empty argument. Never reaches the output. */
  Placemarker,
}

/** An immutable set of macro names a token must not be expanded by (Prosser's hide set). */
export type HideSet = readonly string[];
export const EMPTY_HIDESET: HideSet = Object.freeze([]) as HideSet;

export interface Token {
  readonly kind: Kind;
  readonly text: string;
  /** Index into the preprocessor's file table. */
  readonly file: number;
  /** 1-based physical line and UTF-16 column of the first character (or of the macro invocation). */
  readonly line: number;
  readonly col: number;
  /** Whitespace or a comment precedes the token on its logical line. */
  readonly spaceBefore: boolean;
  /** Expansion record this token was produced by, -1 for text written by the user. */
  readonly exp: number;
  readonly hs: HideSet;
}

export interface LexLine {
  readonly tokens: Token[];
  /** Physical line where the logical line starts (also for empty lines). */
  readonly line: number;
  /** Physical line where it ends (after splices and multi-line comments). */
  readonly endLine: number;
}

export interface LexProblem {
  code: string;
  message: string;
  line: number;
  col: number;
}

export interface LexResult {
  lines: LexLine[];
  problems: LexProblem[];
}

// Punctuators, longest first within each leading character; digraphs are not supported (nobody writes
// them in BPF programs and `<:` would otherwise mis-lex template-looking code in comments' neighbours).
const PUNCT3 = new Set(["...", "<<=", ">>="]);
const PUNCT2 = new Set([
  "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=", "+=", "-=", "&=",
  "^=", "|=", "##",
]);
const PUNCT1 = "[](){}.&*+-~!/%<>^|?:;=,#";

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c >= 0x80;
}
function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Removes backslash-newline splices (GCC also accepts blanks between the backslash and the newline) and
 * returns the spliced text with a table to recover physical offsets: `removedAt[i]` is the logical
 * offset of the i-th splice and `removedLen[i]` how many physical characters it dropped.
 */
function splice(src: string): { text: string; removedAt: number[]; removedLen: number[] } {
  const removedAt: number[] = [];
  const removedLen: number[] = [];
  if (src.indexOf("\\") < 0) return { text: src, removedAt, removedLen };
  const parts: string[] = [];
  let from = 0;
  let logical = 0;
  let i = src.indexOf("\\");
  while (i >= 0) {
    let j = i + 1;
    while (j < src.length && (src.charCodeAt(j) === 32 || src.charCodeAt(j) === 9)) j++;
    if (j < src.length && src.charCodeAt(j) === 13) j++;
    if (j < src.length && src.charCodeAt(j) === 10) {
      parts.push(src.slice(from, i));
      logical += i - from;
      removedAt.push(logical);
      removedLen.push(j + 1 - i);
      from = j + 1;
      i = src.indexOf("\\", from);
    } else {
      i = src.indexOf("\\", i + 1);
    }
  }
  if (removedAt.length === 0) return { text: src, removedAt, removedLen };
  parts.push(src.slice(from));
  return { text: parts.join(""), removedAt, removedLen };
}

/** Lexes a whole file. `fileIdx` is stamped on every token. */
export function lexFile(src: string, fileIdx: number): LexResult {
  const { text, removedAt, removedLen } = splice(src);
  const problems: LexProblem[] = [];
  const lines: LexLine[] = [];

  // Physical line starts, for offset -> (line, col). Positions are requested in increasing order, so a
  // moving cursor makes the conversion O(1) amortised.
  const lineStarts: number[] = [0];
  for (let p = src.indexOf("\n"); p >= 0; p = src.indexOf("\n", p + 1)) lineStarts.push(p + 1);
  let lineCursor = 0;
  let spliceCursor = 0;
  let spliceShift = 0;
  const physical = (logical: number): number => {
    while (spliceCursor < removedAt.length && (removedAt[spliceCursor] as number) <= logical) {
      spliceShift += removedLen[spliceCursor] as number;
      spliceCursor++;
    }
    return logical + spliceShift;
  };
  let posLine = 1;
  let posCol = 1;
  const setPos = (logical: number): void => {
    const off = physical(logical);
    while (lineCursor + 1 < lineStarts.length && (lineStarts[lineCursor + 1] as number) <= off) lineCursor++;
    posLine = lineCursor + 1;
    posCol = off - (lineStarts[lineCursor] as number) + 1;
  };

  const n = text.length;
  let i = 0;
  let tokens: Token[] = [];
  let lineStartPhys = 1;
  let space = false;
  // Directive state, for lexing `<...>` as one header-name token after `#include`.
  let state = 0; // 0: line start, 1: saw leading '#', 2: saw '# include', 3: other
  const push = (kind: Kind, start: number, end: number): void => {
    setPos(start);
    tokens.push({ kind, text: text.slice(start, end), file: fileIdx, line: posLine, col: posCol, spaceBefore: space, exp: -1, hs: EMPTY_HIDESET });
    space = false;
  };
  const endLine = (): void => {
    setPos(i);
    lines.push({ tokens, line: lineStartPhys, endLine: posLine });
    tokens = [];
    space = false;
    state = 0;
    lineStartPhys = posLine + 1;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      endLine();
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 11 || c === 12) {
      space = true;
      i++;
      continue;
    }
    if (c === 47 /* / */) {
      const d = text.charCodeAt(i + 1);
      if (d === 47) {
        const nl = text.indexOf("\n", i);
        i = nl < 0 ? n : nl;
        space = true;
        continue;
      }
      if (d === 42) {
        const close = text.indexOf("*/", i + 2);
        if (close < 0) {
          setPos(i);
          problems.push({ code: "pp/unterminated-comment", message: "unterminated /* comment", line: posLine, col: posCol });
          i = n;
        } else {
          i = close + 2;
        }
        space = true;
        continue;
      }
    }
    const start = i;
    if (isIdentStart(c)) {
      // String/char prefixes: L, u, U, u8 directly followed by a quote.
      let j = i + 1;
      while (j < n && isIdentChar(text.charCodeAt(j))) j++;
      const q = text.charCodeAt(j);
      if ((q === 34 || q === 39) && j - i <= 2) {
        const pre = text.slice(i, j);
        if (pre === "L" || pre === "u" || pre === "U" || (pre === "u8" && q === 34)) {
          const e = lexQuoted(text, j, q);
          i = e < 0 ? lineEnd(text, start) : e;
          push(e < 0 ? Kind.BadString : q === 34 ? Kind.String : Kind.Char, start, i);
          state = 3;
          continue;
        }
      }
      i = j;
      push(Kind.Ident, start, i);
      if (state === 1) {
        const t = (tokens[tokens.length - 1] as Token).text;
        state = t === "include" || t === "include_next" || t === "import" ? 2 : 3;
      } else state = 3;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      i++;
      while (i < n) {
        const e = text.charCodeAt(i);
        if ((e === 43 || e === 45) && /[eEpP]/.test(text[i - 1] as string)) i++;
        else if (isIdentChar(e) || e === 46) i++;
        else break;
      }
      push(Kind.Number, start, i);
      state = 3;
      continue;
    }
    if (c === 34 || c === 39) {
      const e = lexQuoted(text, i, c);
      if (e < 0) {
        i = lineEnd(text, i);
        push(Kind.BadString, start, i);
      } else {
        i = e;
        push(c === 34 ? Kind.String : Kind.Char, start, i);
      }
      state = 3;
      continue;
    }
    if (c === 60 /* < */ && state === 2) {
      const close = text.indexOf(">", i);
      const nl = text.indexOf("\n", i);
      if (close >= 0 && (nl < 0 || close < nl)) {
        i = close + 1;
        push(Kind.HeaderName, start, i);
        state = 3;
        continue;
      }
    }
    const three = text.slice(i, i + 3);
    if (PUNCT3.has(three)) i += 3;
    else if (PUNCT2.has(three.slice(0, 2))) i += 2;
    else if (PUNCT1.indexOf(text[i] as string) >= 0) i += 1;
    else {
      // Lone surrogates and astral characters stay one token of one code point.
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      push(Kind.Other, start, i);
      state = 3;
      continue;
    }
    push(Kind.Punct, start, i);
    state = state === 0 && c === 35 && i - start === 1 ? 1 : 3;
  }
  // A file that does not end with a newline still has a last line; a file that does gets no empty one.
  if (tokens.length > 0 || lines.length === 0 || i > 0 && text.charCodeAt(n - 1) !== 10) endLine();
  return { lines, problems };
}

/** End offset (exclusive) of a quoted literal starting at `i`, or -1 if the line ends first. */
function lexQuoted(text: string, i: number, quote: number): number {
  let j = i + 1;
  const n = text.length;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === quote) return j + 1;
    if (c === 10) return -1;
    if (c === 92) {
      if (text.charCodeAt(j + 1) === 10) return -1;
      j += 2;
    }
    else j++;
  }
  return -1;
}

function lineEnd(text: string, i: number): number {
  const nl = text.indexOf("\n", i);
  return nl < 0 ? text.length : nl;
}
