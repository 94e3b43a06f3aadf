/**
 * RingBuffer against the real kernel: a tracepoint program on syscalls:sys_enter_getppid, filtered
 * to this process, writes 40-byte records with bpf_ringbuf_output; we call getppid() ourselves.
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { possibleCpuCount } from "../perf/cpus.ts";
import { PerfBuffer } from "../perf/perf-buffer.ts";
import { decodeRecord, GetppidEmitter, MAGIC, RECORD_SIZE } from "../perf/test-support/emitter.ts";
import { BPF_MAP_TYPE, getppid, mapCreate, pageSize, type Fd } from "../sys/index.ts";
import { EventPoller } from "./index.ts";
import { RingBuffer } from "./ring-buffer.ts";

/** n getppid() syscalls from this process (a real syscall each time: glibc does not cache it). */
function trigger(n: number): void {
  for (let i = 0; i < n; i++) getppid();
}

function checkRecord(data: Uint8Array): number {
  expect(data.length).toBe(RECORD_SIZE); // ring buffer records keep their exact length
  const r = decodeRecord(data);
  expect(r.magic).toBe(MAGIC);
  expect(Number(r.pidTgid >> 32n)).toBe(process.pid);
  expect(r.triple).toBe(BigInt(r.seq) * 3n);
  expect(r.ones).toBe(0xffff_ffff_ffff_ffffn);
  return r.seq;
}

function ringMap(size: number): Fd {
  return mapCreate({ mapType: BPF_MAP_TYPE.RINGBUF, keySize: 0, valueSize: 0, maxEntries: size, name: "rd_test_ring" });
}

