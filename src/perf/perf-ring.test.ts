import { describe, expect, it } from "vitest";
import { PERF_RECORD_LOST, PERF_RECORD_SAMPLE, PerfMmapPage, PerfRing, PerfRingCorruptError } from "./perf-ring.ts";

const PAGE = 4096;

/**
 * A fake kernel producer over an ArrayBuffer laid out like the perf mmap: writes records at
 * data_head (wrapping at the end of the data area) and publishes the head, respecting data_tail
 * the way the kernel does when the mapping is writable (a full ring counts a lost sample instead).
 */
class FakePerfProducer {
  readonly buffer: ArrayBuffer;
  readonly view: DataView;
  head = 0;
  pendingLost = 0;

  constructor(readonly dataSize: number, dataOffset = PAGE, declareLayout = true) {
    this.buffer = new ArrayBuffer(dataOffset + dataSize);
    this.view = new DataView(this.buffer);
    if (declareLayout) {
      this.view.setBigUint64(PerfMmapPage.dataOffset, BigInt(dataOffset), true);
      this.view.setBigUint64(PerfMmapPage.dataSize, BigInt(dataSize), true);
    }
    this.dataOffset = dataOffset;
  }
  readonly dataOffset: number;

  get tail(): number {
    return Number(this.view.getBigUint64(PerfMmapPage.dataTail, true));
  }

  private writeRecord(bytes: Uint8Array): boolean {
    if (this.head + bytes.length - this.tail > this.dataSize) return false;
    for (let i = 0; i < bytes.length; i++) {
      this.view.setUint8(this.dataOffset + ((this.head + i) % this.dataSize), bytes[i]!);
    }
    this.head += bytes.length;
    return true;
  }

  /** Emits a PERF_RECORD_SAMPLE with PERF_SAMPLE_RAW, padded like perf_prepare_sample does. */
  sample(payload: Uint8Array): boolean {
    if (this.pendingLost > 0) {
      if (!this.lostRecord(this.pendingLost)) {
        this.pendingLost++;
        return false;
      }
      this.pendingLost = 0;
    }
    const rawSize = ((4 + payload.length + 7) & ~7) - 4;
    const rec = new Uint8Array(8 + 4 + rawSize);
    const dv = new DataView(rec.buffer);
    dv.setUint32(0, PERF_RECORD_SAMPLE, true);
    dv.setUint16(4, 0, true);
    dv.setUint16(6, rec.length, true);
    dv.setUint32(8, rawSize, true);
    rec.set(payload, 12);
    if (!this.writeRecord(rec)) {
      this.pendingLost++;
      return false;
    }
    return true;
  }

  lostRecord(count: number, id = 7): boolean {
    const rec = new Uint8Array(24);
    const dv = new DataView(rec.buffer);
    dv.setUint32(0, PERF_RECORD_LOST, true);
    dv.setUint16(6, 24, true);
    dv.setBigUint64(8, BigInt(id), true);
    dv.setBigUint64(16, BigInt(count), true);
    return this.writeRecord(rec);
  }

  other(type: number, size: number): void {
    const rec = new Uint8Array(size);
    const dv = new DataView(rec.buffer);
    dv.setUint32(0, type, true);
    dv.setUint16(6, size, true);
    if (!this.writeRecord(rec)) throw new Error("test ring full");
  }

  publish(): void {
    this.view.setBigUint64(PerfMmapPage.dataHead, BigInt(this.head), true);
  }
}

function payload(n: number, len: number): Uint8Array {
  const p = new Uint8Array(len);
  const dv = new DataView(p.buffer);
  dv.setUint32(0, n, true);
  for (let i = 4; i < len; i++) p[i] = (n + i) & 0xff;
  return p;
}

function collect(ring: PerfRing) {
  const samples: Uint8Array[] = [];
  const lost: number[] = [];
  const n = ring.read(
    (cpu, data) => {
      expect(cpu).toBe(ring.cpu);
      samples.push(data.slice());
    },
    (_cpu, count) => lost.push(count),
  );
  return { n, samples, lost };
}

