/**
 * @fileoverview Table: a keyed BPF map seen from JS, with BCC's `bcc.table` method names. Keys and
 * values go through generated codecs (src/codec), so callers use plain numbers, bigints, strings
 * and objects. Per-CPU kinds are handled here too: their values are arrays with one element per
 * possible CPU (subclasses add BCC's sum/max/average).
 */
import { Codec, CodecCache, viewOf } from "../codec/index.ts";
import { typeName, type CTypeDesc, type MapSpec } from "../spec/index.ts";
import {
  BPF_ANY, ERRNO, KernelError, NotSupportedError, mapDeleteElem, mapGetNextKey, mapLookupElem, mapUpdateElem,
  type FdLike,
} from "../sys/index.ts";
import { isPerCpu, perCpuStride } from "./create-map.ts";
import { MapHandle, type TableOptions } from "./map-handle.ts";
import { BatchOps } from "./batch.ts";
import { histogramText, jsonHistogramText, type HistArgs, type JsonHistArgs } from "./table-hist.ts";

export type { TableOptions } from "./map-handle.ts";

export class Table<K = unknown, V = unknown> extends MapHandle implements Iterable<K> {
  readonly keyCodec: Codec<K>;
  /** Codec of one value (of one CPU's value, for per-CPU kinds). */
  readonly valueCodec: Codec<unknown>;
  readonly keySize: number;
  /** Bytes of one value in user space (stride × possible CPUs for per-CPU kinds). */
  readonly valueSize: number;
  /** Possible CPUs for per-CPU kinds, else 1. */
  readonly cpus: number;
  readonly #stride: number;
  readonly #perCpu: boolean;
  readonly #scratch: Uint8Array;
  protected readonly batch: BatchOps;
  /** Whether items() may use batch lookups; learnt on first use (ENOTSUPP/EINVAL → false). */
  #batchWorks: boolean | undefined;

  constructor(spec: MapSpec, fd: FdLike, options: TableOptions = {}) {
    super(spec, fd, options);
    const codecs = options.codecs ?? new CodecCache();
    this.keyCodec = codecs.get<K>(typeFor(spec.key, spec.keySize, `map '${spec.name}' key`));
    this.valueCodec = codecs.get(typeFor(spec.value, spec.valueSize, `map '${spec.name}' value`));
    this.keySize = spec.keySize;
    this.#perCpu = isPerCpu(spec.kind);
    this.cpus = this.#perCpu ? this.possibleCpuCount() : 1;
    this.#stride = this.#perCpu ? perCpuStride(spec.valueSize) : spec.valueSize;
    this.valueSize = this.#stride * this.cpus;
    this.#scratch = new Uint8Array(this.valueSize);
    this.batch = new BatchOps(this);
  }

  /** Whether items() uses batch lookups here: undefined until the first items() call. */
  get batchLookupWorks(): boolean | undefined {
    return this.#batchWorks;
  }

  // ---- codec plumbing ---------------------------------------------------------------------------

  /** Turns a user key into the kernel's bytes (subclasses normalise, e.g. negative array indexes). */
  encodeKey(key: unknown): Uint8Array {
    return this.keyCodec.encode(key);
  }

  decodeKey(bytes: Uint8Array, offset = 0): K {
    return this.keyCodec.decode(bytes, offset);
  }

