/**
 * @fileoverview The preprocessor driver: directives, conditional groups, includes, and the loop that
 * feeds text lines through the macro expander into the OutputWriter (which builds the source map).
 *
 * Order of setup, each as its own pseudo-file so definitions have a location: predefined macros
 * ("<built-in>"), then `opts.defines`, then `cflags` -D/-U in order ("<command line>"), then `-include`
 * files, then the main file.
 *
 * Pragmas are not written to the output but recorded in `pragmas` (see pragma.ts); `#pragma once`
 * and `push_macro`/`pop_macro` are handled here. `_Pragma("...")` is recorded like `#pragma`.
 *
 * `#line` and GCC linemarkers are accepted and ignored: the source map always points at the real file.
 */
import { DiagnosticSink, type Note, type Span } from "../diagnostics/index.ts";
import { parseCflags } from "./cflags.ts";
import { PreprocessCache } from "./cache.ts";
import { parseDefine, sameDefinition, type Macro } from "./define.ts";
import { evaluate } from "./expr.ts";
import type { IncludeHost } from "./include-host.ts";
import { Kind, type LexLine, type Token } from "./lexer.ts";
import { Expander, spell, TokenStream, type ExpanderHost } from "./macros.ts";
import { classifyUnroll, type PragmaRecord } from "./pragma.ts";
import { BUILTINS, PREDEFINED } from "./predefined.ts";
import { OutputWriter, type ExpansionRecord, type SourceMap } from "./source-map.ts";

export interface PreprocessOptions {
  /** Name of the main file: used in diagnostics and to resolve its quoted includes. */
  file: string;
  /** Extra object-like macros, `{ NUMCPUS: "2" }` (like `-DNUMCPUS=2`). */
  defines?: Record<string, string>;
  /** BCC-style compiler flags: -D, -U, -I, -include are honoured, everything else ignored. */
  cflags?: readonly string[];
  includeHost: IncludeHost;
  /** Lexed files and parsed #defines kept across runs (see cache.ts); by default a fresh one. */
  cache?: PreprocessCache;
  limits?: {
    /** Tokens all macro substitutions together may produce (default 500,000; ~50 MB at worst). */
    expansionTokens?: number;
    /** Characters of output (default 16 Mi). */
    outputChars?: number;
    /** Nested #include depth (default 200). */
    includeDepth?: number;
  };
}

export interface PreprocessResult {
  text: string;
  map: SourceMap;
  pragmas: PragmaRecord[];
  /** Macros defined at the end of preprocessing. */
  macros: ReadonlyMap<string, Macro>;
  /** Files read through the IncludeHost, in first-read order (the main file is not listed). */
  includes: string[];
}

const TEXT_LINE = { inIf: false, allowMore: true } as const;

interface Cond {
  parentActive: boolean;
  active: boolean;
  /** Some branch of this group has been taken (or none may be: parent inactive). */
  taken: boolean;
  sawElse: boolean;
  tok: Token;
}

interface FileCtx {
  idx: number;
  name: string;
  lines: LexLine[];
  pos: number;
  conds: Cond[];
  depth: number;
}

export function preprocess(source: string, opts: PreprocessOptions, sink: DiagnosticSink): PreprocessResult {
  return new Preprocessor(opts, sink).run(source);
}

class Preprocessor implements ExpanderHost {
  readonly macros = new Map<string, Macro>();
  readonly expansions: ExpansionRecord[] = [];
  private readonly cache: PreprocessCache;
  /** Files seen in this run (the cache's table may hold more). */
  private readonly seen = new Set<number>();
  private readonly pragmas: PragmaRecord[] = [];
  private readonly writer: OutputWriter;
  private readonly once = new Set<string>();
  private readonly includes: string[] = [];
  private readonly pushed = new Map<string, (Macro | undefined)[]>();
  private readonly expander: Expander;
  private readonly includeDirs: string[] = [];
  private readonly maxOutput: number;
  private readonly maxDepth: number;
  private counter = 0;
  private capped = false;
  private current: FileCtx | undefined;
  private readonly emitFn = (t: Token): void => this.emitToken(t);

