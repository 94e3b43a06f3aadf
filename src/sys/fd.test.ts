import { closeSync, fstatSync, openSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Fd, FdTracker, rawFd } from "./fd.ts";

function isOpen(raw: number): boolean {
  try {
    fstatSync(raw);
    return true;
  } catch {
    return false;
  }
}

describe("Fd", () => {
  it("closes once, idempotently, and refuses to hand out a stale number", () => {
    const fd = Fd.adopt(openSync("/dev/null", "r"), "devnull");
    const raw = fd.raw;
    expect(isOpen(raw)).toBe(true);
    fd.close();
    expect(isOpen(raw)).toBe(false);
    expect(fd.closed).toBe(true);
    expect(() => fd.raw).toThrow(/already closed/);
    fd.close();
    expect(fd.peek()).toBe(-1);
  });

  it("closes at scope exit with `using`", () => {
    let raw = -1;
    {
      using fd = Fd.adopt(openSync("/dev/null", "r"), "devnull");
      raw = fd.raw;
      expect(isOpen(raw)).toBe(true);
    }
    expect(isOpen(raw)).toBe(false);
  });

  it("take() transfers ownership out", () => {
    const fd = Fd.adopt(openSync("/dev/null", "r"), "devnull");
    const raw = fd.take();
    fd.close();
    expect(isOpen(raw)).toBe(true);
    closeSync(raw);
  });

  it("dup() gives an independent descriptor", () => {
    using a = Fd.adopt(openSync("/dev/null", "r"), "devnull");
    const b = a.dup();
    expect(b.raw).not.toBe(a.raw);
    b.close();
    expect(isOpen(a.raw)).toBe(true);
  });

  it("tracker records open descriptors with their creation site", () => {
    const tracker = new FdTracker();
    const fd = Fd.adopt(openSync("/dev/null", "r"), "tracked", { tracker });
    expect(tracker.openFds().map((o) => o.label)).toEqual(["tracked"]);
    expect(() => tracker.assertNoLeaks()).toThrow(/1 file descriptor\(s\) still open:\n {2}fd \d+ \(tracked\) created at\n.*fd\.test\.ts/s);
    fd.close();
    expect(() => tracker.assertNoLeaks()).not.toThrow();
  });

  it("rejects invalid numbers; rawFd accepts both forms", () => {
    expect(() => Fd.adopt(-1, "bad")).toThrow(RangeError);
    using fd = Fd.adopt(openSync("/dev/null", "r"), "devnull");
    expect(rawFd(fd)).toBe(fd.raw);
    expect(rawFd(5)).toBe(5);
  });
});
