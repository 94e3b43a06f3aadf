/**
 * @fileoverview Public API of src/perf: perf buffers (BPF_MAP_TYPE_PERF_EVENT_ARRAY readers), the
 * EventPoller shared with ring buffers, and CPU lists.
 */

export { onlineCpus, possibleCpus, possibleCpuCount, parseCpuList, type TextReader } from "./cpus.ts";
export { EventPoller, type EventSource } from "./event-poller.ts";
export {
  PerfBuffer,
  DEFAULT_FLUSH_INTERVAL_MS,
  DEFAULT_PERF_PAGE_COUNT,
  type PerfBufferOptions,
} from "./perf-buffer.ts";
export {
  PerfRing,
  PerfRingCorruptError,
  PerfMmapPage,
  PERF_RECORD_LOST,
  PERF_RECORD_SAMPLE,
  type PerfLostCallback,
  type PerfSampleCallback,
} from "./perf-ring.ts";
export { U64Cell } from "./u64-cell.ts";
