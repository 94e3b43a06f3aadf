/**
 * @fileoverview Macro definitions and expansion (C11 6.10.3), following Prosser's algorithm: every
 * token carries a hide set of the macros whose expansion produced it, and a name is never expanded by a
 * macro in its own hide set ("painted blue", permanently, even after it leaves the expansion). Arguments
 * are fully expanded before substitution except as operands of `#` and `##`; the result is pushed back
 * in front of the remaining input and rescanned.
 *
 * Work is bounded: every token a substitution produces counts against a budget shared by the whole
 * run, and argument pre-expansion nests at most MAX_ARG_DEPTH deep (it is the only recursion). When
 * either limit is hit the expander reports "pp/expansion-too-large" once and stops expanding, so
 * exponential or runaway macros cost a bounded amount of time and memory.
 */
import type { Span } from "../diagnostics/index.ts";
import type { Macro } from "./define.ts";
import { EMPTY_HIDESET, Kind, lexFile, type HideSet, type Token } from "./lexer.ts";
import type { ExpansionRecord } from "./source-map.ts";

/** What the expander needs from the driver. */
export interface ExpanderHost {
  readonly macros: ReadonlyMap<string, Macro>;
  readonly expansions: ExpansionRecord[];
  error(code: string, at: Token, message: string): void;
  /** Span of a token in the user's file (for expansion records). */
  spanOf(t: Token, end?: Token): Span;
  /** Value of a dynamic built-in at invocation token `t`. */
  builtin(kind: NonNullable<Macro["builtin"]>, t: Token): Token;
  /** `_Pragma("...")` met during expansion. */
  pragma(text: string, at: Token): void;
  /** `defined X` inside `#if`: whether X is defined. `__has_include(...)` likewise. */
  hasInclude(spelling: string, angle: boolean): boolean;
}

/** Token input with push-back; may pull further text lines while collecting macro arguments. */
export class TokenStream {
  private readonly stack: Token[] = [];
  constructor(
    private line: readonly Token[],
    private pos = 0,
    private readonly more?: () => readonly Token[] | undefined,
  ) {}

  /** Starts over on a new line (the push-back stack is empty once a line has been expanded). */
  reset(line: readonly Token[]): void {
    this.line = line;
    this.pos = 0;
    this.stack.length = 0;
  }

  next(allowMore: boolean): Token | undefined {
    if (this.stack.length > 0) return this.stack.pop();
    for (;;) {
      if (this.pos < this.line.length) return this.line[this.pos++];
      if (!allowMore || this.more === undefined) return undefined;
      const l = this.more();
      if (l === undefined) return undefined;
      this.line = l;
      this.pos = 0;
    }
  }

  unshift(toks: readonly Token[]): void {
    for (let i = toks.length - 1; i >= 0; i--) this.stack.push(toks[i] as Token);
  }

  pushBack(t: Token): void {
    this.stack.push(t);
  }
}

export interface ExpandOptions {
  /** In `#if`: handle `defined` and `__has_include` instead of expanding their operands. */
  inIf: boolean;
  /** May pull more source lines (the top level of a text line only). */
  allowMore: boolean;
}

const MAX_ARG_DEPTH = 200;

/**
 * Hide-set operations, memoised per run. A hide set is a bit set over macro names numbered in the
 * order this run first hides them, so membership is O(1) and an addition copies words, not names:
 * a chain of n object-like macros (`#define M0 M1` ... ) costs O(n^2 / 32) instead of O(n^2) string
 * copies. Tokens share hide-set objects, so caching by identity makes the unions that every
 * substituted token needs O(1) after the first time.
 */
class HideSets {
  private readonly ids = new Map<string, number>();
  private readonly adds = new Map<HideSet, Map<string, HideSet>>();
  private readonly unions = new Map<HideSet, Map<HideSet, HideSet>>();
  private readonly intersections = new Map<HideSet, Map<HideSet, HideSet>>();

  has(hs: HideSet, name: string): boolean {
    if (hs.length === 0) return false;
    const id = this.ids.get(name);
    if (id === undefined) return false;
    const w = id >>> 5;
    return w < hs.length && ((hs[w] as number) >>> (id & 31) & 1) === 1;
  }

