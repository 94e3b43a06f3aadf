import { describe, expect, it } from "vitest";
import { BPF_RINGBUF_BUSY_BIT, BPF_RINGBUF_DISCARD_BIT, RingCorruptError, RingReader } from "./ring-reader.ts";

const PAGE = 4096;

/**
 * A fake kernel producer laid out like the two ringbuf mmaps, including the double mapping of the
 * data area (every byte is written to both copies, as the aliased pages would show it).
 */
class FakeRingProducer {
  readonly consumerPage = new ArrayBuffer(PAGE);
  readonly producerArea: ArrayBuffer;
  private readonly data: DataView;
  private readonly prod: DataView;
  private readonly cons: DataView;
  pos = 0;

  constructor(readonly size: number, start = 0) {
    this.producerArea = new ArrayBuffer(PAGE + 2 * size);
    this.data = new DataView(this.producerArea, PAGE);
    this.prod = new DataView(this.producerArea, 0, 8);
    this.cons = new DataView(this.consumerPage, 0, 8);
    this.pos = start;
    this.cons.setBigUint64(0, BigInt(start), true);
    this.prod.setBigUint64(0, BigInt(start), true);
  }

  get consumerPos(): number {
    return Number(this.cons.getBigUint64(0, true));
  }

  private put8(pos: number, v: number): void {
    const k = pos % this.size;
    this.data.setUint8(k, v);
    this.data.setUint8(k + this.size, v);
  }

  private put32(pos: number, v: number): void {
    for (let i = 0; i < 4; i++) this.put8(pos + i, (v >>> (8 * i)) & 0xff);
  }

  /** Reserves a record (header BUSY) and advances producer_pos, like bpf_ringbuf_reserve. */
  reserve(payload: Uint8Array): number | undefined {
    const total = (payload.length + 8 + 7) & ~7;
    if (this.pos + total - this.consumerPos > this.size) return undefined;
    const at = this.pos;
    this.put32(at, (payload.length | BPF_RINGBUF_BUSY_BIT) >>> 0);
    this.put32(at + 4, 0);
    for (let i = 0; i < payload.length; i++) this.put8(at + 8 + i, payload[i]!);
    this.pos += total;
    this.prod.setBigUint64(0, BigInt(this.pos), true);
    return at;
  }

  commit(at: number, len: number, discard = false): void {
    this.put32(at, discard ? (len | BPF_RINGBUF_DISCARD_BIT) >>> 0 : len);
  }

  output(payload: Uint8Array): boolean {
    const at = this.reserve(payload);
    if (at === undefined) return false;
    this.commit(at, payload.length);
    return true;
  }
}

function payload(n: number, len: number): Uint8Array {
  const p = new Uint8Array(len);
  for (let i = 0; i < len; i++) p[i] = i < 4 ? (n >>> (8 * i)) & 0xff : (n * 7 + i) & 0xff;
  return p;
}

function reader(p: FakeRingProducer): RingReader {
  return new RingReader(p.consumerPage, p.producerArea, p.size, PAGE);
}

function drain(r: RingReader, limit?: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  r.read((d) => out.push(d.slice()), limit);
  return out;
}

