/**
 * @fileoverview Public API of the C → eBPF compiler: `compile()` turns restricted C into program
 * and map specs (src/spec), or diagnostics. Never throws for user errors; an
 * InternalCompilerError means a compiler bug.
 */
import { type Diagnostic, DiagnosticSink } from "./diagnostics/index.ts";
import type { BackendOptions } from "./emit/backend.ts";
import { CompileContext, type PhaseTimings, isResourceExhaustion, runPipeline } from "./pipeline.ts";
import type { IncludeHost } from "./preprocess/index.ts";
import type { ExternalTypes } from "./sema/checker.ts";
import type { MapSpec } from "../src/spec/map-spec.ts";
import type { ProgramSpec } from "../src/spec/program-spec.ts";

export interface CompileOptions {
  /** Name used in diagnostics (default "<input>"). */
  file?: string;
  /** BCC-style flags: -D/-U/-I/-include are honoured. */
  cflags?: readonly string[];
  /** Reads #include files; default: none readable, angle includes accepted as empty. */
  includeHost?: IncludeHost;
  /** Kernel types (BTF) for names the program does not define. */
  externalTypes?: ExternalTypes;
  /** Reuse a context (its parser) across compilations for speed. */
  context?: CompileContext;
  /**
   * Kprobe functions (name → "enter" | "exit") to compile for the syscalls:sys_enter_X / sys_exit_X
   * tracepoint instead, on kernels without kprobes: PT_REGS_PARMn / PT_REGS_RC / ctx->di & co. and
   * probe arguments then read the tracepoint record. Load such a program as a tracepoint.
   */
  syscallTracepointAbi?: Readonly<Record<string, "enter" | "exit">>;
  /** Force-include the BCC prelude (default true). */
  bccPrelude?: boolean;
  /**
   * Back-end options; e.g. `{ isa: "v4" }` on kernels ≥ 6.6 that take cpu-v4 instructions (the
   * default "v3" output also loads on older kernels).
   */
  backend?: BackendOptions;
  /** Filled with the wall time of each compiler phase in milliseconds. */
  timings?: PhaseTimings;
}

export interface CompileResult {
  ok: boolean;
  programs: ProgramSpec[];
  maps: MapSpec[];
  license: string;
  diagnostics: Diagnostic[];
}

export function compile(source: string, options: CompileOptions = {}): CompileResult {
  const sink = new DiagnosticSink();
  const ctx = options.context ?? new CompileContext();
  const file = options.file ?? "<input>";
  let r: ReturnType<typeof runPipeline>;
  try {
    r = runPipeline(source, {
      file,
      ...(options.cflags ? { cflags: options.cflags } : {}),
      ...(options.includeHost ? { includeHost: options.includeHost } : {}),
      ...(options.externalTypes ? { externalTypes: options.externalTypes } : {}),
      ...(options.syscallTracepointAbi ? { syscallTracepointAbi: options.syscallTracepointAbi } : {}),
      ...(options.bccPrelude !== undefined ? { bccPrelude: options.bccPrelude } : {}),
      ...(options.backend ? { backend: options.backend } : {}),
      ...(options.timings ? { timings: options.timings } : {}),
    }, ctx, sink);
  } catch (e) {
    // Belt and braces behind the parser's nesting limit: never let a stack overflow escape.
    if (!isResourceExhaustion(e)) throw e;
    sink.error("internal/too-complex", { file, line: 1, col: 1, endLine: 1, endCol: 1 }, `the program is too complex to compile (${e.message})`);
    return { ok: false, programs: [], maps: [], license: "GPL", diagnostics: sink.diagnostics };
  }
  const ok = !sink.hasErrors && r.collection !== undefined;
  return {
    ok,
    programs: ok ? r.collection!.programs : [],
    maps: ok ? r.collection!.maps : (r.typed ? [] : []),
    license: r.typed?.license ?? "GPL",
    diagnostics: sink.diagnostics,
  };
}

export { CompileContext } from "./pipeline.ts";
export type { ExternalTypes } from "./sema/checker.ts";
export type { Diagnostic, Span } from "./diagnostics/index.ts";
export type { BackendOptions } from "./emit/backend.ts";
export type { PhaseTimings } from "./pipeline.ts";