  add(hs: HideSet, name: string): HideSet {
    let byName = this.adds.get(hs);
    if (byName === undefined) this.adds.set(hs, (byName = new Map()));
    let r = byName.get(name);
    if (r === undefined) {
      let id = this.ids.get(name);
      if (id === undefined) this.ids.set(name, (id = this.ids.size));
      if (this.has(hs, name)) r = hs;
      else {
        const w = id >>> 5;
        const out = new Uint32Array(Math.max(hs.length, w + 1));
        out.set(hs);
        out[w] = (out[w] as number) | (1 << (id & 31));
        r = out;
      }
      byName.set(name, r);
    }
    return r;
  }

  union(a: HideSet, b: HideSet): HideSet {
    if (a.length === 0) return b;
    if (b.length === 0 || a === b) return a;
    let byB = this.unions.get(a);
    if (byB === undefined) this.unions.set(a, (byB = new Map()));
    let r = byB.get(b);
    if (r === undefined) {
      let subset = b.length <= a.length;
      for (let i = 0; subset && i < b.length; i++) if (((b[i] as number) & ~(a[i] as number)) !== 0) subset = false;
      if (subset) r = a;
      else {
        const [long, short] = a.length >= b.length ? [a, b] : [b, a];
        const out = new Uint32Array(long);
        for (let i = 0; i < short.length; i++) out[i] = (out[i] as number) | (short[i] as number);
        r = out;
      }
      byB.set(b, r);
    }
    return r;
  }

  intersect(a: HideSet, b: HideSet): HideSet {
    if (a.length === 0 || b.length === 0) return EMPTY_HIDESET;
    if (a === b) return a;
    let byB = this.intersections.get(a);
    if (byB === undefined) this.intersections.set(a, (byB = new Map()));
    let r = byB.get(b);
    if (r === undefined) {
      let n = Math.min(a.length, b.length);
      while (n > 0 && ((a[n - 1] as number) & (b[n - 1] as number)) === 0) n--;
      if (n === 0) r = EMPTY_HIDESET;
      else {
        const out = new Uint32Array(n);
        for (let i = 0; i < n; i++) out[i] = (a[i] as number) & (b[i] as number);
        r = out;
      }
      byB.set(b, r);
    }
    return r;
  }
}

const isPunct = (t: Token | undefined, text: string): boolean => t !== undefined && t.kind === Kind.Punct && t.text === text;

export class Expander {
  /** Tokens produced by substitutions so far in this run. */
  private produced = 0;
  /**
   * Tokens the expansion loop has rescanned. Nested arguments rescan the same tokens once per level,
   * so the produced-token budget alone would allow budget x depth work; this bounds the total.
   */
  private steps = 0;
  private exhausted = false;
  private argDepth = 0;
  private readonly hidesets = new HideSets();

  constructor(
    private readonly host: ExpanderHost,
    private readonly budget: number,
  ) {}

  /** Expands everything `stream` yields, handing finished tokens to `out`. */
  expand(stream: TokenStream, out: (t: Token) => void, opts: ExpandOptions): void {
    for (;;) {
      const t = stream.next(false);
      if (t === undefined) return;
      // Only rescanning work counts (macro output, and argument pre-expansion), not the user's text.
      if ((t.exp >= 0 || this.argDepth > 0) && ++this.steps > this.budget * 8) this.charge(this.budget + 1, t);
      if (t.kind !== Kind.Ident || this.exhausted) {
        out(t);
        continue;
      }
      if (opts.inIf && (t.text === "defined" || t.text === "__has_include" || t.text === "__has_include_next")) {
        out(t.text === "defined" ? this.defined(stream, t) : this.hasInclude(stream, t));
        continue;
      }
      if (t.text === "_Pragma" && this.pragmaOperator(stream, t)) continue;
      const m = this.host.macros.get(t.text);
      if (m === undefined || this.hidesets.has(t.hs, t.text) || !this.charge(1, t)) {
        out(t);
        continue;
      }
      if (m.builtin !== undefined) {
        out(this.host.builtin(m.builtin, t));
        continue;
      }
      if (m.params === undefined) {
        const exp = this.record(m, t, t);
        const body = this.substitute(m, undefined, this.hidesets.add(t.hs, m.name), t, exp);
        if (body !== undefined) stream.unshift(body);
        continue;
      }
      // Function-like: only an invocation if the next token is '(' (possibly on a following line).
      const lp = stream.next(opts.allowMore);
      if (!isPunct(lp, "(")) {
        if (lp !== undefined) stream.pushBack(lp);
        out(t);
        continue;
      }
      const collected = this.collectArgs(stream, m, t, opts.allowMore);
      if (collected === undefined) continue;
      const { args, rparen } = collected;
      const hs = this.hidesets.add(this.hidesets.intersect(t.hs, rparen.hs), m.name);
      const exp = this.record(m, t, rparen);
      const body = this.substitute(m, args, hs, t, exp);
      if (body !== undefined) stream.unshift(body);
    }
  }