  constructor(
    private readonly opts: PreprocessOptions,
    private readonly sink: DiagnosticSink,
  ) {
    this.expander = new Expander(this, opts.limits?.expansionTokens ?? 500_000);
    this.maxOutput = opts.limits?.outputChars ?? 16 * 1024 * 1024;
    this.maxDepth = opts.limits?.includeDepth ?? 200;
    // The main file gets index 2, after "<built-in>" and "<command line>" (see run()).
    this.cache = opts.cache ?? new PreprocessCache();
    this.writer = new OutputWriter(this.cache.fileId(opts.file));
  }

  run(source: string): PreprocessResult {
    const builtinFile = this.fileId("<built-in>");
    const cmdFile = this.fileId("<command line>");
    const mainIdx = this.fileId(this.opts.file);
    for (const [name, builtin] of BUILTINS) {
      this.macros.set(name, { name, params: undefined, variadic: false, body: [], paramIndex: [], def: undefined, builtin });
    }
    this.processFile(PREDEFINED, "<built-in>", builtinFile, 0);

    const cmd: string[] = [];
    for (const [name, value] of Object.entries(this.opts.defines ?? {})) cmd.push(`#define ${name} ${value.replace(/[\r\n]/g, " ")}`);
    const flags = parseCflags(this.opts.cflags ?? []);
    for (const m of flags.macros) cmd.push(m.kind === "define" ? m.text : `#undef ${m.name}`);
    this.includeDirs.push(...flags.includeDirs);
    for (const e of flags.errors) this.sink.error("pp/bad-cflag", { file: "<command line>", line: 1, col: 1, endLine: 1, endCol: 2 }, e);
    if (cmd.length > 0) this.processFile(cmd.join("\n"), "<command line>", cmdFile, 0);

    for (const name of flags.forcedIncludes) {
      const found = this.opts.includeHost.resolveQuote(this.opts.file, name, this.includeDirs);
      if (found === undefined) {
        this.sink.error("pp/include-not-found", { file: "<command line>", line: 1, col: 1, endLine: 1, endCol: 2 }, `-include file '${name}' not found`);
        continue;
      }
      this.includes.push(found.file);
      this.processFile(found.text, found.file, this.fileId(found.file), 1);
    }
    this.processFile(source, this.opts.file, mainIdx, 0);
    const { text, map } = this.writer.finish(this.cache.files(), this.expansions);
    return { text, map, pragmas: this.pragmas, macros: this.macros, includes: this.includes };
  }

  private fileId(name: string): number {
    const idx = this.cache.fileId(name);
    this.seen.add(idx);
    return idx;
  }

  private processFile(text: string, name: string, idx: number, depth: number): void {
    const lex = this.cache.lex(idx, text);
    for (const p of lex.problems) {
      this.sink.error(p.code, { file: name, line: p.line, col: p.col, endLine: p.line, endCol: p.col + 2 }, p.message);
    }
    const ctx: FileCtx = { idx, name, lines: lex.lines, pos: 0, conds: [], depth };
    const outer = this.current;
    this.current = ctx;
    const stream = new TokenStream([], 0, () => this.nextTextLine(ctx, true));
    for (let line = this.nextTextLine(ctx, false); line !== undefined; line = this.nextTextLine(ctx, false)) {
      stream.reset(line);
      this.expander.expand(stream, this.emitFn, TEXT_LINE);
    }
    for (const c of ctx.conds) {
      this.sink.error("pp/unterminated-conditional", this.tokSpan(c.tok), `unterminated conditional directive`);
    }
    this.current = outer;
  }

  /** The next active text line of the file, handling directives and skipped groups on the way. */
  private nextTextLine(ctx: FileCtx, inArgs: boolean): readonly Token[] | undefined {
    while (ctx.pos < ctx.lines.length) {
      const line = ctx.lines[ctx.pos++] as LexLine;
      const first = line.tokens[0];
      if (first === undefined) continue;
      if (first.kind === Kind.Punct && first.text === "#") {
        this.directive(ctx, line.tokens, inArgs);
        continue;
      }
      if (!this.active(ctx)) continue;
      return line.tokens;
    }
    return undefined;
  }

  private active(ctx: FileCtx): boolean {
    const top = ctx.conds[ctx.conds.length - 1];
    return top === undefined || top.active;
  }

