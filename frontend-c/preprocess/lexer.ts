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

/**
 * An immutable set of macro names a token must not be expanded by (Prosser's hide set): a bit set
 * over the names numbered by the expander that built it (macros.ts HideSets), with no trailing zero
 * words. Never mutated once made; only macros.ts reads or builds one.
 */
export type HideSet = Readonly<Uint32Array>;
export const EMPTY_HIDESET: HideSet = new Uint32Array(0);

export interface Token {
  readonly kind: Kind;
  readonly text: string;
  /** Index into the preprocessor's file table. */
  readonly file: number;
  /** 1-based physical line and UTF-16 column of the first character (or of the macro invocation). */
  readonly line: number;
  readonly col: number;
  /** Whitespace, a comment or a line break precedes the token. */
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

/** Length of the punctuator at `i` (longest match, C11 6.4.6; no digraphs), 0 if none. */
function punctLen(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const d = text.charCodeAt(i + 1);
  switch (c) {
    case 46: // .
      return d === 46 && text.charCodeAt(i + 2) === 46 ? 3 : 1;
    case 60: // <
    case 62: // >
      if (d === c) return text.charCodeAt(i + 2) === 61 ? 3 : 2;
      return d === 61 ? 2 : 1;
    case 45: // -
      return d === 62 || d === 45 || d === 61 ? 2 : 1;
    case 43: // +
    case 38: // &
    case 124: // |
      return d === c || d === 61 ? 2 : 1;
    case 61: // =
    case 33: // !
    case 42: // *
    case 47: // /
    case 37: // %
    case 94: // ^
      return d === 61 ? 2 : 1;
    case 35: // #
      return d === 35 ? 2 : 1;
    case 91: case 93: case 40: case 41: case 123: case 125: case 126: case 63: case 58: case 59: case 44:
      return 1;
  }
  return 0;
}

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
/** Offset -> physical (line, column), for offsets requested in increasing order (O(1) amortised). */
class Positions {
  line = 1;
  col = 1;
  private lineCursor = 0;
  private spliceCursor = 0;
  private spliceShift = 0;
  private readonly lineStarts: number[] = [0];

  constructor(
    src: string,
    private readonly removedAt: readonly number[],
    private readonly removedLen: readonly number[],
  ) {
    for (let p = src.indexOf("\n"); p >= 0; p = src.indexOf("\n", p + 1)) this.lineStarts.push(p + 1);
  }

  /** Sets `line`/`col` for a logical (spliced-text) offset. */
  at(logical: number): void {
    while (this.spliceCursor < this.removedAt.length && (this.removedAt[this.spliceCursor] as number) <= logical) {
      this.spliceShift += this.removedLen[this.spliceCursor] as number;
      this.spliceCursor++;
    }
    const off = logical + this.spliceShift;
    const starts = this.lineStarts;
    let lc = this.lineCursor;
    while (lc + 1 < starts.length && (starts[lc + 1] as number) <= off) lc++;
    this.lineCursor = lc;
    this.line = lc + 1;
    this.col = off - (starts[lc] as number) + 1;
  }
}

function mkToken(kind: Kind, text: string, fileIdx: number, pos: Positions, space: boolean): Token {
  return { kind, text, file: fileIdx, line: pos.line, col: pos.col, spaceBefore: space, exp: -1, hs: EMPTY_HIDESET };
}

/** Lexes a whole file. `fileIdx` is stamped on every token. */
export function lexFile(src: string, fileIdx: number): LexResult {
  const { text, removedAt, removedLen } = splice(src);
  const problems: LexProblem[] = [];
  const lines: LexLine[] = [];
  const pos = new Positions(src, removedAt, removedLen);

  const n = text.length;
  let i = 0;
  let tokens: Token[] = [];
  let lineStartPhys = 1;
  let space = false;
  // Directive state, for lexing `<...>` as one header-name token after `#include`.
  let state = 0; // 0: line start, 1: saw leading '#', 2: saw '# include', 3: other

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      pos.at(i);
      lines.push({ tokens, line: lineStartPhys, endLine: pos.line });
      tokens = [];
      // A newline separates tokens like any whitespace (it matters when a macro call's arguments
      // span lines and get stringized).
      space = true;
      state = 0;
      lineStartPhys = pos.line + 1;
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
          pos.at(i);
          problems.push({ code: "pp/unterminated-comment", message: "unterminated /* comment", line: pos.line, col: pos.col });
          i = n;
        } else {
          i = close + 2;
        }
        space = true;
        continue;
      }
    }
    const start = i;
    let kind: Kind;
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentChar(text.charCodeAt(j))) j++;
      const q = text.charCodeAt(j);
      kind = Kind.Ident;
      i = j;
      // String/char prefixes: L, u, U, u8 directly followed by a quote.
      if ((q === 34 || q === 39) && j - start <= 2) {
        const pre = text.slice(start, j);
        if (pre === "L" || pre === "u" || pre === "U" || (pre === "u8" && q === 34)) {
          const e = lexQuoted(text, j, q);
          i = e < 0 ? lineEnd(text, start) : e;
          kind = e < 0 ? Kind.BadString : q === 34 ? Kind.String : Kind.Char;
        }
      }
      if (kind === Kind.Ident && state === 1) {
        const word = text.slice(start, i);
        state = word === "include" || word === "include_next" || word === "import" ? 2 : 3;
      } else state = 3;
    } else if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      i++;
      while (i < n) {
        const e = text.charCodeAt(i);
        if (isIdentChar(e) || e === 46) i++;
        else if ((e === 43 || e === 45) && isExpChar(text.charCodeAt(i - 1))) i++;
        else break;
      }
      kind = Kind.Number;
      state = 3;
    } else if (c === 34 || c === 39) {
      const e = lexQuoted(text, i, c);
      i = e < 0 ? lineEnd(text, i) : e;
      kind = e < 0 ? Kind.BadString : c === 34 ? Kind.String : Kind.Char;
      state = 3;
    } else if (c === 60 /* < */ && state === 2 && headerEnd(text, i) > 0) {
      i = headerEnd(text, i);
      kind = Kind.HeaderName;
      state = 3;
    } else {
      const plen = punctLen(text, i);
      if (plen > 0) {
        i += plen;
        kind = Kind.Punct;
        state = state === 0 && c === 35 && plen === 1 ? 1 : 3;
      } else {
        // Lone surrogates and astral characters stay one token of one code point.
        i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
        kind = Kind.Other;
        state = 3;
      }
    }
    pos.at(start);
    tokens.push(mkToken(kind, text.slice(start, i), fileIdx, pos, space));
    space = false;
  }
  // A file that does not end with a newline still has a last line; a file that does gets no empty one.
  if (tokens.length > 0 || lines.length === 0 || text.charCodeAt(n - 1) !== 10) {
    pos.at(n);
    lines.push({ tokens, line: lineStartPhys, endLine: pos.line });
  }
  return { lines, problems };
}

function isExpChar(c: number): boolean {
  return c === 101 || c === 69 || c === 112 || c === 80;
}

/** End (exclusive) of a `<...>` header name on this line, or -1. */
function headerEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 62) return j + 1;
    if (c === 10) return -1;
  }
  return -1;
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