  /** Expands a token list in isolation (macro arguments, `#if` and `#include` lines). */
  expandList(toks: readonly Token[], inIf: boolean): Token[] {
    const out: Token[] = [];
    this.expand(new TokenStream(toks), (t) => out.push(t), { inIf, allowMore: false });
    return out;
  }

  private record(m: Macro, name: Token, end: Token): number {
    const call = name.exp >= 0 ? (this.host.expansions[name.exp] as ExpansionRecord).call : this.host.spanOf(name, end);
    this.host.expansions.push({ macro: m.name, call, def: m.def, parent: name.exp });
    return this.host.expansions.length - 1;
  }

  private collectArgs(stream: TokenStream, m: Macro, name: Token, allowMore: boolean): { args: Token[][]; rparen: Token } | undefined {
    const nparams = (m.params as readonly string[]).length;
    const args: Token[][] = [[]];
    let depth = 0;
    for (;;) {
      const t = stream.next(allowMore);
      if (t === undefined) {
        this.host.error("pp/unterminated-macro-call", name, `unterminated argument list invoking macro "${m.name}"`);
        return undefined;
      }
      if (t.kind === Kind.Punct) {
        if (t.text === "(") depth++;
        else if (t.text === ")") {
          if (depth === 0) return this.checkArgs(m, name, args, nparams) ? { args, rparen: t } : undefined;
          depth--;
        } else if (t.text === "," && depth === 0 && !(m.variadic && args.length === nparams)) {
          args.push([]);
          continue;
        }
      }
      (args[args.length - 1] as Token[]).push(t);
    }
  }

  private checkArgs(m: Macro, name: Token, args: Token[][], nparams: number): boolean {
    if (nparams === 0) {
      if (args.length === 1 && (args[0] as Token[]).length === 0) {
        args.length = 0;
        return true;
      }
      this.host.error("pp/macro-arg-count", name, `macro "${m.name}" passed ${args.length} arguments, but takes just 0`);
      return false;
    }
    // A variadic macro may be called without its variadic argument at all (C23, GNU).
    if (args.length === nparams - 1 && m.variadic) args.push([]);
    if (args.length < nparams) {
      this.host.error("pp/macro-arg-count", name, `macro "${m.name}" requires ${nparams} arguments, but only ${args.length} given`);
      return false;
    }
    if (args.length > nparams) {
      this.host.error("pp/macro-arg-count", name, `macro "${m.name}" passed ${args.length} arguments, but takes just ${nparams}`);
      return false;
    }
    return true;
  }

  private charge(n: number, at: Token): boolean {
    this.produced += n;
    if (this.produced > this.budget) {
      if (!this.exhausted) {
        this.exhausted = true;
        this.host.error("pp/expansion-too-large", at, `macro expansion exceeds ${this.budget} tokens; further macros are not expanded`);
      }
      return false;
    }
    return true;
  }

  /** Builds the replacement list: parameters substituted, `#` and `##` applied, hide sets added. */
  private substitute(m: Macro, args: Token[][] | undefined, hs: HideSet, name: Token, exp: number): Token[] | undefined {
    const expanded: (Token[] | undefined)[] = [];
    const out: Token[] = [];
    const ok = this.substRange(m, 0, m.body.length, args, expanded, name, exp, hs, out);
    if (!ok || !this.charge(out.length, name)) return undefined;
    const result: Token[] = [];
    for (let i = 0; i < out.length; i++) {
      const t = out[i] as Token;
      if (t.kind === Kind.Placemarker) continue;
      // Body tokens already carry `hs`; tokens from arguments (and pastes) need the union.
      const ths = t.hs === hs ? hs : this.hidesets.union(t.hs, hs);
      const space = result.length === 0 ? name.spaceBefore : t.spaceBefore;
      result.push(ths === t.hs && space === t.spaceBefore ? t : retoken(t, t.kind, t.text, space, ths));
    }
    return result;
  }

