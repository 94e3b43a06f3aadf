/**
 * The reader's buffering and waiting logic, exercised on a real named pipe (a FIFO opened
 * O_NONBLOCK answers EAGAIN when empty, like trace_pipe). The kernel test reads trace_pipe itself.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TracefsError } from "./errors.ts";
import { TracePipe } from "./trace-pipe.ts";

let dir: string;
let fifo: string;
let writer: number | undefined;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-ts-pipe-"));
  fifo = path.join(dir, "trace_pipe");
  execFileSync("mkfifo", [fifo]);
});
afterEach(() => {
  if (writer !== undefined) fs.closeSync(writer);
  writer = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Open the reader first (a non-blocking writer open fails without one), then the writer. */
function openPair(options = {}): TracePipe {
  const pipe = new TracePipe(fifo, options);
  writer = fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
  return pipe;
}

function write(text: string): void {
  if (writer === undefined) throw new Error("no writer");
  fs.writeSync(writer, text);
}

describe("TracePipe", () => {
  it("reads whole lines and reassembles partial ones", () => {
    using pipe = openPair();
    write("first line\nsecond ");
    expect(pipe.readline(1000)).toBe("first line");
    expect(pipe.readline(0)).toBeUndefined();
    write("half\nthird\n");
    expect(pipe.readline(1000)).toBe("second half");
    expect(pipe.readline(1000)).toBe("third");
  });

  it("keeps multi-byte characters split across reads intact", () => {
    using pipe = openPair();
    const bytes = Buffer.from("héllo ✓\n");
    if (writer === undefined) throw new Error("no writer");
    fs.writeSync(writer, bytes.subarray(0, 2));
    expect(pipe.readline(0)).toBeUndefined();
    fs.writeSync(writer, bytes.subarray(2));
    expect(pipe.readline(1000)).toBe("héllo ✓");
  });

  it("times out on an empty pipe within the bound", () => {
    using pipe = openPair({ maxPollMs: 5 });
    const t0 = performance.now();
    expect(pipe.readline(60)).toBeUndefined();
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(55);
    expect(elapsed).toBeLessThan(1000);
  });

  it("delivers lines through the async iterator without blocking the event loop", async () => {
    using pipe = openPair({ maxPollMs: 5 });
    const got: string[] = [];
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    setTimeout(() => write("a\nb\n"), 30);
    setTimeout(() => write("c\n"), 60);
    for await (const line of pipe) {
      got.push(line);
      if (got.length === 3) break;
    }
    clearInterval(ticker);
    expect(got).toEqual(["a", "b", "c"]);
    expect(ticks).toBeGreaterThan(5);
    expect(pipe.closed).toBe(false);
  });

  it("ends a pending async read promptly when closed", async () => {
    const pipe = openPair({ maxPollMs: 10_000 });
    const t0 = performance.now();
    const pending = pipe.nextLine();
    setTimeout(() => pipe.close(), 20);
    expect(await pending).toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(pipe.closed).toBe(true);
    expect(pipe.readline(0)).toBeUndefined();
    pipe.close();
  });

  it("ends the iterator on abort and on timeout", async () => {
    using pipe = openPair({ maxPollMs: 10_000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    const seen: string[] = [];
    for await (const line of pipe.lines({ signal: ac.signal })) seen.push(line);
    expect(seen).toEqual([]);
    expect(await pipe.nextLine(30)).toBeUndefined();
    write("after\n");
    expect(await pipe.nextLine(1000)).toBe("after");
  });

  it("calls a subscriber for each line until the subscription is disposed", async () => {
    using pipe = openPair({ maxPollMs: 5 });
    const got: string[] = [];
    const sub = pipe.subscribe((line) => got.push(line));
    write("one\ntwo\n");
    const t0 = performance.now();
    while (got.length < 2 && performance.now() - t0 < 2000) await new Promise((r) => setTimeout(r, 5));
    expect(got).toEqual(["one", "two"]);
    sub[Symbol.dispose]();
    await sub.done;
    write("three\n");
    // The pipe stays open: the line is still there for the next reader.
    expect(await pipe.nextLine(1000)).toBe("three");
    expect(got).toEqual(["one", "two"]);
  });

  it("reports an unopenable path with a typed error", () => {
    expect(() => new TracePipe(path.join(dir, "missing"))).toThrow(TracefsError);
    expect(() => new TracePipe(path.join(dir, "missing"))).toThrow(/cannot open .*missing: ENOENT/);
  });
});
