/**
 * @fileoverview Parsing one perf ring: the mmap of a PERF_COUNT_SW_BPF_OUTPUT event for one CPU.
 *
 * Layout (uapi linux/perf_event.h): page 0 is `struct perf_event_mmap_page`; the control words
 * sit after a reserved hole that pads the struct to 1 KiB: data_head @1024, data_tail @1032,
 * data_offset @1040, data_size @1048 (the last two exist since Linux 4.1; zero before, meaning
 * "data starts at page 1 and fills the rest of the mapping"). The data area is a power-of-two ring
 * addressed by `position & (size - 1)`; head/tail are byte counts that never wrap back to 0.
 *
 * Records are `{u32 type, u16 misc, u16 size}` + body; `size` includes the header and is a multiple
 * of 8, so a header never straddles the end of the ring but the body can. Bodies we understand:
 *  - PERF_RECORD_SAMPLE (9) with sample_type == PERF_SAMPLE_RAW: `u32 raw_size`, raw bytes. The
 *    kernel pads raw_size so that 4 + raw_size is a multiple of 8 (perf_prepare_sample): the BPF
 *    program's struct is at the start and may be followed by up to 7 bytes of zero padding.
 *  - PERF_RECORD_LOST (2): `u64 id, u64 lost` — the kernel could not fit `lost` samples.
 * Other types are skipped by size.
 *
 * This module knows nothing about fds or epoll: it works on any ArrayBuffer laid out like the mmap,
 * which is what the unit tests feed it.
 */

import { U64Cell } from "./u64-cell.ts";

export const PERF_RECORD_LOST = 2;
export const PERF_RECORD_SAMPLE = 9;

/** Byte offsets inside struct perf_event_mmap_page. */
export const PerfMmapPage = {
  dataHead: 1024,
  dataTail: 1032,
  dataOffset: 1040,
  dataSize: 1048,
} as const;

/** Receives one sample. `data` is valid only until the callback returns (see PerfRing.read). */
export type PerfSampleCallback = (cpu: number, data: Uint8Array) => void;
/** Receives the number of samples the kernel dropped because the ring was full. */
export type PerfLostCallback = (cpu: number, count: number) => void;

/** The ring holds something that cannot be a valid record stream (a bug, or not a perf mmap). */
export class PerfRingCorruptError extends Error {
  override readonly name = "PerfRingCorruptError";
}

const TWO_32 = 0x1_0000_0000;

export class PerfRing {
  private readonly head: U64Cell;
  private readonly tailCell: U64Cell;
  private readonly bytes: Uint8Array;
  private readonly words: Uint32Array;
  /** Start of the data area in `bytes` and its size (a power of two). */
  private readonly dataStart: number;
  private readonly dataSize: number;
  private readonly mask: number;
  /** Our copy of data_tail: we are the only writer, so no need to read it back. */
  private tail: number;
  /** Reused copy target for records that wrap around the end of the ring. */
  private scratch = new Uint8Array(256);
  private scratchWords = new Uint32Array(this.scratch.buffer);
  /** Set by stop(): the current read() returns after the running callback. */
  private stopped = false;

  /**
   * @param buffer the whole mmap (1 + 2^n pages), e.g. from koffi.view.
   * @param cpu passed through to callbacks.
   * @param pageSize used only when the kernel left data_offset/data_size at 0 (before 4.1).
   */
  constructor(buffer: ArrayBuffer, readonly cpu: number, pageSize: number) {
    if (buffer.byteLength < PerfMmapPage.dataSize + 8) throw new RangeError(`perf mmap of ${buffer.byteLength} bytes is too small`);
    // Records are parsed with native-endian u32 reads; every BPF-capable little-endian host (x86_64,
    // arm64, riscv64, ...) is covered, big-endian ones (s390x) are refused rather than misparsed.
    if (!isLittleEndianHost()) throw new Error("PerfRing supports little-endian hosts only");
    const meta = new DataView(buffer);
    let start = Number(meta.getBigUint64(PerfMmapPage.dataOffset, true));
    let size = Number(meta.getBigUint64(PerfMmapPage.dataSize, true));
    if (size === 0) {
      start = pageSize;
      size = buffer.byteLength - pageSize;
    }
    if ((size & (size - 1)) !== 0 || size < 8 || start % 8 !== 0 || start + size > buffer.byteLength) {
      throw new PerfRingCorruptError(`bad perf data area: offset ${start}, size ${size}, mmap ${buffer.byteLength}`);
    }
    this.head = new U64Cell(buffer, PerfMmapPage.dataHead);
    this.tailCell = new U64Cell(buffer, PerfMmapPage.dataTail);
    this.bytes = new Uint8Array(buffer);
    this.words = new Uint32Array(buffer, 0, buffer.byteLength >>> 2);
    this.dataStart = start;
    this.dataSize = size;
    this.mask = size - 1;
    this.tail = this.tailCell.load();
  }

