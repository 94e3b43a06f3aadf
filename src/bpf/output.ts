/**
 * @fileoverview What a BPF object reads back: trace_pipe lines, perf buffers and ring buffers.
 * Perf/ring buffer methods are added to the tables themselves (`b["events"].open_perf_buffer(cb)`)
 * as in BCC; the BPF object polls them all (`b.perf_buffer_poll()`).
 *
 * Lost samples are never silent: with no lost_cb, a warning line goes to stderr with the count.
 * For event maps our compiler wrote to, "lost" means every FAILED submission (the program counts
 * them in a hidden per-CPU array, see MapSpec.dropCounterIndex): read after each poll/consume and
 * on close, reported as the delta since the last read. That counter replaces the kernel's
 * PERF_RECORD_LOST for such perf buffers (both count the same full-ring failures; the kernel's only
 * arrives once a later record fits), and gives ring buffers lost accounting at all.
 *
 * Reading that counter is a map lookup syscall (~5 µs here). A reader looping on poll() under a
 * flood polls tens of thousands of times a second, so poll() reads it only when the poll found
 * nothing (the reader has caught up), when the kernel reported a loss in a perf ring, or when
 * DROP_REPORT_INTERVAL_MS have passed since the last read; consume() and close() always read it. So
 * after draining (a poll returning 0, or a consume) the lost counts are exact.
 */
import { EventPoller, PerfBuffer } from "../perf/index.ts";
import { RingBuffer } from "../ringbuf/index.ts";
import { PerfEventArray, RingBuf, type AnyTable } from "../maps/index.ts";
import { parseTraceLine, TracePipe } from "../tracefs/index.ts";
import type { Tracefs } from "../tracefs/index.ts";
import { BPFError } from "./errors.ts";

/** What OutputState needs from its BPF object. */
export interface OutputHost {
  readonly tracefs: Tracefs;
  readonly fdTracker: import("../sys/index.ts").FdTracker | undefined;
  /** Sum over CPUs of one slot of the hidden drop-counter map (absent without one). */
  dropCount?(slot: number): bigint;
}

/** A buffer whose program-side failure counter is polled: where it is and what was reported. */
interface DropWatch {
  slot: number;
  seen: bigint;
  report: (count: number) => void;
}

export type PerfCallback = (cpu: number, data: Uint8Array, size: number) => void;
export type LostCallback = (lost: number) => void;
export type RingCallback = (ctx: unknown, data: Uint8Array, size: number) => number | void;

/** bcc-ts extension (BCC's ring buffers have no lost callback). */
export interface OpenRingBufferOptions {
  lost_cb?: LostCallback;
}

export interface OpenPerfBufferOptions {
  /** Pages per CPU (power of two). bcc-ts default 64; BCC's is 8. */
  page_cnt?: number;
  lost_cb?: LostCallback;
  /** Wake the reader after this many events (1 = BCC's behaviour). Default: batched by bytes with a 10 ms flush. */
  wakeup_events?: number;
}

/** Longest a loss counted by the program goes unreported while poll() keeps finding records. */
export const DROP_REPORT_INTERVAL_MS = 20;

type TraceTuple = [string, number, number, string, number, string];
type NoTuple = [undefined, undefined, undefined, undefined, undefined, undefined];

export class OutputState {
  #pipe: TracePipe | undefined;
  readonly #perf = new Map<string, PerfBuffer>();
  readonly #rings = new Map<string, RingBuffer>();
  #perfPoller: EventPoller | undefined;
  #ringPoller: EventPoller | undefined;
  readonly #drops = { perf: new Map<string, DropWatch>(), ring: new Map<string, DropWatch>() };
  /** When each kind's drop counters were last read (performance.now()). */
  readonly #dropsReadAt = { perf: 0, ring: 0 };
  /** A perf ring of a counted map reported a loss since the counters were last read. */
  #perfLossSignalled = false;

  constructor(private readonly host: OutputHost) {}

  // ------------------------------------------------------------ trace_pipe

  get pipe(): TracePipe {
    this.#pipe ??= new TracePipe(this.host.tracefs);
    return this.#pipe;
  }

  traceReadline(nonblocking: boolean): string | undefined {
    return this.pipe.readline(nonblocking ? 0 : undefined);
  }

  traceFields(nonblocking: boolean): TraceTuple | NoTuple {
    for (;;) {
      const line = this.traceReadline(nonblocking);
      if (line === undefined) return [undefined, undefined, undefined, undefined, undefined, undefined];
      const f = parseTraceLine(line);
      if (f) return [f.task, f.pid, f.cpu, f.flags, f.ts, f.msg];
    }
  }

