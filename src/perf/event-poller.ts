/**
 * @fileoverview Waiting for records from any number of event sources (perf buffers, ring buffers)
 * on one epoll instance, in the three ways BCC users need:
 *  - consume(): read whatever is there now, never wait;
 *  - poll(timeoutMs): block the calling thread like BCC's perf_buffer_poll / ring_buffer_poll;
 *  - pollAsync(timeoutMs) / run(signal): wait on Node's event loop (sys Epoll.waitAsync watches the
 *    epoll fd with libuv), so neither the loop nor a CPU is kept busy while idle.
 *
 * Batched wakeups: a perf source may ask the kernel to wake us only every N bytes/events, which is
 * what makes high rates cheap (a wakeup costs ~10 µs here) but would leave the tail of a quiet
 * stream unread forever. Such sources declare `flushIntervalMs`; waits are then cut into slices of at
 * most that length and every slice ends with a read of all rings (a head/tail comparison per ring,
 * no syscall). So a record waits at most ~flushIntervalMs (plus scheduling) before its callback runs,
 * and an idle poller wakes 1000/flushIntervalMs times a second (measured on this VM at 10 ms:
 * ~12 ms of CPU per second for poll(), ~27 ms/s for pollAsync(); mostly the kernel's own wakeup
 * cost, a C epoll_wait loop pays ~3.4 ms/s).
 *
 * Every wakeup reads every source: a ring read without news costs one atomic load, which is cheaper
 * than tracking which descriptor fired.
 *
 * Wait first, then read (as libbpf's perf_buffer__poll / ring_buffer__poll do): a caller looping on
 * poll() under a flood then sleeps until the kernel's next wakeup and reads a whole batch, instead of
 * spinning on a few records per call, each call paying the poll bookkeeping (and the BPF object's
 * drop-counter read). Measured here (bench/scripts/tput.mjs, ~1M events/s of 40-byte records
 * decoded into JS objects, default ¼-ring wakeups): ~700 polls per run instead of 40,000–80,000,
 * and 420–540 ns of CPU per record instead of 790–1000 ns. Nothing can be stranded by waiting
 * first: a perf ring with per-record wakeups (and a ring buffer, whose
 * map fd polls readable while records wait) makes the wait return at once for anything not yet
 * read, batched perf rings are read at the end of every flush slice, and after a read that did not
 * finish (a callback threw) the next poll reads before waiting.
 */

import { Epoll, EPOLLIN, ERRNO, KernelError, type FdLike } from "../sys/index.ts";

/** Something whose records arrive in memory we can read without a syscall. */
export interface EventSource {
  /** Descriptors that poll readable when records are (or may be) waiting. */
  readonly readyFds: readonly FdLike[];
  /**
   * Longest a record may sit unannounced because wakeups are batched; undefined when the kernel
   * wakes us for every record or batch that matters (ring buffers, perf with wakeup_events = 1).
   */
  readonly flushIntervalMs: number | undefined;
  /** Reads everything available now and returns the number of records handled. */
  consume(): number;
  /** A closed source is dropped by the poller at its next read. */
  readonly closed: boolean;
}

export class EventPoller implements Disposable {
  private readonly epoll = new Epoll();
  private readonly sources: EventSource[] = [];
  /** The descriptors each source had when added (a closed source reports none any more). */
  private readonly watched = new Map<EventSource, readonly FdLike[]>();
  private slice = Number.POSITIVE_INFINITY;
  /**
   * Read before the next wait: set when a source is added (records may predate our registration)
   * and while a read has not completed (a callback threw and left records behind whose wakeup the
   * kernel may already have delivered).
   */
  private readFirst = true;

  constructor(sources: readonly EventSource[] = []) {
    try {
      for (const s of sources) this.add(s);
    } catch (e) {
      this.epoll.close();
      throw e;
    }
  }

  /** Adds a source; its descriptors are watched from now on. The poller does not own it. */
  add(source: EventSource): void {
    if (this.watched.has(source)) return;
    const fds = [...source.readyFds];
    for (const fd of fds) this.epoll.add(fd, EPOLLIN);
    this.watched.set(source, fds);
    this.sources.push(source);
    this.readFirst = true;
    if (source.flushIntervalMs !== undefined) this.slice = Math.min(this.slice, Math.max(1, source.flushIntervalMs));
  }

