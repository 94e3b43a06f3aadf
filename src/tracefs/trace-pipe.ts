/**
 * Reading tracefs `trace_pipe` line by line, synchronously (BCC's trace_readline) or as an async
 * iterator that never blocks the event loop.
 *
 * Why polling: trace_pipe is a consuming read that blocks while the ring buffer is empty. Node cannot
 * wait on it without blocking something: libuv classifies it as a regular file (net.Socket refuses
 * the fd, there is no epoll integration), an fs.read on a blocking fd pins a libuv pool thread until
 * the next trace line with no way to cancel it (close() does not wake a reader blocked in the
 * kernel), and a worker blocked the same way cannot be terminated. So we open it O_NONBLOCK — the
 * kernel then answers EAGAIN when empty — and retry with an exponential back-off (1 ms doubling to
 * `maxPollMs`, reset as soon as data arrives). That costs a few cheap syscalls per second when idle
 * and keeps close() immediate. The sync path sleeps with Atomics.wait, the async path with timers.
 *
 * The kernel copies whole entries when the buffer is large enough, but a read can still end mid-line
 * (an entry larger than what is left of our buffer), so bytes are accumulated until a '\n'.
 */
import * as fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { errnoCode, TracefsError } from "./errors.ts";
import type { Tracefs } from "./tracefs.ts";

export interface TracePipeOptions {
  /** Longest back-off between reads of an empty pipe, in ms. Default 20. */
  maxPollMs?: number;
  /** Read buffer size. Default 64 KiB. */
  bufferSize?: number;
}

const MIN_POLL_MS = 1;

export class TracePipe implements Disposable {
  readonly path: string;
  #fd: number | undefined;
  readonly #buf: Buffer;
  readonly #maxPollMs: number;
  // Complete lines not yet handed out, and the bytes of a line still being received.
  readonly #lines: string[] = [];
  #partial: Buffer[] = [];
  readonly #decoder = new TextDecoder("utf-8");
  // Sleep cell for Atomics.wait in the synchronous path (one per reader; never notified).
  readonly #sleepCell = new Int32Array(new SharedArrayBuffer(4));
  // Resolvers of async waits, so close() can end them at once instead of after the current sleep.
  readonly #wakers = new Set<() => void>();
  #pollMs = MIN_POLL_MS;

  /** Open `<tracefs>/trace_pipe` (or an explicit path, e.g. an instance's trace_pipe). */
  constructor(source: Tracefs | string, options: TracePipeOptions = {}) {
    this.path = typeof source === "string" ? source : source.path("trace_pipe");
    this.#maxPollMs = Math.max(MIN_POLL_MS, options.maxPollMs ?? 20);
    this.#buf = Buffer.alloc(options.bufferSize ?? 64 * 1024);
    try {
      // libuv adds O_CLOEXEC itself, so children we spawn do not inherit (and drain) the pipe.
      this.#fd = fs.openSync(this.path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    } catch (err) {
      const code = errnoCode(err) ?? "EIO";
      // The kernel allows one trace_pipe reader at a time and answers EBUSY to the next one.
      const hint = code === "EACCES" || code === "EPERM"
        ? "run as root"
        : code === "EBUSY"
          ? `another process is already reading it (one reader at a time; find it with: fuser ${this.path})`
          : "check that tracefs is mounted";
      throw new TracefsError(`cannot open ${this.path}: ${code}: ${hint}`, code, this.path, { cause: err });
    }
  }

  get closed(): boolean {
    return this.#fd === undefined;
  }