  /** BCC's trace_print: prints trace_pipe lines forever (fmt: "{0} {1} ... {5}" over the fields). */
  tracePrint(fmt: string | undefined): never {
    for (;;) {
      const line = this.traceReadline(false);
      if (line === undefined) continue;
      if (fmt === undefined) {
        process.stdout.write(`${line}\n`);
        continue;
      }
      const f = parseTraceLine(line);
      if (!f) continue;
      const fields: (string | number)[] = [f.task, f.pid, f.cpu, f.flags, f.ts, f.msg];
      process.stdout.write(`${fmt.replace(/\{(\d+)\}/g, (_, i: string) => String(fields[Number(i)] ?? ""))}\n`);
    }
  }

  async *traceLines(): AsyncGenerator<{ task: string; pid: number; cpu: number; flags: string; ts: number; msg: string }> {
    for await (const line of this.pipe) {
      const f = parseTraceLine(line);
      if (f) yield { task: f.task, pid: f.pid, cpu: f.cpu, flags: f.flags, ts: f.ts, msg: f.msg };
    }
  }

  // ------------------------------------------------------------ perf / ring buffers

  openPerfBuffer(table: PerfEventArray, callback: PerfCallback, opts: OpenPerfBufferOptions): void {
    if (this.#perf.has(table.name)) throw new BPFError(`perf buffer ${table.name} is already open`);
    const lostCb = opts.lost_cb;
    const counted = this.#watchDrops("perf", table.name, table.spec.dropCounterIndex, (count) => {
      if (lostCb) lostCb(count);
      else process.stderr.write(`bcc-ts: lost ${count} events from perf buffer ${table.name} (dropped in the kernel because the buffer was full; pass lost_cb to handle them, or a larger page_cnt)\n`);
    });
    const buf = PerfBuffer.open(table.fdLike, {
      onSample: (cpu, data) => callback(cpu, data, data.length),
      onLost: (_cpu, count) => {
        // The program's own counter already has these (see the file comment): read it soon.
        if (counted) {
          this.#perfLossSignalled = true;
          return;
        }
        if (lostCb) lostCb(count);
        else process.stderr.write(`bcc-ts: lost ${count} samples from perf buffer ${table.name} (pass lost_cb to handle them, or a larger page_cnt)\n`);
      },
      ...(opts.page_cnt !== undefined ? { pageCount: opts.page_cnt } : {}),
      ...(opts.wakeup_events !== undefined ? { wakeupEvents: opts.wakeup_events } : {}),
      ...(this.host.fdTracker ? { fdOptions: { tracker: this.host.fdTracker } } : {}),
    });
    this.#perf.set(table.name, buf);
    this.#perfPoller ??= new EventPoller();
    this.#perfPoller.add(buf);
  }

  closePerfBuffer(name: string): void {
    const buf = this.#perf.get(name);
    if (!buf) return;
    this.#perfPoller?.remove(buf);
    this.#reportDrops("perf");
    buf.close();
    this.#perf.delete(name);
    this.#drops.perf.delete(name);
  }

  /** Starts watching a map's drop counter; false when it has none (not compiled by us, or no host support). */
  #watchDrops(which: "perf" | "ring", name: string, slot: number | undefined, report: (count: number) => void): boolean {
    if (slot === undefined || !this.host.dropCount) return false;
    // Failures before the buffer was opened are not this reader's losses.
    this.#drops[which].set(name, { slot, seen: this.host.dropCount(slot), report });
    return true;
  }

  /** After a poll that handled `n` records: reads the drop counters unless that can wait (file comment). */
  #reportDropsAfterPoll(which: "perf" | "ring", n: number): void {
    if (this.#drops[which].size === 0) return;
    if (n > 0 && !(which === "perf" && this.#perfLossSignalled) && performance.now() - this.#dropsReadAt[which] < DROP_REPORT_INTERVAL_MS) return;
    this.#reportDrops(which);
  }

  /** Reports, per watched buffer, the failed submissions since the last read. */
  #reportDrops(which: "perf" | "ring"): void {
    if (!this.host.dropCount) return;
    this.#dropsReadAt[which] = performance.now();
    if (which === "perf") this.#perfLossSignalled = false;
    for (const w of this.#drops[which].values()) {
      const now = this.host.dropCount(w.slot);
      if (now === w.seen) continue;
      const delta = now - w.seen;
      w.seen = now;
      w.report(Number(delta));
    }
  }

  openRingBuffer(table: RingBuf, callback: RingCallback, opts: OpenRingBufferOptions = {}): void {
    if (this.#rings.has(table.name)) throw new BPFError(`ring buffer ${table.name} is already open`);
    const lostCb = opts.lost_cb;
    this.#watchDrops("ring", table.name, table.spec.dropCounterIndex, (count) => {
      if (lostCb) lostCb(count);
      else process.stderr.write(`bcc-ts: lost ${count} events from ring buffer ${table.name} (dropped in the kernel because the buffer was full; pass lost_cb to open_ring_buffer to handle them, or a larger size)\n`);
    });
    const buf = RingBuffer.open(table.fdLike, { onRecord: (data) => void callback(undefined, data, data.length) });
    this.#rings.set(table.name, buf);
    this.#ringPoller ??= new EventPoller();
    this.#ringPoller.add(buf);
  }

  poll(which: "perf" | "ring", timeout: number): number {
    const poller = which === "perf" ? this.#perfPoller : this.#ringPoller;
    if (!poller) throw new BPFError(which === "perf" ? "perf_buffer_poll: no perf buffer is open (call open_perf_buffer first)" : "ring_buffer_poll: no ring buffer is open (call open_ring_buffer first)");
    const n = poller.poll(timeout);
    this.#reportDropsAfterPoll(which, n);
    return n;
  }

  consume(which: "perf" | "ring"): number {
    const poller = which === "perf" ? this.#perfPoller : this.#ringPoller;
    const n = poller ? poller.consume() : 0;
    this.#reportDrops(which);
    return n;
  }

  async pollAsync(timeout: number, signal?: AbortSignal): Promise<number> {
    const pollers = [this.#perfPoller, this.#ringPoller].filter((p): p is EventPoller => p !== undefined);
    if (pollers.length === 0) throw new BPFError("poll_async: no perf or ring buffer is open");
    if (pollers.length === 1) {
      const n = await pollers[0]!.pollAsync(timeout, signal);
      this.#reportDropsAfterPoll("perf", n);
      this.#reportDropsAfterPoll("ring", n);
      return n;
    }
    // Both kinds open: wait on whichever fires first, then drain both.
    const ac = new AbortController();
    const onAbort = () => ac.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const n = await Promise.race(pollers.map((p) => p.pollAsync(timeout, ac.signal)));
      ac.abort();
      const total = n + pollers.reduce((acc, p) => acc + p.consume(), 0);
      this.#reportDropsAfterPoll("perf", total);
      this.#reportDropsAfterPoll("ring", total);
      return total;
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }

  close(): void {
    // Last report while the counter map is still open (the BPF object closes maps after this).
    try {
      this.#reportDrops("perf");
      this.#reportDrops("ring");
    } finally {
      this.#drops.perf.clear();
      this.#drops.ring.clear();
    }
    this.#perfPoller?.close();
    this.#ringPoller?.close();
    for (const b of this.#perf.values()) b.close();
    for (const b of this.#rings.values()) b.close();
    this.#perf.clear();
    this.#rings.clear();
    this.#pipe?.close();
    this.#pipe = undefined;
  }
}

/**
 * Adds BCC's buffer methods to event tables: `open_perf_buffer` on perf event arrays and
 * `open_ring_buffer` on ring buffers, plus `for await (const ev of table)` over decoded events.
 */
export function wrapEventTable(table: AnyTable, host: { output: OutputState } | object): AnyTable {
  const state = (host as { output: OutputState }).output;
  if (table instanceof PerfEventArray) {
    const t = table as PerfEventArray & Record<string | symbol, unknown>;
    t.open_perf_buffer = (callback: PerfCallback, opts: OpenPerfBufferOptions = {}) => state.openPerfBuffer(table, callback, opts);
    t.close_perf_buffer = () => state.closePerfBuffer(table.name);
    t[Symbol.asyncIterator] = () => eventIterator(table, (push) => state.openPerfBuffer(table, (_cpu, data) => push(table.event(data)), {}), () => state.closePerfBuffer(table.name), state);
  } else if (table instanceof RingBuf) {
    const t = table as RingBuf & Record<string | symbol, unknown>;
    t.open_ring_buffer = (callback: RingCallback, opts: OpenRingBufferOptions = {}) => state.openRingBuffer(table, callback, opts);
    t[Symbol.asyncIterator] = () => eventIterator(table, (push) => state.openRingBuffer(table, (_ctx, data) => push(table.event(data))), () => undefined, state);
  }
  return table;
}

/** An async iterator of decoded events, driving the BPF object's async poll. */
function eventIterator(table: { name: string }, open: (push: (ev: unknown) => void) => void, close: () => void, state: OutputState): AsyncIterator<unknown> {
  const queue: unknown[] = [];
  let opened = false;
  let done = false;
  return {
    async next(): Promise<IteratorResult<unknown>> {
      if (!opened) {
        open((ev) => queue.push(ev));
        opened = true;
      }
      while (queue.length === 0 && !done) await state.pollAsync(-1);
      if (queue.length > 0) return { value: queue.shift(), done: false };
      return { value: undefined, done: true };
    },
    async return(): Promise<IteratorResult<unknown>> {
      done = true;
      close();
      void table;
      return { value: undefined, done: true };
    },
  };
}
