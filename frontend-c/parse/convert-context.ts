/**
 * @fileoverview State shared by the CST → AST converters for one translation unit: the span
 * conversion (done here and nowhere else), the typedef names in scope (tree-sitter parses without
 * them, so the converters repair `(T)*p`-style ambiguities), and pending `#pragma unroll`s.
 */
import type { CstNode as SyntaxNode } from "./cst.ts";
import type { DiagnosticSink, Span } from "../diagnostics/index.ts";
import type { Attribute } from "./ast.ts";
import { KNOWN_TYPEDEFS } from "./known-typedefs.ts";
import type { TrailingAttribute } from "./trailing-attributes.ts";

/**
 * Maps a 0-based (row, column) of the parsed text to user coordinates. Columns given to it are
 * UTF-16 code units: the Node binding feeds tree-sitter UTF-16 text, so its `column` is already in
 * code units (the parse test pins this). The preprocessor's source map plugs in here.
 */
export interface PositionMapper {
  /** Maps an output range (0-based, end exclusive) to a user Span. */
  span(startRow: number, startCol: number, endRow: number, endCol: number): Span;
}

export class ConvertContext {
  /** Per scope: name → true for a typedef, false for an ordinary identifier shadowing one. */
  private readonly typedefScopes: Map<string, boolean>[] = [new Map()];
  /** Set when a `#pragma unroll` was seen and not yet consumed by a loop. */
  pendingUnroll = false;

  constructor(
    readonly file: string,
    readonly sink: DiagnosticSink,
    private readonly mapper: PositionMapper | undefined,
    private readonly externalTypedef: (name: string) => boolean,
    private readonly unrollRows: number[] = [],
  ) {}

  /** Attributes blanked out of the text before parsing (see trailing-attributes.ts). */
  trailingAttributes: TrailingAttribute[] = [];

  /** Takes the trailing attributes that start within [from, to) text offsets. */
  takeTrailingAttributes(from: number, to: number): Attribute[] {
    const out: Attribute[] = [];
    for (const t of this.trailingAttributes) if (t.start >= from && t.start < to) out.push(...t.attrs);
    return out;
  }

  span(node: SyntaxNode): Span {
    return this.spanOfPoints(node.startPosition, node.endPosition);
  }

  spanOfPoints(s: { row: number; column: number }, e: { row: number; column: number }): Span {
    if (this.mapper === undefined) {
      return { file: this.file, line: s.row + 1, col: s.column + 1, endLine: e.row + 1, endCol: e.column + 1 };
    }
    return this.mapper.span(s.row, s.column, e.row, e.column);
  }

  /**
   * True when a `#pragma unroll` (recorded by the preprocessor at output row r) sits just above a
   * loop starting at `row`; each pragma applies to one loop.
   */
  consumeUnroll(row: number): boolean {
    for (let i = 0; i < this.unrollRows.length; i++) {
      const r = this.unrollRows[i]!;
      if (r < row && r >= row - 3) {
        this.unrollRows.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  /** Span from the start of `a` to the end of `b`. */
  spanBetween(a: SyntaxNode, b: SyntaxNode): Span {
    const sa = this.span(a);
    const sb = this.span(b);
    return { ...sa, endLine: sb.endLine, endCol: sb.endCol };
  }

  error(code: string, node: SyntaxNode, message: string): void {
    this.sink.error(code, this.span(node), message);
  }

  /**
   * The innermost declaration of `name` decides; only names no scope declares fall back to the
   * fixed-width typedefs and the kernel's (BTF has typedefs named like variables: `code`, `key_t`).
   */
  isTypedef(name: string): boolean {
    for (let i = this.typedefScopes.length - 1; i >= 0; i--) {
      const v = this.typedefScopes[i]!.get(name);
      if (v !== undefined) return v;
    }
    return KNOWN_TYPEDEFS.has(name) || this.externalTypedef(name);
  }

  addTypedef(name: string): void {
    this.typedefScopes[this.typedefScopes.length - 1]!.set(name, true);
  }

  /** A variable, parameter or function declaration shadows any outer typedef of the same name. */
  shadowTypedef(name: string): void {
    this.typedefScopes[this.typedefScopes.length - 1]!.set(name, false);
  }

  pushScope(): void {
    this.typedefScopes.push(new Map());
  }

  popScope(): void {
    this.typedefScopes.pop();
  }
}

/** Named children minus comments (tree-sitter keeps comments as extra named nodes anywhere); shared, do not modify. */
export function kids(node: SyntaxNode): readonly SyntaxNode[] {
  return node.namedNonComment;
}
