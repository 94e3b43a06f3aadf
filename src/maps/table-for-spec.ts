/**
 * @fileoverview The class for a map kind, like BCC's `Table()` factory: the BPF object calls this for
 * each map it created and hands the result to users (`b.get_table("counts")`, `b["counts"]`).
 */
import type { MapSpec } from "../spec/index.ts";
import type { FdLike } from "../sys/index.ts";
import { createMap, type CreateMapOptions } from "./create-map.ts";
import type { MapHandle, TableOptions } from "./map-handle.ts";
import { LpmTrie, PerfEventArray, ProgArray, QueueStack, RingBuf, StackTrace } from "./special-tables.ts";
import { Table } from "./table.ts";
import { ArrayBase, ArrayTable, HashTable, LruHash, LruPerCpuHash, PerCpuArray, PerCpuHash } from "./tables.ts";

/** Every map object tableFor() can return. */
export type AnyTable = Table | QueueStack | RingBuf;

export function tableFor(spec: MapSpec, fd: FdLike, options: TableOptions = {}): AnyTable {
  switch (spec.kind) {
    case "hash": return new HashTable(spec, fd, options);
    case "lru_hash": return new LruHash(spec, fd, options);
    case "array": return new ArrayTable(spec, fd, options);
    case "percpu_hash": return new PerCpuHash(spec, fd, options);
    case "lru_percpu_hash": return new LruPerCpuHash(spec, fd, options);
    case "percpu_array": return new PerCpuArray(spec, fd, options);
    case "stack_trace": return new StackTrace(spec, fd, options);
    case "perf_event_array": return new PerfEventArray(spec, fd, options);
    case "prog_array": return new ProgArray(spec, fd, options);
    case "lpm_trie": return new LpmTrie(spec, fd, options);
    case "queue": case "stack": return new QueueStack(spec, fd, options);
    case "ringbuf": return new RingBuf(spec, fd, options);
    case "cgroup_array": case "array_of_maps": return new ArrayBase(spec, fd, options);
    case "hash_of_maps": case "task_storage": return new HashTable(spec, fd, options);
  }
}

/** Narrowing helper for keyed tables (everything except queues/stacks and ring buffers). */
export function isKeyed(t: MapHandle): t is Table {
  return t instanceof Table;
}

/**
 * createMap + tableFor with consistent options (CPU count, max_entries override): the table owns the
 * new descriptor and closes it on close()/dispose.
 */
export function createTable(spec: MapSpec, options: TableOptions & CreateMapOptions = {}): AnyTable {
  const fd = createMap(spec, options);
  try {
    const maxEntries = options.maxEntries ?? (spec.kind === "perf_event_array" && spec.maxEntries === 0 ? undefined : spec.maxEntries);
    return tableFor(spec, fd, { ...options, maxEntries, owned: true });
  } catch (e) {
    fd.close();
    throw e;
  }
}
