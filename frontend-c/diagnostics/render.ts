/**
 * @fileoverview Renders diagnostics as text: `file:line:col: error: message [code]`, the source
 * line, and a caret under the span. The only code that knows about colour.
 */
import type { Diagnostic } from "./diagnostic.ts";

/** Looks up the text of a source file by name (the original, pre-preprocessor text). */
export type SourceLookup = (file: string) => string | undefined;

export interface RenderOptions {
  color?: boolean;
}

export function renderDiagnostic(d: Diagnostic, sources: SourceLookup, opts: RenderOptions = {}): string {
  const c = opts.color === true;
  const bold = (s: string) => (c ? `\x1b[1m${s}\x1b[0m` : s);
  const red = (s: string) => (c ? `\x1b[1;31m${s}\x1b[0m` : s);
  const yellow = (s: string) => (c ? `\x1b[1;33m${s}\x1b[0m` : s);
  const green = (s: string) => (c ? `\x1b[1;32m${s}\x1b[0m` : s);
  const sev = d.severity === "error" ? red("error") : yellow("warning");
  const out: string[] = [];
  out.push(`${bold(`${d.span.file}:${d.span.line}:${d.span.col}`)}: ${sev}: ${d.message} [${d.code}]`);
  const caret = caretLines(d.span, sources);
  if (caret) out.push(caret[0], green(caret[1]));
  for (const n of d.notes) {
    if (n.span) {
      out.push(`${bold(`${n.span.file}:${n.span.line}:${n.span.col}`)}: note: ${n.message}`);
      const nc = caretLines(n.span, sources);
      if (nc) out.push(nc[0], green(nc[1]));
    } else {
      out.push(`note: ${n.message}`);
    }
  }
  return out.join("\n");
}

function caretLines(span: Diagnostic["span"], sources: SourceLookup): [string, string] | undefined {
  const text = sources(span.file);
  if (text === undefined) return undefined;
  const line = text.split("\n")[span.line - 1];
  if (line === undefined) return undefined;
  const shown = line.replace(/\t/g, " ").replace(/\r$/, "");
  const start = Math.max(0, span.col - 1);
  const len = span.endLine === span.line ? Math.max(1, span.endCol - span.col) : Math.max(1, shown.length - start);
  return [`    ${shown}`, `    ${" ".repeat(start)}^${"~".repeat(Math.max(0, Math.min(len, shown.length - start) - 1))}`];
}

export function renderDiagnostics(ds: readonly Diagnostic[], sources: SourceLookup, opts: RenderOptions = {}): string {
  return ds.map((d) => renderDiagnostic(d, sources, opts)).join("\n");
}
