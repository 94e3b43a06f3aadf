/**
 * @fileoverview Output writer and source map of the preprocessor.
 *
 * Layout: the output is one text; every output row (0-based, as tree-sitter reports it) has a *base*
 * (file, line) and an optional list of *segments*. Columns are UTF-16 code units, which is also what
 * node tree-sitter reports in `Point.column` for a JS-string input, so a tree-sitter (row, column)
 * goes straight into `lookup`.
 *   - With no segment before a column, the row maps linearly: output column c (0-based) is column
 *     c + 1 of the base line. A line without macros is written with every token at its original
 *     column, so it needs no segment at all and maps back exactly.
 *   - A segment starts at `outCol` and says what that column maps to. A *linear* segment (exp = -1)
 *     maps the following columns with the same offset; an *expansion* segment (exp >= 0) maps its
 *     whole extent to one place, the macro invocation in the user's file, and names the expansion
 *     record, whose chain gives the "expanded from macro 'X'" notes with the definitions' locations.
 *   - Macro arguments are user text: tokens substituted from an argument keep their own location
 *     (like clang's spelling location), only tokens produced by the macro body, `#` and `##` map to
 *     the invocation.
 * Rows follow the source: the writer moves to a new row when a token's source line is below the
 * current one, so the main file's rows stay in step with its lines until the first `#include` pulls
 * in text (each include shifts the rest by the lines it added). Lookup is O(log segments in the row).
 */
import type { Note, Span } from "../diagnostics/index.ts";
import { Kind, type Token } from "./lexer.ts";

export interface ExpansionRecord {
  macro: string;
  /** The invocation: the macro name up to the closing parenthesis, in the user's file. */
  call: Span;
  /** The `#define` (undefined for built-ins such as `__LINE__`). */
  def: Span | undefined;
  /** The expansion whose rescanning produced this invocation, or -1. */
  parent: number;
}

export interface MappedPosition {
  file: string;
  /** 1-based line and column. */
  line: number;
  col: number;
  /** Expansion record index, -1 for text the user wrote (including macro arguments). */
  expansion: number;
}

interface Segment {
  outCol: number;
  file: number;
  line: number;
  col: number;
  exp: number;
}

export class SourceMap {
  constructor(
    readonly files: readonly string[],
    readonly expansions: readonly ExpansionRecord[],
    private readonly rowFile: readonly number[],
    private readonly rowLine: readonly number[],
    private readonly rowSegs: readonly (Segment[] | undefined)[],
  ) {}

  get rowCount(): number {
    return this.rowFile.length;
  }

  /** Maps a 0-based output (row, column) to the original position; rows past the end clamp to the last. */
  lookup(row: number, column: number): MappedPosition {
    const r = Math.max(0, Math.min(row, this.rowFile.length - 1));
    const c = Math.max(0, column);
    const segs = this.rowSegs[r];
    let seg: Segment | undefined;
    if (segs !== undefined) {
      let lo = 0;
      let hi = segs.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((segs[mid] as Segment).outCol <= c) {
          seg = segs[mid];
          lo = mid + 1;
        } else hi = mid - 1;
      }
    }
    if (seg === undefined) {
      return { file: this.files[this.rowFile[r] ?? 0] ?? "", line: this.rowLine[r] ?? 1, col: c + 1, expansion: -1 };
    }
    const file = this.files[seg.file] ?? "";
    if (seg.exp >= 0) return { file, line: seg.line, col: seg.col, expansion: seg.exp };
    return { file, line: seg.line, col: seg.col + (c - seg.outCol), expansion: -1 };
  }

  /**
   * Maps an output range (0-based, end exclusive, e.g. a tree-sitter node's start/end points) to a
   * Span. A range end inside a macro expansion extends to the end of the invocation; if the two ends
   * land in different files the span degrades to its start position.
   */
  span(startRow: number, startCol: number, endRow: number, endColumn: number): Span {
    const a = this.lookup(startRow, startCol);
    const aCall = a.expansion >= 0 ? this.callOf(a.expansion) : undefined;
    const line = aCall ? aCall.line : a.line;
    const col = aCall ? aCall.col : a.col;
    let endLine = aCall ? aCall.endLine : line;
    let endCol = aCall ? aCall.endCol : col + 1;
    if (endRow > startRow || (endRow === startRow && endColumn > startCol + 1)) {
      // Map the last character of the range (an end at column 0 means "end of the previous row",
      // which we approximate by the start of the end row).
      const b = endColumn > 0 ? this.lookup(endRow, endColumn - 1) : this.lookup(endRow, 0);
      if (b.file === a.file) {
        let bl = b.line;
        let bc = b.col + (endColumn > 0 ? 1 : 0);
        if (b.expansion >= 0) {
          const call = this.callOf(b.expansion);
          bl = call.endLine;
          bc = call.endCol;
        }
        if (bl > endLine || (bl === endLine && bc > endCol)) {
          endLine = bl;
          endCol = bc;
        }
      }
    }
    return { file: a.file, line, col, endLine, endCol };
  }

  /** The outermost invocation span of an expansion (the text the user wrote). */
  callOf(exp: number): Span {
    let rec = this.expansions[exp] as ExpansionRecord;
    while (rec.parent >= 0) rec = this.expansions[rec.parent] as ExpansionRecord;
    return rec.call;
  }

  /** The notes for an output position: empty for user text, else the macro chain (see notes()). */
  notesAt(row: number, column: number): Note[] {
    const p = this.lookup(row, column);
    return p.expansion >= 0 ? this.notes(p.expansion) : [];
  }

  /** "expanded from macro 'X'" notes, innermost first, for a position's expansion. */
  notes(exp: number): Note[] {
    const out: Note[] = [];
    for (let e = exp; e >= 0; ) {
      const rec = this.expansions[e] as ExpansionRecord;
      out.push(rec.def ? { message: `expanded from macro '${rec.macro}'`, span: rec.def } : { message: `expanded from macro '${rec.macro}'` });
      e = rec.parent;
      if (out.length > 64) break;
    }
    return out;
  }
}

