/**
 * @fileoverview The compiler's own syntax tree. parse/ converts tree-sitter's CST into these plain
 * objects once; every later pass works on this tree only, so the grammar can change (or be replaced)
 * without touching sema or lowering. Spans are already in user coordinates (1-based line:col of the
 * original file, through the preprocessor's source map).
 */
import type { Span } from "../diagnostics/index.ts";

// ---- types as written -------------------------------------------------------------------------

export interface Attribute {
  name: string; // "packed", "aligned", "section", "always_inline", ...
  args: Expr[];
  span: Span;
}

export interface FieldDecl {
  name: string | undefined; // undefined: anonymous struct/union member or unnamed bitfield
  type: TypeName;
  bitWidth: Expr | undefined;
  attrs: Attribute[];
  span: Span;
}

export interface Enumerator {
  name: string;
  value: Expr | undefined;
  span: Span;
}

export type TypeSpec =
  /** Primitive keywords in source order: ["unsigned", "long", "long"], ["_Bool"], ["void"]. */
  | { kind: "builtin"; words: string[]; span: Span }
  | { kind: "typedef-name"; name: string; span: Span }
  | {
      kind: "record";
      union: boolean;
      tag: string | undefined;
      fields: FieldDecl[] | undefined; // undefined: a reference (`struct foo`), not a definition
      attrs: Attribute[];
      span: Span;
    }
  | { kind: "enum"; tag: string | undefined; enumerators: Enumerator[] | undefined; span: Span }
  | { kind: "typeof-expr"; expr: Expr; span: Span }
  | { kind: "typeof-type"; type: TypeName; span: Span }
  | { kind: "error"; span: Span };

export interface Qualifiers {
  const: boolean;
  volatile: boolean;
}

/** One derivation step, applied to the base type in array order (`int *a[3]`: pointer, then array). */
export type Derivation =
  | { kind: "pointer"; quals: Qualifiers }
  | { kind: "array"; size: Expr | undefined; span: Span }
  | { kind: "function"; params: ParamDecl[]; variadic: boolean; span: Span };

export interface TypeName {
  base: TypeSpec;
  quals: Qualifiers;
  derived: Derivation[];
  span: Span;
}

export interface ParamDecl {
  name: string | undefined;
  type: TypeName;
  span: Span;
}

// ---- expressions ------------------------------------------------------------------------------

export type BinaryOp =
  | "+" | "-" | "*" | "/" | "%" | "<<" | ">>" | "&" | "|" | "^"
  | "==" | "!=" | "<" | ">" | "<=" | ">=" | "&&" | "||";

export type AssignOp = "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "<<=" | ">>=" | "&=" | "|=" | "^=";

export type UnaryOp = "-" | "+" | "!" | "~" | "*" | "&";

export type Expr =
  | { kind: "int"; value: bigint; unsigned: boolean; longs: number; decimal: boolean; span: Span }
  | { kind: "char"; value: bigint; span: Span }
  /** Bytes without the terminating NUL (sema adds it). */
  | { kind: "string"; bytes: Uint8Array; span: Span }
  | { kind: "ident"; name: string; span: Span }
  | { kind: "binary"; op: BinaryOp; left: Expr; right: Expr; opSpan: Span; span: Span }
  | { kind: "assign"; op: AssignOp; target: Expr; value: Expr; opSpan: Span; span: Span }
  | { kind: "unary"; op: UnaryOp; operand: Expr; span: Span }
  | { kind: "update"; op: "++" | "--"; prefix: boolean; operand: Expr; span: Span }
  | { kind: "cond"; cond: Expr; then: Expr; else: Expr; span: Span }
  | { kind: "comma"; left: Expr; right: Expr; span: Span }
  | { kind: "call"; callee: Expr; args: Expr[]; span: Span }
  | { kind: "member"; object: Expr; name: string; arrow: boolean; nameSpan: Span; span: Span }
  | { kind: "index"; base: Expr; index: Expr; span: Span }
  | { kind: "cast"; type: TypeName; operand: Expr; span: Span }
  | { kind: "sizeof-type"; type: TypeName; span: Span }
  | { kind: "sizeof-expr"; operand: Expr; span: Span }
  | { kind: "alignof"; type: TypeName; span: Span }
  | { kind: "offsetof"; type: TypeName; path: OffsetofStep[]; span: Span }
  | { kind: "compound-literal"; type: TypeName; init: InitList; span: Span }
  | { kind: "stmt-expr"; body: Stmt & { kind: "block" }; span: Span }
  /** Placeholder for a subtree the parser could not understand (already diagnosed). */
  | { kind: "error"; span: Span };

