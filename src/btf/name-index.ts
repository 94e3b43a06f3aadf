/**
 * @fileoverview A hash index from names (as raw bytes in a BTF string table) to small integers (type
 * ids, or enumerator positions), built without decoding any string: FNV-1a over the bytes up to the
 * NUL, chained buckets in typed arrays. Building it over all ~127k named vmlinux types takes a few
 * milliseconds; decoding every name to a JS string and filling a Map takes a hundred times longer.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Where a string lives: a byte array and the start offset of its NUL-terminated bytes. */
export type StringAt = (off: number) => { bytes: Uint8Array; start: number };

export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return h >>> 0;
}

export class NameIndex {
  readonly #heads: Int32Array;
  readonly #tails: Int32Array;
  readonly #next: Int32Array;
  readonly #hashes: Uint32Array;
  readonly #offs: Uint32Array;
  readonly #values: Float64Array;
  readonly #mask: number;
  readonly #at: StringAt;
  #count = 0;

  /** `capacity`: the most entries that will be added. */
  constructor(capacity: number, at: StringAt) {
    let size = 16;
    while (size < capacity) size <<= 1;
    this.#heads = new Int32Array(size).fill(-1);
    this.#tails = new Int32Array(size).fill(-1);
    this.#mask = size - 1;
    this.#next = new Int32Array(capacity);
    this.#hashes = new Uint32Array(capacity);
    this.#offs = new Uint32Array(capacity);
    this.#values = new Float64Array(capacity);
    this.#at = at;
  }

  /** Adds (name at string offset `off`) → value (an integer below 2^53). Insertion order is kept per name. */
  add(off: number, value: number): void {
    const { bytes, start } = this.#at(off);
    this.addBytes(bytes, start, off, value);
  }

  /** add() for a caller that already knows where the bytes are (saves an allocation per name). */
  addBytes(bytes: Uint8Array, start: number, off: number, value: number): void {
    let end = start;
    let h = FNV_OFFSET;
    for (let c = bytes[end]; c !== undefined && c !== 0; c = bytes[++end]) h = Math.imul(h ^ c, FNV_PRIME);
    h >>>= 0;
    if (this.#count >= this.#next.length) throw new RangeError(`NameIndex capacity ${this.#next.length} exceeded`);
    const i = this.#count++;
    this.#hashes[i] = h;
    this.#offs[i] = off;
    this.#values[i] = value;
    this.#next[i] = -1;
    // Append at the chain's tail so lookups return values in insertion (id) order.
    const b = h & this.#mask;
    const tail = this.#tails[b]!;
    if (tail < 0) this.#heads[b] = i;
    else this.#next[tail] = i;
    this.#tails[b] = i;
  }

  /** Values added under `name` (its UTF-8 bytes), in insertion order. */
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
