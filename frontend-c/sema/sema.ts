/**
 * @fileoverview Entry point of sema: checks a translation unit and produces the typed module
 * lowering consumes. Predefines the uapi constants programs use without including headers.
 */
import type { DiagnosticSink } from "../diagnostics/index.ts";
import type { TranslationUnit, TypeSpec } from "../parse/ast.ts";
import { Checker, type ExternalTypes } from "./checker.ts";
import { checkFunction, checkGlobalDecl, checkMapMacro, finishFunctions } from "./check-decl.ts";
import { buildHelperTable } from "./helper-table.ts";
import type { TypedModule } from "./typed-ast.ts";
import { T } from "./types.ts";

/** uapi constants (include/uapi/linux/bpf.h) available as if bpf.h were included. */
const UAPI_CONSTANTS: [string, bigint][] = [
  ["BPF_ANY", 0n], ["BPF_NOEXIST", 1n], ["BPF_EXIST", 2n], ["BPF_F_LOCK", 4n],
  ["BPF_F_CURRENT_CPU", 0xffffffffn], ["BPF_F_INDEX_MASK", 0xffffffffn],
  ["BPF_F_NO_PREALLOC", 1n], ["BPF_F_USER_STACK", 256n], ["BPF_F_FAST_STACK_CMP", 512n], ["BPF_F_REUSE_STACKID", 1024n],
  ["BPF_RB_NO_WAKEUP", 1n], ["BPF_RB_FORCE_WAKEUP", 2n],
  ["BPF_MAP_TYPE_HASH", 1n], ["BPF_MAP_TYPE_ARRAY", 2n], ["BPF_MAP_TYPE_PROG_ARRAY", 3n],
  ["BPF_MAP_TYPE_PERF_EVENT_ARRAY", 4n], ["BPF_MAP_TYPE_PERCPU_HASH", 5n], ["BPF_MAP_TYPE_PERCPU_ARRAY", 6n],
  ["BPF_MAP_TYPE_STACK_TRACE", 7n], ["BPF_MAP_TYPE_CGROUP_ARRAY", 8n], ["BPF_MAP_TYPE_LRU_HASH", 9n],
  ["BPF_MAP_TYPE_LRU_PERCPU_HASH", 10n], ["BPF_MAP_TYPE_LPM_TRIE", 11n], ["BPF_MAP_TYPE_QUEUE", 22n],
  ["BPF_MAP_TYPE_STACK", 23n], ["BPF_MAP_TYPE_RINGBUF", 27n],
  ["NULL", 0n],
  // GCC's memory-order macros (predefined by the compiler, so no header provides them).
  ["__ATOMIC_RELAXED", 0n], ["__ATOMIC_CONSUME", 1n], ["__ATOMIC_ACQUIRE", 2n], ["__ATOMIC_RELEASE", 3n],
  ["__ATOMIC_ACQ_REL", 4n], ["__ATOMIC_SEQ_CST", 5n],
];

/** Every struct/union tag defined with a body at any depth of the top-level declarations. */
function collectDefinedTags(tu: TranslationUnit, out: Set<string>): void {
  const spec = (t: TypeSpec): void => {
    if (t.kind === "record" && t.fields) {
      if (t.tag !== undefined) out.add(`${t.union ? "union" : "struct"} ${t.tag}`);
      for (const f of t.fields) spec(f.type.base);
    }
  };
  for (const item of tu.items) {
    if (item.kind === "decl") {
      spec(item.base.base);
      for (const d of item.declarators) spec(d.type.base);
    } else if (item.kind === "map-macro") {
      item.typeArgs.forEach((a) => spec(a.base));
    }
  }
}

export interface SemaOptions {
  externalTypes?: ExternalTypes;
  /** Kprobe functions compiled for a syscall tracepoint instead (bcc-regs.ts). */
  syscallTracepointAbi?: Readonly<Record<string, "enter" | "exit">>;
}

export function analyze(tu: TranslationUnit, opts: SemaOptions, sink: DiagnosticSink): TypedModule {
  const c = new Checker(sink, buildHelperTable(), opts.externalTypes);
  c.syscallTracepointAbi = opts.syscallTracepointAbi;
  const span = { file: tu.file, line: 1, col: 1, endLine: 1, endCol: 1 };
  for (const [name, value] of UAPI_CONSTANTS) {
    c.globals.names.set(name, { kind: "enum-const", value, type: name === "NULL" ? T.int : T.ulong, span });
  }
  collectDefinedTags(tu, c.definedTags);
  // Program code lives in a scope below the predefined names so user definitions may shadow them.
  c.pushScope();
  for (const item of tu.items) {
    switch (item.kind) {
      case "decl": checkGlobalDecl(c, item); break;
      case "function": checkFunction(c, item); break;
      case "map-macro": checkMapMacro(c, item); break;
    }
  }
  finishFunctions(c);
  const globalSections = [...c.sections].map(([name, bytes]) => ({ name, bytes: Uint8Array.from(bytes) }));
  return { functions: [...c.functions.values()], maps: c.maps, globalSections, license: c.license };
}