  /** Copies a body token as produced by this expansion: it maps to the invocation. */
  private fromBody(t: Token, name: Token, exp: number, hs: HideSet): Token {
    return { kind: t.kind, text: t.text, file: name.file, line: name.line, col: name.col, spaceBefore: t.spaceBefore, exp, hs };
  }

  private substRange(
    m: Macro,
    from: number,
    to: number,
    args: Token[][] | undefined,
    expanded: (Token[] | undefined)[],
    name: Token,
    exp: number,
    hs: HideSet,
    out: Token[],
  ): boolean {
    const body = m.body;
    const vaIndex = m.variadic ? (m.params as readonly string[]).length - 1 : -1;
    for (let i = from; i < to; i++) {
      const bt = body[i] as Token;
      const pi = m.paramIndex[i] as number;
      // __VA_OPT__(content): the content if the variadic argument has tokens, else nothing.
      if (args !== undefined && bt.kind === Kind.Ident && bt.text === "__VA_OPT__" && vaIndex >= 0) {
        const close = this.matchParen(body, i + 1, to);
        if (close < 0) {
          this.host.error("pp/bad-va-opt", this.fromBody(bt, name, exp, hs), "unterminated __VA_OPT__");
          return false;
        }
        const before = out.length;
        if ((args[vaIndex] as Token[]).length > 0) {
          if (!this.substRange(m, i + 2, close, args, expanded, name, exp, hs, out)) return false;
        }
        if (out.length === before) out.push(this.placemarker(name, exp));
        else {
          const b0 = out[before] as Token;
          out[before] = retoken(b0, b0.kind, b0.text, bt.spaceBefore, b0.hs);
        }
        i = close;
        continue;
      }
      // `#param`: stringize the argument as written.
      if (args !== undefined && bt.kind === Kind.Punct && bt.text === "#") {
        const pj = m.paramIndex[i + 1] ?? -1;
        if (pj >= 0) {
          const s = stringize(args[pj] as Token[]);
          const b = this.fromBody(bt, name, exp, hs);
          out.push(retoken(b, Kind.String, s, b.spaceBefore, hs));
          i++;
          continue;
        }
      }
      if (bt.kind === Kind.Punct && bt.text === "##") {
        // `a ## ## b` pastes a and b (GCC); the repeated operator is not an operand.
        while (i + 2 < to && isPunct(body[i + 1], "##")) i++;
        const lhs = out.pop();
        // The right operand: a parameter (unexpanded), `#param`, or a body token.
        const next = body[i + 1] as Token;
        const nj = m.paramIndex[i + 1] as number;
        let rhs: Token[];
        if (args !== undefined && nj >= 0) {
          rhs = (args[nj] as Token[]).slice();
          // GNU: `, ## __VA_ARGS__` drops the comma when the variadic argument is empty, and otherwise
          // leaves comma and arguments as they are (no pasting).
          if (nj === vaIndex && lhs !== undefined && lhs.kind === Kind.Punct && lhs.text === ",") {
            if (rhs.length > 0) {
              out.push(lhs);
              const r0 = rhs[0] as Token;
              rhs[0] = retoken(r0, r0.kind, r0.text, next.spaceBefore, r0.hs);
              out.push(...rhs);
            }
            i++;
            continue;
          }
          i++;
        } else if (args !== undefined && isPunct(next, "#") && (m.paramIndex[i + 2] ?? -1) >= 0) {
          const b = this.fromBody(next, name, exp, hs);
          rhs = [retoken(b, Kind.String, stringize(args[m.paramIndex[i + 2] as number] as Token[]), b.spaceBefore, hs)];
          i += 2;
        } else {
          rhs = [this.fromBody(next, name, exp, hs)];
          i++;
        }
        if (lhs === undefined || lhs.kind === Kind.Placemarker) {
          if (rhs.length === 0) out.push(this.placemarker(name, exp));
          else out.push(...rhs);
          continue;
        }
        const first = rhs[0];
        if (first === undefined) {
          out.push(lhs);
          continue;
        }
        out.push(this.paste(lhs, first, name, exp));
        for (let k = 1; k < rhs.length; k++) out.push(rhs[k] as Token);
        continue;
      }
      if (args !== undefined && pi >= 0) {
        const nextIsPaste = isPunct(body[i + 1], "##") && i + 1 < to;
        const arg = args[pi] as Token[];
        let toks: Token[];
        if (nextIsPaste) toks = arg;
        else {
          let e = expanded[pi];
          if (e === undefined) {
            e = this.expandArg(arg, name);
            expanded[pi] = e;
          }
          toks = e;
        }
        if (toks.length === 0) {
          out.push(this.placemarker(name, exp));
          continue;
        }
        const t0 = toks[0] as Token;
        out.push(t0.spaceBefore === bt.spaceBefore ? t0 : retoken(t0, t0.kind, t0.text, bt.spaceBefore, t0.hs));
        for (let k = 1; k < toks.length; k++) out.push(toks[k] as Token);
        continue;
      }
      out.push(this.fromBody(bt, name, exp, hs));
    }
    return true;
  }

