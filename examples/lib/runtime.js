// Helpers that let one example script behave the same under `bcc-ts run` (the QuickJS sandbox,
// where blocking calls such as sleep() and perf_buffer_poll() raise KeyboardInterrupt on Ctrl-C)
// and under `bcc-ts run --node` / plain Node (where a synchronous wait cannot see a signal at all,
// so Ctrl-C handling has to be asynchronous).
import * as bcc from "bcc-ts";

const { KeyboardInterrupt } = bcc;

/** True inside `bcc-ts run` (QuickJS): its `process` is a small object without `versions`. */
export const inSandbox = !(typeof process === "object" && process.versions && typeof process.versions.node === "string");

/** Blocks for `seconds` (BCC's time.sleep). In Node, Ctrl-C during it ends the process. */
export function sleep(seconds) {
  if (inSandbox || typeof bcc.sleep === "function") return bcc.sleep(seconds);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, seconds * 1000);
}

export function isInterrupt(e) {
  return e instanceof KeyboardInterrupt || (e && e.name === "KeyboardInterrupt");
}

/**
 * BCC's interval loop: `while True: sleep(interval); tick()` until Ctrl-C or until tick() returns
 * false; then onExit() (the Ctrl-C summary). `interrupted` tells onExit whether Ctrl-C ended it.
 */
export function every(interval, tick, onExit = () => {}) {
  if (inSandbox) {
    for (;;) {
      try {
        sleep(interval);
      } catch (e) {
        if (!isInterrupt(e)) throw e;
        onExit(true);
        return;
      }
      if (tick() === false) {
        onExit(false);
        return;
      }
    }
  }
  // Node: a timer loop plus a SIGINT listener, so the event loop stays free to see the signal.
  let timer;
  const stop = (interrupted) => {
    clearTimeout(timer);
    process.removeAllListeners("SIGINT");
    onExit(interrupted);
    process.exit(process.exitCode ?? 0);
  };
  process.on("SIGINT", () => stop(true));
  const step = () => {
    if (tick() === false) stop(false);
    else timer = setTimeout(step, interval * 1000);
  };
  timer = setTimeout(step, interval * 1000);
}

/** Waits for Ctrl-C (BCC's `sleep(99999999)` wrapped in try/except KeyboardInterrupt), then onExit(). */
export function untilInterrupt(onExit = () => {}) {
  every(3600 * 24, () => true, onExit);
}

/**
 * BCC's `while 1: b.perf_buffer_poll()` loop (or ring_buffer_poll with `ring: true`) until Ctrl-C,
 * then onExit(). `timeout` (ms) makes poll return so `tick()` can run (returning false stops).
 */
export function pollLoop(b, { onExit = () => {}, ring = false, timeout = -1, tick } = {}) {
  if (inSandbox) {
    for (;;) {
      try {
        if (ring) b.ring_buffer_poll(timeout);
        else b.perf_buffer_poll(timeout);
      } catch (e) {
        if (!isInterrupt(e)) throw e;
        onExit(true);
        return;
      }
      if (tick && tick() === false) {
        onExit(false);
        return;
      }
    }
  }
  const ac = new AbortController();
  const stop = (interrupted) => {
    ac.abort();
    process.removeAllListeners("SIGINT");
    onExit(interrupted);
    process.exit(process.exitCode ?? 0);
  };
  process.on("SIGINT", () => stop(true));
  const loop = async () => {
    while (!ac.signal.aborted) {
      await b.poll_async(timeout, ac.signal);
      if (ac.signal.aborted) return;
      if (tick && tick() === false) return stop(false);
    }
  };
  loop().catch((e) => {
    if (!ac.signal.aborted) throw e;
  });
}

/**
 * BCC's tutorial loop over trace_fields(): calls onLine(task, pid, cpu, flags, ts, msg) for every
 * trace_pipe line until Ctrl-C. Lines that do not parse are skipped (BCC: `except ValueError`).
 */
export function traceFieldsLoop(b, onLine) {
  if (inSandbox) {
    for (;;) {
      let f;
      try {
        f = b.trace_fields();
      } catch (e) {
        if (isInterrupt(e)) return;
        continue;
      }
      if (f[0] === undefined) continue;
      onLine(...f);
    }
  }
  process.on("SIGINT", () => process.exit(0));
  (async () => {
    for await (const l of b.trace_lines()) onLine(l.task, l.pid, l.cpu, l.flags, l.ts, l.msg);
  })();
}
