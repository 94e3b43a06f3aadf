/**
 * @fileoverview The typed tree sema hands to lowering. Every expression carries its C type, every
 * implicit conversion is an explicit `cast` node, names are resolved to symbols, pointer
 * arithmetic is scaled, and member accesses carry byte offsets. Lowering never re-derives C rules.
 */
import type { Span } from "../diagnostics/index.ts";
import type { HelperProto } from "./helper-table.ts";
import type { CType, MapDecl } from "./types.ts";

export interface LocalSym {
  kind: "local";
  id: number;
  name: string;
  type: CType;
  span: Span;
  /** `&x` was taken (or x is an aggregate): lowering must keep it in memory. */
  addressTaken: boolean;
  /** Index in the parameter list for parameters. */
  paramIndex?: number;
}

/** A global variable, stored in one of the global-data array maps (libbpf's .bss/.data/.rodata). */
export interface GlobalVar {
  kind: "global";
  name: string;
  type: CType;
  section: ".bss" | ".data" | ".rodata";
  offset: number;
  span: Span;
}

export interface FunctionSym {
  kind: "function";
  name: string;
  type: CType & { kind: "func" };
  params: LocalSym[];
  body: TStmt | undefined; // undefined: declared only
  isStatic: boolean;
  section: string | undefined;
  span: Span;
}

export type ArithOp = "add" | "sub" | "mul" | "div" | "mod" | "shl" | "shr" | "and" | "or" | "xor";
export type CmpOp = "eq" | "ne" | "lt" | "gt" | "le" | "ge";

export interface BitfieldInfo {
  bitOffset: number;
  bitWidth: number;
  unitSize: 1 | 2 | 4 | 8;
}

export type AtomicKind = "add" | "or" | "and" | "xor" | "xchg" | "cmpxchg" | "sub";

export type TExpr = { type: CType; span: Span } & (
  | { k: "const"; value: bigint }
  | { k: "local"; sym: LocalSym }
  | { k: "map"; map: MapDecl }
  | { k: "global"; sym: GlobalVar }
  /** A string literal: an rvalue array whose bytes (with NUL) lowering places on the stack. */
  | { k: "string"; bytes: Uint8Array }
  | { k: "deref"; ptr: TExpr }
  | { k: "member"; base: TExpr; offset: number; bitfield?: BitfieldInfo }
  | { k: "addr"; of: TExpr }
  /** Array-to-pointer decay: address of the first element of an array lvalue. */
  | { k: "decay"; of: TExpr }
  /** Scalar conversion to `type` (int↔int, int↔ptr, ptr↔ptr, → _Bool, → void). */
  | { k: "cast"; operand: TExpr }
  /** Both operands already converted to `type` (the common type); `signed` picks div/mod/shr. */
  | { k: "arith"; op: ArithOp; signed: boolean; left: TExpr; right: TExpr }
  /** ptr ± index * scale (index already converted to long). */
  | { k: "ptradd"; ptr: TExpr; index: TExpr; scale: number; negate: boolean }
  /** (a - b) / scale with both pointers (result long). */
  | { k: "ptrdiff"; left: TExpr; right: TExpr; scale: number }
  | { k: "cmp"; op: CmpOp; signed: boolean; left: TExpr; right: TExpr }
  | { k: "logical"; op: "and" | "or"; left: TExpr; right: TExpr }
  | { k: "not"; operand: TExpr }
  | { k: "neg"; operand: TExpr }
  | { k: "bitnot"; operand: TExpr }
  /** target = value (value converted to target's type; records copy). */
  | { k: "assign"; target: TExpr; value: TExpr }
  /**
   * target = (target as opType) OP rhs, converted back; rhs already in opType. For pointers
   * (`p += n`) op is add/sub and `scale` is the element size.
   */
  | { k: "compound"; target: TExpr; op: ArithOp; opType: CType; signed: boolean; rhs: TExpr; scale: number }
  /** ++/-- by `delta` (already scaled for pointers). */
  | { k: "incdec"; target: TExpr; delta: bigint; prefix: boolean }
  | { k: "cond"; cond: TExpr; then: TExpr; else: TExpr }
  | { k: "comma"; left: TExpr; right: TExpr }
  | { k: "call"; fn: FunctionSym; args: TExpr[] }
  | { k: "helper"; helper: HelperProto; args: TExpr[] }
  | { k: "memcpy"; dst: TExpr; src: TExpr; size: number }
  | { k: "memset"; dst: TExpr; byte: number; size: number }
  | { k: "memcmp"; a: TExpr; b: TExpr; size: number }
  | { k: "bswap"; operand: TExpr; bits: 16 | 32 | 64 }
  /** Atomic RMW on *ptr; `fetch` returns the old value, `returnNew` the new one (op_and_fetch). */
  | { k: "atomic"; op: AtomicKind; ptr: TExpr; value: TExpr; expected?: TExpr; fetch: boolean; returnNew: boolean; boolResult: boolean }
  /** A temporary object (compound literal) initialised, then used as an lvalue. */
  | { k: "temp"; sym: LocalSym; init: TInit }
  /** GNU statement expression: value of the last expression statement (or void). */
  | { k: "stmt-expr"; body: TStmt[]; result: TExpr | undefined }
  | { k: "error" }
);

/** An initializer flattened to byte offsets inside the object. */
export interface TInit {
  /** Zero the whole object first (aggregates with any brace initializer, `= {}`). */
  zeroFill: boolean;
  parts: InitPart[];
}

export type InitPart =
  | { kind: "scalar"; offset: number; expr: TExpr; bitfield?: BitfieldInfo }
  | { kind: "copy"; offset: number; expr: TExpr; size: number }
  | { kind: "bytes"; offset: number; bytes: Uint8Array };

export type TStmt =
  | { k: "block"; items: TStmt[]; span: Span }
  | { k: "decl"; sym: LocalSym; init: TInit | undefined; span: Span }
  | { k: "expr"; expr: TExpr; span: Span }
  | { k: "if"; cond: TExpr; then: TStmt; else: TStmt | undefined; span: Span }
  /** while/for: test before; do-while: `postTest`. `step` runs after body and on continue. */
  | { k: "loop"; init: TStmt | undefined; cond: TExpr | undefined; step: TExpr | undefined; body: TStmt; postTest: boolean; unroll: boolean; span: Span }
  | { k: "switch"; cond: TExpr; body: TStmt; cases: { value: bigint; label: number }[]; defaultLabel: number | undefined; span: Span }
  /** A `case`/`default` position inside a switch body. */
  | { k: "case-label"; label: number; span: Span }
  | { k: "break"; span: Span }
  | { k: "continue"; span: Span }
  | { k: "return"; value: TExpr | undefined; span: Span }
  | { k: "goto"; label: string; span: Span }
  | { k: "label"; label: string; span: Span }
  | { k: "empty"; span: Span };

/** Contents of one global-data section: its size and initial bytes. */
export interface GlobalSection {
  name: ".bss" | ".data" | ".rodata";
  bytes: Uint8Array;
}

export interface TypedModule {
  functions: FunctionSym[];
  maps: MapDecl[];
  globalSections: GlobalSection[];
  license: string;
}
