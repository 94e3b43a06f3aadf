/**
 * @fileoverview BPF_MAP_*_BATCH (Linux 5.6+) for a table: whole-map lookups in a few syscalls
 * instead of one GET_NEXT_KEY plus one LOOKUP per entry, and multi-element updates/deletes.
 */
import type { MapKind } from "../spec/index.ts";
import {
  ERRNO, KernelError, mapDeleteBatch, mapLookupAndDeleteBatch, mapLookupBatch, mapUpdateBatch, type FdLike,
} from "../sys/index.ts";

/** What BatchOps needs from a table (kept structural to avoid an import cycle). */
export interface BatchTarget {
  readonly name: string;
  readonly kind: MapKind;
  readonly fdLike: FdLike;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  encodeKey(key: unknown): Uint8Array;
  encodeValue(value: unknown, out?: Uint8Array, offset?: number): Uint8Array;
  decodeKey(bytes: Uint8Array, offset?: number): unknown;
  decodeValue(bytes: Uint8Array, offset?: number): unknown;
  fail(e: unknown, op: string): never;
}

/** Kinds whose kernel ops implement the batch commands (htab and array map ops). */
const BATCH_KINDS: ReadonlySet<MapKind> = new Set<MapKind>([
  "hash", "lru_hash", "percpu_hash", "lru_percpu_hash", "array", "percpu_array",
]);

/** Elements per lookup call: large enough to make few calls, small enough not to waste memory. */
const CHUNK = 1024;

export class BatchOps {
  readonly #t: BatchTarget;

  constructor(target: BatchTarget) {
    this.#t = target;
  }

  /** Whether the map kind has batch ops at all (the kernel version is learnt by trying). */
  applies(): boolean {
    return BATCH_KINDS.has(this.#t.kind);
  }

  /** Every (key, value), optionally deleting them. Throws NotSupportedError on kernels without batch ops. */
  lookup<K, V>(deleting: boolean): [K, V][] {
    const t: BatchTarget = this.#t;
    const call = deleting ? mapLookupAndDeleteBatch : mapLookupBatch;
    const op = deleting ? "lookup_and_delete_batch" : "lookup_batch";
    // The cursor is a bucket number for hash maps and a key for arrays: room for either.
    const tokenSize = Math.max(t.keySize, 8);
    let count = Math.max(1, Math.min(t.maxEntries, CHUNK));
    let inBatch: Uint8Array | null = null;
    let outBatch = new Uint8Array(tokenSize);
    const out: [K, V][] = [];
    for (;;) {
      const keys = new Uint8Array(count * t.keySize);
      const values = new Uint8Array(count * t.valueSize);
      let r: { count: number; done: boolean };
      try {
        r = call(t.fdLike, { inBatch, outBatch, keys, values, count });
      } catch (e) {
        // ENOSPC: one hash bucket holds more entries than `count`; retry the same cursor with more room.
        if (e instanceof KernelError && e.code === ERRNO.ENOSPC && count < t.maxEntries * 2) {
          count *= 2;
          continue;
        }
        t.fail(e, op);
      }
      for (let i = 0; i < r.count; i++) {
        out.push([t.decodeKey(keys, i * t.keySize) as K, t.decodeValue(values, i * t.valueSize) as V]);
      }
      // count 0 without ENOENT means no progress (concurrent updates); stop rather than spin.
      if (r.done || r.count === 0) return out;
      inBatch = outBatch;
      outBatch = new Uint8Array(tokenSize);
    }
  }

  #checkCount(n: number, what: string): void {
    if (n < 1 || n > this.#t.maxEntries) {
      throw new RangeError(`map '${this.#t.name}': ${what} must hold 1..${this.#t.maxEntries} elements, got ${n}`);
    }
  }

  /** Writes keys[i] → values[i] in one call; returns how many the kernel wrote. */
  update(keys: readonly unknown[], values: readonly unknown[]): number {
    const t: BatchTarget = this.#t;
    this.#checkCount(keys.length, "keys");
    if (values.length !== keys.length) throw new RangeError(`map '${t.name}': ${keys.length} keys but ${values.length} values`);
    const kb = new Uint8Array(keys.length * t.keySize);
    const vb = new Uint8Array(keys.length * t.valueSize);
    keys.forEach((k, i) => kb.set(t.encodeKey(k), i * t.keySize));
    values.forEach((v, i) => t.encodeValue(v, vb, i * t.valueSize));
    try {
      return mapUpdateBatch(t.fdLike, kb, vb, keys.length);
    } catch (e) {
      t.fail(e, "update_batch");
    }
  }

  /** Deletes the keys in one call; returns how many were deleted (stops at the first absent key). */
  delete(keys: readonly unknown[]): number {
    const t: BatchTarget = this.#t;
    this.#checkCount(keys.length, "keys");
    const kb = new Uint8Array(keys.length * t.keySize);
    keys.forEach((k, i) => kb.set(t.encodeKey(k), i * t.keySize));
    try {
      return mapDeleteBatch(t.fdLike, kb, keys.length);
    } catch (e) {
      t.fail(e, "delete_batch");
    }
  }
}
