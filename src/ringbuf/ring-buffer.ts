/**
 * @fileoverview A BPF ring buffer reader: mmaps a BPF_MAP_TYPE_RINGBUF map and delivers its records
 * (BCC's BPF_RINGBUF_OUTPUT / open_ring_buffer, libbpf's ring_buffer).
 *
 * Unlike perf buffers there is one ring shared by all CPUs and no batching problem: by default
 * bpf_ringbuf_output/submit wake the reader only when it has caught up with the producer (the
 * kernel compares consumer_pos with the record's position), so a quiet stream is announced at once
 * and a busy one costs no wakeup per record. The map fd itself polls readable while
 * producer_pos != consumer_pos, so waiting = epoll on the map fd.
 *
 * Several rings in one wait (BCC's ring_buffer_poll over every ring of a BPF object): add the
 * RingBuffers (and PerfBuffers) to one EventPoller; a RingBuffer's own poll methods use a private
 * poller over just that ring.
 */

import { BPF_MAP_TYPE, mapInfo, mmapFd, pageSize as systemPageSize, PROT_READ, PROT_WRITE, type FdLike, type MappedMemory } from "../sys/index.ts";
import { EventPoller, type EventSource } from "../perf/event-poller.ts";
import { RingReader, type RingRecordCallback } from "./ring-reader.ts";

export interface RingBufferOptions {
  /** Called for every committed record; `data` is a view into the ring valid only during the call. */
  onRecord: RingRecordCallback;
  /**
   * Most records delivered per consume() (the ring is re-read until empty otherwise, and a producer
   * faster than the callback could keep one call going forever). Default: unlimited.
   */
  batchLimit?: number;
}

export class RingBuffer implements EventSource, Disposable {
  /** Ring buffers wake us reliably; no flush slices needed. */
  readonly flushIntervalMs = undefined;
  /** Data area size in bytes (the map's max_entries). */
  readonly size: number;
  private map: FdLike | undefined;
  private consumerPage: MappedMemory | undefined;
  private producerArea: MappedMemory | undefined;
  private readonly reader: RingReader;
  private readonly onRecord: RingRecordCallback;
  private readonly batchLimit: number;
  private poller: EventPoller | undefined;
  /** True while consume() runs callbacks: close() then defers the munmap until they return. */
  private consuming = false;
  private unmapPending = false;

  /**
   * Maps the ring of `map` (a RINGBUF map; the caller keeps owning the fd and must close this
   * RingBuffer first: the epoll registration refers to the fd number).
   */
  static open(map: FdLike, options: RingBufferOptions): RingBuffer {
    const info = mapInfo(map);
    if (info.type !== BPF_MAP_TYPE.RINGBUF) {
      throw new TypeError(`ring buffer needs a BPF_MAP_TYPE_RINGBUF map, got map type ${info.type} (${info.name})`);
    }
    const page = systemPageSize();
    const size = info.maxEntries;
    // Consumer page writable (we publish consumer_pos); producer page + data read-only: the kernel
    // refuses a writable mapping there (EPERM), and the data area is mapped twice so a record that
    // crosses the end of the ring continues in the second copy.
    const consumer = mmapFd(map, page, { prot: PROT_READ | PROT_WRITE });
    let producer: MappedMemory;
    try {
      producer = mmapFd(map, page + 2 * size, { prot: PROT_READ, offset: page });
    } catch (e) {
      consumer.close();
      throw e;
    }
    try {
      const reader = new RingReader(consumer.buffer, producer.buffer, size, page);
      return new RingBuffer(map, consumer, producer, reader, options);
    } catch (e) {
      producer.close();
      consumer.close();
      throw e;
    }
  }

  private constructor(map: FdLike, consumer: MappedMemory, producer: MappedMemory, reader: RingReader, options: RingBufferOptions) {
    this.map = map;
    this.consumerPage = consumer;
    this.producerArea = producer;
    this.reader = reader;
    this.size = reader.size;
    this.onRecord = options.onRecord;
    this.batchLimit = options.batchLimit ?? Number.POSITIVE_INFINITY;
  }

  /** The map fd (what an EventPoller waits on). Empty after close(). */
  get readyFds(): readonly FdLike[] {
    return this.map === undefined ? [] : [this.map];
  }

  get closed(): boolean {
    return this.map === undefined;
  }

  /**
   * Reads committed records now, without waiting; returns how many were delivered. Callbacks may
   * close() the ring buffer (reading stops after that callback) but must not consume()/poll() it.
   */
  consume(): number {
    if (this.map === undefined) return 0;
    if (this.consuming) throw new Error("RingBuffer.consume() called from inside one of its callbacks");
    this.consuming = true;
    try {
      return this.reader.read(this.onRecord, this.batchLimit);
    } finally {
      this.consuming = false;
      if (this.unmapPending) {
        this.unmapPending = false;
        this.unmap();
      }
    }
  }

  /** Blocks up to `timeoutMs` (-1: until something arrives) like BCC's ring_buffer_poll. */
  poll(timeoutMs = -1): number {
    return this.ownPoller().poll(timeoutMs);
  }

  /** Waits on the event loop; see EventPoller.pollAsync. */
  pollAsync(timeoutMs = -1, signal?: AbortSignal): Promise<number> {
    return this.ownPoller().pollAsync(timeoutMs, signal);
  }

  /** Delivers records from the event loop until `signal` aborts or close(). */
  run(signal?: AbortSignal): Promise<number> {
    return this.ownPoller().run(signal);
  }

  private ownPoller(): EventPoller {
    if (this.closed) throw new Error("ring buffer is closed");
    this.poller ??= new EventPoller([this]);
    return this.poller;
  }

  /** Unmaps the ring and stops waiting on it (a pending pollAsync resolves with 0). Idempotent. */
  close(): void {
    if (this.map === undefined) return;
    this.map = undefined;
    this.poller?.close();
    this.poller = undefined;
    if (this.consuming) {
      // Called from a callback: the ring being read must stay mapped until read() returns.
      this.reader.stop();
      this.unmapPending = true;
      return;
    }
    this.unmap();
  }

  private unmap(): void {
    this.producerArea?.close();
    this.consumerPage?.close();
    this.producerArea = undefined;
    this.consumerPage = undefined;
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
