/**
 * @fileoverview The one thing the sandbox needs from a source map: which script file and line a
 * line of the bundle came from, so guest errors read "script.js:12: message".
 */

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export interface OriginalPosition {
  source: string;
  line: number;
}

/** Original position of generated line `line` (1-based), or undefined when unmapped. */
export function originalLine(mapJson: string, line: number): OriginalPosition | undefined {
  let map: { sources?: string[]; mappings?: string };
  try {
    map = JSON.parse(mapJson) as typeof map;
  } catch {
    return undefined;
  }
  const sources = map.sources ?? [];
  const lines = (map.mappings ?? "").split(";");
  // Source index and original line are deltas running across the whole mappings string.
  let src = 0;
  let orig = 0;
  for (let i = 0; i < lines.length && i < line; i++) {
    let first: OriginalPosition | undefined;
    for (const seg of (lines[i] ?? "").split(",")) {
      if (seg === "") continue;
      const f = decodeVlq(seg);
      if (f.length >= 4) {
        src += f[1]!;
        orig += f[2]!;
        if (i === line - 1 && !first) first = { source: sources[src] ?? "?", line: orig + 1 };
      }
    }
    if (i === line - 1) return first;
  }
  return undefined;
}

function decodeVlq(seg: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of seg) {
    const digit = B64.indexOf(ch);
    if (digit < 0) break;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}