  private matchParen(body: readonly Token[], open: number, to: number): number {
    if (!isPunct(body[open], "(")) return -1;
    let depth = 0;
    for (let k = open; k < to; k++) {
      const t = body[k] as Token;
      if (isPunct(t, "(")) depth++;
      else if (isPunct(t, ")") && --depth === 0) return k;
    }
    return -1;
  }

  private placemarker(name: Token, exp: number): Token {
    return { kind: Kind.Placemarker, text: "", file: name.file, line: name.line, col: name.col, spaceBefore: false, exp, hs: EMPTY_HIDESET };
  }

  private expandArg(arg: Token[], name: Token): Token[] {
    if (arg.length === 0) return arg;
    if (this.argDepth >= MAX_ARG_DEPTH) {
      if (!this.exhausted) {
        this.exhausted = true;
        this.host.error("pp/expansion-too-large", name, `macro arguments nested more than ${MAX_ARG_DEPTH} deep; further macros are not expanded`);
      }
      return arg;
    }
    this.argDepth++;
    try {
      return this.expandList(arg, false);
    } finally {
      this.argDepth--;
    }
  }

  private paste(lhs: Token, rhs: Token, name: Token, exp: number): Token {
    const text = lhs.text + rhs.text;
    const kind = lexSingle(text);
    if (kind === undefined) {
      this.host.error("pp/invalid-paste", this.fromBody(lhs, name, exp, EMPTY_HIDESET), `pasting "${lhs.text}" and "${rhs.text}" does not give a valid preprocessing token`);
      // Keep the left operand and drop the right one, so the line stays close to what was written.
      return lhs;
    }
    return { kind, text, file: name.file, line: name.line, col: name.col, spaceBefore: lhs.spaceBefore, exp, hs: this.hidesets.intersect(lhs.hs, rhs.hs) };
  }

  private defined(stream: TokenStream, t: Token): Token {
    let n = stream.next(false);
    let paren = false;
    if (isPunct(n, "(")) {
      paren = true;
      n = stream.next(false);
    }
    const mk = (v: boolean): Token => retoken(t, Kind.Number, v ? "1" : "0", t.spaceBefore, t.hs);
    if (n === undefined || n.kind !== Kind.Ident) {
      this.host.error("pp/bad-expression", n ?? t, "operator \"defined\" requires an identifier");
      return mk(false);
    }
    if (paren) {
      const close = stream.next(false);
      if (!isPunct(close, ")")) {
        this.host.error("pp/bad-expression", close ?? n, "missing ')' after \"defined\"");
        if (close !== undefined) stream.pushBack(close);
      }
    }
    return mk(this.host.macros.has(n.text));
  }

