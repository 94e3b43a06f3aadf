/**
 * @fileoverview Diagnostics as data. Every compiler pass reports user errors into a DiagnosticSink
 * and carries on; nothing user-caused throws. `throw` is reserved for InternalCompilerError (a bug).
 * Rendering to text lives in render.ts and is the only code that knows about the terminal.
 */

/** A source range. Lines are 1-based; columns are 1-based and counted in UTF-16 code units. */
export interface Span {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export interface Note {
  message: string;
  span?: Span;
}

export type Severity = "error" | "warning";

export interface Diagnostic {
  /** Stable code, grouped by phase: "pp/include-not-found", "sema/unknown-identifier", ... */
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  notes: Note[];
}

/** Push-only collector handed to each pass. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  report(d: Omit<Diagnostic, "notes"> & { notes?: Note[] }): void {
    const key = `${d.code}|${d.span.file}:${d.span.line}:${d.span.col}|${d.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.diagnostics.push({ ...d, notes: d.notes ?? [] });
  }

  error(code: string, span: Span, message: string, notes?: Note[]): void {
    this.report({ code, severity: "error", span, message, notes: notes ?? [] });
  }

  warning(code: string, span: Span, message: string, notes?: Note[]): void {
    this.report({ code, severity: "warning", span, message, notes: notes ?? [] });
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === "error");
  }
}

/** A compiler bug: carries the pass name and the span being processed. The CLI says "please report". */
export class InternalCompilerError extends Error {
  constructor(
    readonly pass: string,
    message: string,
    readonly span?: Span,
  ) {
    super(`internal compiler error in ${pass}: ${message}`);
    this.name = "InternalCompilerError";
  }
}

export function spanAt(file: string, line: number, col: number, endLine = line, endCol = col + 1): Span {
  return { file, line, col, endLine, endCol };
}
