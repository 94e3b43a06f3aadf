export { BPF, type BPFOptions, type BPFFunction } from "./bpf.ts";
export { BPFError, CompileError, KeyboardInterrupt } from "./errors.ts";
export { closeAllBpfObjects, liveBpfObjectCount } from "./cleanup.ts";
export type { UprobeOptions } from "./attach-methods.ts";
export type { OpenPerfBufferOptions, OpenRingBufferOptions, PerfCallback, RingCallback, LostCallback } from "./output.ts";
