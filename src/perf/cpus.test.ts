import { describe, expect, it } from "vitest";
import { onlineCpus, parseCpuList, possibleCpuCount } from "./cpus.ts";

describe("parseCpuList", () => {
  it("parses single ids, ranges and mixtures", () => {
    expect(parseCpuList("0\n")).toEqual([0]);
    expect(parseCpuList("0-3\n")).toEqual([0, 1, 2, 3]);
    expect(parseCpuList("0,2-4,7,10-11")).toEqual([0, 2, 3, 4, 7, 10, 11]);
    expect(parseCpuList("")).toEqual([]);
  });

  it("rejects malformed lists", () => {
    expect(() => parseCpuList("0-")).toThrow(/malformed/);
    expect(() => parseCpuList("a")).toThrow(/malformed/);
    expect(() => parseCpuList("3-1")).toThrow(/descending/);
  });

  it("reads sysfs through the injected reader", () => {
    const files: Record<string, string> = {
      "/sys/devices/system/cpu/online": "0,2\n",
      "/sys/devices/system/cpu/possible": "0-3\n",
    };
    const read = (p: string) => files[p] ?? "";
    expect(onlineCpus(read)).toEqual([0, 2]);
    expect(possibleCpuCount(read)).toBe(4);
  });

  it("reads this machine's online CPUs", () => {
    const cpus = onlineCpus();
    expect(cpus.length).toBeGreaterThan(0);
    expect(cpus[0]).toBe(0);
  });
});
