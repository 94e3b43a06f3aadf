/**
 * @fileoverview Parsing one BPF ring buffer (BPF_MAP_TYPE_RINGBUF) through its two mmaps.
 *
 * Layout (kernel/bpf/ringbuf.c, uapi linux/bpf.h): the map fd is mmapped as
 *  - offset 0, one page, read-write: `consumer_pos` (u64) at byte 0. Only user space writes it.
 *  - offset PAGE_SIZE, read-only: one page with `producer_pos` (u64) at byte 0, followed by the data
 *    area of `max_entries` bytes mapped TWICE back to back. A record that runs past the end of the
 *    first copy continues into the second, so a reader always sees records contiguously.
 * Each record starts with an 8-byte header `{u32 len, u32 pg_off}` at `position & (size - 1)`. `len`
 * carries BPF_RINGBUF_BUSY_BIT (1<<31: reserved, not yet committed) and BPF_RINGBUF_DISCARD_BIT
 * (1<<30: committed with bpf_ringbuf_discard, to be skipped). A record occupies
 * round_up(len + 8, 8) bytes. The producer commits by clearing BUSY with a release store, so the
 * header must be read with acquire semantics (Atomics.load) before the payload.
 *
 * Records are committed in reservation order only for reading purposes: a busy record blocks all
 * later (possibly committed) ones until it is committed or discarded, so we stop at it and resume
 * on the next read.
 */

import { U64Cell } from "../perf/u64-cell.ts";
import { isLittleEndianHost } from "../perf/perf-ring.ts";

export const BPF_RINGBUF_BUSY_BIT = 0x8000_0000;
export const BPF_RINGBUF_DISCARD_BIT = 0x4000_0000;
export const BPF_RINGBUF_HDR_SZ = 8;

/** Receives one record. `data` is a view into the mmap, valid only until the callback returns. */
export type RingRecordCallback = (data: Uint8Array) => void;

/** The ring holds something that cannot be a valid record stream (a bug, or not a ringbuf mmap). */
export class RingCorruptError extends Error {
  override readonly name = "RingCorruptError";
}

export class RingReader {
  private readonly consumerCell: U64Cell;
  private readonly producerCell: U64Cell;
  private readonly bytes: Uint8Array;
  private readonly words: Uint32Array;
  private readonly dataStart: number;
  private readonly mask: number;
  /** Our copy of consumer_pos: user space is its only writer. */
  private consumer: number;
  /** Set by stop(): the current read() returns after the running callback. */
  private stopped = false;

  /**
   * @param consumerPage the RW mapping of the first page (koffi.view of the mmap).
   * @param producerArea the RO mapping: one page + 2 × `size` bytes.
   * @param size the map's max_entries (a power-of-two multiple of the page size).
   */
  constructor(consumerPage: ArrayBuffer, producerArea: ArrayBuffer, readonly size: number, pageSize: number) {
    if (!isLittleEndianHost()) throw new Error("RingReader supports little-endian hosts only");
    if ((size & (size - 1)) !== 0 || size < 8) throw new RangeError(`ring size ${size} is not a power of two`);
    if (producerArea.byteLength < pageSize + 2 * size) {
      throw new RangeError(`producer mapping of ${producerArea.byteLength} bytes, need ${pageSize + 2 * size}`);
    }
    this.consumerCell = new U64Cell(consumerPage, 0);
    this.producerCell = new U64Cell(producerArea, 0);
    this.bytes = new Uint8Array(producerArea);
    this.words = new Uint32Array(producerArea, 0, producerArea.byteLength >>> 2);
    this.dataStart = pageSize;
    this.mask = size - 1;
    this.consumer = this.consumerCell.load();
  }

  /**
   * Makes read() return as soon as the running callback returns, and every later read() return 0.
   * For owners that unmap the ring from inside a callback: the loop must not touch it afterwards.
   */
  stop(): void {
    this.stopped = true;
  }

  /** Whether committed-or-busy records are waiting (producer ahead of consumer). */
  get pending(): boolean {
    return this.producerCell.load() !== this.consumer;
  }

  /**
   * Delivers committed records in order until the ring is empty or a busy record is reached,
   * re-reading producer_pos after each pass so records committed meanwhile are read too. Discarded
   * records are skipped (their space is still released). consumer_pos is stored after every record,
   * so the producer can reuse space while we are still reading. At most `limit` records are
   * delivered (a fast producer could otherwise keep one call running forever).
   *
   * If `onRecord` throws, that record counts as consumed and the error propagates. A record claiming
   * more bytes than were produced throws RingCorruptError after dropping everything up to producer_pos.
   */
  read(onRecord: RingRecordCallback, limit = Number.POSITIVE_INFINITY): number {
    const bytes = this.bytes;
    const words = this.words;
    const start = this.dataStart;
    const mask = this.mask;
    const cell = this.consumerCell;
    let cons = this.consumer;
    let delivered = 0;
    try {
      while (!this.stopped) {
        const prod = this.producerCell.load();
        if (cons === prod) break;
        let progressed = false;
        while (cons < prod && delivered < limit && !this.stopped) {
          const at = start + (cons & mask);
          const len = Atomics.load(words, at >>> 2); // acquire: pairs with the producer's commit
          if ((len & BPF_RINGBUF_BUSY_BIT) !== 0) return delivered;
          const dataLen = len & 0x3fff_ffff;
          const recSize = (dataLen + BPF_RINGBUF_HDR_SZ + 7) & ~7;
          if (recSize > prod - cons) {
            const at0 = cons;
            cons = prod; // drop the unparseable rest so the next read starts clean instead of failing forever
            throw new RingCorruptError(`record of ${dataLen} bytes at position ${at0} runs past producer ${prod}`);
          }
          cons += recSize;
          progressed = true;
          if ((len & BPF_RINGBUF_DISCARD_BIT) === 0) {
            delivered++;
            onRecord(bytes.subarray(at + BPF_RINGBUF_HDR_SZ, at + BPF_RINGBUF_HDR_SZ + dataLen));
          }
          // Per record, not per batch: frees the space for the producer as early as possible.
          this.consumer = cons;
          cell.store(cons);
        }
        if (!progressed || delivered >= limit) break;
      }
    } finally {
      if (this.consumer !== cons) {
        this.consumer = cons;
        cell.store(cons);
      }
    }
    return delivered;
  }
}
