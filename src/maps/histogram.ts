/**
 * @fileoverview BCC's text histograms (`print_log2_hist`, `print_linear_hist`), reproduced byte for
 * byte because users diff tool output against Python BCC's. The layout rules, as BCC 0.26 prints
 * them:
 * - log2: bucket i (1 ≤ i ≤ last non-zero index) spans [2^(i-1), 2^i - 1], with bucket 1 shown as
 *   "0 -> 1". Up to index 32 the range columns are 10 wide and the bar 40 stars; past 32 they are
 *   20 wide and the bar 20 stars. Nothing (not even the header) is printed unless some index > 0 is
 *   non-zero.
 * - linear: one row per index 0..last non-zero, 40-star bar, header when any index is non-zero.
 * - the bar has floor-ish length width·val/max computed in floating point; a value above the
 *   maximum (impossible here, kept for parity) ends the bar with '+'.
 * - struct keys (bucket, slot): one histogram per bucket, each preceded by a blank line and
 *   "<section_header> = <bucket>" (the bucket as Python's %r would print it).
 */

export type HistCount = number | bigint;

/** BCC's bar width. */
export const STARS_MAX = 40;
/** Slots in a log2 histogram (enough for any 64-bit value) and in a linear one (BCC's limits). */
export const LOG2_INDEX_MAX = 65;
export const LINEAR_INDEX_MAX = 1025;

const toNumber = (v: HistCount): number => (typeof v === "bigint" ? Number(v) : v);
const isPositive = (v: HistCount): boolean => (typeof v === "bigint" ? v > 0n : v > 0);
const greater = (a: HistCount, b: HistCount): boolean => (typeof a === "bigint" || typeof b === "bigint" ? BigInt(a) > BigInt(b) : a > b);

/** Left/right padded integer or string, as printf's %-Nd / %Nd / %-Ns. */
const left = (v: HistCount | string, w: number): string => String(v).padEnd(w, " ");
const right = (v: HistCount | string, w: number): string => String(v).padStart(w, " ");

/** The bar for `val` relative to `valMax`, `width` characters at most. */
export function stars(val: HistCount, valMax: HistCount, width: number): string {
  // Same float arithmetic as BCC: stop once i > width*val/max - 1 or the bar is full.
  const limit = (width * toNumber(val)) / toNumber(valMax) - 1;
  let text = "";
  for (let i = 0; i <= width - 1 && !(i > limit); i++) text += "*";
  if (greater(val, valMax)) text = `${text.slice(0, -1)}+`;
  return text;
}

function scan(vals: readonly HistCount[]): { idxMax: number; valMax: HistCount } {
  let idxMax = -1;
  let valMax: HistCount = 0;
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i]!;
    if (isPositive(v)) idxMax = i;
    if (greater(v, valMax)) valMax = v;
  }
  return { idxMax, valMax };
}

/** The text BCC's `_print_log2_hist` prints for a slot array (each line ends with "\n"). */
export function formatLog2Hist(vals: readonly HistCount[], valType = "value", stripLeadingZero = false): string {
  const { idxMax, valMax } = scan(vals);
  const wide = idxMax > 32;
  const barWidth = wide ? Math.trunc(STARS_MAX / 2) : STARS_MAX;
  const col = wide ? 20 : 10;
  const out: string[] = [];
  if (idxMax > 0) {
    out.push(wide ? `               ${left(valType, 29)} : count     distribution` : `     ${left(valType, 19)} : count     distribution`);
  }
  let strip = stripLeadingZero;
  for (let i = 1; i <= idxMax; i++) {
    let low = (1n << BigInt(i)) >> 1n;
    const high = (1n << BigInt(i)) - 1n;
    if (low === high) low -= 1n;
    const val = vals[i] ?? 0;
    if (strip) {
      // BCC tests truthiness: any non-zero value (even negative) ends the stripped prefix.
      if (val === 0 || val === 0n) continue;
      strip = false;
    }
    out.push(`${right(low, col)} -> ${left(high, col)} : ${left(val, 8)} |${left(stars(val, valMax, barWidth), barWidth)}|`);
  }
  return out.map((l) => `${l}\n`).join("");
}