describeKernel("RingBuffer (kernel)", () => {
  let map: Fd;
  let emitter: GetppidEmitter;
  const page = pageSize();

  beforeEach(() => {
    map = ringMap(page);
    emitter = new GetppidEmitter("ringbuf", map);
  });
  afterEach(() => {
    // Either may be unset when beforeEach failed; report that failure, not a TypeError here.
    (emitter as GetppidEmitter | undefined)?.close();
    (map as Fd | undefined)?.close();
  });

  it("delivers exactly N records in order while wrapping a one-page ring many times", () => {
    const seqs: number[] = [];
    using rb = RingBuffer.open(map, { onRecord: (d) => seqs.push(checkRecord(d)) });
    expect(rb.size).toBe(page);
    // 48-byte records, 85 per 4 KiB: bursts of 50 with a read after each wrap it ~35 times.
    const N = 3000;
    for (let done = 0; done < N; done += 50) {
      trigger(50);
      expect(rb.consume()).toBe(50);
    }
    expect(emitter.failed).toBe(0);
    // One ring for all CPUs: with a single emitting thread, reservation order is seq order.
    expect(seqs).toEqual(Array.from({ length: N }, (_, i) => i));
  });

  it("poll() returns a lone record at once (the kernel wakes an idle reader)", () => {
    const got: number[] = [];
    using rb = RingBuffer.open(map, { onRecord: (d) => got.push(checkRecord(d)) });
    trigger(1);
    const t0 = performance.now();
    expect(rb.poll(2000)).toBe(1);
    expect(performance.now() - t0).toBeLessThan(100);
    expect(got).toEqual([0]);
  });

  it("does not spin while idle (poll and pollAsync)", async () => {
    using rb = RingBuffer.open(map, { onRecord: () => {} });
    let before = process.cpuUsage();
    const t0 = performance.now();
    expect(rb.poll(300)).toBe(0);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(295);
    let d = process.cpuUsage(before);
    expect((d.user + d.system) / 1000).toBeLessThan(20);
    before = process.cpuUsage();
    expect(await rb.pollAsync(300)).toBe(0);
    d = process.cpuUsage(before);
    expect((d.user + d.system) / 1000).toBeLessThan(30);
  });

  it("pollAsync() is woken by records emitted later without blocking the event loop", async () => {
    const got: number[] = [];
    using rb = RingBuffer.open(map, { onRecord: (d) => got.push(checkRecord(d)) });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    setTimeout(() => trigger(4), 50);
    const n = await rb.pollAsync(2000);
    clearInterval(ticker);
    expect(n).toBe(4);
    expect(got).toEqual([0, 1, 2, 3]);
    expect(ticks).toBeGreaterThan(0); // the event loop kept running while we waited
  });

  it("full ring: failed outputs are counted by the program, the rest delivered", () => {
    let received = 0;
    using rb = RingBuffer.open(map, { onRecord: () => received++ });
    const N = 300;
    trigger(N);
    rb.consume();
    expect(received).toBe(Math.floor(page / 48));
    expect(received + emitter.failed).toBe(N);
  });

  it("batchLimit bounds one consume()", () => {
    const got: number[] = [];
    using rb = RingBuffer.open(map, { batchLimit: 7, onRecord: (d) => got.push(checkRecord(d)) });
    trigger(20);
    expect(rb.consume()).toBe(7);
    expect(rb.consume()).toBe(7);
    expect(rb.consume()).toBe(6);
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("one EventPoller waits on a ring buffer and a perf buffer together", async () => {
    using perfMap = mapCreate({ mapType: BPF_MAP_TYPE.PERF_EVENT_ARRAY, keySize: 4, valueSize: 4, maxEntries: possibleCpuCount() });
    using perfEmitter = new GetppidEmitter("perf", perfMap);
    const ring: number[] = [];
    const perf: number[] = [];
    using rb = RingBuffer.open(map, { onRecord: (d) => ring.push(checkRecord(d)) });
    using pb = PerfBuffer.open(perfMap, { onSample: (_c, d) => perf.push(decodeRecord(d).seq) });
    using poller = new EventPoller([rb, pb]);
    trigger(6);
    const deadline = performance.now() + 2000;
    while ((ring.length < 6 || perf.length < 6) && performance.now() < deadline) await poller.pollAsync(500);
    expect(ring).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...perf].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(perfEmitter.failed).toBe(0);
    poller.remove(rb);
    poller.remove(pb);
  });

  it("refuses a map that is not a ring buffer; close() is idempotent", () => {
    using arr = mapCreate({ mapType: BPF_MAP_TYPE.ARRAY, keySize: 4, valueSize: 8, maxEntries: 1 });
    expect(() => RingBuffer.open(arr, { onRecord: () => {} })).toThrow(TypeError);
    const rb = RingBuffer.open(map, { onRecord: () => {} });
    rb.close();
    rb.close();
    expect(rb.consume()).toBe(0);
    expect(() => rb.poll(0)).toThrow(/closed/);
  });

  it("close() from inside a callback stops delivery and unmaps only after the read returns", () => {
    const got: number[] = [];
    const rb: RingBuffer = RingBuffer.open(map, {
      onRecord: (d) => {
        got.push(checkRecord(d));
        if (got.length === 3) rb.close();
      },
    });
    trigger(10);
    expect(rb.consume()).toBe(3);
    expect(got).toEqual([0, 1, 2]);
    expect(rb.closed).toBe(true);
    expect(rb.consume()).toBe(0);
    // The ring still holds the other 7; a new reader starts at the stored consumer_pos.
    const rest: number[] = [];
    using again = RingBuffer.open(map, { onRecord: (d) => rest.push(checkRecord(d)) });
    expect(again.consume()).toBe(7);
    expect(rest).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it("a poller drops a ring buffer closed while records wait, instead of spinning on its fd", async () => {
    const rb = RingBuffer.open(map, { onRecord: () => {} });
    using poller = new EventPoller([rb]);
    trigger(5); // the map fd now polls readable until consumer_pos catches up
    rb.close();
    const before = process.cpuUsage();
    expect(await poller.pollAsync(200)).toBe(0);
    expect(poller.poll(100)).toBe(0);
    const d = process.cpuUsage(before);
    expect((d.user + d.system) / 1000).toBeLessThan(40);
  });
});
