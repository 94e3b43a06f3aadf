/**
 * @fileoverview Sema's state for one translation unit: scopes, the diagnostic sink, the helper
 * table, the optional external (BTF) type source, and per-function context. Checking functions
 * in check-*.ts take a Checker.
 */
import type { DiagnosticSink, Note, Span } from "../diagnostics/index.ts";
import type { HelperProto } from "./helper-table.ts";
import type { FunctionSym, GlobalVar, LocalSym, TExpr } from "./typed-ast.ts";
import type { CType, MapDecl } from "./types.ts";

/**
 * Where sema looks for names the program does not define itself: kernel types from BTF (a later
 * issue). Every method returns undefined when the name is unknown.
 */
export interface ExternalTypes {
  lookupStruct(name: string, union: boolean): CType | undefined;
  lookupTypedef(name: string): CType | undefined;
  lookupEnumConst(name: string): bigint | undefined;
  /** `enum tag` (kernel enums have 1/2/4/8-byte sizes); optional. */
  lookupEnum?(name: string): CType | undefined;
}

export type Sym =
  | LocalSym
  | FunctionSym
  | { kind: "typedef"; type: CType; span: Span }
  | { kind: "enum-const"; value: bigint; type: CType; span: Span }
  /** A `const` global with a constant initializer: folded at every use. */
  | { kind: "global-const"; value: TExpr; type: CType; span: Span }
  | { kind: "map"; map: MapDecl; span: Span }
  | GlobalVar;

export class Scope {
  readonly names = new Map<string, Sym>();
  readonly tags = new Map<string, CType>();
  constructor(readonly parent: Scope | undefined) {}

  lookup(name: string): Sym | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const v = s.names.get(name);
      if (v) return v;
    }
    return undefined;
  }

  lookupTag(name: string): CType | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const v = s.tags.get(name);
      if (v) return v;
    }
    return undefined;
  }

  /** Every visible name (for did-you-mean). */
  *allNames(): Generator<string> {
    for (let s: Scope | undefined = this; s; s = s.parent) yield* s.names.keys();
  }
}

export interface FunctionContext {
  sym: FunctionSym;
  ret: CType;
  locals: LocalSym[];
  loopDepth: number;
  /** Innermost switch first; each collects its cases. */
  switches: { cases: Map<bigint, Span>; list: { value: bigint; label: number }[]; defaultLabel: number | undefined }[];
  breakable: number;
  labels: Map<string, Span>;
  gotos: { label: string; span: Span }[];
  /** Set when this kprobe function is compiled for a syscall tracepoint (bcc-regs.ts). */
  syscallAbi?: "enter" | "exit";
}

export class Checker {
  scope: Scope;
  readonly globals: Scope;
  fn: FunctionContext | undefined;
  private nextId = 0;
  readonly maps: MapDecl[] = [];
  /** Global-data sections being laid out: bytes grow as variables are added. */
  readonly sections = new Map<".bss" | ".data" | ".rodata", number[]>();
  readonly functions = new Map<string, FunctionSym>();
  license = "GPL";
  /** Checked function bodies awaiting the whole-program passes (check-decl.ts finishFunctions). */
  readonly finished: { sym: FunctionSym; ctx: FunctionContext; def: import("../parse/ast.ts").FunctionDef }[] = [];
  /** "struct x" / "union x" tags the program defines somewhere: never looked up in kernel BTF. */
  definedTags = new Set<string>();
  /** Function name → syscall tracepoint ABI for kprobe functions recompiled for a tracepoint. */
  syscallTracepointAbi: Readonly<Record<string, "enter" | "exit">> | undefined;

  constructor(
    readonly sink: DiagnosticSink,
    readonly helpers: Map<string, HelperProto>,
    readonly external: ExternalTypes | undefined,
  ) {
    this.globals = new Scope(undefined);
    this.scope = this.globals;
  }

  newId(): number {
    return this.nextId++;
  }

  error(code: string, span: Span, message: string, notes?: Note[]): void {
    this.sink.error(code, span, message, notes);
  }

  warn(code: string, span: Span, message: string): void {
    this.sink.warning(code, span, message);
  }

  pushScope(): void {
    this.scope = new Scope(this.scope);
  }

  popScope(): void {
    if (this.scope.parent) this.scope = this.scope.parent;
  }

  newLocal(name: string, type: CType, span: Span): LocalSym {
    const sym: LocalSym = { kind: "local", id: this.newId(), name, type, span, addressTaken: false };
    this.fn?.locals.push(sym);
    return sym;
  }
}

/** Levenshtein distance, capped: only used for short identifier suggestions. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** Edit distance where swapping two adjacent characters also costs 1 (typos like u23 → u32). */
function typoDistance(a: string, b: string): number {
  let d = distance(a, b);
  for (let i = 0; i + 1 < a.length; i++) {
    if (a[i] !== a[i + 1]) {
      const swapped = a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2);
      if (swapped === b) d = Math.min(d, 1);
    }
  }
  return d;
}

/** The closest candidate within a small edit distance, for "did you mean" hints. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  // One- and two-letter names are usually deliberate; suggesting another short name is noise.
  if (name.length <= 2) return undefined;
  let bestD = Math.max(1, Math.min(3, Math.floor(name.length / 3) + 1));
  for (const c of candidates) {
    if (c === name || Math.abs(c.length - name.length) > bestD) continue;
    const d = typoDistance(name, c);
    if (d <= bestD && (best === undefined || d < bestD)) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
