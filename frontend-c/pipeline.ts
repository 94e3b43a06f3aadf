/**
 * @fileoverview The only place that sequences compiler passes:
 * preprocess → parse → sema → lower → back end (optimise → regalloc → emit).
 * Each pass is pure and reports into one DiagnosticSink; a pass whose input has errors still runs
 * where that is useful (sema after parse errors finds more mistakes) but nothing is lowered from
 * an erroneous program.
 */
import { type DiagnosticSink, InternalCompilerError } from "./diagnostics/index.ts";
import { type BackendOptions, generateCollection } from "./emit/backend.ts";
import type { IrModule } from "./ir/ir.ts";
import { CParser } from "./parse/parser.ts";
import type { PositionMapper } from "./parse/convert-context.ts";
import { type IncludeHost, type IncludedFile, MemoryIncludeHost, preprocess } from "./preprocess/index.ts";
import { BCC_PRELUDE_FILE, bccPrelude } from "./sema/bcc-prelude.ts";
import type { ExternalTypes } from "./sema/checker.ts";
import { lowerModule } from "./lower/lower-module.ts";
import { analyze } from "./sema/sema.ts";
import type { TypedModule } from "./sema/typed-ast.ts";
import type { CollectionSpec } from "../src/spec/program-spec.ts";

/**
 * What every BPF C program may use without including a header: the attribute spellings of the
 * kernel's compiler.h and the libbpf map-definition macros (bpf_helpers.h), as `-D` definitions.
 */
export const BPF_C_DEFINES: Readonly<Record<string, string>> = Object.freeze({
  "__always_inline": "inline __attribute__((always_inline))",
  "__noinline": "__attribute__((noinline))",
  "__inline": "inline",
  "__weak": "__attribute__((weak))",
  "SEC(name)": "__attribute__((section(name), used))",
  "__uint(name, val)": "int (*name)[val]",
  "__type(name, val)": "typeof(val) *name",
  "__array(name, val)": "typeof(val) *name[]",
});

export interface PipelineOptions {
  file: string;
  cflags?: readonly string[];
  /** Where #include reads from; by default nothing is readable and angle includes are ignored. */
  includeHost?: IncludeHost;
  externalTypes?: ExternalTypes;
  /** Skip the preprocessor (the text is already preprocessed or uses no directives). */
  noPreprocess?: boolean;
  backend?: BackendOptions;
  /** Force-include BCC's prelude (PT_REGS_*, TRACEPOINT_PROBE, bpf_log2l, ...); default true. */
  bccPrelude?: boolean;
  /** Kprobe functions to compile for a syscall tracepoint instead (see sema/bcc-regs.ts). */
  syscallTracepointAbi?: Readonly<Record<string, "enter" | "exit">>;
  /** Receives the wall time of each phase (milliseconds), for benchmarks and `--timings`. */
  timings?: PhaseTimings;
}

/** Wall time per compiler phase in milliseconds (a phase that did not run is absent). */
export interface PhaseTimings {
  preprocess?: number;
  parse?: number;
  sema?: number;
  lower?: number;
  backend?: number;
}

/** Serves the virtual prelude file in front of the caller's include host. */
class PreludeIncludeHost implements IncludeHost {
  constructor(private readonly inner: IncludeHost, private readonly text: string) {}

  resolveQuote(fromFile: string, name: string, searchDirs: readonly string[]): IncludedFile | undefined {
    if (name === BCC_PRELUDE_FILE) return { file: BCC_PRELUDE_FILE, text: this.text };
    return this.inner.resolveQuote(fromFile, name, searchDirs);
  }

  resolveAngle(name: string, searchDirs: readonly string[]): IncludedFile | "ignore" | undefined {
    return this.inner.resolveAngle(name, searchDirs);
  }
}

/**
 * Objects a caller may keep across compilations (the tree-sitter parser is costly to create).
 * Not shared between threads; one compile at a time.
 */
export class CompileContext {
  private parserInstance: CParser | undefined;

  get parser(): CParser {
    this.parserInstance ??= new CParser();
    return this.parserInstance;
  }
}

export interface PipelineResult {
  typed: TypedModule | undefined;
  ir: IrModule | undefined;
  collection: CollectionSpec | undefined;
}

export function runPipeline(source: string, opts: PipelineOptions, ctx: CompileContext, sink: DiagnosticSink): PipelineResult {
  const timings = opts.timings;
  let mark = timings ? performance.now() : 0;
  const lap = (phase: keyof PhaseTimings): void => {
    if (!timings) return;
    const now = performance.now();
    timings[phase] = now - mark;
    mark = now;
  };
  let text = source;
  let mapper: PositionMapper | undefined;
  let unrollRows: number[] = [];
  if (!opts.noPreprocess) {
    const host = opts.includeHost ?? new MemoryIncludeHost();
    const withPrelude = opts.bccPrelude ?? true;
    const defines: Record<string, string> = { ...BPF_C_DEFINES };
    const pp = preprocess(source, {
      file: opts.file,
      defines,
      // The prelude goes first so a program's own -include files and text can use (or #undef) it.
      cflags: withPrelude ? ["-include", BCC_PRELUDE_FILE, ...(opts.cflags ?? [])] : (opts.cflags ?? []),
      includeHost: withPrelude ? new PreludeIncludeHost(host, bccPrelude()) : host,
    }, sink);
    text = pp.text;
    mapper = pp.map;
    unrollRows = pp.pragmas.filter((p) => p.unroll !== undefined && p.unroll.kind !== "disable").map((p) => p.row);
    lap("preprocess");
  }
  const ext = opts.externalTypes;
  const tu = ctx.parser.parse(text, {
    file: opts.file,
    ...(mapper ? { mapper } : {}),
    ...(ext ? { isExternalTypedef: (n: string) => ext.lookupTypedef(n) !== undefined } : {}),
    unrollRows,
  }, sink);
  lap("parse");
  const typed = analyze(tu, {
    ...(ext ? { externalTypes: ext } : {}),
    ...(opts.syscallTracepointAbi ? { syscallTracepointAbi: opts.syscallTracepointAbi } : {}),
  }, sink);
  lap("sema");
  if (sink.hasErrors) return { typed, ir: undefined, collection: undefined };
  let ir: IrModule;
  try {
    ir = lowerModule(typed, sink);
  } catch (e) {
    if (e instanceof InternalCompilerError) throw e;
    if (isResourceExhaustion(e)) throw e; // compile() reports it as internal/too-complex
    throw new InternalCompilerError("lower", e instanceof Error ? e.message : String(e));
  }
  lap("lower");
  if (sink.hasErrors) return { typed, ir, collection: undefined };
  const collection = generateCollection(ir, sink, opts.backend ?? {});
  lap("backend");
  return { typed, ir, collection };
}

/**
 * A JS stack overflow or an impossible allocation: the input is beyond what the compiler can
 * handle (the nesting-depth limit should prevent the first), not a wrong result.
 */
export function isResourceExhaustion(e: unknown): e is RangeError {
  return e instanceof RangeError && /Maximum call stack size exceeded|Invalid (typed )?array length|Array buffer allocation failed/.test(e.message);
}
