/**
 * `sleep(seconds)`: BCC scripts' `time.sleep`, synchronous like Python's. Under `bcc-ts run` the
 * sandbox provides its own (asynchronous on the host, so Ctrl-C raises KeyboardInterrupt); in plain
 * Node this blocks the thread, and Ctrl-C ends the process (the kernel drops every fd-owned probe).
 */
export function sleep(seconds: number): void {
  const ms = Math.max(0, Number(seconds) * 1000);
  const cell = new Int32Array(new SharedArrayBuffer(4));
  // Atomics.wait takes at most ~2^31 ms per call on some engines; loop for "forever" sleeps.
  let left = ms;
  while (left > 0) {
    const step = Math.min(left, 2 ** 30);
    Atomics.wait(cell, 0, 0, step);
    left -= step;
  }
}