  /**
   * Makes read() return as soon as the running callback returns, and every later read() return 0.
   * For owners that unmap the ring from inside a callback: the loop must not touch it afterwards.
   */
  stop(): void {
    this.stopped = true;
  }

  /** Capacity of the data area in bytes. */
  get size(): number {
    return this.dataSize;
  }

  /** Whether the kernel has published records we have not consumed. */
  get pending(): boolean {
    return this.head.load() !== this.tail;
  }

  /**
   * Reads every record published so far (data_head read once, at the start) and releases their
   * space by storing data_tail: at the end, and along the way after every eighth of the ring, so
   * that while a long batch is being decoded the kernel can already reuse the space of the records
   * handled (the tail stays put for short batches: the producer reads data_tail on the cache line
   * it writes data_head to, so a store per record would make the two CPUs trade that line for
   * every record). Returns the number of records handled (samples + lost records + skipped ones).
   *
   * Lifetime: for a contiguous record `data` is a view straight into the mmap, for a wrapped one a
   * view of a reused scratch copy. Either way it is valid only while `onSample` runs: the kernel may
   * overwrite the ring once data_tail moves, and the scratch is reused by the next wrapped record.
   * Copy (`data.slice()`) to keep it.
   *
   * If a callback throws, the records before it and the throwing one count as consumed (so a bad
   * record is not delivered forever), data_tail is stored, and the error propagates. A record with
   * an impossible size throws PerfRingCorruptError after dropping everything up to data_head.
   */
  read(onSample: PerfSampleCallback, onLost: PerfLostCallback): number {
    const head = this.head.load();
    const bytes = this.bytes;
    const words = this.words;
    const start = this.dataStart;
    const size = this.dataSize;
    const mask = this.mask;
    const cpu = this.cpu;
    let tail = this.tail;
    let count = 0;
    // Next position at which to publish the tail mid-batch (an eighth of the ring after the last store).
    const step = size >>> 3;
    let publishAt = tail + step;
    try {
      while (tail < head && !this.stopped) {
        if (tail >= publishAt) {
          // Every record before `tail` has been handled (its callback returned): release them.
          this.tail = tail;
          this.tailCell.store(tail);
          publishAt = tail + step;
        }
        const off = tail & mask; // positions are < 2^53 but `&` truncates to 32 bits: fine, size ≤ 2^31
        const at = start + off;
        // The header is 8-byte aligned inside the ring, so it never wraps (size is a multiple of 8).
        const type = words[at >>> 2]!;
        const recSize = words[(at >>> 2) + 1]! >>> 16;
        if (recSize < 8 || (recSize & 7) !== 0 || recSize > head - tail) {
          const at0 = tail;
          tail = head; // drop the unparseable rest so the next read starts clean instead of failing forever
          throw new PerfRingCorruptError(`cpu ${cpu}: record of size ${recSize} at position ${at0} (head ${head})`);
        }
        tail += recSize;
        count++;
        if (type !== PERF_RECORD_SAMPLE && type !== PERF_RECORD_LOST) continue;
        let src: Uint8Array;
        let srcWords: Uint32Array;
        let base: number;
        if (off + recSize <= size) {
          src = bytes;
          srcWords = words;
          base = at;
        } else {
          src = this.copyWrapped(at, size - off, recSize);
          srcWords = this.scratchWords;
          base = 0;
        }
        if (type === PERF_RECORD_SAMPLE) {
          const rawSize = srcWords[(base >>> 2) + 2]!;
          if (12 + rawSize > recSize) throw new PerfRingCorruptError(`cpu ${cpu}: raw size ${rawSize} in a ${recSize}-byte sample`);
          onSample(cpu, src.subarray(base + 12, base + 12 + rawSize));
        } else {
          if (recSize < 24) throw new PerfRingCorruptError(`cpu ${cpu}: lost record of size ${recSize}`);
          // u64 lost at +16 (after the u64 id), read as two little-endian halves.
          const lost = srcWords[(base >>> 2) + 4]! + srcWords[(base >>> 2) + 5]! * TWO_32;
          onLost(cpu, lost);
        }
      }
    } finally {
      if (tail !== this.tail) {
        this.tail = tail;
        this.tailCell.store(tail);
      }
    }
    return count;
  }

  /** Copies a record that runs past the end of the ring into the scratch buffer. */
  private copyWrapped(at: number, firstPart: number, recSize: number): Uint8Array {
    if (this.scratch.length < recSize) {
      let n = this.scratch.length;
      while (n < recSize) n *= 2;
      this.scratch = new Uint8Array(n);
      this.scratchWords = new Uint32Array(this.scratch.buffer);
    }
    const s = this.scratch;
    s.set(this.bytes.subarray(at, at + firstPart), 0);
    s.set(this.bytes.subarray(this.dataStart, this.dataStart + recSize - firstPart), firstPart);
    return s;
  }
}

export function isLittleEndianHost(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}
