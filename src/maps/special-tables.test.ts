import { describe, expect, it } from "vitest";
import type { CTypeDesc, MapSpec } from "../spec/index.ts";
import { PerfEventArray, RingBuf } from "./special-tables.ts";
import { tableFor } from "./table-for-spec.ts";
import { ArrayTable, HashTable, LruPerCpuHash, PerCpuArray } from "./tables.ts";

const u32: CTypeDesc = { kind: "int", name: "unsigned int", size: 4, signed: false };
const u64: CTypeDesc = { kind: "int", name: "unsigned long long", size: 8, signed: false };
const voidT: CTypeDesc = { kind: "void", size: 0 };
const ev: CTypeDesc = {
  kind: "struct", name: "data_t", size: 16, align: 8,
  fields: [{ name: "pid", offset: 0, type: u32 }, { name: "ts", offset: 8, type: u64 }],
};
const spec = (kind: MapSpec["kind"], key: CTypeDesc = u32, value: CTypeDesc = u32, maxEntries = 4): MapSpec =>
  ({ name: "events", kind, keySize: key.size, valueSize: value.size, maxEntries, flags: 0, key, value });

// A borrowed, never-used descriptor number: these tests make no syscalls.
const NO_FD = 1_000_000;

describe("event decoding (no kernel)", () => {
  it("decodes records with the event type, zero-padding short ones", () => {
    const r = new RingBuf(spec("ringbuf", voidT, voidT, 4096), NO_FD, { eventType: ev });
    const rec = new Uint8Array(16);
    rec[0] = 7;
    rec[8] = 1;
    expect(r.event(rec)).toEqual({ pid: 7, ts: 1n });
    expect(r.event(new Uint8Array([9]))).toEqual({ pid: 9, ts: 0n });
  });

  it("explains a missing event type", () => {
    const p = new PerfEventArray(spec("perf_event_array", u32, u32, 2), NO_FD);
    expect(() => p.event(new Uint8Array(16))).toThrow(/map 'events': the event type is unknown/);
    p.setEventType(ev);
    expect(p.event(new Uint8Array(16))).toEqual({ pid: 0, ts: 0n });
  });
});

describe("tableFor", () => {
  it("picks BCC's class per kind", () => {
    expect(tableFor(spec("hash"), NO_FD)).toBeInstanceOf(HashTable);
    expect(tableFor(spec("array"), NO_FD)).toBeInstanceOf(ArrayTable);
    expect(tableFor(spec("percpu_array"), NO_FD, { possibleCpus: 3 })).toBeInstanceOf(PerCpuArray);
    const lru = tableFor(spec("lru_percpu_hash", u32, u32), NO_FD, { possibleCpus: 3 }) as LruPerCpuHash;
    expect(lru).toBeInstanceOf(LruPerCpuHash);
    expect(lru.valueSize).toBe(24);
    expect(lru.Leaf()).toEqual([0, 0, 0]);
    expect(tableFor(spec("perf_event_array", u32, u32, 0), NO_FD, { possibleCpus: 5 }).maxEntries).toBe(5);
  });

  it("does not close borrowed descriptors", () => {
    const t = tableFor(spec("hash"), NO_FD);
    t.close();
    expect(t.closed).toBe(true);
    expect(() => t.fd).toThrow(/closed/);
  });
});

describe("spec types", () => {
  it("decodes untyped values as bytes and refuses types of the wrong size", () => {
    const raw = tableFor({ ...spec("hash"), value: voidT, valueSize: 3 }, NO_FD) as HashTable;
    expect(raw.decodeValue(new Uint8Array([1, 2, 3]))).toEqual([1, 2, 3]);
    expect(() => tableFor({ ...spec("hash"), keySize: 8 }, NO_FD)).toThrow(/map 'events' key: type unsigned int is 4 bytes but the map's size is 8/);
  });
});
