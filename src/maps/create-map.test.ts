import { describe, expect, it } from "vitest";
import type { CTypeDesc, MapSpec } from "../spec/index.ts";
import { mapCreateAttrFor, perCpuStride, userValueSize } from "./create-map.ts";
import { arrayIndex } from "./tables.ts";

const u32: CTypeDesc = { kind: "int", name: "unsigned int", size: 4, signed: false };
const voidT: CTypeDesc = { kind: "void", size: 0 };
const spec = (over: Partial<MapSpec>): MapSpec => ({
  name: "m", kind: "hash", keySize: 4, valueSize: 4, maxEntries: 10, flags: 0, key: u32, value: u32, ...over,
});

describe("mapCreateAttrFor", () => {
  it("resolves perf_event_array max_entries 0 to the possible CPUs", () => {
    expect(mapCreateAttrFor(spec({ kind: "perf_event_array", maxEntries: 0 }), { possibleCpus: 6 }).maxEntries).toBe(6);
    expect(mapCreateAttrFor(spec({ kind: "perf_event_array", maxEntries: 2 }), { possibleCpus: 6 }).maxEntries).toBe(2);
  });

  it("sanitises names to the kernel's charset and 15 characters", () => {
    expect(mapCreateAttrFor(spec({ name: "my-map.with:odd/chars_and_more" })).name).toBe("my_map.with_odd");
  });

  it("forces BPF_F_NO_PREALLOC on LPM tries and zero key sizes on keyless maps", () => {
    expect(mapCreateAttrFor(spec({ kind: "lpm_trie", flags: 0 })).mapFlags & 1).toBe(1);
    const q = mapCreateAttrFor(spec({ kind: "queue", key: voidT, keySize: 0 }));
    expect([q.keySize, q.valueSize]).toEqual([0, 4]);
    const r = mapCreateAttrFor(spec({ kind: "ringbuf", key: voidT, value: voidT, keySize: 0, valueSize: 0, maxEntries: 4096 }));
    expect([r.mapType, r.keySize, r.valueSize, r.maxEntries]).toEqual([27, 0, 0, 4096]);
  });

  it("applies a max_entries override", () => {
    expect(mapCreateAttrFor(spec({}), { maxEntries: 99 }).maxEntries).toBe(99);
  });
});

describe("per-CPU sizes", () => {
  it("rounds each CPU's slot to 8 bytes", () => {
    expect([perCpuStride(1), perCpuStride(4), perCpuStride(8), perCpuStride(12)]).toEqual([8, 8, 8, 16]);
    expect(userValueSize({ kind: "percpu_array", valueSize: 4 }, 3)).toBe(24);
    expect(userValueSize({ kind: "hash", valueSize: 4 }, 3)).toBe(4);
  });
});

describe("arrayIndex", () => {
  it("normalises like BCC's ArrayBase", () => {
    expect(arrayIndex(-1, 8, "a")).toBe(7);
    expect(arrayIndex(3n, 8, "a")).toBe(3);
    expect(arrayIndex({ value: 2 }, 8, "a")).toBe(2);
    expect(() => arrayIndex(8, 8, "a")).toThrow(/array index 8 out of range \(max_entries 8\)/);
    expect(() => arrayIndex(1.5, 8, "a")).toThrow(TypeError);
  });
});
