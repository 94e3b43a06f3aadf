/**
 * @fileoverview MapSpec: a map as the compiler declares it (BPF_HASH(...), BPF_PERF_OUTPUT(...),
 * a global variable's backing array, ...). A blueprint, not a kernel object: the runtime creates the
 * map from it at load time and patches the program's map relocations with the new fd.
 */
import type { CTypeDesc } from "./c-type.ts";

/**
 * Map kinds by their uapi names (enum bpf_map_type without the BPF_MAP_TYPE_ prefix, lower-case).
 * Kept symbolic so a spec reads the same on every kernel; `MAP_TYPE_IDS` gives the kernel numbers.
 */
export type MapKind =
  | "hash" | "array" | "prog_array" | "perf_event_array" | "percpu_hash" | "percpu_array"
  | "stack_trace" | "cgroup_array" | "lru_hash" | "lru_percpu_hash" | "lpm_trie" | "array_of_maps"
  | "hash_of_maps" | "queue" | "stack" | "ringbuf" | "task_storage";

/** uapi `enum bpf_map_type` values (stable ABI). */
export const MAP_TYPE_IDS: Readonly<Record<MapKind, number>> = Object.freeze({
  hash: 1,
  array: 2,
  prog_array: 3,
  perf_event_array: 4,
  percpu_hash: 5,
  percpu_array: 6,
  stack_trace: 7,
  cgroup_array: 8,
  lru_hash: 9,
  lru_percpu_hash: 10,
  lpm_trie: 11,
  array_of_maps: 12,
  hash_of_maps: 13,
  queue: 22,
  stack: 23,
  ringbuf: 27,
  task_storage: 29,
});

export interface MapSpec {
  /** The C name (`BPF_HASH(counts, ...)` → "counts"); unique in a compilation. */
  name: string;
  kind: MapKind;
  keySize: number;
  valueSize: number;
  /** Requested entries; for perf_event_array 0 means "number of possible CPUs" (resolved at load). */
  maxEntries: number;
  /** BPF_F_* map_flags. */
  flags: number;
  /** Key/value C types for decoding in the runtime (void for maps without keys, e.g. ringbuf). */
  key: CTypeDesc;
  value: CTypeDesc;
  /**
   * For global-data maps (.bss/.data/.rodata style): initial contents of the single value.
   * Absent means zero-filled.
   */
  initialValue?: Uint8Array;
  /**
   * perf_event_array / ringbuf: the C type of the records the program submits (the type of `&data`
   * in `events.perf_submit(ctx, &data, sizeof(data))`), so the runtime can decode events.
   */
  eventType?: CTypeDesc;
  /**
   * perf_event_array / ringbuf written by compiled code: the slot in the hidden per-CPU u64 array
   * `DROP_COUNTER_MAP` where the program counts its own FAILED submissions to this map
   * (perf_event_output/ringbuf_output returning < 0, ringbuf_reserve returning NULL). The runtime
   * reports the sum over CPUs as lost events; the kernel's own PERF_RECORD_LOST count is then
   * ignored for this map, since it counts the same full-buffer failures (and only reports them once
   * a later record fits). Absent for maps no program submits to, and for foreign objects.
   */
  dropCounterIndex?: number;
}

/** Name of the hidden per-CPU array holding the failed-submission counters (see `dropCounterIndex`). */
export const DROP_COUNTER_MAP = "__bcc_ts_drops";
