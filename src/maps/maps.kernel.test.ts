/**
 * Map kinds against the real kernel: every table is created here from a MapSpec, exercised through
 * its BCC-named methods, and closed (the FdTracker proves nothing leaks). Maps are private to this
 * process, so nothing else on the machine can disturb them.
 */
import { afterEach, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { MAP_TYPE_IDS, type CTypeDesc, type MapKind, type MapSpec } from "../spec/index.ts";
import {
  BPF_NOEXIST, BPF_PROG_TYPE, ERRNO, FdTracker, KernelError, mapInfo, PERF_COUNT_SW, PERF_TYPE,
  mapGetNextKey, perfEventOpen, possibleCpus, progInfo, progLoad, progTestRun,
} from "../sys/index.ts";
import {
  ArrayTable, createMap, createTable, HashTable, LpmTrie, LruHash, MapFullError, PerCpuArray, PerCpuHash, PerfEventArray, ProgArray,
  QueueStack, RingBuf, StackTrace, tableFor, type AnyTable,
} from "./index.ts";

const u8: CTypeDesc = { kind: "int", name: "unsigned char", size: 1, signed: false };
const u32: CTypeDesc = { kind: "int", name: "unsigned int", size: 4, signed: false };
const u64: CTypeDesc = { kind: "int", name: "unsigned long long", size: 8, signed: false };
const voidT: CTypeDesc = { kind: "void", size: 0 };
const char16: CTypeDesc = { kind: "array", size: 16, length: 16, element: { kind: "int", name: "char", size: 1, signed: true } };
const keyT: CTypeDesc = {
  kind: "struct", name: "key_t", size: 24, align: 4,
  fields: [{ name: "pid", offset: 0, type: u32 }, { name: "cpu", offset: 4, type: u32 }, { name: "comm", offset: 8, type: char16 }],
};

const tracker = new FdTracker();
afterEach(() => tracker.assertNoLeaks());

function spec(name: string, kind: MapKind, key: CTypeDesc, value: CTypeDesc, maxEntries: number, flags = 0): MapSpec {
  return { name, kind, keySize: key.size, valueSize: value.size, maxEntries, flags, key, value };
}

/** Creates the map, runs `fn` on its table, closes it. */
function withTable<T extends AnyTable>(s: MapSpec, fn: (t: T) => void): void {
  const t = tableFor(s, createMap(s, { tracker }), {}) as T;
  try {
    fn(t);
  } finally {
    t.close();
  }
}

describeKernel("maps against the kernel", () => {
  it("hash with struct keys: set/get/has/delete/keys/items/len/zero/clear/increment", () => {
    withTable<HashTable<{ pid: number; cpu: number; comm: string }, bigint>>(spec("t_hash", "hash", keyT, u64, 64), (t) => {
      expect(t).toBeInstanceOf(HashTable);
      const k1 = { pid: process.pid, cpu: 1, comm: "node" };
      t.set(k1, 5n).set({ pid: 2, comm: "bash" }, 2n ** 64n - 1n);
      expect(t.get(k1)).toBe(5n);
      expect(t.get({ pid: 2, cpu: 0, comm: "bash" })).toBe(2n ** 64n - 1n);
      expect(t.get({ pid: 3 })).toBeUndefined();
      expect(t.has(k1)).toBe(true);
      expect(t.len()).toBe(2);
      expect(t.keys()).toEqual(expect.arrayContaining([k1, { pid: 2, cpu: 0, comm: "bash" }]));
      expect(new Map(t.items().map(([k, v]) => [k.pid, v]))).toEqual(new Map([[process.pid, 5n], [2, 2n ** 64n - 1n]]));
      expect(t.batchLookupWorks).toBe(true);
      expect([...t].length).toBe(2);
      expect(t.increment(k1, 10)).toBe(15n);
      expect(t.increment({ pid: 9 })).toBe(1n);
      t.zero();
      expect(t.values()).toEqual([0n, 0n, 0n]);
      expect(t.delete({ pid: 9 })).toBe(true);
      expect(t.delete({ pid: 9 })).toBe(false);
      expect(t.Key({ pid: 1 })).toEqual({ pid: 1, cpu: 0, comm: "" });
      t.clear();
      expect(t.len()).toBe(0);
      expect(t.items()).toEqual([]);
    });
  });

  it("names the map in kernel errors", () => {
    withTable<HashTable>(spec("t_err", "hash", u32, u32, 4), (t) => {
      t.set(1, 1);
      const err = (() => { try { t.set(1, 2, BPF_NOEXIST); } catch (e) { return e; } })();
      expect(err).toBeInstanceOf(KernelError);
      expect((err as KernelError).code).toBe(ERRNO.EEXIST);
      expect((err as Error).message).toContain("map 't_err'");
    });
  });

  it("visits every key once when keys are deleted during iteration", () => {
    withTable<HashTable<number, number>>(spec("t_iterdel", "hash", u32, u32, 256), (t) => {
      for (let i = 0; i < 200; i++) t.set(i, i * 2);
      // Deleting the cursor key makes the kernel restart from the first bucket, so kept keys come
      // round again: each must still be produced once.
      const seen: number[] = [];
      for (const k of t) {
        seen.push(k);
        if (k % 2 === 1) t.delete(k);
      }
      expect(seen.sort((a, b) => a - b)).toEqual([...Array(200).keys()]);
      expect(t.len()).toBe(100);
      // Deleting the key the walk has already fetched as its cursor forces the kernel's restart from
      // the first key: keys already produced must not come round again.
      const first = t.keys()[0]!;
      const cursor = new Uint8Array(4);
      expect(mapGetNextKey(t.fd, t.encodeKey(first), cursor)).toBe(true);
      const doomed = t.decodeKey(cursor);
      const again: number[] = [];
      for (const k of t) {
        again.push(k);
        if (k === first) t.delete(doomed);
      }
      // The walk had fetched `doomed` before it was deleted, so it is still produced (like any key a
      // BPF program deletes mid-walk); what matters is that nothing is produced twice.
      expect(again.length).toBe(100);
      expect(new Set(again).size).toBe(100);
      expect(t.len()).toBe(99);
      for (const k of t) t.delete(k);
      expect(t.len()).toBe(0);
    });
  });

  it("a full hash map fails with a one-line MapFullError", () => {
    withTable<HashTable>(spec("t_full", "hash", u32, u64, 4), (t) => {
      for (let i = 0; i < 4; i++) t.set(i, 1n);
      const err = (() => { try { t.set(99, 1n); } catch (e) { return e; } })() as MapFullError;
      expect(err).toBeInstanceOf(MapFullError);
      expect(err).toBeInstanceOf(KernelError);
      expect(err.code).toBe(ERRNO.E2BIG);
      expect(err.message).toMatch(/^map 't_full' is full \(max_entries 4\): \S/);
      expect(err.message).not.toContain("\n");
      t.set(3, 7n); // replacing an existing key still works when full
      expect(t.get(3)).toBe(7n);
    });
  });

  it("array: zero-filled, negative indexes, range errors, delete/clear zero", () => {
    withTable<ArrayTable<{ pid: number; cpu: number; comm: string }>>(spec("t_array", "array", u32, keyT, 8), (t) => {
      expect(t).toBeInstanceOf(ArrayTable);
      expect(t.len()).toBe(8);
      expect(t.get(0)).toEqual({ pid: 0, cpu: 0, comm: "" });
      t.set(-1, { pid: 7, comm: "last" });
      expect(t.get(7)).toEqual({ pid: 7, cpu: 0, comm: "last" });
      expect(() => t.get(8)).toThrow(RangeError);
      expect(t.keys()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(t.items()[7]).toEqual([7, { pid: 7, cpu: 0, comm: "last" }]);
      expect(t.delete(7)).toBe(true);
      expect(t.get(7)).toEqual({ pid: 0, cpu: 0, comm: "" });
      t.set(3, { pid: 3 });
      t.clear();
      expect(t.values().every((v) => v.pid === 0)).toBe(true);
      expect(t.increment).toBeDefined();
    });
  });

  it("per-CPU hash and array: one value per possible CPU, sum/max/average", () => {
    const ncpu = possibleCpus().length;
    const perCpu = Array.from({ length: ncpu }, (_, c) => c + 1);
    const expectedSum = perCpu.reduce((a, b) => a + b, 0);
    // A 4-byte value exercises the kernel's 8-byte per-CPU stride.
    withTable<PerCpuArray<number>>(spec("t_pcpu_arr", "percpu_array", u32, u32, 4), (t) => {
      expect(t).toBeInstanceOf(PerCpuArray);
      expect(t.valueSize).toBe(8 * ncpu);
      expect(t.get(0)).toEqual(new Array(ncpu).fill(0));
      t.set(1, perCpu);
      expect(t.getvalue(1)).toEqual(perCpu);
      expect(t.sum(1)).toBe(expectedSum);
      expect(t.max(1)).toBe(ncpu);
      expect(t.average(1)).toBe(expectedSum / ncpu);
      expect(t.increment(1)[0]).toBe(2);
      expect(() => t.set(0, 5)).toThrow(TypeError);
      t.clear();
      expect(t.sum(1)).toBe(0);
    });
    withTable<PerCpuHash<number, bigint>>(spec("t_pcpu_hash", "percpu_hash", u32, u64, 16), (t) => {
      expect(t).toBeInstanceOf(PerCpuHash);
      t.set(42, perCpu.map(BigInt));
      expect(t.sum(42)).toBe(BigInt(expectedSum));
      expect(t.items()).toEqual([[42, perCpu.map(BigInt)]]);
      expect(() => t.sum(43)).toThrow(RangeError);
    });
    const s = spec("t_pcpu_red", "percpu_hash", u32, u64, 4);
    const reduced = new PerCpuHash<number, bigint>(s, createMap(s, { tracker }), { reducer: (a, b) => a + b });
    try {
      reduced.set(1, perCpu.map(BigInt));
      expect(reduced.get(1)).toBe(BigInt(expectedSum));
      expect(reduced.items()).toEqual([[1, BigInt(expectedSum)]]);
      expect(reduced.getvalue(1)).toEqual(perCpu.map(BigInt));
      expect(reduced.increment(1, 5n)).toEqual([BigInt(perCpu[0]! + 5), ...perCpu.slice(1).map(BigInt)]);
      expect(reduced.get(1)).toBe(BigInt(expectedSum + 5));
    } finally {
      reduced.close();
    }
  });

  it("LRU hash evicts instead of failing when full", () => {
    withTable<LruHash<number, number>>(spec("t_lru", "lru_hash", u32, u32, 16), (t) => {
      expect(t).toBeInstanceOf(LruHash);
      for (let i = 0; i < 200; i++) t.set(i, i);
      expect(t.len()).toBeLessThanOrEqual(16);
      expect(t.get(199)).toBe(199);
      expect(t.get(0)).toBeUndefined();
    });
  });

  it("queue (FIFO) and stack (LIFO): push/pop/peek, full, BPF_EXIST overwrite", () => {
    withTable<QueueStack<number>>(spec("t_queue", "queue", voidT, u32, 3), (q) => {
      expect(q.peek()).toBeUndefined();
      expect(q.pop()).toBeUndefined();
      q.push(1); q.push(2); q.push(3);
      expect(q.peek()).toBe(1);
      expect(() => q.push(4)).toThrow(/^map 't_queue' is full \(max_entries 3\)/);
      q.push(4, QueueStack.BPF_EXIST);
      expect(q.values()).toEqual([2, 3, 4]);
    });
    withTable<QueueStack<bigint>>(spec("t_stack", "stack", voidT, u64, 8), (s) => {
      s.push(1n); s.push(2n ** 64n - 1n);
      expect(s.peek()).toBe(2n ** 64n - 1n);
      expect(s.pop()).toBe(2n ** 64n - 1n);
      expect(s.pop()).toBe(1n);
      expect(s.pop()).toBeUndefined();
    });
  });

  it("LPM trie: longest-prefix lookups with struct keys", () => {
    const lpmKey: CTypeDesc = {
      kind: "struct", name: "lpm_key", size: 8, align: 4,
      fields: [{ name: "prefixlen", offset: 0, type: u32 }, { name: "data", offset: 4, type: { kind: "array", size: 4, length: 4, element: u8 } }],
    };
    withTable<LpmTrie<{ prefixlen: number; data: number[] }, number>>(spec("t_lpm", "lpm_trie", lpmKey, u32, 16), (t) => {
      expect(t).toBeInstanceOf(LpmTrie);
      t.set({ prefixlen: 8, data: [10, 0, 0, 0] }, 1);
      t.set({ prefixlen: 16, data: [10, 1, 0, 0] }, 2);
      expect(t.get({ prefixlen: 32, data: [10, 1, 2, 3] })).toBe(2);
      expect(t.get({ prefixlen: 32, data: new Uint8Array([10, 2, 3, 4]) })).toBe(1);
      expect(t.get({ prefixlen: 32, data: [11, 0, 0, 0] })).toBeUndefined();
      expect(t.len()).toBe(2);
      expect(t.items()).toEqual(expect.arrayContaining([[{ prefixlen: 16, data: [10, 1, 0, 0] }, 2]]));
      expect(t.batchLookupWorks).toBeUndefined();
      expect(t.keys()).toEqual(expect.arrayContaining([{ prefixlen: 8, data: [10, 0, 0, 0] }, { prefixlen: 16, data: [10, 1, 0, 0] }]));
      t.clear();
      expect(t.len()).toBe(0);
    });
  });

  it("batch operations over several chunks", () => {
    withTable<HashTable<number, bigint>>(spec("t_batch", "hash", u32, u64, 4096), (t) => {
      const keys = Array.from({ length: 3000 }, (_, i) => i * 3);
      expect(t.items_update_batch(keys, keys.map((k) => BigInt(k) << 32n))).toBe(3000);
      const items = t.items_lookup_batch();
      expect(items.length).toBe(3000);
      expect(items.every(([k, v]) => v === BigInt(k) << 32n)).toBe(true);
      expect(t.items_delete_batch(keys.slice(0, 1000))).toBe(1000);
      expect(t.len()).toBe(2000);
      const taken = t.items_lookup_and_delete_batch();
      expect(taken.length).toBe(2000);
      expect(t.len()).toBe(0);
      t.items_update_batch([1, 2], [1n, 2n]);
      expect(t.items_delete_batch()).toBe(2);
      expect(t.len()).toBe(0);
    });
  });

  it("print_log2_hist over a real map", () => {
    let out = "";
    const s = spec("t_hist", "hash", u32, u64, 64);
    const t = tableFor(s, createMap(s, { tracker }), { write: (x) => { out += x; } }) as HashTable;
    try {
      t.set(1, 5n).set(3, 10n);
      t.print_log2_hist("usecs");
      expect(out).toBe(
        "     usecs               : count     distribution\n" +
        "         0 -> 1          : 5        |********************                    |\n" +
        "         2 -> 3          : 0        |                                        |\n" +
        "         4 -> 7          : 10       |****************************************|\n",
      );
    } finally {
      t.close();
    }
  });

  it("perf event array: max_entries 0 means possible CPUs; slots take perf fds", () => {
    withTable<PerfEventArray>(spec("t_perf", "perf_event_array", u32, u32, 0), (t) => {
      expect(t.maxEntries).toBe(possibleCpus().length);
      expect(mapInfo(t.fd).maxEntries).toBe(possibleCpus().length);
      const ev = perfEventOpen({ type: PERF_TYPE.SOFTWARE, config: PERF_COUNT_SW.BPF_OUTPUT, samplePeriod: 1 }, { pid: -1, cpu: 0 }, { tracker });
      try {
        t.set(0, ev);
        expect(t.delete(0)).toBe(true);
        expect(t.delete(0)).toBe(false);
      } finally {
        ev.close();
      }
    });
  });

  it("prog array: set(index, program) and get() returns the program id", () => {
    // r0 = 0; exit — a minimal socket filter.
    const insns = new Uint8Array([0xb7, 0, 0, 0, 0, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0]);
    const { fd: prog } = progLoad({ progType: BPF_PROG_TYPE.SOCKET_FILTER, insns, license: "GPL", name: "maps_tail" }, { tracker });
    try {
      withTable<ProgArray>(spec("t_progs", "prog_array", u32, u32, 4), (t) => {
        t.set(2, { fd: prog });
        expect(t.get(2)).toBe(progInfo(prog).id);
        expect(t.get(1)).toBeUndefined();
        t.clear();
        expect(t.get(2)).toBeUndefined();
      });
    } finally {
      prog.close();
    }
  });

  it("ring buffer and stack trace maps are created with the right shapes", () => {
    withTable<RingBuf>(spec("t_ring", "ringbuf", voidT, voidT, 4096 * 4), (r) => {
      expect(r.bytes).toBe(16384);
      expect(mapInfo(r.fd).type).toBe(MAP_TYPE_IDS.ringbuf);
    });
  });

  it("stack trace: walk() returns the addresses bpf_get_stackid recorded", () => {
    const frames: CTypeDesc = { kind: "array", size: 127 * 8, length: 127, element: u64 };
    withTable<StackTrace>(spec("t_stacks", "stack_trace", u32, frames, 128), (s) => {
      // User space cannot write stack maps (EINVAL); absent and negative ids walk to nothing.
      expect(s.walk(5)).toEqual([]);
      expect(s.walk(-14)).toEqual([]);
      expect(s.len()).toBe(0);
      // A raw_tp program run via BPF_PROG_RUN records the kernel stack of this bpf() call:
      // r2 = map (ld_imm64 BPF_PSEUDO_MAP_FD); r3 = 0 (kernel stack); call bpf_get_stackid; exit.
      const fd = s.fd;
      const insns = new Uint8Array([
        0x18, 0x12, 0, 0, fd & 0xff, (fd >> 8) & 0xff, (fd >> 16) & 0xff, fd >>> 24, 0, 0, 0, 0, 0, 0, 0, 0,
        0xb7, 0x03, 0, 0, 0, 0, 0, 0,
        0x85, 0, 0, 0, 27, 0, 0, 0,
        0x95, 0, 0, 0, 0, 0, 0, 0,
      ]);
      const { fd: prog } = progLoad({ progType: BPF_PROG_TYPE.RAW_TRACEPOINT, insns, license: "GPL", name: "maps_stack" }, { tracker });
      try {
        const { retval } = progTestRun(prog, { ctxIn: new Uint8Array(8) });
        const id = retval | 0;
        expect(id).toBeGreaterThanOrEqual(0);
        const addrs = s.walk(id);
        expect(addrs.length).toBeGreaterThan(0);
        expect(addrs.length).toBeLessThanOrEqual(StackTrace.MAX_DEPTH);
        // Kernel text lives in the top half of the address space.
        expect(addrs.every((a) => a >= 0xffff800000000000n)).toBe(true);
        expect(s.keys()).toEqual([id]);
        expect((s.get(id) as bigint[]).slice(0, addrs.length)).toEqual(addrs);
        s.clear();
        expect(s.walk(id)).toEqual([]);
      } finally {
        prog.close();
      }
    });
  });

  it("createTable owns its descriptor", () => {
    const t = createTable(spec("t_owned", "hash", u32, u32, 4), { tracker }) as HashTable;
    t.set(1, 2);
    expect(t.get(1)).toBe(2);
    expect(tracker.openFds().length).toBe(1);
    t.close();
    expect(tracker.openFds().length).toBe(0);
  });

  it("global-data maps get their initial value at creation", () => {
    const s: MapSpec = { ...spec("t_data", "array", u32, u64, 1), initialValue: new Uint8Array([1, 2, 0, 0, 0, 0, 0, 0]) };
    withTable<ArrayTable<bigint>>(s, (t) => expect(t.get(0)).toBe(0x201n));
  });
});
