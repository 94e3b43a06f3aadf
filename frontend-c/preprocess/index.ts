export { preprocess, type PreprocessOptions, type PreprocessResult } from "./preprocess.ts";
export { PreprocessCache } from "./cache.ts";
export { classifyUnroll, type PragmaRecord, type UnrollHint } from "./pragma.ts";
export { SourceMap, type ExpansionRecord, type MappedPosition } from "./source-map.ts";
export { MemoryIncludeHost, type IncludeHost, type IncludedFile, type MemoryIncludeHostOptions } from "./include-host.ts";
export { parseCflags, defineLine, type ParsedCflags, type MacroOption } from "./cflags.ts";
export type { Macro } from "./define.ts";