describe("PerfRing", () => {
  it("reads samples and exposes raw data with the kernel's padding", () => {
    const p = new FakePerfProducer(512);
    p.sample(payload(1, 40));
    p.sample(payload(2, 4));
    p.publish();
    const ring = new PerfRing(p.buffer, 3, PAGE);
    const { n, samples, lost } = collect(ring);
    expect(n).toBe(2);
    expect(lost).toEqual([]);
    // 4 + 40 = 44 → padded to 48, so raw_size is 44: the struct plus 4 bytes of padding.
    expect(samples[0]!.length).toBe(44);
    expect(samples[0]!.subarray(0, 40)).toEqual(payload(1, 40));
    expect(samples[1]!.length).toBe(4);
    expect(samples[1]).toEqual(payload(2, 4));
    expect(p.tail).toBe(p.head);
    expect(ring.pending).toBe(false);
  });

  it("reads nothing until data_head is published", () => {
    const p = new FakePerfProducer(512);
    p.sample(payload(1, 8));
    const ring = new PerfRing(p.buffer, 0, PAGE);
    expect(collect(ring).n).toBe(0);
    p.publish();
    expect(ring.pending).toBe(true);
    expect(collect(ring).samples.length).toBe(1);
  });

  it("reassembles records that wrap around the end of the ring, many times over", () => {
    const p = new FakePerfProducer(256);
    const ring = new PerfRing(p.buffer, 0, PAGE);
    let next = 0;
    let expected = 0;
    let wrapped = 0;
    // 52-byte payload → 64-byte records; start misaligned by a 24-byte record so records straddle.
    p.lostRecord(0);
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 3; i++) {
        const before = p.head % 256;
        if (before + 64 > 256) wrapped++;
        expect(p.sample(payload(next++, 52))).toBe(true);
      }
      p.publish();
      const { samples } = collect(ring);
      for (const s of samples) {
        expect(s.length).toBe(52);
        expect(s).toEqual(payload(expected++, 52));
      }
    }
    expect(expected).toBe(150);
    expect(wrapped).toBeGreaterThan(10);
    expect(p.tail).toBe(p.head);
  });

  it("splits a record whose raw-size word is on the far side of the boundary", () => {
    const p = new FakePerfProducer(64);
    const ring = new PerfRing(p.buffer, 0, PAGE);
    p.lostRecord(0); // 24 bytes
    p.other(99, 32); // 56
    p.publish();
    collect(ring);
    // The next header is at 56: header in [56,64), raw_size and payload at the start of the ring.
    p.sample(payload(5, 20)); // 8 + 4 + 20 = 32 bytes
    p.publish();
    const { samples } = collect(ring);
    expect(samples).toEqual([payload(5, 20)]);
  });

  it("reports PERF_RECORD_LOST counts and skips unknown record types", () => {
    const p = new FakePerfProducer(512);
    p.sample(payload(1, 12));
    p.lostRecord(2 ** 32 + 5); // a u64 count above 2^32
    p.other(14, 16); // e.g. PERF_RECORD_THROTTLE-sized noise
    p.sample(payload(2, 12));
    p.publish();
    const ring = new PerfRing(p.buffer, 1, PAGE);
    const { n, samples, lost } = collect(ring);
    expect(n).toBe(4);
    expect(lost).toEqual([2 ** 32 + 5]);
    expect(samples).toEqual([payload(1, 12), payload(2, 12)]);
  });

  it("accounts for every submission as received or lost when the reader falls behind", () => {
    const p = new FakePerfProducer(256);
    const ring = new PerfRing(p.buffer, 0, PAGE);
    let received = 0;
    let lostTotal = 0;
    const submitted = 1000;
    for (let i = 0; i < submitted; i++) {
      p.sample(payload(i, 20));
      p.publish();
      if (i % 37 === 0) {
        ring.read(() => received++, (_c, n) => (lostTotal += n));
      }
    }
    // Flush: the producer reports pending losses with its next successful write.
    ring.read(() => received++, (_c, n) => (lostTotal += n));
    if (p.pendingLost > 0) {
      expect(p.lostRecord(p.pendingLost)).toBe(true);
      p.pendingLost = 0;
      p.publish();
    }
    ring.read(() => received++, (_c, n) => (lostTotal += n));
    expect(lostTotal).toBeGreaterThan(0);
    expect(received + lostTotal).toBe(submitted);
  });

  it("delivers views into the mapping for contiguous records", () => {
    const p = new FakePerfProducer(512);
    p.sample(payload(9, 16));
    p.publish();
    const ring = new PerfRing(p.buffer, 0, PAGE);
    let seen: Uint8Array | undefined;
    ring.read((_c, d) => (seen = d), () => {});
    expect(seen!.buffer).toBe(p.buffer);
    expect(seen!.byteOffset).toBe(PAGE + 12);
  });

  it("counts a throwing callback's record as consumed and stores data_tail", () => {
    const p = new FakePerfProducer(512);
    for (let i = 0; i < 3; i++) p.sample(payload(i, 8));
    p.publish();
    const ring = new PerfRing(p.buffer, 0, PAGE);
    const seen: number[] = [];
    expect(() =>
      ring.read((_c, d) => {
        const v = new DataView(d.buffer, d.byteOffset).getUint32(0, true);
        seen.push(v);
        if (v === 1) throw new Error("boom");
      }, () => {}),
    ).toThrow("boom");
    expect(p.tail).toBe(48);
    ring.read((_c, d) => seen.push(new DataView(d.buffer, d.byteOffset).getUint32(0, true)), () => {});
    expect(seen).toEqual([0, 1, 2]);
  });

  it("falls back to page 1 when data_offset/data_size are zero (kernels before 4.1)", () => {
    const p = new FakePerfProducer(2 * PAGE, PAGE, false);
    p.sample(payload(4, 12));
    p.publish();
    const ring = new PerfRing(p.buffer, 0, PAGE);
    expect(ring.size).toBe(2 * PAGE);
    expect(collect(ring).samples).toEqual([payload(4, 12)]);
  });

  it("rejects corrupt records instead of looping", () => {
    const p = new FakePerfProducer(512);
    p.sample(payload(1, 8));
    p.view.setUint16(PAGE + 6, 0, true); // size 0 would never advance
    p.publish();
    const ring = new PerfRing(p.buffer, 0, PAGE);
    expect(() => collect(ring)).toThrow(PerfRingCorruptError);
    // The bad stretch was dropped: later records are read normally.
    expect(p.tail).toBe(p.head);
    p.sample(payload(2, 12));
    p.publish();
    expect(collect(ring).samples).toEqual([payload(2, 12)]);
  });

  it("rejects a data area that is not a power of two", () => {
    const p = new FakePerfProducer(384);
    expect(() => new PerfRing(p.buffer, 0, PAGE)).toThrow(PerfRingCorruptError);
  });

  it("handles positions above 2^32", () => {
    const p = new FakePerfProducer(256);
    const start = 2 ** 32 - 40;
    p.view.setBigUint64(PerfMmapPage.dataTail, BigInt(start), true);
    p.head = start;
    const ring = new PerfRing(p.buffer, 0, PAGE);
    for (let i = 0; i < 6; i++) p.sample(payload(i, 20));
    p.publish();
    const { samples } = collect(ring);
    expect(samples).toEqual([0, 1, 2, 3, 4, 5].map((i) => payload(i, 20)));
    expect(p.tail).toBe(start + 6 * 32);
    expect(p.tail).toBeGreaterThan(2 ** 32);
  });

  it("stop() ends the running read after the current callback and stores data_tail", () => {
    const p = new FakePerfProducer(512);
    for (let i = 0; i < 4; i++) p.sample(payload(i, 12));
    p.publish();
    const ring = new PerfRing(p.buffer, 0, PAGE);
    let seen = 0;
    expect(ring.read(() => { if (++seen === 2) ring.stop(); }, () => {})).toBe(2);
    expect(p.tail).toBe(2 * 24); // 12-byte payloads: 8 header + 4 size + 12 = 24-byte records
    expect(ring.read(() => seen++, () => {})).toBe(0);
    expect(seen).toBe(2);
  });

  it("releases space every eighth of the ring during a long batch, never past the running record", () => {
    const size = 4096;
    const p = new FakePerfProducer(size);
    const rec = 8 + 4 + 44; // 40-byte payload padded to 44 raw bytes: 56-byte records
    const count = Math.floor(size / rec);
    for (let i = 0; i < count; i++) expect(p.sample(payload(i, 40))).toBe(true);
    p.publish();
    const ring = new PerfRing(p.buffer, 0, PAGE);
    const tails: number[] = [];
    let seen = 0;
    ring.read((_c, data) => {
      // The record being delivered is never released while its callback runs.
      expect(p.tail).toBeLessThanOrEqual(seen * rec);
      expect(new DataView(data.buffer, data.byteOffset).getUint32(0, true)).toBe(seen);
      tails.push(p.tail);
      seen++;
    }, () => {});
    expect(seen).toBe(count);
    expect(p.tail).toBe(count * rec);
    const published = [...new Set(tails)];
    // Batch of ~4 KiB, released about every 512 bytes on the way (not per record, not only at the end).
    expect(published.length).toBeGreaterThanOrEqual(7);
    expect(published.length).toBeLessThan(count / 4);
    for (let i = 1; i < published.length; i++) expect(published[i]! - published[i - 1]!).toBeGreaterThanOrEqual(size / 8);
    // With the space released mid-batch, a producer could already have refilled it.
    expect(p.sample(payload(0, 40))).toBe(true);
  });

  it("parses well over 1M records/s (40-byte payloads, raw loop)", () => {
    // 64 data pages filled with 56-byte samples (40-byte struct + padding) then read, repeatedly:
    // counts only the parse loop, like the kernel-free part of a real poll.
    const p = new FakePerfProducer(64 * PAGE);
    const ring = new PerfRing(p.buffer, 0, PAGE);
    const perBatch = Math.floor((64 * PAGE) / 56) - 1;
    const template = payload(1, 40);
    let sum = 0;
    let records = 0;
    let best = Number.POSITIVE_INFINITY;
    for (let batch = 0; batch < 40; batch++) {
      for (let i = 0; i < perBatch; i++) p.sample(template);
      p.publish();
      const t0 = process.hrtime.bigint();
      const n = ring.read((_c, d) => (sum += d.length), () => {});
      const ns = Number(process.hrtime.bigint() - t0);
      records += n;
      // The best batch once warmed up: robust against JIT warm-up and a loaded machine's preemption.
      if (batch >= 10) best = Math.min(best, ns / n);
    }
    expect(sum).toBe(records * 44);
    const perSecond = 1e9 / best;
    // Measured ~25M/s on the dev VM; 1M/s is the requirement, with room for a loaded CI machine.
    expect(perSecond).toBeGreaterThan(1_000_000);
  });
});
