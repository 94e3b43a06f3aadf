/**
 * @fileoverview `#if` constant expressions (C11 6.10.1): integer arithmetic in intmax_t/uintmax_t
 * (64 bits here), with the usual arithmetic conversions between signed and unsigned, short-circuit
 * `&&`, `||` and `?:` (division by zero in an unevaluated operand is fine), character constants and
 * every integer-literal form. The input is already macro-expanded with `defined` resolved; any
 * identifier left is 0. BigInt keeps 64-bit wrap-around exact; `#if` lines are rare enough that its
 * cost does not matter.
 */
import { Kind, type Token } from "./lexer.ts";

export interface PPValue {
  v: bigint;
  unsigned: boolean;
}

export type ExprResult = { ok: true; value: PPValue } | { ok: false; message: string; at: Token | undefined };

class ExprError {
  constructor(
    readonly message: string,
    readonly at: Token | undefined,
  ) {}
}

const MAX_DEPTH = 256;

function norm(v: bigint, unsigned: boolean): PPValue {
  return { v: unsigned ? BigInt.asUintN(64, v) : BigInt.asIntN(64, v), unsigned };
}
const bool = (b: boolean): PPValue => ({ v: b ? 1n : 0n, unsigned: false });

// Binary operator precedence (higher binds tighter).
const PREC: Record<string, number> = {
  "||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6, "<": 7, ">": 7, "<=": 7, ">=": 7,
  "<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10,
};

export function evaluate(toks: readonly Token[]): ExprResult {
  const p = new Parser(toks);
  try {
    if (toks.length === 0) return { ok: false, message: "#if with no expression", at: undefined };
    const v = p.comma(true);
    const rest = toks[p.pos];
    if (rest !== undefined) {
      let message = `missing binary operator before token "${rest.text}"`;
      if (rest.kind === Kind.Punct && rest.text === ")") message = "missing '(' in expression";
      else if (rest.kind === Kind.Punct) message = `token "${rest.text}" is not valid in preprocessor expressions`;
      throw new ExprError(message, rest);
    }
    return { ok: true, value: v };
  } catch (e) {
    if (e instanceof ExprError) return { ok: false, message: e.message, at: e.at };
    throw e;
  }
}

class Parser {
  pos = 0;
  private depth = 0;
  constructor(private readonly toks: readonly Token[]) {}

  private peek(): Token | undefined {
    return this.toks[this.pos];
  }
  private isPunct(text: string): boolean {
    const t = this.toks[this.pos];
    return t !== undefined && t.kind === Kind.Punct && t.text === text;
  }
  private last(): Token | undefined {
    return this.toks[this.pos - 1] ?? this.toks[this.toks.length - 1];
  }

  comma(ev: boolean): PPValue {
    let v = this.cond(ev);
    while (this.isPunct(",")) {
      this.pos++;
      v = this.cond(ev);
    }
    return v;
  }

  private cond(ev: boolean): PPValue {
    if (++this.depth > MAX_DEPTH) throw new ExprError("#if expression nested too deeply", this.peek());
    const c = this.binary(1, ev);
    let result = c;
    if (this.isPunct("?")) {
      this.pos++;
      const t = c.v !== 0n;
      const a = this.comma(ev && t);
      if (!this.isPunct(":")) throw new ExprError("expected ':' in conditional expression", this.peek() ?? this.last());
      this.pos++;
      const b = this.cond(ev && !t);
      const unsigned = a.unsigned || b.unsigned;
      result = norm(t ? a.v : b.v, unsigned);
    }
    this.depth--;
    return result;
  }

  private binary(minPrec: number, ev: boolean): PPValue {
    let lhs = this.unary(ev);
    for (;;) {
      const op = this.peek();
      if (op === undefined || op.kind !== Kind.Punct) return lhs;
      const prec = PREC[op.text];
      if (prec === undefined || prec < minPrec) return lhs;
      this.pos++;
      if (op.text === "&&") {
        const rhs = this.binary(prec + 1, ev && lhs.v !== 0n);
        lhs = bool(lhs.v !== 0n && rhs.v !== 0n);
      } else if (op.text === "||") {
        const rhs = this.binary(prec + 1, ev && lhs.v === 0n);
        lhs = bool(lhs.v !== 0n || rhs.v !== 0n);
      } else {
        const rhs = this.binary(prec + 1, ev);
        lhs = this.apply(op, lhs, rhs, ev);
      }
    }
  }

