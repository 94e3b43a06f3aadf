/**
 * Epoll waits against the real kernel, on readiness sources that only this test can trigger (a BPF
 * ringbuf and a perf BPF_OUTPUT ring fed by our own test runs), so other tracing on the machine
 * cannot make fds ready or suppress their wakeups.
 */
import { afterEach, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import {
  BPF_F_TEST_RUN_ON_CPU,
  BPF_MAP_TYPE,
  BPF_PROG_FLAG,
  BPF_PROG_TYPE,
  Epoll,
  EPOLLIN,
  type Fd,
  FdTracker,
  type MappedMemory,
  mapCreate,
  mapUpdateElem,
  mmapPerfRing,
  pageSize,
  PERF_COUNT_SW,
  PERF_MMAP_PAGE,
  PERF_SAMPLE_RAW,
  PERF_TYPE,
  perfEventOpen,
  possibleCpus,
  progLoad,
  progTestRun,
} from "./index.ts";

function insn(op: number, dst: number, src: number, off: number, imm: number): number[] {
  const b = new Uint8Array(8);
  const dv = new DataView(b.buffer);
  b[0] = op;
  b[1] = (dst & 0xf) | ((src & 0xf) << 4);
  dv.setInt16(2, off, true);
  dv.setInt32(4, imm, true);
  return [...b];
}
const bytes = (...parts: number[][]): Uint8Array => new Uint8Array(parts.flat());

interface Source extends Disposable {
  fd: Fd;
  produce(): void;
}

// Epolls are declared after their sources so that `using` disposes them first: libuv's watchers must
// be closed while the fds are still open (see Epoll's doc comment).
describeKernel("sys/epoll against the kernel", () => {
  const tracker = new FdTracker();
  afterEach(() => tracker.assertNoLeaks());
  const opts = { tracker };

  /** A BPF ringbuf (level-triggered, non-destructive poll) and a SYSCALL program that writes 8 bytes. */
  function ringbufSource(): Source {
    const map = mapCreate({ mapType: BPF_MAP_TYPE.RINGBUF, keySize: 0, valueSize: 0, maxEntries: pageSize(), name: "sys_test_rb" }, opts);
    const { fd: prog } = progLoad(
      {
        progType: BPF_PROG_TYPE.SYSCALL,
        progFlags: BPF_PROG_FLAG.SLEEPABLE,
        license: "GPL",
        insns: bytes(
          insn(0x7a, 10, 0, -8, 7), // *(u64 *)(r10 - 8) = 7
          insn(0x18, 1, 1, 0, map.raw), // r1 = &ringbuf
          insn(0x00, 0, 0, 0, 0),
          insn(0xbf, 2, 10, 0, 0), // r2 = r10 - 8
          insn(0x07, 2, 0, 0, -8),
          insn(0xb7, 3, 0, 0, 8), // r3 = 8
          insn(0xb7, 4, 0, 0, 0), // r4 = 0
          insn(0x85, 0, 0, 0, 130), // bpf_ringbuf_output
          insn(0xb7, 0, 0, 0, 0),
          insn(0x95, 0, 0, 0, 0),
        ),
      },
      opts,
    );
    return {
      fd: map,
      produce: () => void progTestRun(prog, { ctxIn: new Uint8Array(8) }),
      [Symbol.dispose]: () => {
        prog.close();
        map.close();
      },
    };
  }

  /**
   * A perf BPF_OUTPUT event on CPU 0 with its ring (destructive poll: perf_poll hands out each
   * wakeup once), fed by a raw_tp program test-run on CPU 0 calling bpf_perf_event_output.
   */
  function perfOutputSource(): Source & { ring: MappedMemory } {
    const array = mapCreate({ mapType: BPF_MAP_TYPE.PERF_EVENT_ARRAY, keySize: 4, valueSize: 4, maxEntries: possibleCpus().length, name: "sys_test_pea" }, opts);
    const ev = perfEventOpen(
      { type: PERF_TYPE.SOFTWARE, config: PERF_COUNT_SW.BPF_OUTPUT, sampleType: PERF_SAMPLE_RAW, samplePeriod: 1, wakeupEvents: 1 },
      { pid: -1, cpu: 0 },
      opts,
    );
    const ring = mmapPerfRing(ev, 1);
    mapUpdateElem(array, new Uint8Array(4), new Uint8Array(new Uint32Array([ev.raw]).buffer));
    const { fd: prog } = progLoad(
      {
        progType: BPF_PROG_TYPE.RAW_TRACEPOINT,
        license: "GPL",
        insns: bytes(
          insn(0x7a, 10, 0, -8, 7), // *(u64 *)(r10 - 8) = 7
          insn(0x18, 2, 1, 0, array.raw), // r2 = &perf_event_array (r1 stays ctx)
          insn(0x00, 0, 0, 0, 0),
          insn(0xb7, 3, 0, 0, 0), // r3 = flags: index 0
          insn(0xbf, 4, 10, 0, 0), // r4 = r10 - 8
          insn(0x07, 4, 0, 0, -8),
          insn(0xb7, 5, 0, 0, 8), // r5 = 8
          insn(0x85, 0, 0, 0, 25), // bpf_perf_event_output
          insn(0xb7, 0, 0, 0, 0),
          insn(0x95, 0, 0, 0, 0),
        ),
      },
      opts,
    );
    return {
      fd: ev,
      ring,
      produce: () => void progTestRun(prog, { ctxIn: new Uint8Array(8), flags: BPF_F_TEST_RUN_ON_CPU, cpu: 0 }),
      [Symbol.dispose]: () => {
        prog.close();
        ring.close();
        ev.close();
        array.close();
      },
    };
  }

  it("wait() times out without spinning", () => {
    using src = ringbufSource();
    using ep = new Epoll(opts);
    ep.add(src.fd, EPOLLIN, 7);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    expect(ep.wait(200)).toEqual([]);
    const elapsed = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(elapsed / 10);
  });

  it("wait() returns the tags of ready fds (ringbuf and perf ring)", () => {
    using rb = ringbufSource();
    using perf = perfOutputSource();
    using ep = new Epoll(opts);
    ep.add(rb.fd, EPOLLIN, 1);
    ep.add(perf.fd, EPOLLIN, 2);
    rb.produce();
    expect(ep.wait(1000)).toEqual([{ data: 1, events: EPOLLIN }]);
    perf.produce();
    expect(perf.ring.dataView().getBigUint64(PERF_MMAP_PAGE.data_head.offset, true)).toBeGreaterThan(0n);
    const events = ep.wait(1000);
    expect(events.map((e) => e.data).sort()).toEqual([1, 2]); // the ringbuf is still unconsumed
  });

  it("waitAsync() times out without blocking the event loop or burning CPU", async () => {
    using src = perfOutputSource();
    using ep = new Epoll(opts);
    ep.add(src.fd);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const events = await ep.waitAsync(200);
    const elapsed = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(ticker);
    expect(events).toEqual([]);
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(ticks).toBeGreaterThanOrEqual(10); // the loop kept running
    // Plain node uses ~1-3 ms here; vitest's worker adds some. Spinning would cost ~elapsed.
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(elapsed / 4);
  });

  it("waitAsync() resolves when a perf ring gets a record (destructive poll seen once)", async () => {
    using src = perfOutputSource();
    using ep = new Epoll(opts);
    ep.add(src.fd, EPOLLIN, 42);
    const pending = ep.waitAsync(5000);
    const timer = setTimeout(() => src.produce(), 20);
    const t0 = performance.now();
    const events = await pending;
    clearTimeout(timer);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(events).toEqual([{ data: 42, events: EPOLLIN }]);
  });

  it("waitAsync() watches several fds; a level-triggered fd left unconsumed does not spin", async () => {
    using rb = ringbufSource();
    using perf = perfOutputSource();
    using ep = new Epoll(opts);
    ep.add(rb.fd, EPOLLIN, 1);
    ep.add(perf.fd, EPOLLIN, 2);

    rb.produce();
    expect((await ep.waitAsync(2000)).map((e) => e.data)).toEqual([1]);

    // The ringbuf still holds the record (nobody consumed it): the disarmed watcher must stay quiet.
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 150));
    const cpu = process.cpuUsage(cpu0);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan((performance.now() - t0) / 4);

    // Re-armed by the next wait, it reports again (level-triggered), and the perf fd joins in.
    perf.produce();
    const seen = new Set<number>();
    for (let i = 0; i < 3 && !seen.has(2); i++) for (const e of await ep.waitAsync(2000)) seen.add(e.data);
    expect([...seen].sort()).toEqual([1, 2]);
    ep.remove(rb.fd);
  });

  it("close() and abort signals end a pending waitAsync with []", async () => {
    using src = ringbufSource();
    const ep = new Epoll(opts);
    ep.add(src.fd);
    const pending = ep.waitAsync();
    await expect(ep.waitAsync(10)).rejects.toThrow(/already pending/);
    setTimeout(() => ep.close(), 10);
    expect(await pending).toEqual([]);
    expect(ep.closed).toBe(true);

    using ep2 = new Epoll(opts);
    ep2.add(src.fd);
    const ac = new AbortController();
    const p2 = ep2.waitAsync(undefined, ac.signal);
    setTimeout(() => ac.abort(), 10);
    expect(await p2).toEqual([]);
  });
});
