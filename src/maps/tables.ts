/**
 * @fileoverview The key/value table kinds users touch most: hashes, arrays and their per-CPU and LRU
 * variants, with BCC's per-kind semantics (arrays cannot lose entries, so delete/clear zero them;
 * per-CPU values are arrays with sum/max/average reducers).
 */
import type { MapSpec } from "../spec/index.ts";
import type { FdLike } from "../sys/index.ts";
import { Table, type TableOptions } from "./table.ts";

export class HashTable<K = unknown, V = unknown> extends Table<K, V> {}

export class LruHash<K = unknown, V = unknown> extends HashTable<K, V> {}

/** Normalises an array index like BCC's ArrayBase: integers only, negative counts from the end. */
export function arrayIndex(key: unknown, length: number, name: string): number {
  let k = typeof key === "object" && key !== null && "value" in key ? (key as { value: unknown }).value : key;
  if (typeof k === "bigint") k = Number(k);
  if (typeof k !== "number" || !Number.isInteger(k)) throw new TypeError(`map '${name}': array index must be an integer, got ${typeof k}`);
  const i = k < 0 ? length + k : k;
  if (i < 0 || i >= length) throw new RangeError(`map '${name}': array index ${k} out of range (max_entries ${length})`);
  return i;
}

/** Index-keyed maps: keys are 0..max_entries-1, always present; iteration needs no syscalls. */
export class ArrayBase<V = unknown> extends Table<number, V> {
  override encodeKey(key: unknown): Uint8Array {
    return this.keyCodec.encode(arrayIndex(key, this.maxEntries, this.name));
  }

  override *rawKeys(): Generator<Uint8Array> {
    for (let i = 0; i < this.maxEntries; i++) yield this.keyCodec.encode(i);
  }

  override len(): number {
    return this.maxEntries;
  }

  /** Deletes every index that is set, ignoring those that are not (fd arrays). */
  override clear(): void {
    for (let i = 0; i < this.maxEntries; i++) this.delete(i);
  }
}

export class ArrayTable<V = unknown> extends ArrayBase<V> {
  /** Array slots cannot be removed: BCC zeroes them instead. Always true. */
  override delete(key: unknown): boolean {
    this.clearitem(key);
    return true;
  }

  /** BCC's clearitem: writes the zero value. */
  clearitem(key: unknown): void {
    this.set(key, this.Leaf());
  }

  /** Zeroes every slot (there is nothing to delete in an array). */
  override clear(): void {
    this.zero();
  }

  override zero(): void {
    const zero = this.Leaf();
    for (let i = 0; i < this.maxEntries; i++) this.set(i, zero);
  }
}

// ---- per-CPU ----------------------------------------------------------------------------------

type Reducer<E> = (a: E, b: E) => E;

export interface PerCpuOptions<E> extends TableOptions {
  /** BCC's `reducer=`: get() returns the reduction of the per-CPU values instead of the array. */
  reducer?: Reducer<E>;
}

function requireInts(values: unknown[], name: string, what: string): (number | bigint)[] {
  for (const v of values) {
    if (typeof v !== "number" && typeof v !== "bigint") {
      throw new TypeError(`map '${name}': ${what}() needs integer values (use getvalue() for structs)`);
    }
  }
  return values as (number | bigint)[];
}

/**
 * Shared reducers. Unlike BCC (which casts the sum back to the value's C type, wrapping a u32 sum
 * at 2^32), sums here are exact: bigints for 64-bit values, numbers otherwise.
 */
const reducers = {
  sum(values: (number | bigint)[]): number | bigint {
    if (values.some((v) => typeof v === "bigint")) return values.reduce<bigint>((a, v) => a + BigInt(v), 0n);
    return values.reduce<number>((a, v) => a + (v as number), 0);
  },
  max(values: (number | bigint)[]): number | bigint {
    return values.reduce((a, v) => (v > a ? v : a));
  },
};

export class PerCpuHash<K = unknown, E = unknown> extends HashTable<K, E[]> {
  readonly reducer: Reducer<E> | undefined;

  constructor(spec: MapSpec, fd: FdLike, options: PerCpuOptions<E> = {}) {
    super(spec, fd, options);
    this.reducer = options.reducer;
  }

  /** The per-CPU values (one per possible CPU), or undefined when absent. */
  getvalue(key: unknown): E[] | undefined {
    return this.lookup(key);
  }

  getValue(key: unknown): E[] | undefined {
    return this.getvalue(key);
  }

  /** With a reducer: the reduced value (typed loosely, as the reducer decides). */
  override get(key: unknown): E[] | undefined {
    const v = this.lookup(key);
    if (v === undefined || this.reducer === undefined) return v;
    return v.reduce(this.reducer) as unknown as E[];
  }

  /** With a reducer, values are reduced (as BCC's items() goes through __getitem__). */
  override items(): [K, E[]][] {
    const items = super.items();
    const r = this.reducer;
    return r === undefined ? items : items.map(([k, v]) => [k, v.reduce(r) as unknown as E[]]);
  }

  sum(key: unknown): number | bigint {
    return reducers.sum(requireInts(this.#values(key), this.name, "sum"));
  }

  max(key: unknown): number | bigint {
    return reducers.max(requireInts(this.#values(key), this.name, "max"));
  }

  /** sum / possible CPUs, as a float (BCC divides by the possible-CPU count too). */
  average(key: unknown): number {
    return Number(this.sum(key)) / this.cpus;
  }

  #values(key: unknown): unknown[] {
    const v = this.getvalue(key);
    if (v === undefined) throw new RangeError(`map '${this.name}': no such key`);
    return v;
  }
}

export class LruPerCpuHash<K = unknown, E = unknown> extends PerCpuHash<K, E> {}

export class PerCpuArray<E = unknown> extends ArrayTable<E[]> {
  readonly reducer: Reducer<E> | undefined;

  constructor(spec: MapSpec, fd: FdLike, options: PerCpuOptions<E> = {}) {
    super(spec, fd, options);
    this.reducer = options.reducer;
  }

  getvalue(key: unknown): E[] | undefined {
    return this.lookup(key);
  }

  getValue(key: unknown): E[] | undefined {
    return this.getvalue(key);
  }

  override get(key: unknown): E[] | undefined {
    const v = this.lookup(key);
    if (v === undefined || this.reducer === undefined) return v;
    return v.reduce(this.reducer) as unknown as E[];
  }

  /** With a reducer, values are reduced (as BCC's items() goes through __getitem__). */
  override items(): [number, E[]][] {
    const items = super.items();
    const r = this.reducer;
    return r === undefined ? items : items.map(([k, v]) => [k, v.reduce(r) as unknown as E[]]);
  }

  sum(key: unknown): number | bigint {
    return reducers.sum(requireInts(this.#values(key), this.name, "sum"));
  }

  max(key: unknown): number | bigint {
    return reducers.max(requireInts(this.#values(key), this.name, "max"));
  }

  average(key: unknown): number {
    return Number(this.sum(key)) / this.cpus;
  }

  #values(key: unknown): unknown[] {
    const v = this.getvalue(key);
    if (v === undefined) throw new RangeError(`map '${this.name}': no such key`);
    return v;
  }
}
