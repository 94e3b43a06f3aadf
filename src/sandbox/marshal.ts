/**
 * @fileoverview Values crossing between the host and the QuickJS guest travel as JSON text with a
 * few tagged strings, because one string per call is much cheaper than building QuickJS handles
 * field by field, and QuickJS's own JSON.parse is native code. Tags (a string starting with U+0001):
 *
 *   "\u0001b<decimal>"  bigint              "\u0001u<latin1>"  Uint8Array (bytes as char codes)
 *   "\u0001U"           undefined           "\u0001n<text>"    NaN / Infinity / -Infinity
 *   "\u0001r<flags>/<source>"  RegExp (flags never contain "/")
 *   "\u0001f<index>"    a guest function (guest → host only: index into the call's function list)
 *   "\u0001s<text>"     a string that itself starts with U+0001
 *
 * The guest-side twin of this codec lives in guest-prelude.ts; marshal.test.ts checks they agree.
 */

const TAG = "\u0001";

/** Host value → tagged JSON. Functions and symbols are dropped, as JSON does. */
export function encodeValue(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = key === "" && this[""] === undefined ? v : this[key];
    return tagOut(raw, v);
  }) ?? `"${TAG}U"`;
}

function tagOut(raw: unknown, v: unknown): unknown {
  switch (typeof raw) {
    case "bigint": return `${TAG}b${raw.toString()}`;
    case "undefined": return `${TAG}U`;
    case "number": return Number.isFinite(raw) ? raw : `${TAG}n${String(raw)}`;
    case "string": return raw.startsWith(TAG) ? `${TAG}s${raw}` : raw;
    case "function":
    case "symbol": return undefined;
    default: break;
  }
  if (raw instanceof Uint8Array) return `${TAG}u${latin1(raw)}`;
  if (raw instanceof RegExp) return `${TAG}r${raw.flags}/${raw.source}`;
  if (raw instanceof Map) return [...raw.entries()];
  if (raw instanceof Set) return [...raw.values()];
  return v;
}

function latin1(bytes: Uint8Array): string {
  let s = "";
  // Chunked: String.fromCharCode with a huge spread overflows the stack.
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/** Tagged JSON → host value; `fn(i)` turns a guest function reference into something callable. */
export function decodeValue(text: string, fn?: (index: number) => unknown): unknown {
  if (!text.includes("\\u0001")) return JSON.parse(text);
  return JSON.parse(text, (_k, v: unknown) => (typeof v === "string" && v.startsWith(TAG) ? tagIn(v, fn) : v));
}

function tagIn(v: string, fn: ((index: number) => unknown) | undefined): unknown {
  const body = v.slice(2);
  switch (v[1]) {
    case "b": return BigInt(body);
    case "U": return undefined;
    case "n": return Number(body);
    case "s": return body;
    case "r": {
      // The guest's QuickJS accepted this pattern; V8 might not, in rare corners of the syntax.
      const slash = body.indexOf("/");
      try {
        return new RegExp(body.slice(slash + 1), body.slice(0, slash));
      } catch (err) {
        throw new TypeError(`regular expression /${body.slice(slash + 1)}/${body.slice(0, slash)} is not valid in Node: ${(err as Error).message}`);
      }
    }
    case "u": {
      const out = new Uint8Array(body.length);
      for (let i = 0; i < body.length; i++) out[i] = body.charCodeAt(i) & 0xff;
      return out;
    }
    case "f": {
      if (!fn) throw new TypeError("a function cannot be passed here");
      return fn(Number(body));
    }
    default: return v;
  }
}