export type OffsetofStep = { kind: "field"; name: string; span: Span } | { kind: "index"; index: Expr; span: Span };

export interface Designator {
  kind: "field" | "index";
  name?: string;
  index?: Expr;
  span: Span;
}

export interface InitItem {
  designators: Designator[];
  value: Initializer;
  span: Span;
}

export interface InitList {
  kind: "init-list";
  items: InitItem[];
  span: Span;
}

export type Initializer = Expr | InitList;

// ---- statements -------------------------------------------------------------------------------

export interface VarDeclarator {
  name: string;
  type: TypeName; // base + this declarator's derivations
  init: Initializer | undefined;
  attrs: Attribute[];
  nameSpan: Span;
  span: Span;
}

export type StorageClass = "static" | "extern" | "typedef" | "register" | "auto" | "inline";

export interface Declaration {
  kind: "decl";
  storage: StorageClass[];
  /** The type specifier alone, so `struct s {..};` with no declarators still defines the tag. */
  base: TypeName;
  declarators: VarDeclarator[];
  attrs: Attribute[];
  span: Span;
}

export type Stmt =
  | { kind: "block"; items: Stmt[]; span: Span }
  | Declaration
  | { kind: "expr"; expr: Expr; span: Span }
  | { kind: "empty"; span: Span }
  | { kind: "if"; cond: Expr; then: Stmt; else: Stmt | undefined; span: Span }
  | { kind: "while"; cond: Expr; body: Stmt; unroll: boolean; span: Span }
  | { kind: "do"; body: Stmt; cond: Expr; unroll: boolean; span: Span }
  | {
      kind: "for";
      init: Declaration | Expr | undefined;
      cond: Expr | undefined;
      step: Expr | undefined;
      body: Stmt;
      unroll: boolean;
      span: Span;
    }
  | { kind: "switch"; cond: Expr; body: Stmt; span: Span }
  /** `high` for GNU case ranges (`case 'a' ... 'z':`). */
  | { kind: "case"; value: Expr; high?: Expr; body: Stmt | undefined; span: Span }
  | { kind: "default"; body: Stmt | undefined; span: Span }
  | { kind: "break"; span: Span }
  | { kind: "continue"; span: Span }
  | { kind: "return"; value: Expr | undefined; span: Span }
  | { kind: "goto"; label: string; span: Span }
  | { kind: "label"; label: string; body: Stmt | undefined; span: Span };

// ---- top level --------------------------------------------------------------------------------

export interface FunctionDef {
  kind: "function";
  name: string;
  storage: StorageClass[];
  /** Full function type (base + derivations ending in a "function" derivation). */
  type: TypeName;
  params: ParamDecl[];
  body: Stmt & { kind: "block" };
  attrs: Attribute[];
  nameSpan: Span;
  span: Span;
}

/**
 * A BCC-style map declaration written as a macro call at top level: `BPF_HASH(name, key, value, n)`.
 * Arguments are kept as type names / expressions so the dialect layer can interpret them.
 */
export interface MapMacroDecl {
  kind: "map-macro";
  macro: string;
  name: string;
  typeArgs: TypeName[];
  sizeArg: Expr | undefined;
  /** BPF_TABLE("kind", ...): the kind string (arguments are already reordered to name, key, leaf, size). */
  tableType?: string;
  /** BPF_F_TABLE's map_flags argument. */
  flagsArg?: Expr;
  span: Span;
}

export type TopLevel = FunctionDef | Declaration | MapMacroDecl;

export interface TranslationUnit {
  items: TopLevel[];
  /** Line numbers (user coordinates) preceded by `#pragma unroll` / `#pragma clang loop unroll`. */
  file: string;
}

export const NO_QUALS: Qualifiers = Object.freeze({ const: false, volatile: false });