/** The text BCC's `_print_linear_hist` prints for a slot array. */
export function formatLinearHist(vals: readonly HistCount[], valType = "value", stripLeadingZero = false): string {
  const { idxMax, valMax } = scan(vals);
  const out: string[] = [];
  if (idxMax >= 0) out.push(`     ${left(valType, 13)} : count     distribution`);
  let strip = stripLeadingZero;
  for (let i = 0; i <= idxMax; i++) {
    const val = vals[i] ?? 0;
    if (strip) {
      // BCC tests truthiness: any non-zero value (even negative) ends the stripped prefix.
      if (val === 0 || val === 0n) continue;
      strip = false;
    }
    out.push(`        ${left(i, 10)} : ${left(val, 8)} |${left(stars(val, valMax, STARS_MAX), STARS_MAX)}|`);
  }
  return out.map((l) => `${l}\n`).join("");
}

/**
 * BCC's `_print_json_hist` line: Python's repr of a dict {ts, val_type, data[, section]} where data
 * lists the log2 intervals up to the last non-zero slot (slot i ≥ 1 covers [2^(i-1) or 0, 2^i - 1]).
 * `ts` is local time as strftime("%Y-%m-%d %H:%M:%S").
 */
export function formatJsonHist(vals: readonly HistCount[], valType = "value", section?: [string, unknown], now: Date = new Date()): string {
  let maxNonzero = 0;
  vals.forEach((v, i) => {
    if (v !== 0 && v !== 0n) maxNonzero = i;
  });
  const data: string[] = [];
  let index = 1n;
  let prev = 0n;
  for (let i = 1; i < vals.length && i <= maxNonzero; i++) {
    index *= 2n;
    data.push(`{'interval-start': ${prev}, 'interval-end': ${index - 1n}, 'count': ${pyInt(vals[i] ?? 0)}}`);
    prev = index;
  }
  const p2 = (n: number): string => String(n).padStart(2, "0");
  const ts = `${now.getFullYear()}-${p2(now.getMonth() + 1)}-${p2(now.getDate())} ${p2(now.getHours())}:${p2(now.getMinutes())}:${p2(now.getSeconds())}`;
  let text = `{'ts': ${pythonRepr(ts, true)}, 'val_type': ${pythonRepr(valType, true)}, 'data': [${data.join(", ")}]`;
  if (section) {
    const [key, value] = section;
    const shown = value instanceof PyStr ? pythonRepr(value.text, true) : pythonRepr(value);
    text += `, ${pythonRepr(key, true)}: ${shown}`;
  }
  return `${text}}\n`;
}

/** Marks a value as a Python str (repr 'x') rather than the bytes (b'x') strings otherwise stand for. */
export class PyStr {
  constructor(readonly text: string) {}
}

/** Python's int() of a count: floats truncate toward zero. */
function pyInt(v: HistCount): string {
  return typeof v === "bigint" ? String(v) : String(Math.trunc(v));
}

/**
 * Python's repr() of a bucket value, as BCC's "%r" shows it. Strings stand for C char arrays, which
 * are bytes in BCC (b'sda'); `asStr` renders a real Python str instead ('usecs').
 */
export function pythonRepr(v: unknown, asStr = false): string {
  if (typeof v === "string") return asStr ? strRepr(v) : bytesRepr(new TextEncoder().encode(v));
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (v instanceof Uint8Array) return bytesRepr(v);
  if (Array.isArray(v)) return `[${v.map((x) => pythonRepr(x)).join(", ")}]`;
  if (v === null || v === undefined) return "None";
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x));
}

function strRepr(v: string): string {
  const quote = v.includes("'") && !v.includes('"') ? '"' : "'";
  let s = "";
  for (const ch of v) {
    const c = ch.codePointAt(0)!;
    if (ch === "\\") s += "\\\\";
    else if (ch === "\t") s += "\\t";
    else if (ch === "\n") s += "\\n";
    else if (ch === "\r") s += "\\r";
    else if (ch === quote) s += `\\${quote}`;
    else if (c < 0x20 || c === 0x7f) s += `\\x${c.toString(16).padStart(2, "0")}`;
    else s += ch;
  }
  return `${quote}${s}${quote}`;
}

