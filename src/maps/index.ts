/**
 * @fileoverview Public API of src/maps: map creation from a MapSpec, BCC's table classes (with BCC's
 * snake_case method names), and BCC's histogram printers.
 */
export {
  createMap, mapCreateAttrFor, perCpuStride, userValueSize, isPerCpu, withMapContext, MapFullError,
  PER_CPU_KINDS, KEYLESS_KINDS, type CreateMapOptions,
} from "./create-map.ts";
export { MapHandle, type TableOptions } from "./map-handle.ts";
export { Table, bigintJson } from "./table.ts";
export {
  HashTable, LruHash, ArrayBase, ArrayTable, PerCpuHash, LruPerCpuHash, PerCpuArray, arrayIndex, type PerCpuOptions,
} from "./tables.ts";
export {
  StackTrace, ProgArray, PerfEventArray, RingBuf, QueueStack, LpmTrie, type BuildIdFrame, type ProgramRef,
} from "./special-tables.ts";
export { tableFor, createTable, isKeyed, type AnyTable } from "./table-for-spec.ts";
export { BatchOps } from "./batch.ts";
export type { HistArgs, JsonHistArgs } from "./table-hist.ts";
export {
  formatLog2Hist, formatLinearHist, formatSectionedHist, formatJsonHist, PyStr, print_log2_hist, print_linear_hist, pythonRepr, stars,
  slotsFromEntries, STARS_MAX, LOG2_INDEX_MAX, LINEAR_INDEX_MAX, type HistCount, type SectionOptions,
} from "./histogram.ts";
