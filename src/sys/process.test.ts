import { describe, expect, it } from "vitest";
import { parseCpuList, possibleCpus, getpid, getppid, gettid } from "./process.ts";

describe("cpu lists", () => {
  it("parses ranges and singles", () => {
    expect(parseCpuList("0-3,5,7-8\n")).toEqual([0, 1, 2, 3, 5, 7, 8]);
    expect(parseCpuList("0")).toEqual([0]);
    expect(() => parseCpuList("a-b")).toThrow(/malformed/);
  });

  it("reads the possible CPUs of this machine", () => {
    const cpus = possibleCpus();
    expect(cpus.length).toBeGreaterThan(0);
    expect(cpus[0]).toBe(0);
  });

  it("getpid/gettid agree with Node on the main thread", () => {
    expect(getpid()).toBe(process.pid);
    expect(gettid()).toBe(process.pid);
    expect(getppid()).toBe(process.ppid);
  });
});
