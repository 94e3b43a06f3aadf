/**
 * @fileoverview C literal decoding: integer constants (decimal/octal/hex/binary with u/l suffixes),
 * character constants and string literal bodies with escapes. Pure string → value functions.
 */

export interface IntLiteral {
  value: bigint;
  unsigned: boolean;
  longs: number;
  /** "float" for floating literals (BPF has no FPU; the caller reports). */
  error?: "float" | "bad";
}

export function parseIntLiteral(text: string): IntLiteral {
  let t = text.replace(/'/g, "");
  let unsigned = false;
  let longs = 0;
  const isHex = /^0[xX]/.test(t);
  if (!isHex && /[.eE]/.test(t)) return { value: 0n, unsigned: false, longs: 0, error: "float" };
  if (isHex && /[.pP]/.test(t)) return { value: 0n, unsigned: false, longs: 0, error: "float" };
  const m = /([uUlL]+)$/.exec(t);
  if (m) {
    const suf = m[1]!.toLowerCase();
    unsigned = suf.includes("u");
    longs = (suf.match(/l/g) ?? []).length;
    t = t.slice(0, t.length - m[1]!.length);
  }
  if (/[fF]$/.test(t) && !isHex) return { value: 0n, unsigned, longs, error: "float" };
  try {
    let value: bigint;
    if (isHex || /^0[bB]/.test(t)) value = BigInt(t);
    else if (/^0[0-7]+$/.test(t)) value = BigInt("0o" + t.slice(1));
    else if (/^[0-9]+$/.test(t)) value = BigInt(t);
    else return { value: 0n, unsigned, longs, error: "bad" };
    return { value, unsigned, longs };
  } catch {
    return { value: 0n, unsigned, longs, error: "bad" };
  }
}

const SIMPLE_ESCAPES: Record<string, number> = {
  n: 10, t: 9, r: 13, "0": 0, a: 7, b: 8, f: 12, v: 11, e: 27, "\\": 92, "'": 39, '"': 34, "?": 63,
};

/** Decodes the body of a string/char literal (quotes removed) into bytes (UTF-8 for non-ASCII). */
export function decodeEscapes(body: string): Uint8Array {
  const out: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== "\\") {
      const code = body.charCodeAt(i);
      if (code < 0x80) out.push(code);
      else {
        // Keep surrogate pairs together so the encoder sees a whole code point.
        const cp = body.codePointAt(i)!;
        const s = String.fromCodePoint(cp);
        for (const b of enc.encode(s)) out.push(b);
        if (cp > 0xffff) i++;
      }
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) break;
    if (next === "x") {
      let j = i + 2;
      let v = 0;
      while (j < body.length && /[0-9a-fA-F]/.test(body[j]!)) v = (v * 16 + parseInt(body[j++]!, 16)) & 0xff;
      out.push(v);
      i = j - 1;
    } else if (/[0-7]/.test(next)) {
      let j = i + 1;
      let v = 0;
      while (j < body.length && j < i + 4 && /[0-7]/.test(body[j]!)) v = v * 8 + parseInt(body[j++]!, 8);
      out.push(v & 0xff);
      i = j - 1;
    } else {
      out.push(SIMPLE_ESCAPES[next] ?? next.charCodeAt(0));
      i++;
    }
  }
  return Uint8Array.from(out);
}

/** Value of a character constant like `'a'` or `'\n'` (type int, plain char is signed on x86). */
export function parseCharLiteral(text: string): bigint {
  const body = text.replace(/^[LuU]?'/, "").replace(/'$/, "");
  const bytes = decodeEscapes(body);
  const b = bytes[0] ?? 0;
  return BigInt(b >= 128 ? b - 256 : b);
}