  /** A value (per-CPU: an array, missing CPUs zero) into user-space bytes. */
  encodeValue(value: unknown, out: Uint8Array = new Uint8Array(this.valueSize), offset = 0): Uint8Array {
    if (!this.#perCpu) return this.valueCodec.encode(value, out, offset);
    if (!Array.isArray(value)) {
      throw new TypeError(`map '${this.name}' is per-CPU: the value must be an array of ${this.cpus} per-CPU values`);
    }
    out.fill(0, offset, offset + this.valueSize);
    for (let c = 0; c < this.cpus && c < value.length; c++) {
      if (value[c] !== undefined) this.valueCodec.encode(value[c], out, offset + c * this.#stride);
    }
    return out;
  }

  decodeValue(bytes: Uint8Array, offset = 0): V {
    if (!this.#perCpu) return this.valueCodec.decode(bytes, offset) as V;
    const dv = viewOf(bytes);
    const out: unknown[] = new Array(this.cpus);
    for (let c = 0; c < this.cpus; c++) out[c] = this.valueCodec.decodeAt(dv, bytes, offset + c * this.#stride);
    return out as V;
  }

  /** BCC's `table.Key(...)`: a complete key from a partial one (missing fields zero). */
  Key(init?: unknown): K {
    return this.keyCodec.make(init);
  }

  /** BCC's `table.Leaf(...)`: a complete value (per-CPU: an array of zero values). */
  Leaf(init?: unknown): V {
    if (this.#perCpu) return this.decodeValue(this.encodeValue(Array.isArray(init) ? init : []));
    return this.valueCodec.make(init) as V;
  }

  // ---- element operations -----------------------------------------------------------------------

  /** The value at `key`, or undefined when absent (BCC raises KeyError). */
  get(key: unknown): V | undefined {
    return this.lookup(key);
  }

  /** The stored value, never reduced (subclasses' get() may post-process it). */
  protected lookup(key: unknown): V | undefined {
    const k = this.encodeKey(key);
    let found: boolean;
    try {
      found = mapLookupElem(this.fdLike, k, this.#scratch);
    } catch (e) {
      this.fail(e, "lookup");
    }
    return found ? this.decodeValue(this.#scratch) : undefined;
  }

  /** BCC's `table[key]`: like get() but throws when the key is absent. */
  getitem(key: unknown): V {
    const v = this.get(key);
    if (v === undefined) throw new RangeError(`map '${this.name}': no such key ${String(JSON.stringify(key, bigintJson))}`);
    return v;
  }

  /** Writes `value` at `key` (flags: BPF_ANY, BPF_NOEXIST or BPF_EXIST). */
  set(key: unknown, value: unknown, flags: number = BPF_ANY): this {
    const k = this.encodeKey(key);
    const v = this.encodeValue(value);
    try {
      mapUpdateElem(this.fdLike, k, v, flags);
    } catch (e) {
      this.fail(e, "update");
    }
    return this;
  }

  /** Removes `key`; false when it was absent. */
  delete(key: unknown): boolean {
    try {
      return mapDeleteElem(this.fdLike, this.encodeKey(key));
    } catch (e) {
      this.fail(e, "delete");
    }
  }

  has(key: unknown): boolean {
    return this.get(key) !== undefined;
  }

  /**
   * Adds `n` to an integer value (absent keys count as 0). Per-CPU maps: adds to CPU 0's slot.
   * Not atomic against BPF programs updating the same key (BPF side uses atomics; user space cannot).
   */
  increment(key: unknown, n: number | bigint = 1): V {
    const cur = this.lookup(key) ?? this.Leaf();
    const add = (x: unknown): unknown => {
      if (typeof x === "bigint") return x + BigInt(n);
      if (typeof x === "number") return x + Number(n);
      throw new TypeError(`map '${this.name}': increment() needs an integer value, found ${typeof x}`);
    };
    const next = (this.#perCpu ? (cur as unknown[]).map((x, i) => (i === 0 ? add(x) : x)) : add(cur)) as V;
    this.set(key, next);
    return next;
  }

  // ---- iteration --------------------------------------------------------------------------------

  /**
   * Raw keys via BPF_MAP_GET_NEXT_KEY. The walk stays one key ahead of what it has yielded, so a
   * caller deleting the key it was just given (the common "drain" loop) does not disturb the cursor.
   * If the cursor key itself vanishes, the kernel restarts from the first key
   * (htab_map_get_next_key); keys already produced are then skipped, and the walk is bounded so
   * concurrent churn cannot make it endless.
   */
  *rawKeys(): Generator<Uint8Array> {
    const seen = new Set<string>();
    const limit = 16 * this.maxEntries + 1024;
    let cur = this.#nextKey(null);
    for (let steps = 0; cur !== undefined && steps < limit; steps++) {
      const next = this.#nextKey(cur);
      const id = Buffer.from(cur.buffer, cur.byteOffset, cur.byteLength).toString("latin1");
      if (!seen.has(id)) {
        seen.add(id);
        yield cur;
      }
      cur = next;
    }
  }

  #nextKey(cur: Uint8Array | null): Uint8Array | undefined {
    const next = new Uint8Array(this.keySize);
    try {
      return mapGetNextKey(this.fdLike, cur, next) ? next : undefined;
    } catch (e) {
      this.fail(e, "get_next_key");
    }
  }

  [Symbol.iterator](): Iterator<K> {
    return this.iterKeys();
  }

  /** Keys lazily, like iterating a BCC table. */
  *iterKeys(): Generator<K> {
    for (const k of this.rawKeys()) yield this.decodeKey(k);
  }

  keys(): K[] {
    return [...this.iterKeys()];
  }

  /** (key, value) pairs; entries deleted between listing and lookup are skipped (as BCC does). */
  items(): [K, V][] {
    if (this.#batchWorks !== false && this.batch.applies()) {
      try {
        const r = this.batch.lookup<K, V>(false);
        this.#batchWorks = true;
        return r;
      } catch (e) {
        if (!(e instanceof KernelError) || !(e instanceof NotSupportedError || e.code === ERRNO.EINVAL)) throw e;
        this.#batchWorks = false;
      }
    }
    const out: [K, V][] = [];
    const buf = new Uint8Array(this.valueSize);
    for (const k of this.rawKeys()) {
      let found: boolean;
      try {
        found = mapLookupElem(this.fdLike, k, buf);
      } catch (e) {
        this.fail(e, "lookup");
      }
      if (found) out.push([this.decodeKey(k), this.decodeValue(buf)]);
    }
    return out;
  }

  values(): V[] {
    return this.items().map(([, v]) => v);
  }

  /** Number of entries (BCC's len(): counted by walking the keys). */
  len(): number {
    let n = 0;
    for (const _ of this.rawKeys()) n++;
    return n;
  }

  get size(): number {
    return this.len();
  }

  /** Deletes every entry. The key list is taken first so deletions cannot perturb the walk. */
  clear(): void {
    for (const k of [...this.rawKeys()]) {
      try {
        mapDeleteElem(this.fdLike, k);
      } catch (e) {
        this.fail(e, "delete");
      }
    }
  }

  /** Sets every existing entry to the zero value (keys stay). */
  zero(): void {
    const zero = new Uint8Array(this.valueSize);
    for (const k of [...this.rawKeys()]) {
      try {
        mapUpdateElem(this.fdLike, k, zero, BPF_ANY);
      } catch (e) {
        this.fail(e, "update");
      }
    }
  }

  // ---- batch operations (BCC names) -------------------------------------------------------------

  items_lookup_batch(): [K, V][] {
    return this.batch.lookup<K, V>(false);
  }

  items_lookup_and_delete_batch(): [K, V][] {
    return this.batch.lookup<K, V>(true);
  }

  items_update_batch(keys: readonly unknown[], values: readonly unknown[]): number {
    return this.batch.update(keys, values);
  }

  /** Deletes the given keys in one call, or (no keys) every entry via lookup-and-delete batches. */
  items_delete_batch(keys?: readonly unknown[]): number {
    if (keys === undefined) return this.batch.lookup(true).length;
    return this.batch.delete(keys);
  }

  // ---- histograms (BCC's output, byte for byte) -------------------------------------------------

  format_log2_hist(...args: HistArgs): string {
    return histogramText(this.items(), this.spec.key, false, args);
  }

  format_linear_hist(...args: HistArgs): string {
    return histogramText(this.items(), this.spec.key, true, args);
  }

  print_log2_hist(...args: HistArgs): void {
    this.#write(this.format_log2_hist(...args));
  }

  print_linear_hist(...args: HistArgs): void {
    this.#write(this.format_linear_hist(...args));
  }

  /** BCC's print_json_hist: one Python-dict line per section (log2 slots). */
  format_json_hist(...args: JsonHistArgs): string {
    return jsonHistogramText(this.items(), this.spec.key, args);
  }

  print_json_hist(...args: JsonHistArgs): void {
    this.#write(this.format_json_hist(...args));
  }

  #write(text: string): void {
    if (this.options.write) this.options.write(text);
    else process.stdout.write(text);
  }
}

/**
 * The type to decode with: the spec's, or raw bytes (`unsigned char[size]`) when the spec carries no
 * type. A described type of the wrong size would make the kernel read past our buffers: refuse it.
 */
export function typeFor(t: CTypeDesc, size: number, what: string): CTypeDesc {
  if (t.kind === "void") {
    const byte: CTypeDesc = { kind: "int", name: "unsigned char", size: 1, signed: false };
    return size === 0 ? t : { kind: "array", element: byte, length: size, size };
  }
  if (t.size !== size) throw new TypeError(`${what}: type ${typeName(t)} is ${t.size} bytes but the map's size is ${size}`);
  return t;
}

/** JSON.stringify replacer for messages with bigint keys. */
export function bigintJson(_k: string, v: unknown): unknown {
  return typeof v === "bigint" ? `${v}n` : v;
}
