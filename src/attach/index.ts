export { Link, attachToPerfEvent, type LinkKind, type AttachMethod, type PerfAttachOptions } from "./link.ts";
export { AttachError, AttachUnsupportedError } from "./errors.ts";
export { attachTracepoint, attachRawTracepoint, type TracepointAttachOptions } from "./tracepoint.ts";
export { attachKprobe, type KprobeAttachOptions } from "./kprobe.ts";
export { attachUprobe, type UprobeAttachOptions } from "./uprobe.ts";
export { attachPerfEvent, type PerfEventAttachOptions } from "./perf-event.ts";
export { attachTracing } from "./tracing.ts";
export { readDynamicPmu, type DynamicPmu } from "./pmu.ts";