describe("RingReader", () => {
  it("reads committed records with exact lengths and 8-byte alignment", () => {
    const p = new FakeRingProducer(4096);
    p.output(payload(1, 40));
    p.output(payload(2, 1));
    p.output(payload(3, 13));
    const r = reader(p);
    expect(drain(r)).toEqual([payload(1, 40), payload(2, 1), payload(3, 13)]);
    // 48 + 16 + 24 bytes.
    expect(p.consumerPos).toBe(88);
    expect(r.pending).toBe(false);
  });

  it("stops at a busy record and resumes once it is committed", () => {
    const p = new FakeRingProducer(4096);
    p.output(payload(1, 8));
    const busy = p.reserve(payload(2, 8))!;
    p.output(payload(3, 8)); // committed, but behind the busy one
    const r = reader(p);
    expect(drain(r)).toEqual([payload(1, 8)]);
    expect(p.consumerPos).toBe(16);
    expect(r.pending).toBe(true);
    p.commit(busy, 8);
    expect(drain(r)).toEqual([payload(2, 8), payload(3, 8)]);
    expect(p.consumerPos).toBe(48);
  });

  it("skips discarded records but releases their space", () => {
    const p = new FakeRingProducer(4096);
    const d = p.reserve(payload(1, 20))!;
    p.commit(d, 20, true);
    p.output(payload(2, 20));
    const r = reader(p);
    expect(drain(r)).toEqual([payload(2, 20)]);
    expect(p.consumerPos).toBe(64);
  });

  it("sees records across the end of the ring contiguously (double mapping), many laps", () => {
    const p = new FakeRingProducer(256);
    const r = reader(p);
    let next = 0;
    let expected = 0;
    for (let round = 0; round < 100; round++) {
      for (let i = 0; i < 3; i++) expect(p.output(payload(next++, 44))).toBe(true); // 56-byte records
      for (const rec of drain(r)) expect(rec).toEqual(payload(expected++, 44));
    }
    expect(expected).toBe(300);
    expect(p.consumerPos).toBe(300 * 56);
  });

  it("lets the producer reuse space as records are consumed (full ring)", () => {
    const p = new FakeRingProducer(128);
    const r = reader(p);
    expect(p.output(payload(0, 56))).toBe(true);
    expect(p.output(payload(1, 56))).toBe(true);
    expect(p.output(payload(2, 56))).toBe(false); // full: 2 × 64 bytes
    expect(drain(r, 1)).toEqual([payload(0, 56)]);
    expect(p.output(payload(2, 56))).toBe(true);
    expect(drain(r)).toEqual([payload(1, 56), payload(2, 56)]);
  });

  it("honours the limit and re-reads producer_pos for records produced during the callback", () => {
    const p = new FakeRingProducer(4096);
    for (let i = 0; i < 5; i++) p.output(payload(i, 8));
    const r = reader(p);
    expect(drain(r, 2)).toEqual([payload(0, 8), payload(1, 8)]);
    const seen: number[] = [];
    r.read((d) => {
      const v = new DataView(d.buffer, d.byteOffset).getUint32(0, true);
      seen.push(v);
      if (v === 4) p.output(payload(5, 8)); // arrives after this pass's producer_pos read
    });
    expect(seen).toEqual([2, 3, 4, 5]);
  });

  it("delivers views into the mapping", () => {
    const p = new FakeRingProducer(4096);
    p.output(payload(1, 8));
    const r = reader(p);
    let seen: Uint8Array | undefined;
    r.read((d) => (seen = d));
    expect(seen!.buffer).toBe(p.producerArea);
    expect(seen!.byteOffset).toBe(PAGE + 8);
  });

  it("counts a throwing callback's record as consumed", () => {
    const p = new FakeRingProducer(4096);
    for (let i = 0; i < 3; i++) p.output(payload(i, 8));
    const r = reader(p);
    expect(() => r.read(() => { throw new Error("boom"); })).toThrow("boom");
    expect(p.consumerPos).toBe(16);
    expect(drain(r)).toEqual([payload(1, 8), payload(2, 8)]);
  });

  it("handles positions above 2^32", () => {
    const start = 2 ** 32 - 64;
    const p = new FakeRingProducer(256, start);
    const r = reader(p);
    for (let i = 0; i < 4; i++) p.output(payload(i, 24));
    expect(drain(r)).toEqual([0, 1, 2, 3].map((i) => payload(i, 24)));
    expect(p.consumerPos).toBe(start + 128);
  });

  it("rejects a record that claims more bytes than were produced", () => {
    const p = new FakeRingProducer(4096);
    p.output(payload(1, 8));
    new DataView(p.producerArea, PAGE).setUint32(0, 1000, true);
    const r = reader(p);
    expect(() => drain(r)).toThrow(RingCorruptError);
    expect(p.consumerPos).toBe(16); // dropped up to producer_pos
    p.output(payload(2, 8));
    expect(drain(r)).toEqual([payload(2, 8)]);
  });

  it("validates the geometry", () => {
    expect(() => new RingReader(new ArrayBuffer(PAGE), new ArrayBuffer(PAGE + 2 * 384), 384, PAGE)).toThrow(RangeError);
    expect(() => new RingReader(new ArrayBuffer(PAGE), new ArrayBuffer(PAGE + 256), 256, PAGE)).toThrow(RangeError);
  });

  it("stop() ends the running read after the current callback", () => {
    const p = new FakeRingProducer(4096);
    for (let i = 0; i < 4; i++) p.output(payload(i, 8));
    const r = reader(p);
    let seen = 0;
    expect(r.read(() => { if (++seen === 2) r.stop(); })).toBe(2);
    expect(p.consumerPos).toBe(32);
    expect(r.read(() => seen++)).toBe(0);
    expect(seen).toBe(2);
  });

  it("parses well over 1M records/s (40-byte records, raw loop)", () => {
    const size = 256 * 1024;
    const p = new FakeRingProducer(size);
    const r = reader(p);
    const perBatch = Math.floor(size / 48) - 1;
    const template = payload(1, 40);
    let sum = 0;
    let records = 0;
    let best = Number.POSITIVE_INFINITY;
    for (let batch = 0; batch < 30; batch++) {
      for (let i = 0; i < perBatch; i++) p.output(template);
      const t0 = process.hrtime.bigint();
      const n = r.read((d) => (sum += d.length));
      const ns = Number(process.hrtime.bigint() - t0);
      records += n;
      // The best batch once warmed up: robust against JIT warm-up and a loaded machine's preemption.
      if (batch >= 10) best = Math.min(best, ns / n);
    }
    expect(sum).toBe(records * 40);
    // Measured ~16M/s on the dev VM (per-record acquire load + consumer_pos store included).
    expect(1e9 / best).toBeGreaterThan(1_000_000);
  });
});