  private emitToken(t: Token): void {
    if (this.capped) return;
    if (t.kind === Kind.Other) {
      const c = t.text.charCodeAt(0);
      if (c < 32 || c === 127) {
        // NUL and other control characters would confuse the parser (NUL can end its input).
        this.error("pp/invalid-character", t, `invalid character U+${c.toString(16).padStart(4, "0").toUpperCase()} in source`);
        return;
      }
    } else if (t.kind === Kind.BadString) {
      this.error("pp/unterminated-literal", t, `missing terminating ${t.text.includes('"') && (!t.text.includes("'") || t.text.indexOf('"') < t.text.indexOf("'")) ? '"' : "'"} character`);
    }
    this.writer.emit(t);
    if (this.writer.size > this.maxOutput) {
      this.capped = true;
      this.error("pp/expansion-too-large", t, `preprocessed output exceeds ${this.maxOutput} characters; the rest is dropped`);
    }
  }

  // ---- ExpanderHost ----

  error(code: string, at: Token, message: string): void {
    this.sink.error(code, this.tokSpan(at), message, this.expansionNotes(at));
  }

  private warning(code: string, at: Token, message: string, notes?: Note[]): void {
    this.sink.warning(code, this.tokSpan(at), message, notes ?? this.expansionNotes(at));
  }

  spanOf(t: Token, end?: Token): Span {
    const e = end ?? t;
    const file = this.cache.fileName(t.file);
    if (e.line < t.line || (e.line === t.line && e.col < t.col) || e.file !== t.file) {
      return { file, line: t.line, col: t.col, endLine: t.line, endCol: t.col + Math.max(1, t.text.length) };
    }
    return { file, line: t.line, col: t.col, endLine: e.line, endCol: e.col + Math.max(1, e.text.length) };
  }

  /** Where to point for a token: itself, or the user's invocation if a macro produced it. */
  private tokSpan(t: Token): Span {
    if (t.exp < 0) return this.spanOf(t);
    let rec = this.expansions[t.exp] as ExpansionRecord;
    while (rec.parent >= 0) rec = this.expansions[rec.parent] as ExpansionRecord;
    return rec.call;
  }

  private expansionNotes(t: Token): Note[] {
    const out: Note[] = [];
    for (let e = t.exp; e >= 0 && out.length < 16; ) {
      const rec = this.expansions[e] as ExpansionRecord;
      out.push(rec.def ? { message: `expanded from macro '${rec.macro}'`, span: rec.def } : { message: `expanded from macro '${rec.macro}'` });
      e = rec.parent;
    }
    return out;
  }

  builtin(kind: NonNullable<Macro["builtin"]>, t: Token): Token {
    let text: string;
    let k = Kind.Number;
    switch (kind) {
      case "line":
        text = String(t.line);
        break;
      case "counter":
        text = String(this.counter++);
        break;
      case "include-level":
        text = String(this.current?.depth ?? 0);
        break;
      case "file":
      case "base-file":
        text = JSON.stringify(kind === "file" ? this.cache.fileName(t.file) : this.opts.file);
        k = Kind.String;
        break;
    }
    return { ...t, kind: k, text };
  }

  pragma(text: string, at: Token): void {
    this.writer.moveTo(at.file, at.line);
    this.recordPragma(text, this.tokSpan(at));
  }

  hasInclude(spelling: string, angle: boolean): boolean {
    const host = this.opts.includeHost;
    const from = this.current?.name ?? this.opts.file;
    if (!angle && host.resolveQuote(from, spelling, this.includeDirs) !== undefined) return true;
    // As for #include, a quoted name falls back to a real system header only; an angle name that the
    // host accepts as empty counts as present (the include would succeed).
    const r = host.resolveAngle(spelling, this.includeDirs);
    return angle ? r !== undefined : r !== undefined && r !== "ignore";
  }

  // ---- directives ----