const SPACES = " ".repeat(128);

const PASTE2 = new Set([
  "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=", "+=", "-=", "&=",
  "^=", "|=", "##", "//", "/*", "..", "<<=", ">>=", "%:", "<:", ":>", "<%", "%>",
]);

function identChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c >= 0x80;
}

/** True if writing `b` right after `a` would lex differently than the two tokens. */
export function wouldPaste(a: Token, b: Token): boolean {
  const x = a.text.charCodeAt(a.text.length - 1);
  const y = b.text.charCodeAt(0);
  if (identChar(x) && (identChar(y) || (a.kind === Kind.Number && (y === 46 || y === 43 || y === 45)))) return true;
  if (a.kind === Kind.Ident && (b.kind === Kind.String || b.kind === Kind.Char)) return true;
  if (x === 46 && y >= 48 && y <= 57) return true;
  if (a.kind === Kind.Punct && b.kind === Kind.Punct) {
    return PASTE2.has(a.text.slice(-1) + b.text.slice(0, 1)) || PASTE2.has(a.text.slice(-2) + b.text.slice(0, 1));
  }
  return false;
}

/**
 * Writes tokens into output rows and records the map. Tokens from the user's text are placed at their
 * original column when the row allows it; others get one space where the source had whitespace or
 * where gluing would change the tokenisation.
 */
export class OutputWriter {
  /** All output text so far (V8 builds appended strings as ropes, flattened once in finish()). */
  private out = "";
  private rowCount = 0;
  private readonly rowFile: number[] = [0];
  private readonly rowLine: number[] = [1];
  private readonly rowSegs: (Segment[] | undefined)[] = [undefined];
  private col = 0;
  private file = -1;
  private srcLine = 1;
  private prev: Token | undefined;
  /** Total characters written, for the output-size cap. */
  size = 0;

  /** @param alignFile the main file's index (see moveTo); rows before any text map to its line 1. */
  constructor(private readonly alignFile = -1) {
    if (alignFile >= 0) this.rowFile[0] = alignFile;
  }

  get row(): number {
    return this.rowCount;
  }

  /** Moves to the row of (file, line): new rows while the line is below the current one. */
  moveTo(file: number, line: number): void {
    if (file !== this.file) {
      if (this.col > 0) this.newline();
      this.file = file;
      // The main file starts on the row of its line if the output is still short enough, so that
      // (before any include adds text) output row r is exactly source line r + 1.
      const pad = file === this.alignFile ? Math.max(0, line - 1 - this.rowCount) : 0;
      this.srcLine = line - pad;
      this.rowFile[this.rowCount] = file;
      this.rowLine[this.rowCount] = this.srcLine;
    }
    // Long gaps (a big #if 0 block, a header of #defines) are still written as empty rows: they cost
    // a byte each and keep every row of a file in step with its line.
    while (this.srcLine < line) this.newline();
  }

  private newline(): void {
    this.out += "\n";
    this.rowCount++;
    this.col = 0;
    this.prev = undefined;
    this.srcLine++;
    this.size++;
    this.rowFile.push(this.file < 0 ? 0 : this.file);
    this.rowLine.push(this.srcLine);
    this.rowSegs.push(undefined);
  }

  emit(tok: Token): void {
    this.moveTo(tok.file, tok.line);
    const target = tok.col - 1;
    const prev = this.prev;
    if (tok.line === this.srcLine && this.col < target) {
      const n = target - this.col;
      this.out += n <= SPACES.length ? SPACES.slice(0, n) : " ".repeat(n);
      this.size += target - this.col;
      this.col = target;
    } else if (prev !== undefined) {
      const adjacentInSource = prev.exp === -1 && tok.exp === -1 && prev.file === tok.file && prev.line === tok.line && prev.col + prev.text.length === tok.col;
      if (!adjacentInSource && (tok.spaceBefore || this.col < target || wouldPaste(prev, tok))) {
        this.out += " ";
        this.col++;
        this.size++;
      }
    }
    this.record(tok);
    this.out += tok.text;
    this.col += tok.text.length;
    this.size += tok.text.length;
    this.prev = tok;
  }

  private record(tok: Token): void {
    const r = this.rowCount;
    let segs = this.rowSegs[r];
    const last = segs?.[segs.length - 1];
    let same: boolean;
    if (last === undefined) {
      same = tok.exp === -1 && tok.file === this.rowFile[r] && tok.line === this.rowLine[r] && tok.col === this.col + 1;
    } else if (last.exp === -1) {
      same = tok.exp === -1 && tok.file === last.file && tok.line === last.line && tok.col === last.col + (this.col - last.outCol);
    } else {
      same = tok.exp === last.exp && tok.file === last.file && tok.line === last.line && tok.col === last.col;
    }
    if (same) return;
    if (segs === undefined) {
      segs = [];
      this.rowSegs[r] = segs;
    }
    segs.push({ outCol: this.col, file: tok.file, line: tok.line, col: tok.col, exp: tok.exp });
  }

  finish(files: readonly string[], expansions: readonly ExpansionRecord[]): { text: string; map: SourceMap } {
    this.out += "\n";
    return { text: this.out, map: new SourceMap(files, expansions, this.rowFile, this.rowLine, this.rowSegs) };
  }
}
