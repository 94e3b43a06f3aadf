/**
 * PerfBuffer against the real kernel: a tracepoint program on syscalls:sys_enter_getppid, filtered
 * to this process, writes 40-byte records with bpf_perf_event_output; we call getppid() ourselves.
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { BPF_MAP_TYPE, Epoll, FdTracker, getppid, KernelError, mapCreate, mapDeleteElem, type Fd } from "../sys/index.ts";
import { onlineCpus, possibleCpuCount } from "./cpus.ts";
import { EventPoller } from "./event-poller.ts";
import { PerfBuffer } from "./perf-buffer.ts";
import { decodeRecord, GetppidEmitter, MAGIC, RECORD_SIZE } from "./test-support/emitter.ts";

/** n getppid() syscalls from this process (a real syscall each time: glibc does not cache it). */
function trigger(n: number): void {
  for (let i = 0; i < n; i++) getppid();
}

/** Checks every field of a record and returns its seq. */
function checkRecord(data: Uint8Array): number {
  // raw_size is padded so that 4 + raw_size is a multiple of 8: 40 bytes of struct + 4 of padding.
  expect(data.length).toBe(RECORD_SIZE + 4);
  const r = decodeRecord(data);
  expect(r.magic).toBe(MAGIC);
  expect(Number(r.pidTgid >> 32n)).toBe(process.pid);
  expect(r.triple).toBe(BigInt(r.seq) * 3n);
  expect(r.ones).toBe(0xffff_ffff_ffff_ffffn);
  return r.seq;
}

function cpuMs(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1000;
}