  private directive(ctx: FileCtx, toks: readonly Token[], inArgs: boolean): void {
    const hash = toks[0] as Token;
    const nameTok = toks[1];
    if (nameTok === undefined) return; // the null directive
    const name = nameTok.kind === Kind.Ident ? nameTok.text : "";
    const rest = toks.slice(2);
    switch (name) {
      case "if":
      case "ifdef":
      case "ifndef": {
        if (!this.active(ctx)) {
          ctx.conds.push({ parentActive: false, active: false, taken: true, sawElse: false, tok: hash });
          return;
        }
        const v = this.condition(name, nameTok, rest);
        ctx.conds.push({ parentActive: true, active: v, taken: v, sawElse: false, tok: hash });
        return;
      }
      case "elif":
      case "elifdef":
      case "elifndef": {
        const c = ctx.conds[ctx.conds.length - 1];
        if (c === undefined) {
          this.error("pp/unmatched-conditional", nameTok, `#${name} without #if`);
          return;
        }
        if (c.sawElse) this.error("pp/unmatched-conditional", nameTok, `#${name} after #else`);
        if (!c.parentActive || c.taken) {
          c.active = false;
          return;
        }
        const v = this.condition(name === "elif" ? "if" : name === "elifdef" ? "ifdef" : "ifndef", nameTok, rest);
        c.active = v;
        c.taken = v;
        return;
      }
      case "else":
      case "endif": {
        const c = ctx.conds[ctx.conds.length - 1];
        if (c === undefined) {
          this.error("pp/unmatched-conditional", nameTok, `#${name} without #if`);
          return;
        }
        if (rest[0] !== undefined && c.parentActive) this.warning("pp/extra-tokens", rest[0], `extra tokens at end of #${name} directive`);
        if (name === "endif") {
          ctx.conds.pop();
          return;
        }
        if (c.sawElse) this.error("pp/unmatched-conditional", nameTok, "#else after #else");
        c.sawElse = true;
        c.active = c.parentActive && !c.taken;
        c.taken = true;
        return;
      }
    }
    if (!this.active(ctx)) return;
    switch (name) {
      case "define":
        return this.define(nameTok, toks, rest);
      case "undef":
        return this.undef(nameTok, rest);
      case "include":
      case "include_next":
      case "import":
        if (inArgs) {
          this.error("pp/invalid-directive", nameTok, `#${name} inside macro arguments is not supported`);
          return;
        }
        return this.include(ctx, nameTok, rest);
      case "error":
        this.sink.error("pp/error-directive", this.spanOf(hash, toks[toks.length - 1]), `#error ${spell(rest)}`.trimEnd());
        return;
      case "warning":
        this.sink.warning("pp/warning-directive", this.spanOf(hash, toks[toks.length - 1]), `#warning ${spell(rest)}`.trimEnd());
        return;
      case "pragma":
        return this.pragmaDirective(ctx, hash, toks, rest);
      case "line":
      case "ident":
      case "sccs":
      case "assert":
      case "unassert":
        return;
    }
    if (nameTok.kind === Kind.Number) return; // GCC linemarker `# 12 "file.c"`
    this.error("pp/invalid-directive", nameTok, `invalid preprocessing directive #${nameTok.text}`);
  }

  private condition(kind: string, nameTok: Token, rest: readonly Token[]): boolean {
    if (kind === "ifdef" || kind === "ifndef") {
      const id = rest[0];
      if (id === undefined || id.kind !== Kind.Ident) {
        this.error("pp/invalid-directive", id ?? nameTok, id === undefined ? `no macro name given in #${nameTok.text} directive` : `macro names must be identifiers`);
        return false;
      }
      if (rest[1] !== undefined) this.warning("pp/extra-tokens", rest[1], `extra tokens at end of #${nameTok.text} directive`);
      return this.macros.has(id.text) === (kind === "ifdef");
    }
    if (rest.length === 0) {
      this.error("pp/bad-expression", nameTok, `#${nameTok.text} with no expression`);
      return false;
    }
    const expanded = this.expander.expandList(rest, true);
    const r = evaluate(expanded);
    if (!r.ok) {
      this.error("pp/bad-expression", r.at ?? rest[rest.length - 1] ?? nameTok, r.message);
      return false;
    }
    return r.value.v !== 0n;
  }

  private define(nameTok: Token, line: readonly Token[], rest: readonly Token[]): void {
    // Parsed definitions are cached by their (cached) line, so a header's macros are parsed once.
    let r = this.cache.defines.get(line);
    if (r === undefined) {
      r = parseDefine(rest, (t) => this.spanOf(t));
      this.cache.defines.set(line, r);
    }
    if (!r.ok) {
      this.error("pp/bad-define", r.at ?? nameTok, r.message);
      return;
    }
    const m = r.macro;
    const old = this.macros.get(m.name);
    if (old !== undefined) {
      // An identical redefinition is allowed and changes nothing (the first location stays).
      if (old.builtin === undefined && sameDefinition(old, m)) return;
      const notes: Note[] = old.def ? [{ message: "previous definition is here", span: old.def }] : [];
      this.warning("pp/macro-redefined", rest[0] as Token, `"${m.name}" redefined`, notes);
    }
    this.macros.set(m.name, m);
  }

