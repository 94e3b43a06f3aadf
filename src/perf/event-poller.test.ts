import { describe, expect, it } from "vitest";
import { EventPoller, type EventSource } from "./event-poller.ts";

/**
 * A source without descriptors whose records "arrive" at given times: only the flush slices can
 * find them, which is exactly the batched-wakeup case the slicing exists for.
 */
class TimedSource implements EventSource {
  readonly readyFds = [];
  private readonly start = performance.now();
  private delivered = 0;
  closed = false;
  constructor(
    readonly flushIntervalMs: number | undefined,
    private readonly arrivals: number[],
  ) {}
  consume(): number {
    const now = performance.now() - this.start;
    const due = this.arrivals.filter((t) => t <= now).length;
    const n = due - this.delivered;
    this.delivered = due;
    return n;
  }
}

describe("EventPoller", () => {
  it("consume() sums all sources", () => {
    using p = new EventPoller([new TimedSource(undefined, [0, 0]), new TimedSource(undefined, [0])]);
    expect(p.consume()).toBe(3);
    expect(p.consume()).toBe(0);
  });

  it("poll() finds an unannounced record within the flush interval", () => {
    using p = new EventPoller([new TimedSource(5, [40])]);
    const t0 = performance.now();
    expect(p.poll(2000)).toBe(1);
    const dt = performance.now() - t0;
    expect(dt).toBeGreaterThanOrEqual(39);
    expect(dt).toBeLessThan(40 + 100);
  });

  it("poll() without flush slices waits out the timeout and returns 0", () => {
    using p = new EventPoller([new TimedSource(undefined, [10])]);
    const t0 = performance.now();
    // No descriptor will ever fire, so the record at 10 ms is only seen by the final read.
    expect(p.poll(60)).toBe(1);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(59);
    expect(p.poll(20)).toBe(0);
  });

  it("poll(0) only consumes", () => {
    using p = new EventPoller([new TimedSource(5, [1000])]);
    const t0 = performance.now();
    expect(p.poll(0)).toBe(0);
    expect(performance.now() - t0).toBeLessThan(20);
  });

  it("pollAsync() uses the smallest flush interval of its sources and honours abort", async () => {
    const slow = new TimedSource(1000, []);
    const quick = new TimedSource(5, [30]);
    using p = new EventPoller([slow, quick]);
    const t0 = performance.now();
    expect(await p.pollAsync(2000)).toBe(1);
    expect(performance.now() - t0).toBeLessThan(30 + 100);
    p.remove(quick);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    const t1 = performance.now();
    expect(await p.pollAsync(5000, ac.signal)).toBe(0);
    expect(performance.now() - t1).toBeLessThan(500); // well before the 1000 ms slice ends
  });

  it("poll() waits for a wakeup or the end of a flush slice before reading (no spinning on a flood)", () => {
    // Records are always due (a flood), but after the first read nothing wakes the poller: each
    // later poll() must sleep until its slice ends rather than return at once with what is there.
    const flood = new TimedSource(20, Array.from({ length: 1000 }, (_, i) => i * 0.2));
    using p = new EventPoller([flood]);
    expect(p.poll(1000)).toBeGreaterThan(0); // reads first: records may predate the poller
    const t0 = performance.now();
    expect(p.poll(1000)).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(19);
    // poll(0) never waits.
    const t1 = performance.now();
    p.poll(0);
    expect(performance.now() - t1).toBeLessThan(15);
  });

  it("poll() reads before waiting after a read that threw", () => {
    let calls = 0;
    const flaky: EventSource = {
      readyFds: [],
      flushIntervalMs: 1000,
      closed: false,
      consume: () => {
        if (++calls === 2) throw new Error("callback failed");
        return calls === 3 ? 5 : 0;
      },
    };
    using p = new EventPoller([flaky]);
    expect(p.poll(0)).toBe(0); // read 1
    expect(() => p.poll(0)).toThrow("callback failed"); // read 2
    const t0 = performance.now();
    expect(p.poll(5000)).toBe(5); // read 3 happens before any wait
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it("close() ends run() and makes poll return 0", async () => {
    const p = new EventPoller([new TimedSource(5, [10, 20])]);
    const running = p.run();
    await new Promise((r) => setTimeout(r, 60));
    p.close();
    expect(await running).toBe(2);
    expect(p.poll(10)).toBe(0);
    p.close();
  });

  it("drops sources that were closed", () => {
    const a = new TimedSource(undefined, [0]);
    const b = new TimedSource(undefined, [0, 0]);
    using p = new EventPoller([a, b]);
    a.closed = true;
    expect(p.consume()).toBe(2);
    a.closed = false; // no longer watched: not read again
    expect(p.consume()).toBe(0);
  });
});