  /**
   * Stops watching a source. Call it before closing the source's descriptors: a descriptor closed
   * while its file lives on (a ringbuf map still used by a program) cannot be named to epoll any
   * more and stays in the set (perf buffers are fine either way: their files die with the fds).
   */
  remove(source: EventSource): void {
    const i = this.sources.indexOf(source);
    if (i < 0) return;
    this.sources.splice(i, 1);
    const fds = this.watched.get(source) ?? [];
    this.watched.delete(source);
    for (const fd of fds) {
      if (typeof fd !== "number" && fd.closed) continue;
      try {
        this.epoll.remove(fd);
      } catch (e) {
        // Already gone from the set: the kernel drops a file's registrations when it is released.
        if (!(e instanceof KernelError && (e.code === ERRNO.ENOENT || e.code === ERRNO.EBADF))) throw e;
      }
    }
    this.slice = Number.POSITIVE_INFINITY;
    for (const s of this.sources) {
      if (s.flushIntervalMs !== undefined) this.slice = Math.min(this.slice, Math.max(1, s.flushIntervalMs));
    }
  }

  get closed(): boolean {
    return this.epoll.closed;
  }

  /**
   * Reads all sources once without waiting; returns the number of records handled. Sources closed
   * since the last read are removed first: a ring buffer's map fd stays readable while records
   * wait, so a closed source left in the set would make every wait return at once.
   */
  consume(): number {
    let n = 0;
    this.readFirst = true;
    const sources = this.sources.length === 1 ? this.sources : [...this.sources];
    for (const s of sources) {
      if (s.closed) this.remove(s);
      else n += s.consume();
    }
    this.readFirst = false;
    return n;
  }

  /**
   * Blocks until at least one record was handled or `timeoutMs` passed (-1: no limit; 0: just
   * consume). Waits for a wakeup (or the end of a flush slice) before reading, see the file comment.
   * Returns the number of records handled (0 on timeout or after close()).
   */
  poll(timeoutMs = -1): number {
    const deadline = timeoutMs < 0 ? Number.POSITIVE_INFINITY : performance.now() + timeoutMs;
    // 0: read without waiting; undefined: past the deadline, one last read.
    let wait = this.readFirst ? 0 : this.nextWait(deadline);
    for (;;) {
      if (this.closed) return 0;
      if (wait !== undefined && wait !== 0) {
        this.epoll.wait(wait);
        if (this.closed) return 0;
      }
      const n = this.consume();
      if (n > 0 || wait === undefined) return n;
      wait = this.nextWait(deadline);
      if (wait === undefined) return 0;
    }
  }

  /**
   * Like poll() but waits on the event loop. Resolves with the number of records handled, 0 on
   * timeout, on close(), or when `signal` aborts. One pollAsync at a time per poller.
   */
  async pollAsync(timeoutMs = -1, signal?: AbortSignal): Promise<number> {
    const deadline = timeoutMs < 0 ? Number.POSITIVE_INFINITY : performance.now() + timeoutMs;
    let wait = this.readFirst ? 0 : this.nextWait(deadline);
    for (;;) {
      if (this.closed || signal?.aborted) return 0;
      if (wait !== undefined && wait !== 0) {
        await this.epoll.waitAsync(wait, signal);
        if (this.closed || signal?.aborted) return 0;
      }
      const n = this.consume();
      if (n > 0 || wait === undefined) return n;
      wait = this.nextWait(deadline);
      if (wait === undefined) return 0;
    }
  }

  /**
   * Delivers records from the event loop until `signal` aborts or the poller is closed; resolves
   * with the total handled. Callback errors reject the promise (the record counts as consumed).
   */
  async run(signal?: AbortSignal): Promise<number> {
    let total = 0;
    while (!this.closed && !signal?.aborted) total += await this.pollAsync(-1, signal);
    return total;
  }

  /** How long the next wait may last: the remaining time, cut to the flush slice; undefined at the deadline. */
  private nextWait(deadline: number): number | undefined {
    const remaining = deadline - performance.now();
    if (remaining <= 0) return undefined;
    const wait = Math.min(remaining, this.slice);
    return wait === Number.POSITIVE_INFINITY ? -1 : Math.ceil(wait);
  }

  /** Closes the epoll instance (a pending pollAsync resolves with 0). The sources stay open. */
  close(): void {
    this.epoll.close();
    this.sources.length = 0;
    this.watched.clear();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