  private undef(nameTok: Token, rest: readonly Token[]): void {
    const id = rest[0];
    if (id === undefined || id.kind !== Kind.Ident) {
      this.error("pp/bad-define", id ?? nameTok, "macro names must be identifiers");
      return;
    }
    if (id.text === "defined") {
      this.error("pp/bad-define", id, "\"defined\" cannot be used as a macro name");
      return;
    }
    if (rest[1] !== undefined) this.warning("pp/extra-tokens", rest[1], "extra tokens at end of #undef directive");
    this.macros.delete(id.text);
  }

  private include(ctx: FileCtx, nameTok: Token, rest: readonly Token[]): void {
    let spec: { name: string; angle: boolean } | undefined;
    const first = rest[0];
    if (first !== undefined && first.kind === Kind.HeaderName) spec = { name: first.text.slice(1, -1), angle: true };
    else if (first !== undefined && first.kind === Kind.String && first.text.startsWith('"')) spec = { name: first.text.slice(1, -1), angle: false };
    else {
      // Computed include: expand, then take a string literal or reassemble `< ... >`.
      const x = this.expander.expandList(rest, false);
      const f = x[0];
      const l = x[x.length - 1];
      if (f !== undefined && f.kind === Kind.String && f.text.startsWith('"')) spec = { name: f.text.slice(1, -1), angle: false };
      else if (f !== undefined && f.text === "<" && l !== undefined && l.text === ">" && x.length > 2) {
        spec = { name: spell(x.slice(1, -1)), angle: true };
      }
    }
    const at = first ?? nameTok;
    if (spec === undefined || spec.name === "") {
      this.error("pp/invalid-directive", at, `#${nameTok.text} expects "FILENAME" or <FILENAME>`);
      return;
    }
    if (ctx.depth + 1 > this.maxDepth) {
      this.error("pp/recursive-include", at, `#include nested depth ${ctx.depth + 1} exceeds maximum of ${this.maxDepth}`);
      return;
    }
    const host = this.opts.includeHost;
    let found: { file: string; text: string } | undefined;
    if (spec.angle) {
      const r = host.resolveAngle(spec.name, this.includeDirs);
      if (r === "ignore") return;
      found = r;
    } else {
      found = host.resolveQuote(ctx.name, spec.name, this.includeDirs);
      if (found === undefined) {
        // C11 6.10.2p3: a failed "..." search is retried as <...>, but only a real file counts: the
        // accept-anything policy for system headers must not hide a missing local header.
        const r = host.resolveAngle(spec.name, this.includeDirs);
        if (r !== undefined && r !== "ignore") found = r;
      }
    }
    if (found === undefined) {
      const q = spec.angle ? `<${spec.name}>` : `"${spec.name}"`;
      this.sink.error("pp/include-not-found", this.spanOf(at, rest[rest.length - 1]), `${q} file not found`, this.expansionNotes(at));
      return;
    }
    if (this.once.has(found.file)) return;
    if (!this.seen.has(this.cache.fileId(found.file))) this.includes.push(found.file);
    this.processFile(found.text, found.file, this.fileId(found.file), ctx.depth + 1);
  }

  private pragmaDirective(ctx: FileCtx, hash: Token, toks: readonly Token[], rest: readonly Token[]): void {
    const head = rest[0]?.text;
    if (head === "once") {
      this.once.add(ctx.name);
      return;
    }
    if ((head === "push_macro" || head === "pop_macro") && rest[1]?.text === "(" && rest[2]?.kind === Kind.String) {
      const name = (rest[2] as Token).text.slice(1, -1);
      const stack = this.pushed.get(name) ?? [];
      if (head === "push_macro") {
        stack.push(this.macros.get(name));
        this.pushed.set(name, stack);
      } else if (stack.length > 0) {
        const m = stack.pop();
        if (m === undefined) this.macros.delete(name);
        else this.macros.set(name, m);
      }
      return;
    }
    this.writer.moveTo(hash.file, hash.line);
    this.recordPragma(spell(rest), this.spanOf(hash, toks[toks.length - 1]));
  }

  private recordPragma(text: string, span: Span): void {
    const rec: PragmaRecord = { row: this.writer.row, text, span };
    const unroll = classifyUnroll(text);
    if (unroll) rec.unroll = unroll;
    this.pragmas.push(rec);
  }
}