function bytesRepr(b: Uint8Array): string {
  const hasSingle = b.includes(0x27);
  const quote = hasSingle && !b.includes(0x22) ? '"' : "'";
  let s = "";
  for (const c of b) {
    if (c === 0x5c) s += "\\\\";
    else if (c === 0x09) s += "\\t";
    else if (c === 0x0a) s += "\\n";
    else if (c === 0x0d) s += "\\r";
    else if (c === quote.charCodeAt(0)) s += `\\${quote}`;
    else if (c < 0x20 || c >= 0x7f) s += `\\x${c.toString(16).padStart(2, "0")}`;
    else s += String.fromCharCode(c);
  }
  return `b${quote}${s}${quote}`;
}

export interface SectionOptions {
  /** Column header ("usecs", "kbytes", ...). */
  valType?: string;
  /** Printed before each section: "<header> = <bucket>". */
  sectionHeader?: string;
  /** Formats a bucket for the section line (default: Python repr). */
  sectionPrintFn?: (bucket: unknown) => string;
  /** Maps a key's bucket field to the grouping value. */
  bucketFn?: (bucket: unknown) => unknown;
  stripLeadingZero?: boolean;
  /** Orders the buckets (default: first-seen order, like a Python dict). */
  bucketSortFn?: (buckets: unknown[]) => unknown[];
}

/**
 * Sectioned histograms for (bucket, slot) entries, as BCC does for struct keys: groups by bucket,
 * places each value at its slot (slot arrays have LOG2_INDEX_MAX entries in both modes, like BCC),
 * then prints each section.
 */
export function formatSectionedHist(
  entries: Iterable<{ bucket: unknown; slot: number; value: HistCount }>,
  linear: boolean,
  o: SectionOptions = {},
): string {
  const groups = new Map<unknown, HistCount[]>();
  for (const e of entries) {
    const bucket = o.bucketFn ? o.bucketFn(e.bucket) : e.bucket;
    let vals = groups.get(bucket);
    if (!vals) groups.set(bucket, (vals = new Array<HistCount>(LOG2_INDEX_MAX).fill(0)));
    if (!Number.isInteger(e.slot) || e.slot < 0 || e.slot >= LOG2_INDEX_MAX) {
      throw new RangeError(`histogram slot ${e.slot} out of range 0..${LOG2_INDEX_MAX - 1}`);
    }
    vals[e.slot] = e.value;
  }
  let buckets = [...groups.keys()];
  if (o.bucketSortFn) buckets = o.bucketSortFn(buckets);
  const header = o.sectionHeader ?? "Bucket ptr";
  let text = "";
  for (const bucket of buckets) {
    const shown = o.sectionPrintFn ? o.sectionPrintFn(bucket) : pythonRepr(bucket);
    text += `\n${header} = ${shown}\n`;
    const vals = groups.get(bucket) ?? [];
    text += linear ? formatLinearHist(vals, o.valType, o.stripLeadingZero) : formatLog2Hist(vals, o.valType, o.stripLeadingZero);
  }
  return text;
}

/** Slot array from (index, value) pairs of a scalar-keyed histogram map. */
export function slotsFromEntries(entries: Iterable<[number, HistCount]>, linear: boolean): HistCount[] {
  const n = linear ? LINEAR_INDEX_MAX : LOG2_INDEX_MAX;
  const vals = new Array<HistCount>(n).fill(0);
  for (const [k, v] of entries) {
    if (!Number.isInteger(k) || k < 0 || k >= n) {
      throw new RangeError(`Index in print_${linear ? "linear" : "log2"}_hist() of ${k} exceeds max of ${n}.`);
    }
    vals[k] = v;
  }
  return vals;
}

/** Convenience for plain arrays (sandbox, tests): prints like BCC's table method. */
export function print_log2_hist(vals: readonly HistCount[], val_type = "value", strip_leading_zero = false, write: (s: string) => void = (s) => void process.stdout.write(s)): void {
  write(formatLog2Hist(vals, val_type, strip_leading_zero));
}

export function print_linear_hist(vals: readonly HistCount[], val_type = "value", strip_leading_zero = false, write: (s: string) => void = (s) => void process.stdout.write(s)): void {
  write(formatLinearHist(vals, val_type, strip_leading_zero));
}