  /**
   * Next line (without '\n'), blocking the thread until one arrives, like BCC's trace_readline.
   * With `timeoutMs`, returns undefined when none arrived in time; timeoutMs 0 is a single
   * non-blocking attempt (BCC's nonblocking=True). Returns undefined once closed.
   */
  readline(timeoutMs?: number): string | undefined {
    const deadline = timeoutMs === undefined ? Infinity : performance.now() + timeoutMs;
    for (;;) {
      const line = this.#lines.shift();
      if (line !== undefined) return line;
      if (this.#fd === undefined) return undefined;
      if (this.#fill()) continue;
      const left = deadline - performance.now();
      if (left <= 0) return undefined;
      Atomics.wait(this.#sleepCell, 0, 0, Math.min(this.#nextPoll(), left));
    }
  }

  /**
   * Next line without blocking the event loop; undefined on timeout, on abort, or when closed
   * meanwhile.
   */
  async nextLine(timeoutMs?: number, signal?: AbortSignal): Promise<string | undefined> {
    const deadline = timeoutMs === undefined ? Infinity : performance.now() + timeoutMs;
    const onAbort = (): void => this.#wakeAll();
    signal?.addEventListener("abort", onAbort);
    try {
      return await this.#nextLine(deadline, signal);
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }

  async #nextLine(deadline: number, signal: AbortSignal | undefined): Promise<string | undefined> {
    for (;;) {
      const line = this.#lines.shift();
      if (line !== undefined) return line;
      if (this.#fd === undefined || signal?.aborted) return undefined;
      if (this.#fill()) continue;
      const left = deadline - performance.now();
      if (left <= 0) return undefined;
      await this.#wait(Math.min(this.#nextPoll(), left));
    }
  }

  /**
   * Lines as they arrive, until close() (or `signal` aborts). Breaking out of a for-await loop does
   * not close the pipe; dispose it for that.
   */
  async *lines(options: { signal?: AbortSignal } = {}): AsyncGenerator<string, void, undefined> {
    const { signal } = options;
    while (this.#fd !== undefined && !signal?.aborted) {
      const line = await this.nextLine(undefined, signal);
      if (line === undefined) return;
      yield line;
    }
  }

  [Symbol.asyncIterator](): AsyncGenerator<string, void, undefined> {
    return this.lines();
  }

  /**
   * Event form: call `onLine` for each line from a background loop until the returned handle is
   * disposed or the pipe closed. A read error goes to `onError` (default: rethrown as an unhandled
   * rejection, so it is not lost) and ends the loop.
   */
  subscribe(onLine: (line: string) => void, onError?: (err: unknown) => void): Disposable & { done: Promise<void> } {
    const ac = new AbortController();
    const done = (async () => {
      try {
        for await (const line of this.lines({ signal: ac.signal })) onLine(line);
      } catch (err) {
        if (onError) onError(err);
        else throw err;
      }
    })();
    return { done, [Symbol.dispose]: () => ac.abort() };
  }

  /** Lines already read (complete or not) are dropped; pending async waits resolve at once. */
  close(): void {
    const fd = this.#fd;
    if (fd === undefined) return;
    this.#fd = undefined;
    this.#lines.length = 0;
    this.#partial = [];
    fs.closeSync(fd);
    this.#wakeAll();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  /** One non-blocking read; true when it produced bytes. Throws on errors other than EAGAIN. */
  #fill(): boolean {
    const fd = this.#fd;
    if (fd === undefined) return false;
    let n: number;
    try {
      n = fs.readSync(fd, this.#buf, 0, this.#buf.length, null);
    } catch (err) {
      const code = errnoCode(err);
      if (code === "EAGAIN" || code === "EWOULDBLOCK" || code === "EINTR") return false;
      throw new TracefsError(`reading ${this.path} failed: ${code ?? (err as Error).message}`, code ?? "EIO", this.path, {
        cause: err,
      });
    }
    if (n <= 0) return false;
    this.#pollMs = MIN_POLL_MS;
    this.#split(this.#buf.subarray(0, n));
    return true;
  }

  #split(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      const piece = chunk.subarray(start, nl);
      const bytes = this.#partial.length > 0 ? Buffer.concat([...this.#partial, piece]) : piece;
      this.#partial = [];
      this.#lines.push(this.#decoder.decode(bytes));
      start = nl + 1;
    }
    // Copy the tail: the read buffer is reused by the next read.
    if (start < chunk.length) this.#partial.push(Buffer.from(chunk.subarray(start)));
  }

  #nextPoll(): number {
    const ms = this.#pollMs;
    this.#pollMs = Math.min(this.#maxPollMs, this.#pollMs * 2);
    return ms;
  }

  async #wait(ms: number): Promise<void> {
    const ac = new AbortController();
    let waker: (() => void) | undefined;
    const woken = new Promise<void>((resolve) => {
      waker = resolve;
    });
    const wake = (): void => waker?.();
    this.#wakers.add(wake);
    try {
      await Promise.race([sleep(ms, undefined, { signal: ac.signal }).catch(() => undefined), woken]);
    } finally {
      ac.abort();
      this.#wakers.delete(wake);
    }
  }

  #wakeAll(): void {
    for (const wake of [...this.#wakers]) wake();
  }
}