  private apply(op: Token, a: PPValue, b: PPValue, ev: boolean): PPValue {
    const text = op.text;
    if (text === "<<" || text === ">>") {
      // The result has the left operand's type; a negative count shifts the other way (GCC does).
      let n = b.v;
      let left = text === "<<";
      if (!b.unsigned && n < 0n) {
        n = -n;
        left = !left;
      }
      if (left) return norm(n >= 64n ? 0n : a.v << n, a.unsigned);
      if (n >= 64n) return norm(!a.unsigned && a.v < 0n ? -1n : 0n, a.unsigned);
      return norm(a.v >> n, a.unsigned);
    }
    const unsigned = a.unsigned || b.unsigned;
    const x = unsigned ? BigInt.asUintN(64, a.v) : a.v;
    const y = unsigned ? BigInt.asUintN(64, b.v) : b.v;
    switch (text) {
      case "*": return norm(x * y, unsigned);
      case "/":
      case "%":
        if (y === 0n) {
          if (ev) throw new ExprError(text === "/" ? "division by zero in #if" : "remainder by zero in #if", op);
          return norm(0n, unsigned);
        }
        // BigInt division truncates toward zero, as C99 requires.
        return norm(text === "/" ? x / y : x % y, unsigned);
      case "+": return norm(x + y, unsigned);
      case "-": return norm(x - y, unsigned);
      case "<": return bool(x < y);
      case ">": return bool(x > y);
      case "<=": return bool(x <= y);
      case ">=": return bool(x >= y);
      case "==": return bool(x === y);
      case "!=": return bool(x !== y);
      case "&": return norm(x & y, unsigned);
      case "^": return norm(x ^ y, unsigned);
      case "|": return norm(x | y, unsigned);
    }
    throw new ExprError(`invalid operator '${text}' in #if`, op);
  }

  private unary(ev: boolean): PPValue {
    const t = this.peek();
    if (t === undefined) throw new ExprError("#if expression ends unexpectedly", this.last());
    if (t.kind === Kind.Punct) {
      switch (t.text) {
        case "(": {
          this.pos++;
          if (++this.depth > MAX_DEPTH) throw new ExprError("#if expression nested too deeply", t);
          const v = this.comma(ev);
          this.depth--;
          if (!this.isPunct(")")) throw new ExprError("missing ')' in expression", this.peek() ?? t);
          this.pos++;
          return v;
        }
        case "+":
        case "-":
        case "~":
        case "!": {
          this.pos++;
          if (++this.depth > MAX_DEPTH) throw new ExprError("#if expression nested too deeply", t);
          const v = this.unary(ev);
          this.depth--;
          if (t.text === "+") return v;
          if (t.text === "-") return norm(-v.v, v.unsigned);
          if (t.text === "~") return norm(~v.v, v.unsigned);
          return bool(v.v === 0n);
        }
      }
      throw new ExprError(`token "${t.text}" is not valid in preprocessor expressions`, t);
    }
    this.pos++;
    switch (t.kind) {
      case Kind.Number:
        return parseNumber(t);
      case Kind.Char:
        return parseChar(t);
      case Kind.Ident:
        // What is left after expansion and `defined` is an unknown name: 0 (C11 6.10.1p4).
        return { v: 0n, unsigned: false };
    }
    throw new ExprError(`token "${t.text}" is not valid in preprocessor expressions`, t);
  }
}

const INT64_MAX = (1n << 63n) - 1n;

