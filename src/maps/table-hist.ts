/**
 * @fileoverview A table's entries → BCC histogram text. Scalar keys are slot indexes; struct keys are
 * (bucket, slot) pairs taken from the first two fields, as BCC's decode_c_struct does (including its
 * skip of a compiler-inserted `__pad_1` member).
 */
import type { CTypeDesc } from "../spec/index.ts";
import {
  formatJsonHist, formatLinearHist, formatLog2Hist, formatSectionedHist, LOG2_INDEX_MAX, PyStr, slotsFromEntries,
  type HistCount, type SectionOptions,
} from "./histogram.ts";

/**
 * BCC's positional arguments: (val_type, section_header, section_print_fn, bucket_fn,
 * strip_leading_zero, bucket_sort_fn); or one options object.
 */
export type HistArgs =
  | [options: SectionOptions]
  | [
    val_type?: string,
    section_header?: string,
    section_print_fn?: ((bucket: unknown) => string) | null,
    bucket_fn?: ((bucket: unknown) => unknown) | null,
    strip_leading_zero?: boolean | null,
    bucket_sort_fn?: ((buckets: unknown[]) => unknown[]) | null,
  ];

function toOptions(args: HistArgs): SectionOptions {
  const [first] = args;
  if (typeof first === "object" && first !== null) return first;
  const [valType, sectionHeader, sectionPrintFn, bucketFn, strip, bucketSortFn] = args as unknown[];
  return {
    valType: (valType as string | undefined) ?? "value",
    sectionHeader: (sectionHeader as string | undefined) ?? "Bucket ptr",
    sectionPrintFn: (sectionPrintFn as SectionOptions["sectionPrintFn"] | null) ?? undefined,
    bucketFn: (bucketFn as SectionOptions["bucketFn"] | null) ?? undefined,
    stripLeadingZero: Boolean(strip),
    bucketSortFn: (bucketSortFn as SectionOptions["bucketSortFn"] | null) ?? undefined,
  };
}

/** A count from a decoded value: integers as is, per-CPU arrays summed. */
function count(v: unknown): HistCount {
  if (typeof v === "number" || typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (Array.isArray(v)) {
    let big = false;
    for (const x of v) if (typeof x === "bigint") big = true;
    return big ? v.reduce((a: bigint, x) => a + BigInt(x as number | bigint), 0n) : v.reduce((a: number, x) => a + Number(x), 0);
  }
  throw new TypeError(`histogram values must be integers, got ${typeof v}`);
}

function slotIndex(k: unknown): number {
  if (typeof k === "number") return k;
  if (typeof k === "bigint") return Number(k);
  throw new TypeError(`histogram keys must be integers (or a struct with bucket and slot fields), got ${typeof k}`);
}

/** (bucket, slot, count) entries of a struct-keyed table, or undefined for scalar keys. */
function structEntries(items: [unknown, unknown][], keyType: CTypeDesc): { bucket: unknown; slot: number; value: HistCount }[] | undefined {
  if (keyType.kind !== "struct") return undefined;
  const fields = keyType.fields;
  const f1 = fields[0]?.name;
  let f2 = fields[1]?.name;
  if (f2 === "__pad_1" && fields.length === 3) f2 = fields[2]?.name;
  if (f1 === undefined || f2 === undefined) throw new TypeError("histogram struct keys need a bucket field and a slot field");
  return items.map(([k, v]) => {
    const rec = k as Record<string, unknown>;
    return { bucket: rec[f1], slot: slotIndex(rec[f2]), value: count(v) };
  });
}

export function histogramText(items: [unknown, unknown][], keyType: CTypeDesc, linear: boolean, args: HistArgs): string {
  const o = toOptions(args);
  const entries = structEntries(items, keyType);
  if (entries) return formatSectionedHist(entries, linear, o);
  const vals = slotsFromEntries(items.map(([k, v]) => [slotIndex(k), count(v)] as [number, HistCount]), linear);
  return linear ? formatLinearHist(vals, o.valType, o.stripLeadingZero) : formatLog2Hist(vals, o.valType, o.stripLeadingZero);
}

/** BCC's print_json_hist arguments: (val_type, section_header, section_print_fn, bucket_fn, bucket_sort_fn). */
export type JsonHistArgs =
  | [options: SectionOptions]
  | [
    val_type?: string,
    section_header?: string,
    section_print_fn?: ((bucket: unknown) => string) | null,
    bucket_fn?: ((bucket: unknown) => unknown) | null,
    bucket_sort_fn?: ((buckets: unknown[]) => unknown[]) | null,
  ];

/** BCC's print_json_hist output: one dict line per section (struct keys) or one for the table. */
export function jsonHistogramText(items: [unknown, unknown][], keyType: CTypeDesc, args: JsonHistArgs, now?: Date): string {
  const [first] = args;
  const o: SectionOptions = typeof first === "object" && first !== null ? first : toOptions([
    args[0] as string | undefined, args[1] as string | undefined, args[2] as SectionOptions["sectionPrintFn"] | undefined,
    args[3] as SectionOptions["bucketFn"] | undefined, false, args[4] as SectionOptions["bucketSortFn"] | undefined,
  ]);
  const valType = o.valType ?? "value";
  const entries = structEntries(items, keyType);
  if (!entries) return formatJsonHist(slotsFromEntries(items.map(([k, v]) => [slotIndex(k), count(v)] as [number, HistCount]), false), valType, undefined, now);
  const groups = new Map<unknown, HistCount[]>();
  for (const e of entries) {
    const bucket = o.bucketFn ? o.bucketFn(e.bucket) : e.bucket;
    let vals = groups.get(bucket);
    if (!vals) groups.set(bucket, (vals = new Array<HistCount>(LOG2_INDEX_MAX).fill(0)));
    vals[e.slot] = e.value;
  }
  let buckets = [...groups.keys()];
  if (o.bucketSortFn) buckets = o.bucketSortFn(buckets);
  const header = o.sectionHeader ?? "Bucket ptr";
  return buckets.map((b) => {
    // With a print function BCC stores its (str) result; otherwise the raw bucket (bytes/int).
    const shown: [string, unknown] = [header, o.sectionPrintFn ? new PyStr(o.sectionPrintFn(b)) : b];
    return formatJsonHist(groups.get(b) ?? [], valType, shown, now);
  }).join("");
}
