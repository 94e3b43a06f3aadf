/**
 * @fileoverview Shared helpers for the preprocessor's unit tests (not part of the public API).
 */
import { DiagnosticSink, type Diagnostic } from "../diagnostics/index.ts";
import { MemoryIncludeHost } from "./include-host.ts";
import { preprocess, type PreprocessOptions, type PreprocessResult } from "./preprocess.ts";

export interface Run extends PreprocessResult {
  diags: Diagnostic[];
  sink: DiagnosticSink;
}

export function pp(src: string, opts: Partial<PreprocessOptions> & { files?: Record<string, string> } = {}): Run {
  const sink = new DiagnosticSink();
  const { files, ...rest } = opts;
  const r = preprocess(src, { file: "/src/main.c", includeHost: new MemoryIncludeHost(files ?? {}), ...rest }, sink);
  return { ...r, diags: sink.diagnostics, sink };
}

/** Whitespace-normalised token stream of C text (for comparing against gcc -E -P). */
export function tokens(text: string): string {
  const re = /[LuU]?"(?:\\.|[^"\\\n])*"|[LuU]?'(?:\\.|[^'\\\n])*'|[A-Za-z0-9_$.]+|\S/g;
  return (text.match(re) ?? []).join(" ");
}

/** "file:line:col code" for each diagnostic, for compact assertions. */
export function where(r: Run): string[] {
  return r.diags.map((d) => `${d.span.file}:${d.span.line}:${d.span.col} ${d.code}`);
}