  private hasInclude(stream: TokenStream, t: Token): Token {
    const mk = (v: boolean): Token => retoken(t, Kind.Number, v ? "1" : "0", t.spaceBefore, t.hs);
    if (!isPunct(stream.next(false), "(")) {
      this.host.error("pp/bad-expression", t, `missing '(' after "${t.text}"`);
      return mk(false);
    }
    const parts: Token[] = [];
    let depth = 0;
    for (;;) {
      const x = stream.next(false);
      if (x === undefined) {
        this.host.error("pp/bad-expression", t, `missing ')' after "${t.text}" operand`);
        return mk(false);
      }
      if (isPunct(x, "(")) depth++;
      if (isPunct(x, ")") && depth-- === 0) break;
      parts.push(x);
    }
    const first = parts[0];
    if (first !== undefined && first.kind === Kind.String && parts.length === 1) return mk(this.host.hasInclude(first.text.slice(1, -1), false));
    const expandedParts = this.expandList(parts, false);
    const f = expandedParts[0];
    if (f !== undefined && f.kind === Kind.String) return mk(this.host.hasInclude(f.text.slice(1, -1), false));
    const last = expandedParts[expandedParts.length - 1];
    if (isPunct(f, "<") && isPunct(last, ">") && expandedParts.length > 2) {
      return mk(this.host.hasInclude(spell(expandedParts.slice(1, -1)), true));
    }
    this.host.error("pp/bad-expression", t, `operator "${t.text}" requires a header name`);
    return mk(false);
  }

  /** `_Pragma ( string-literal )`: destringized and recorded like a `#pragma` line. */
  private pragmaOperator(stream: TokenStream, t: Token): boolean {
    const lp = stream.next(false);
    if (!isPunct(lp, "(")) {
      if (lp !== undefined) stream.pushBack(lp);
      return false;
    }
    const s = stream.next(false);
    const rp = stream.next(false);
    if (s === undefined || s.kind !== Kind.String || !isPunct(rp, ")")) {
      this.host.error("pp/bad-pragma", t, "_Pragma takes a parenthesized string literal");
      if (rp !== undefined) stream.pushBack(rp);
      return true;
    }
    const body = s.text.slice(s.text.indexOf('"') + 1, -1).replace(/\\(["\\])/g, "$1");
    this.host.pragma(body, t);
    return true;
  }
}

/** `#` operator: the argument's spelling with runs of whitespace as one space, quotes escaped. */
export function stringize(arg: readonly Token[]): string {
  let s = "";
  for (let i = 0; i < arg.length; i++) {
    const t = arg[i] as Token;
    if (t.kind === Kind.Placemarker) continue;
    if (i > 0 && t.spaceBefore && s !== "") s += " ";
    s += t.kind === Kind.String || t.kind === Kind.Char || t.kind === Kind.BadString ? t.text.replace(/[\\"]/g, "\\$&") : t.text;
  }
  return `"${s}"`;
}

/** Token spellings joined with single spaces where the source had whitespace. */
export function spell(toks: readonly Token[]): string {
  let s = "";
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token;
    if (i > 0 && t.spaceBefore) s += " ";
    s += t.text;
  }
  return s;
}

/** A token like `t` (same location and expansion) with other properties; keeps object shapes uniform. */
export function retoken(t: Token, kind: Kind, text: string, spaceBefore: boolean, hs: HideSet): Token {
  return { kind, text, file: t.file, line: t.line, col: t.col, spaceBefore, exp: t.exp, hs };
}

const IDENT_RE = /^[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*$/;
const NUMBER_RE = /^\.?[0-9](?:[eEpP][+-]|[\w$.\u0080-\uffff])*$/;

/** The kind of `text` if it lexes as exactly one preprocessing token. */
function lexSingle(text: string): Kind | undefined {
  // Fast paths for what `##` nearly always builds: identifiers and numbers.
  if (IDENT_RE.test(text)) return Kind.Ident;
  if (NUMBER_RE.test(text)) return Kind.Number;
  if (text.includes("\n")) return undefined;
  const r = lexFile(text, 0);
  const line = r.lines[0];
  if (r.lines.length !== 1 || line === undefined || line.tokens.length !== 1) return undefined;
  const t = line.tokens[0] as Token;
  return t.text === text && t.kind !== Kind.BadString ? t.kind : undefined;
}
