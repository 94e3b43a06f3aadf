/**
 * tracefs: discovery/mount, event ids and formats, trace_pipe reading and parsing, dynamic probe
 * events (kprobe_events/uprobe_events).
 */
export { TracefsError, TracefsUnavailableError, TracefsEventNotFoundError, FormatParseError } from "./errors.ts";
export {
  Tracefs,
  TracefsInstance,
  findTracefs,
  tracefsMountPoints,
  splitEventName,
  globToRegExp,
  TRACEFS_PATH,
  DEBUGFS_TRACING_PATH,
  type FindTracefsOptions,
  type EventName,
  type EventPattern,
} from "./tracefs.ts";
export {
  parseFormat,
  parseDecl,
  allFields,
  findField,
  dynamicDataSpan,
  knownElementSize,
  type EventFormat,
  type FormatField,
} from "./format.ts";
export { TracePipe, type TracePipeOptions } from "./trace-pipe.ts";
export { parseTraceLine, parseLostEvents, traceFieldsTuple, type TraceFields, type LostEvents } from "./trace-fields.ts";
export {
  ProbeEvents,
  OwnedProbeEvent,
  removeStaleProbes,
  probeGroup,
  pidOfProbeGroup,
  pidAlive,
  sanitizeEventName,
  uprobeTarget,
  kprobeTarget,
  parseProbeEventLine,
  type ProbeEventEntry,
  type ProbeSpec,
  type ProbeKind,
  type ProbeEventsFile,
} from "./probe-events.ts";