describeKernel("PerfBuffer (kernel)", () => {
  let map: Fd;
  let emitter: GetppidEmitter;

  beforeEach(() => {
    map = mapCreate({ mapType: BPF_MAP_TYPE.PERF_EVENT_ARRAY, keySize: 4, valueSize: 4, maxEntries: possibleCpuCount(), name: "rd_test_perf" });
    emitter = new GetppidEmitter("perf", map);
  });
  afterEach(() => {
    // Either may be unset when beforeEach failed; report that failure, not a TypeError here.
    (emitter as GetppidEmitter | undefined)?.close();
    (map as Fd | undefined)?.close();
  });

  it("delivers exactly N records with their payload while wrapping a one-page ring many times", () => {
    const seqs: number[] = [];
    let lost = 0;
    using buf = PerfBuffer.open(map, { pageCount: 1, onSample: (_cpu, d) => seqs.push(checkRecord(d)), onLost: (_c, n) => (lost += n) });
    // 56-byte records, 73 per 4 KiB ring: bursts of 40 with a read after each wrap it ~30 times.
    const N = 2000;
    for (let done = 0; done < N; done += 40) {
      trigger(40);
      buf.consume();
    }
    buf.poll(0);
    expect(lost).toBe(0);
    expect(emitter.failed).toBe(0);
    expect(seqs.length).toBe(N);
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i));
  });

  it("poll() delivers a lone record of a quiet stream within the flush interval", () => {
    const got: number[] = [];
    using buf = PerfBuffer.open(map, { onSample: (_c, d) => got.push(checkRecord(d)) });
    expect(buf.flushIntervalMs).toBe(10);
    trigger(1); // far below the wakeup watermark (a quarter of 256 KiB)
    const t0 = performance.now();
    expect(buf.poll(2000)).toBe(1);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(got).toEqual([0]);
  });

  it("wakeupEvents: 1 wakes poll() per record without flush slices", () => {
    const got: number[] = [];
    using buf = PerfBuffer.open(map, { wakeupEvents: 1, onSample: (_c, d) => got.push(checkRecord(d)) });
    expect(buf.flushIntervalMs).toBeUndefined();
    trigger(3);
    expect(buf.poll(1000)).toBe(3);
    expect(got).toEqual([0, 1, 2]);
  });

  it("does not spin while idle: a 300 ms poll() with nothing to read costs ~no CPU", () => {
    using buf = PerfBuffer.open(map, { onSample: () => {} });
    let n = -1;
    const t0 = performance.now();
    const cpu = cpuMs(() => (n = buf.poll(300)));
    expect(n).toBe(0);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(295);
    // 30 flush slices of a few µs each; a spinning loop would burn ~300 ms.
    expect(cpu).toBeLessThan(30);
  });

  it("pollAsync() waits on the event loop and delivers records emitted later", async () => {
    const got: number[] = [];
    using buf = PerfBuffer.open(map, { onSample: (_c, d) => got.push(checkRecord(d)) });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    setTimeout(() => trigger(5), 50);
    const before = process.cpuUsage();
    const n = await buf.pollAsync(2000);
    clearInterval(ticker);
    const used = process.cpuUsage(before);
    expect(n).toBe(5);
    expect(got).toEqual([0, 1, 2, 3, 4]);
    expect(ticks).toBeGreaterThan(0); // the event loop kept running while we waited
    expect((used.user + used.system) / 1000).toBeLessThan(40);
  });

  it("run() streams until aborted; close() resolves a pending wait", async () => {
    const got: number[] = [];
    const buf = PerfBuffer.open(map, { onSample: (_c, d) => got.push(checkRecord(d)) });
    const ac = new AbortController();
    const running = buf.run(ac.signal);
    for (let i = 0; i < 3; i++) {
      trigger(10);
      await new Promise((r) => setTimeout(r, 30));
    }
    ac.abort();
    expect(await running).toBe(30);
    expect(got.length).toBe(30);
    const pending = buf.pollAsync(-1);
    buf.close();
    expect(await pending).toBe(0);
  });

  it("reports lost samples: a tiny ring not being read accounts for every call", () => {
    let received = 0;
    let lost = 0;
    using buf = PerfBuffer.open(map, { pageCount: 1, wakeupEvents: 1, onSample: () => received++, onLost: (_c, n) => (lost += n) });
    const N = 500;
    trigger(N);
    buf.consume();
    // The kernel writes the PERF_RECORD_LOST record with the next sample that fits.
    trigger(1);
    buf.consume();
    expect(emitter.failed).toBeGreaterThan(0);
    expect(lost).toBe(emitter.failed);
    expect(buf.lost).toBe(lost);
    expect(received + lost).toBe(N + 1);
    expect(emitter.emitted).toBe(N + 1);
  });

  it("an EventPoller combines buffers; close() removes the rings from the map", () => {
    const got: number[] = [];
    const buf = PerfBuffer.open(map, { onSample: (_c, d) => got.push(checkRecord(d)) });
    using poller = new EventPoller([buf]);
    trigger(2);
    let n = 0;
    while (n < 2) {
      const k = poller.poll(1000);
      expect(k).toBeGreaterThan(0);
      n += k;
    }
    expect(got).toEqual([0, 1]);
    poller.remove(buf);
    buf.close();
    buf.close(); // idempotent
    const key = new Uint8Array(4);
    for (const cpu of buf.cpus) {
      new DataView(key.buffer).setUint32(0, cpu, true);
      expect(mapDeleteElem(map, key)).toBe(false); // already gone
    }
    // With no ring installed the program's output fails (-ENOENT) and is counted as such.
    trigger(1);
    expect(emitter.failed).toBe(1);
  });

  it("close() from inside a callback stops delivery and unmaps only after the read returns", () => {
    const got: number[] = [];
    const buf: PerfBuffer = PerfBuffer.open(map, {
      onSample: (_c, d) => {
        got.push(checkRecord(d));
        if (got.length === 3) buf.close();
      },
    });
    trigger(10);
    expect(buf.consume()).toBe(3);
    expect(got).toEqual([0, 1, 2]);
    expect(buf.closed).toBe(true);
    expect(buf.readyFds).toEqual([]);
    expect(buf.consume()).toBe(0);
  });

  it("refuses consume() from inside its own callback", () => {
    const buf: PerfBuffer = PerfBuffer.open(map, { onSample: () => buf.consume() });
    try {
      trigger(1);
      expect(() => buf.consume()).toThrow(/inside one of its callbacks/);
    } finally {
      buf.close();
    }
  });

  it("closes every per-CPU fd on close(), and everything on a failed open()", () => {
    const tracker = new FdTracker();
    const buf = PerfBuffer.open(map, { onSample: () => {}, fdOptions: { tracker } });
    expect(tracker.openFds().length).toBe(buf.cpus.length);
    buf.close();
    tracker.assertNoLeaks();

    // A map one slot short cannot take the ring of the highest CPU: E2BIG after the others were
    // installed (this needs two online CPUs, which every machine we test on has).
    const cpus = onlineCpus();
    expect(cpus.length).toBeGreaterThanOrEqual(2);
    const highest = cpus[cpus.length - 1]!;
    using small = mapCreate({ mapType: BPF_MAP_TYPE.PERF_EVENT_ARRAY, keySize: 4, valueSize: 4, maxEntries: highest });
    let error: unknown;
    try {
      PerfBuffer.open(small, { onSample: () => {}, cpus, fdOptions: { tracker } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KernelError);
    expect((error as KernelError).errno).toBe("E2BIG");
    tracker.assertNoLeaks();
    expect(mapDeleteElem(small, new Uint8Array(4))).toBe(false); // CPU 0's entry was removed again
  });

  it("batches wakeups by default (watermark) and wakes per record with wakeupEvents: 1", () => {
    for (const [options, expectWake] of [[{}, false], [{ wakeupEvents: 1 }, true]] as const) {
      using buf = PerfBuffer.open(map, { ...options, onSample: () => {} });
      using ep = new Epoll();
      for (const fd of buf.readyFds) ep.add(fd);
      trigger(1);
      expect(ep.wait(100).length > 0).toBe(expectWake);
      expect(buf.consume()).toBe(1); // the record is there either way
    }
  });
});
