/**
 * trace_pipe reader + trace_fields parser against the kernel, fed through trace_marker.
 *
 * Most cases use a private tracing instance (instances/bcc_ts_<pid>_...): its ring buffer is ours
 * alone, so no other trace_pipe reader on the machine can consume our lines. One case goes through
 * the top-level trace_pipe, as BCC's trace_print does; there other readers may race us, so it writes
 * its marker a few times within a bounded time.
 */
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { parseTraceLine, type TraceFields } from "./trace-fields.ts";
import { TracePipe } from "./trace-pipe.ts";
import { Tracefs, type TracefsInstance } from "./tracefs.ts";

/** Read lines until one parses with `msg === marker`, or the deadline passes. */
function readUntilSync(pipe: TracePipe, marker: string, deadlineMs: number): TraceFields | undefined {
  const deadline = performance.now() + deadlineMs;
  for (;;) {
    const left = deadline - performance.now();
    if (left <= 0) return undefined;
    const line = pipe.readline(left);
    if (line === undefined) return undefined;
    const f = parseTraceLine(line);
    if (f?.msg === marker) return f;
  }
}

function expectOurMarker(f: TraceFields | undefined, marker: string): void {
  expect(f).toBeDefined();
  if (!f) return;
  // trace_marker records the writing thread: our main thread, whose tid is our pid.
  expect(f.pid).toBe(process.pid);
  expect(f.msg).toBe(marker);
  expect(f.event).toBe("tracing_mark_write");
  expect(f.cpu).toBeGreaterThanOrEqual(0);
  expect(f.cpu).toBeLessThan(os.availableParallelism());
  expect(f.ts).toBeGreaterThan(0);
  expect(f.flags).toMatch(/^\S{4,5}$/);
}

describeKernel("trace_pipe on the real kernel", () => {
  let tf: Tracefs;
  let inst: TracefsInstance;

  beforeAll(() => {
    tf = Tracefs.open();
    inst = tf.createInstance(`bcc_ts_${process.pid}_pipe_test`);
  });
  afterAll(() => {
    inst?.remove();
  });

  it("reads back a trace_marker line synchronously and parses it", () => {
    using pipe = new TracePipe(inst.path("trace_pipe"));
    const marker = `bcc-ts sync ${randomUUID()}`;
    inst.mark(marker);
    expectOurMarker(readUntilSync(pipe, marker, 5000), marker);
  });

  it("reassembles lines longer than the read buffer", () => {
    using pipe = new TracePipe(inst.path("trace_pipe"), { bufferSize: 16 });
    const marker = `bcc-ts long ${"x".repeat(200)} ${randomUUID()}`;
    inst.mark(marker);
    expectOurMarker(readUntilSync(pipe, marker, 5000), marker);
  });

  it("times out on a quiet pipe and stays usable", () => {
    using pipe = new TracePipe(inst.path("trace_pipe"));
    // Drain whatever earlier cases left, then the pipe is quiet: nobody else writes to our instance.
    while (pipe.readline(0) !== undefined);
    const t0 = performance.now();
    expect(pipe.readline(100)).toBeUndefined();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(95);
    const marker = `bcc-ts after-timeout ${randomUUID()}`;
    inst.mark(marker);
    expectOurMarker(readUntilSync(pipe, marker, 5000), marker);
  });

  it("delivers lines through the async iterator and stops on dispose", async () => {
    const pipe = new TracePipe(inst.path("trace_pipe"));
    const marker = `bcc-ts async ${randomUUID()}`;
    const found = (async () => {
      for await (const line of pipe) {
        const f = parseTraceLine(line);
        if (f?.msg === marker) return f;
      }
      return undefined;
    })();
    // Written after the iterator is already waiting, from a timer: the event loop must be free.
    setTimeout(() => inst.mark(marker), 50);
    const timeout = setTimeout(() => pipe.close(), 5000);
    const f = await found;
    clearTimeout(timeout);
    expectOurMarker(f, marker);
    // A second iteration waiting on a quiet pipe ends when the reader is disposed.
    const ended = (async () => {
      let n = 0;
      for await (const _ of pipe) n++;
      return n;
    })();
    setTimeout(() => pipe[Symbol.dispose](), 30);
    expect(await ended).toBe(0);
    expect(pipe.closed).toBe(true);
  });

  it("reads from the top-level trace_pipe (shared with other readers)", () => {
    using pipe = new TracePipe(tf);
    const marker = `bcc-ts top ${randomUUID()}`;
    let f: TraceFields | undefined;
    // Another reader may consume a line before us: write again, at most 5 times in about 5 s.
    for (let attempt = 0; attempt < 5 && f === undefined; attempt++) {
      fs.writeFileSync(tf.path("trace_marker"), marker, { flag: "a" });
      f = readUntilSync(pipe, marker, 1000);
    }
    expectOurMarker(f, marker);
  });
});