export function parseNumber(t: Token): PPValue {
  const s = t.text;
  const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)([uUlL]*)$/.exec(s.replace(/'/g, ""));
  if (!m) {
    if (/^(0[xX][0-9a-fA-F.]*[pP]|[0-9.]*[.eE])/.test(s)) throw new ExprError("floating constant in preprocessor expression", t);
    throw new ExprError(`invalid integer constant "${s}" in #if`, t);
  }
  const digits = m[1] as string;
  const suffix = (m[2] as string).toLowerCase();
  if (!/^(u?(l|ll)?|(l|ll)u)$/.test(suffix)) throw new ExprError(`invalid suffix "${m[2]}" on integer constant`, t);
  let v: bigint;
  if (/^0[xXbB]/.test(digits)) v = BigInt(digits.toLowerCase());
  else if (digits.length > 1 && digits.startsWith("0")) {
    if (/[89]/.test(digits)) throw new ExprError(`invalid digit in octal constant "${s}"`, t);
    v = BigInt(`0o${digits.slice(1)}`);
  } else {
    v = BigInt(digits);
  }
  if (v > (1n << 64n) - 1n) throw new ExprError(`integer constant "${s}" is too large`, t);
  // Too big for intmax_t: unsigned (for decimal GCC warns "so large that it is unsigned").
  const unsigned = suffix.includes("u") || v > INT64_MAX;
  return norm(v, unsigned);
}

const SIMPLE_ESCAPES: Record<string, number> = {
  n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, e: 27, "\\": 92, "'": 39, '"': 34, "?": 63,
};

/**
 * Values of a quoted literal body after escape processing, each with whether it came from an escape
 * (an escape is a raw code unit; a written character is a code point to be encoded).
 */
function decodeChars(body: string, t: Token): [number, boolean][] {
  const out: [number, boolean][] = [];
  for (let i = 0; i < body.length; ) {
    const c = body.charCodeAt(i);
    if (c !== 92) {
      const cp = body.codePointAt(i) as number;
      out.push([cp, false]);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1] ?? "";
    if (e in SIMPLE_ESCAPES) {
      out.push([SIMPLE_ESCAPES[e] as number, true]);
      i += 2;
    } else if (e === "x") {
      const m = /^[0-9a-fA-F]+/.exec(body.slice(i + 2));
      if (!m) throw new ExprError("\\x used with no following hex digits", t);
      out.push([Number(BigInt(`0x${m[0]}`) & 0xffffffffn), true]);
      i += 2 + m[0].length;
    } else if (/[0-7]/.test(e)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1)) as RegExpExecArray;
      out.push([parseInt(m[0], 8), true]);
      i += 1 + m[0].length;
    } else if (e === "u" || e === "U") {
      const len = e === "u" ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new ExprError("incomplete universal character name", t);
      out.push([parseInt(hex, 16), false]);
      i += 2 + len;
    } else {
      // Unknown escape: GCC warns and uses the character itself.
      out.push([body.charCodeAt(i + 1) || 92, true]);
      i += 2;
    }
  }
  return out;
}

export function parseChar(t: Token): PPValue {
  const s = t.text;
  const q = s.indexOf("'");
  const prefix = s.slice(0, q);
  const body = s.slice(q + 1, -1);
  if (body.length === 0) throw new ExprError("empty character constant", t);
  const chars = decodeChars(body, t);
  if (prefix === "L" || prefix === "U") {
    // wchar_t is a signed 32-bit int on x86-64 Linux; char32_t is unsigned.
    const v = BigInt((chars[chars.length - 1] as [number, boolean])[0]);
    return prefix === "L" ? norm(BigInt.asIntN(32, v), false) : norm(BigInt.asUintN(32, v), false);
  }
  if (prefix === "u") return norm(BigInt((chars[chars.length - 1] as [number, boolean])[0] & 0xffff), false);
  // Plain char constants are ints; a written non-ASCII character counts as its UTF-8 bytes, and a
  // multi-character constant packs bytes big-endian into an int (GCC's implementation-defined rule).
  const bytes: number[] = [];
  for (const [c, escaped] of chars) {
    if (escaped || c < 0x80) bytes.push(c & 0xff);
    else for (const b of new TextEncoder().encode(String.fromCodePoint(c))) bytes.push(b);
  }
  if (bytes.length === 1) return norm(BigInt.asIntN(8, BigInt(bytes[0] as number)), false);
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return norm(BigInt.asIntN(32, v), false);
}
