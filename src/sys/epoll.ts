/**
 * epoll: wait for readiness of perf event fds, BPF ringbuf map fds, trace_pipe, ...
 *
 * Two ways to wait, neither of which spins:
 * - wait(timeoutMs): epoll_wait on the calling thread (blocks it; for CLIs and simple loops).
 * - waitAsync(timeoutMs): libuv watches each registered fd on Node's own event loop (uv_poll via
 *   koffi): no thread, no busy polling, the event loop stays free.
 *
 * Why not poll the epoll fd itself from libuv: perf event fds have a *destructive* poll (perf_poll
 * swaps the pending-wakeup flag to 0), and polling an epoll fd polls its members, so libuv's check
 * would eat the wakeup and our own epoll_wait afterwards would find nothing. Watching the member
 * fds directly has exactly one poller per fd. Why not koffi's `fn.async` epoll_wait: it runs on
 * libuv's small shared threadpool (4 threads by default); measured here, with four 1 s waits
 * pending a 1-byte fs.readFile took 1002 ms.
 *
 * Consumers must drain their rings after each wakeup and before the next wait, in the same tick
 * (the usual "consume, then wait" loop): a watcher that fired is re-armed by the next waitAsync.
 * Do not mix wait() and waitAsync() on one Epoll.
 *
 * Close the Epoll (or remove() the fd) BEFORE closing a member fd: libuv can only unregister an fd
 * that is still open. Otherwise a still-referenced file (a perf event held by a PERF_EVENT_ARRAY
 * map, say) stays in libuv's epoll set under its old number, and its late wakeups are delivered to
 * whatever watcher next uses that number. As with epoll itself, treat readiness as a hint: check
 * the ring, and wait again if it is empty.
 */
import { ERRNO, kernelError } from "./errors.ts";
import { Fd, rawFd, type FdLike, type FdOptions } from "./fd.ts";
import { lastErrno, sysEpollCreate1, sysEpollCtl, sysEpollWait, watchFd, type FdWatcher, type PollEvents } from "./ffi.ts";

export const EPOLLIN = 0x001;
export const EPOLLPRI = 0x002;
export const EPOLLOUT = 0x004;
export const EPOLLERR = 0x008;
export const EPOLLHUP = 0x010;
export const EPOLLRDHUP = 0x2000;
export const EPOLLET = 1 << 31;
const EPOLL_CLOEXEC = 0o2000000;
const EPOLL_CTL_ADD = 1;
const EPOLL_CTL_DEL = 2;
const EPOLL_CTL_MOD = 3;

/** struct epoll_event is packed on x86_64 (12 bytes: u32 events, u64 data) and 16 bytes elsewhere. */
const EVENT_SIZE = process.arch === "x64" ? 12 : 16;
const DATA_OFFSET = process.arch === "x64" ? 4 : 8;

export interface EpollEvent {
  /** The tag given to add() (by default the fd number). */
  data: number;
  /** EPOLLIN | EPOLLERR | ... */
  events: number;
}

interface Member {
  raw: number;
  data: number;
  watcher: FdWatcher | undefined;
  armed: boolean;
}

/** An epoll instance; Disposable. One waitAsync may be pending at a time. */
export class Epoll implements Disposable {
  readonly fd: Fd;
  readonly #maxEvents: number;
  readonly #events: Uint8Array;
  readonly #members = new Map<number, Member>();
  /** Readiness reported by watchers and not yet returned (data -> events). */
  readonly #ready = new Map<number, number>();
  #pending: { finish: (events: EpollEvent[]) => void; flushScheduled: boolean } | undefined;

  constructor(options?: FdOptions & { maxEvents?: number }) {
    const raw = sysEpollCreate1(EPOLL_CLOEXEC);
    if (raw < 0) throw kernelError({ syscall: "epoll_create1", code: lastErrno() });
    this.fd = Fd.adopt(raw, "epoll", options);
    this.#maxEvents = options?.maxEvents ?? 64;
    this.#events = new Uint8Array(EVENT_SIZE * this.#maxEvents);
  }

