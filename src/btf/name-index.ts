/**
 * @fileoverview A hash index from names (as raw bytes in a BTF string table) to small integers (type
 * ids, or enumerator positions), built without decoding any string: a sampled FNV-1a of the bytes up to the
 * NUL (see hashBytes), chained buckets in typed arrays, built in one loop: cold code is what start-up
 * pays for, so the build keeps the work per name small. Decoding every name to a JS string and filling a Map instead
 * costs tens of times more for vmlinux's ~75k named types.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Where a string lives: a byte array and the start offset of its NUL-terminated bytes. */
export type StringAt = (off: number) => { bytes: Uint8Array; start: number };

/**
 * Hash of the bytes [start, end): FNV-1a over the length, up to the first 8 and the last 8 bytes.
 * Sampling instead of hashing every byte keeps the cold (interpreted) build cheap; names that share
 * a long middle only collide, and lookups compare the bytes anyway.
 */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  const len = end - start;
  let h = Math.imul(FNV_OFFSET ^ len, FNV_PRIME);
  const head = len < 8 ? end : start + 8;
  for (let i = start; i < head; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  for (let i = Math.max(head, end - 8); i < end; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return h >>> 0;
}

export interface NameIndexInput {
  /** String offsets of the names (in the combined string space), one per entry. */
  offs: Uint32Array;
  /** The value each entry maps to (integers below 2^53). */
  values: Float64Array;
  /** This blob's own string section and where it starts in the combined space. */
  local: Uint8Array;
  localBase: number;
  /** For offsets below localBase (split BTF naming a base string). */
  at: StringAt;
}

export class NameIndex {
  readonly #heads: Int32Array;
  readonly #next: Int32Array;
  readonly #hashes: Uint32Array;
  readonly #offs: Uint32Array;
  readonly #values: Float64Array;
  readonly #mask: number;
  readonly #at: StringAt;

  constructor(input: NameIndexInput) {
    const { offs, values, local, localBase, at } = input;
    const n = offs.length;
    let size = 16;
    while (size < n) size <<= 1;
    const mask = size - 1;
    const heads = new Int32Array(size).fill(-1);
    const tails = new Int32Array(size).fill(-1);
    const next = new Int32Array(n).fill(-1);
    const hashes = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const off = offs[i]!;
      let bytes = local;
      let p = off - localBase;
      if (off < localBase) {
        const loc = at(off);
        bytes = loc.bytes;
        p = loc.start;
      }
      let end = bytes.indexOf(0, p);
      if (end < 0) end = bytes.length;
      const h = hashBytes(bytes, p, end);
      hashes[i] = h;
      // Append at the chain's tail so lookups return values in entry order.
      const b = h & mask;
      const tail = tails[b]!;
      if (tail < 0) heads[b] = i;
      else next[tail] = i;
      tails[b] = i;
    }
    this.#heads = heads;
    this.#next = next;
    this.#hashes = hashes;
    this.#offs = offs;
    this.#values = values;
    this.#mask = mask;
    this.#at = at;
  }

  /** Values added under `name` (its UTF-8 bytes), in entry order. */
  get(name: Uint8Array): number[] {
    const h = hashBytes(name, 0, name.length);
    const out: number[] = [];
    for (let p = this.#heads[h & this.#mask]!; p >= 0; p = this.#next[p]!) {
      if (this.#hashes[p] !== h) continue;
      const { bytes, start } = this.#at(this.#offs[p]!);
      if (bytes[start + name.length] !== 0 && start + name.length !== bytes.length) continue;
      let same = true;
      for (let k = 0; k < name.length; k++) {
        if (bytes[start + k] !== name[k]) {
          same = false;
          break;
        }
      }
      if (same) out.push(this.#values[p]!);
    }
    return out;
  }
}
