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

/**
 * Levenshtein distance if it is at most `max`, else `max + 1`. Only cells within `max` of the
 * diagonal can stay within the bound, so the cost is O(length × max) even for identifiers
 * thousands of characters long.
 */
function distance(a: string, b: string, max: number): number {
  const over = max + 1;
  if (Math.abs(a.length - b.length) > max) return over;
  // Row i keeps only columns j = i - max .. i + max, at index j - i + max.
  const width = 2 * max + 1;
  let prev = new Array<number>(width);
  for (let k = 0; k < width; k++) {
    const j = k - max;
    prev[k] = j >= 0 && j <= b.length ? j : over;
  }
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(width).fill(over);
    let rowMin = over;
    for (let k = 0; k < width; k++) {
      const j = i + k - max;
      if (j < 0 || j > b.length) continue;
      let v: number;
      if (j === 0) v = i;
      else {
        const del = k + 1 < width ? prev[k + 1]! + 1 : over;
        const ins = k > 0 ? cur[k - 1]! + 1 : over;
        const sub = prev[k]! + (a[i - 1] === b[j - 1] ? 0 : 1);
        v = Math.min(del, ins, sub);
      }
      cur[k] = Math.min(v, over);
      rowMin = Math.min(rowMin, cur[k]!);
    }
    if (rowMin > max) return over;
    prev = cur;
  }
  return prev[b.length - a.length + max]!;
}

/** Edit distance (at most `max`, else `max + 1`) where swapping two adjacent characters also costs 1 (typos like u23 → u32). */
function typoDistance(a: string, b: string, max: number): number {
  if (a.length === b.length) {
    // One transposition: the strings differ exactly at positions i and i+1, swapped.
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)) return Math.min(1, max + 1);
  }
  return distance(a, b, max);
}

/** The closest candidate within a small edit distance, for "did you mean" hints. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  // One- and two-letter names are usually deliberate; suggesting another short name is noise.
  if (name.length <= 2) return undefined;
  let bestD = Math.max(1, Math.min(3, Math.floor(name.length / 3) + 1));
  for (const c of candidates) {
    if (c === name || Math.abs(c.length - name.length) > bestD) continue;
    const d = typoDistance(name, c, bestD);
    if (d <= bestD && (best === undefined || d < bestD)) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