  #ctl(op: number, fd: FdLike, events: number, data: number, name: string): void {
    const ev = new Uint8Array(EVENT_SIZE);
    const dv = new DataView(ev.buffer);
    dv.setUint32(0, events >>> 0, true);
    dv.setBigUint64(DATA_OFFSET, BigInt(data), true);
    if (sysEpollCtl(this.fd.raw, op, rawFd(fd), ev) < 0) throw kernelError({ syscall: "epoll_ctl", command: name, code: lastErrno() });
  }

  /** Watch `fd` for `events` (EPOLLIN by default); `data` comes back in EpollEvent.data. */
  add(fd: FdLike, events = EPOLLIN, data = rawFd(fd)): void {
    this.#ctl(EPOLL_CTL_ADD, fd, events, data, "EPOLL_CTL_ADD");
    const raw = rawFd(fd);
    this.#members.set(raw, { raw, data, watcher: undefined, armed: false });
    if (this.#pending) this.#arm(this.#members.get(raw)!);
  }

  modify(fd: FdLike, events = EPOLLIN, data = rawFd(fd)): void {
    this.#ctl(EPOLL_CTL_MOD, fd, events, data, "EPOLL_CTL_MOD");
    const m = this.#members.get(rawFd(fd));
    if (m) m.data = data;
  }

  /** Stop watching `fd`. Call before closing the fd. */
  remove(fd: FdLike): void {
    const raw = rawFd(fd);
    const m = this.#members.get(raw);
    if (m) {
      m.watcher?.close();
      this.#members.delete(raw);
      this.#ready.delete(m.data);
    }
    this.#ctl(EPOLL_CTL_DEL, fd, 0, 0, "EPOLL_CTL_DEL");
  }

  #harvest(timeoutMs: number): EpollEvent[] {
    const n = sysEpollWait(this.fd.raw, this.#events, this.#maxEvents, timeoutMs);
    if (n < 0) {
      const code = lastErrno();
      if (code === ERRNO.EINTR) return [];
      throw kernelError({ syscall: "epoll_wait", code });
    }
    const dv = new DataView(this.#events.buffer);
    const out: EpollEvent[] = [];
    for (let i = 0; i < n; i++) {
      const base = i * EVENT_SIZE;
      out.push({ events: dv.getUint32(base, true), data: Number(dv.getBigUint64(base + DATA_OFFSET, true)) });
    }
    return out;
  }

  /**
   * Block the calling thread until an fd is ready or `timeoutMs` passes (-1 = forever, 0 = poll).
   * Returns [] on timeout or when interrupted by a signal.
   */
  wait(timeoutMs: number): EpollEvent[] {
    return this.#harvest(timeoutMs);
  }

  #arm(m: Member): void {
    if (m.armed) {
      m.watcher?.ref();
      return;
    }
    const onReady = (status: number, ev: PollEvents): void => this.#onReady(m, status, ev);
    if (m.watcher === undefined) m.watcher = watchFd(m.raw, onReady);
    else m.watcher.start(onReady);
    m.watcher.ref();
    m.armed = true;
  }

  #onReady(m: Member, status: number, ev: PollEvents): void {
    // Disarm: for level-triggered fds (ringbuf, trace_pipe) libuv would call us again on every loop
    // iteration until the consumer drains; the next waitAsync re-arms.
    m.watcher?.stop();
    m.armed = false;
    let events = 0;
    if (status < 0) events |= EPOLLERR;
    if (ev.readable) events |= EPOLLIN;
    if (ev.disconnect) events |= EPOLLRDHUP;
    this.#ready.set(m.data, (this.#ready.get(m.data) ?? 0) | events);
    const pending = this.#pending;
    if (pending && !pending.flushScheduled) {
      // Let the other watchers that fire in this loop iteration report before resolving.
      pending.flushScheduled = true;
      setImmediate(() => {
        if (this.#pending === pending) pending.finish(this.#takeReady());
      });
    }
  }

  #takeReady(): EpollEvent[] {
    const out = [...this.#ready].map(([data, events]) => ({ data, events }));
    this.#ready.clear();
    return out;
  }

  /**
   * Wait without blocking the event loop. Resolves with the ready fds, or [] on timeout, on close(),
   * or when `signal` aborts. `timeoutMs` undefined or < 0 waits indefinitely.
   */
  waitAsync(timeoutMs?: number, signal?: AbortSignal): Promise<EpollEvent[]> {
    if (this.#pending) return Promise.reject(new Error("Epoll.waitAsync: another wait is already pending"));
    if (this.fd.closed) return Promise.resolve([]);
    if (this.#ready.size > 0) return Promise.resolve(this.#takeReady());
    if (timeoutMs === 0 || signal?.aborted) return Promise.resolve([]);
    return new Promise<EpollEvent[]>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const onAbort = (): void => finish([]);
      const finish = (events: EpollEvent[]): void => {
        this.#pending = undefined;
        // Armed watchers keep recording readiness between waits, but must not keep Node alive.
        for (const m of this.#members.values()) m.watcher?.unref();
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        resolve(events);
      };
      this.#pending = { finish, flushScheduled: false };
      for (const m of this.#members.values()) this.#arm(m);
      if (timeoutMs !== undefined && timeoutMs >= 0) timer = setTimeout(() => finish([]), timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  get closed(): boolean {
    return this.fd.closed;
  }

  /** Close the epoll fd and the watchers; a pending waitAsync resolves with []. Idempotent. */
  close(): void {
    this.#pending?.finish([]);
    for (const m of this.#members.values()) m.watcher?.close();
    this.#members.clear();
    this.#ready.clear();
    this.fd.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
