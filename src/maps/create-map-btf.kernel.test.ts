/**
 * Map key/value BTF against the real kernel: maps of the kinds that take BTF get it (the kernel
 * reports the type ids, and its copy of the BTF names our types), still work, and kinds that
 * refuse BTF, or specs whose types cannot describe them, are created without.
 */
import { afterEach, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { compile } from "../../frontend-c/index.ts";
import { Btf, BtfTypeDescriber } from "../btf/index.ts";
import type { CTypeDesc, MapKind, MapSpec } from "../spec/index.ts";
import { BTF_INFO, encode } from "../sys/attr-layout.ts";
import { addressOf } from "../sys/ffi.ts";
import { FdTracker, btfInfo, getFdById, mapInfo, mapLookupElem, mapUpdateElem, objGetInfoByFd } from "../sys/index.ts";
import { createMap, mapBtfFor } from "./create-map.ts";

const tracker = new FdTracker();
afterEach(() => tracker.assertNoLeaks());

const u32: CTypeDesc = { kind: "int", name: "u32", size: 4, signed: false };
const u64: CTypeDesc = { kind: "int", name: "unsigned long long", size: 8, signed: false };
const voidT: CTypeDesc = { kind: "void", size: 0 };
/** struct val_t { u64 count; unsigned int flags:3, kind:5; union { u32 a; u16 b; }; void *where; } */
const valT: CTypeDesc = {
  kind: "struct", name: "val_t", size: 24, align: 8,
  fields: [
    { name: "count", offset: 0, type: u64 },
    { name: "flags", offset: 8, type: u32, bitOffset: 0, bitSize: 3 },
    { name: "kind", offset: 8, type: u32, bitOffset: 3, bitSize: 5 },
    // An anonymous union's members arrive flattened, both at its offset.
    { name: "a", offset: 12, type: u32 },
    { name: "b", offset: 12, type: { kind: "int", name: "u16", size: 2, signed: false } },
    { name: "where", offset: 16, type: { kind: "pointer", size: 8, target: "void" } },
  ],
};

function spec(kind: MapKind, key: CTypeDesc, value: CTypeDesc, over: Partial<MapSpec> = {}): MapSpec {
  return { name: "btf_map", kind, keySize: key.size, valueSize: value.size, maxEntries: 4, flags: 0, key, value, ...over };
}

/** The BTF object `id` as the kernel holds it. */
function kernelBtf(id: number): Btf {
  using fd = getFdById("BTF", id, { tracker })!;
  const size = btfInfo(fd).btfSize;
  const bytes = new Uint8Array(size);
  objGetInfoByFd(fd, encode(BTF_INFO, { btf: addressOf(bytes), btf_size: size }), [bytes]);
  return new Btf(bytes);
}

describeKernel("map key/value BTF", () => {
  it("a hash map compiled from C with struct key and value gets BTF ids and still works", () => {
    const text = "struct key_t { u32 pid; char comm[16]; };\nstruct val_t { u64 n; u32 flags:4, mode:4; };\nBPF_HASH(counts, struct key_t, struct val_t);\nint f(void *ctx) { return 0; }\n";
    const r = compile(text, { file: "m.c" });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const s = r.maps.find((m) => m.name === "counts")!;
    using fd = createMap(s, { tracker });
    const mi = mapInfo(fd);
    expect(mi.btfId).toBeGreaterThan(0);
    expect(mi.btfKeyTypeId).toBeGreaterThan(0);
    expect(mi.btfValueTypeId).toBeGreaterThan(0);
    const btf = kernelBtf(mi.btfId);
    const d = new BtfTypeDescriber(btf);
    const key = d.record(mi.btfKeyTypeId);
    expect([btf.typeById(mi.btfKeyTypeId)].map((t) => "name" in t && t.name)).toEqual(["key_t"]);
    expect(key.fields.map((f) => [f.name, f.offset])).toEqual([["pid", 0], ["comm", 4]]);
    const value = d.record(mi.btfValueTypeId);
    expect(value.fields.map((f) => [f.name, f.offset, f.bitOffset, f.bitWidth])).toEqual([
      ["n", 0, undefined, undefined], ["flags", 8, 0, 4], ["mode", 8, 4, 4],
    ]);
    const k = new Uint8Array(s.keySize);
    new DataView(k.buffer).setUint32(0, process.pid, true);
    const v = new Uint8Array(s.valueSize).fill(9);
    mapUpdateElem(fd, k, v);
    const got = new Uint8Array(s.valueSize);
    expect(mapLookupElem(fd, k, got)).toBe(true);
    expect(got).toEqual(v);
  });

  it("bitfields, flattened anonymous unions and pointers are described", () => {
    using fd = createMap(spec("hash", u32, valT), { tracker });
    const mi = mapInfo(fd);
    expect(mi.btfValueTypeId).toBeGreaterThan(0);
    const value = new BtfTypeDescriber(kernelBtf(mi.btfId)).record(mi.btfValueTypeId);
    expect(value.fields.map((f) => [f.name, f.offset])).toEqual([["count", 0], ["flags", 8], ["kind", 8], ["a", 12], ["b", 12], ["where", 16]]);
  });

  it("array, per-CPU and LRU kinds get BTF", () => {
    for (const kind of ["array", "percpu_array", "percpu_hash", "lru_hash", "lru_percpu_hash"] as const) {
      using fd = createMap(spec(kind, u32, u64), { tracker });
      expect([kind, mapInfo(fd).btfValueTypeId > 0]).toEqual([kind, true]);
    }
  });

  it("perf_event_array, ringbuf and specs with void or mis-sized types get none", () => {
    const none = [
      spec("perf_event_array", u32, u32, { maxEntries: 0 }),
      spec("ringbuf", voidT, voidT, { keySize: 0, valueSize: 0, maxEntries: 4096 }),
      spec("hash", u32, u64, { valueSize: 16 }),
      spec("hash", voidT, u64, { keySize: 4 }),
    ];
    for (const s of none) {
      expect(mapBtfFor(s)).toBeUndefined();
      using fd = createMap(s, { tracker });
      expect(mapInfo(fd).btfId).toBe(0);
    }
  });

  it("a kind whose BTF check the kernel fails (LPM trie with a non-struct key) is created without", () => {
    const s = spec("lpm_trie", u64, u64, { flags: 1 });
    expect(mapBtfFor(s)).toBeDefined();
    using fd = createMap(s, { tracker });
    const mi = mapInfo(fd);
    expect([mi.type, mi.btfId]).toEqual([11, 0]);
  });

  it("btf: false creates the map without BTF", () => {
    using fd = createMap(spec("hash", u32, valT), { tracker, btf: false });
    expect(mapInfo(fd).btfId).toBe(0);
  });
});
