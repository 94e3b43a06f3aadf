/**
 * @fileoverview Macro definitions: the `Macro` record, `#define` parsing with its constraints
 * (C11 6.10.3: parameter lists, `#` only before a parameter, `##` not at either end, `__VA_ARGS__` and
 * `__VA_OPT__` only in variadic macros) and the "same definition" rule for redefinitions.
 */
import type { Span } from "../diagnostics/index.ts";
import { Kind, type Token } from "./lexer.ts";

export interface Macro {
  readonly name: string;
  /** Parameter names for a function-like macro (the variadic one last), undefined if object-like. */
  readonly params: readonly string[] | undefined;
  /** The last parameter is variadic (`...` is named `__VA_ARGS__`, `args...` keeps its name). */
  readonly variadic: boolean;
  readonly body: readonly Token[];
  /** For each body token, the index of the parameter it names, or -1. */
  readonly paramIndex: readonly number[];
  readonly def: Span | undefined;
  /** Dynamic built-ins (`__LINE__`, `__FILE__`, `__COUNTER__`, ...). */
  readonly builtin?: "line" | "file" | "counter" | "include-level" | "base-file";
}

export type DefineResult = { ok: true; macro: Macro } | { ok: false; message: string; at: Token };

/** Parses the tokens after `#define` (name first). */
export function parseDefine(toks: readonly Token[], def: (t: Token) => Span): DefineResult {
  const nameTok = toks[0];
  if (nameTok === undefined) return { ok: false, message: "macro name missing", at: toks[0] as Token };
  if (nameTok.kind !== Kind.Ident) return { ok: false, message: "macro names must be identifiers", at: nameTok };
  if (nameTok.text === "defined") return { ok: false, message: "\"defined\" cannot be used as a macro name", at: nameTok };
  let i = 1;
  let params: string[] | undefined;
  let variadic = false;
  const open = toks[1];
  if (open !== undefined && open.kind === Kind.Punct && open.text === "(" && !open.spaceBefore) {
    params = [];
    i = 2;
    for (;;) {
      const t = toks[i];
      if (t === undefined) return { ok: false, message: "missing ')' in macro parameter list", at: toks[i - 1] as Token };
      if (t.kind === Kind.Punct && t.text === ")" && params.length === 0) {
        i++;
        break;
      }
      if (t.kind === Kind.Punct && t.text === "...") {
        params.push("__VA_ARGS__");
        variadic = true;
        i++;
      } else if (t.kind === Kind.Ident) {
        if (t.text === "__VA_ARGS__") return { ok: false, message: "__VA_ARGS__ can only appear in the expansion of a variadic macro", at: t };
        if (params.includes(t.text)) return { ok: false, message: `duplicate macro parameter "${t.text}"`, at: t };
        params.push(t.text);
        i++;
        const dots = toks[i];
        if (dots !== undefined && dots.kind === Kind.Punct && dots.text === "...") {
          variadic = true;
          i++;
        }
      } else {
        return { ok: false, message: `expected parameter name, found "${t.text}"`, at: t };
      }
      const sep = toks[i];
      if (sep === undefined) return { ok: false, message: "missing ')' in macro parameter list", at: toks[i - 1] as Token };
      if (sep.kind === Kind.Punct && sep.text === ")") {
        i++;
        break;
      }
      if (variadic || sep.kind !== Kind.Punct || sep.text !== ",") {
        return { ok: false, message: variadic ? "missing ')' after \"...\"" : `expected ',' or ')', found "${sep.text}"`, at: sep };
      }
      i++;
    }
  } else if (open !== undefined && !open.spaceBefore) {
    // C99 requires whitespace after an object-like macro's name; GCC only warns, and so do we not.
  }
  const body = toks.slice(i);
  const paramIndex = body.map((t) => (params !== undefined && t.kind === Kind.Ident ? params.indexOf(t.text) : -1));
  for (let k = 0; k < body.length; k++) {
    const t = body[k] as Token;
    if (t.kind !== Kind.Punct && t.kind !== Kind.Ident) continue;
    if (t.text === "##" && (k === 0 || k === body.length - 1)) {
      return { ok: false, message: "'##' cannot appear at either end of a macro expansion", at: t };
    }
    if (params !== undefined && t.text === "#" && t.kind === Kind.Punct) {
      const next = body[k + 1];
      const isParam = (paramIndex[k + 1] ?? -1) >= 0 || (next !== undefined && next.text === "__VA_OPT__");
      if (!isParam) return { ok: false, message: "'#' is not followed by a macro parameter", at: t };
    }
    if (t.kind === Kind.Ident && (t.text === "__VA_ARGS__" || t.text === "__VA_OPT__") && !(variadic && params?.[params.length - 1] === "__VA_ARGS__")) {
      return { ok: false, message: `${t.text} can only appear in the expansion of a variadic macro`, at: t };
    }
  }
  return { ok: true, macro: { name: nameTok.text, params, variadic, body, paramIndex, def: def(nameTok) } };
}

/** Same definition per C11 6.10.3p2: same parameters and the same body spelling and spacing. */
export function sameDefinition(a: Macro, b: Macro): boolean {
  if ((a.params === undefined) !== (b.params === undefined) || a.variadic !== b.variadic) return false;
  if (a.params && b.params && (a.params.length !== b.params.length || a.params.some((p, i) => p !== b.params?.[i]))) return false;
  if (a.body.length !== b.body.length) return false;
  for (let i = 0; i < a.body.length; i++) {
    const x = a.body[i] as Token;
    const y = b.body[i] as Token;
    if (x.text !== y.text || (i > 0 && x.spaceBefore !== y.spaceBefore)) return false;
  }
  return true;
}
