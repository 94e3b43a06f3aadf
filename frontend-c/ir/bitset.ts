/**
 * @fileoverview A fixed-capacity set of small non-negative integers (vreg ids), stored as bits.
 * Liveness, dead-code elimination and interference building use it instead of Set<number>: the
 * back end's time budget (≈2 ms for a 70-line program) is dominated by these set operations.
 */
export class BitSet {
  readonly words: Uint32Array;

  constructor(capacityOrWords: number | Uint32Array) {
    this.words = typeof capacityOrWords === "number" ? new Uint32Array((capacityOrWords + 31) >>> 5) : capacityOrWords;
  }

  has(v: number): boolean {
    return ((this.words[v >>> 5] ?? 0) & (1 << (v & 31))) !== 0;
  }

  add(v: number): void {
    this.words[v >>> 5]! |= 1 << (v & 31);
  }

  delete(v: number): void {
    this.words[v >>> 5]! &= ~(1 << (v & 31));
  }

  clone(): BitSet {
    return new BitSet(this.words.slice());
  }

  forEach(cb: (v: number) => void): void {
    const w = this.words;
    for (let k = 0; k < w.length; k++) {
      let x = w[k]!;
      while (x !== 0) {
        const low = x & -x;
        cb(k * 32 + 31 - Math.clz32(low));
        x ^= low;
      }
    }
  }

  toArray(): number[] {
    const out: number[] = [];
    this.forEach((v) => out.push(v));
    return out;
  }
}
