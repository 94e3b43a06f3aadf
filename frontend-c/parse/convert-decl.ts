/**
 * @fileoverview CST → AST for declarations (variables, typedefs, tag definitions), function
 * definitions and the top level, including `BPF_XXX(name, ...)` map macros written as calls.
 */
import type { Span } from "../diagnostics/index.ts";
import type { CstNode as SyntaxNode } from "./cst.ts";
import type { Declaration, Expr, FunctionDef, MapMacroDecl, StorageClass, TopLevel, TypeName, TypeSpec } from "./ast.ts";
import { type ConvertContext, kids } from "./convert-context.ts";
import { convertExpr, convertInitializer } from "./convert-expr.ts";
import { convertBlock, isUnrollPragma } from "./convert-stmt.ts";
import { attributesOf, convertBaseType, convertDeclarator, convertTypeSpec } from "./convert-type.ts";

function storageOf(node: SyntaxNode): StorageClass[] {
  const out: StorageClass[] = [];
  for (const c of node.children) {
    if (c.type === "storage_class_specifier") {
      const t = c.text.replace(/^__(.*)__$/, "$1").replace(/^__inline$/, "inline");
      if (t === "static" || t === "extern" || t === "register" || t === "auto" || t === "inline") out.push(t);
    }
  }
  return out;
}

export function convertDeclaration(ctx: ConvertContext, node: SyntaxNode): Declaration {
  const isTypedef = node.type === "type_definition";
  const storage = storageOf(node);
  if (isTypedef) storage.push("typedef");
  const base = convertBaseType(ctx, node);
  const attrs = attributesOf(ctx, node);
  // `struct s {...} __attribute__((packed)) x;` can hang the attribute on the declaration.
  if (base.base.kind === "record" && base.base.fields) {
    const layoutAttrs = attrs.filter((a) => a.name === "packed" || a.name === "aligned");
    if (layoutAttrs.length > 0) base.base = { ...base.base, attrs: [...base.base.attrs, ...layoutAttrs] };
  }
  const declarators: Declaration["declarators"] = [];
  for (const d of node.childrenForFieldName("declarator")) {
    let declNode: SyntaxNode = d;
    let initNode: SyntaxNode | null = null;
    if (d.type === "init_declarator") {
      declNode = d.childForFieldName("declarator")!;
      initNode = d.childForFieldName("value");
    }
    const cd = convertDeclarator(ctx, declNode);
    if (cd.name === undefined || cd.nameNode === undefined) continue;
    if (isTypedef) ctx.addTypedef(cd.name);
    else ctx.shadowTypedef(cd.name);
    const type: TypeName = { ...base, derived: cd.derived, span: ctx.span(declNode) };
    // Attributes written after the declarator (blanked before parsing): up to the initializer/next.
    const next = initNode ?? d.nextNamedSibling;
    const trailing = ctx.takeTrailingAttributes(declNode.endIndex, next ? next.startIndex : node.endIndex);
    declarators.push({
      name: cd.name,
      type,
      init: initNode ? convertInitializer(ctx, initNode) : undefined,
      attrs: [...cd.attrs, ...attributesOf(ctx, d), ...trailing],
      nameSpan: ctx.span(cd.nameNode),
      span: ctx.span(d),
    });
  }
  return { kind: "decl", storage, base, declarators, attrs, span: ctx.span(node) };
}

function convertFunction(ctx: ConvertContext, node: SyntaxNode): FunctionDef | undefined {
  const base = convertBaseType(ctx, node);
  const declNode = node.childForFieldName("declarator");
  const cd = convertDeclarator(ctx, declNode);
  // The innermost-applied derivation must be the function itself: `int *f(void)` derives
  // [function, pointer] in application order reversed, so look for the last "function" step.
  const fnStep = [...cd.derived].reverse().find((d) => d.kind === "function");
  if (!cd.name || !cd.nameNode || !fnStep || fnStep.kind !== "function") {
    ctx.error("parse/syntax-error", declNode ?? node, "malformed function definition");
    return undefined;
  }
  ctx.pushScope();
  for (const p of fnStep.params) if (p.name) ctx.shadowTypedef(p.name);
  const bodyNode = node.childForFieldName("body");
  const body = bodyNode ? convertBlock(ctx, bodyNode) : { kind: "block" as const, items: [], span: ctx.span(node) };
  ctx.popScope();
  return {
    kind: "function",
    name: cd.name,
    storage: storageOf(node),
    type: { ...base, derived: cd.derived, span: ctx.span(node) },
    params: fnStep.params,
    body,
    attrs: [...attributesOf(ctx, node), ...cd.attrs],
    nameSpan: ctx.span(cd.nameNode),
    span: ctx.span(node),
  };
}

/** `BPF_HASH(counts, u32, u64, 1024);` at top level parses as a call expression statement. */
function convertMapMacro(ctx: ConvertContext, node: SyntaxNode): MapMacroDecl | undefined {
  const call = kids(node)[0];
  if (call?.type !== "call_expression") return undefined;
  const fn = call.childForFieldName("function");
  if (fn?.type !== "identifier" || !/^BPF_[A-Z0-9_]+$/.test(fn.text)) return undefined;
  const list = call.childForFieldName("arguments")!;
  // tree-sitter cannot parse type names as call arguments (`unsigned long`, `struct k *` become
  // identifiers and ERROR nodes), so split the argument text at top-level commas and read each
  // piece ourselves; a piece that is not a type is parsed as an expression from its node.
  const pieces = splitArgs(list.text.slice(1, -1));
  const span = ctx.span(call);
  const argNodes = kids(list);
  let names = pieces;
  let tableType: string | undefined;
  let flagsPiece: string | undefined;
  // BPF_TABLE("lru_hash", key, leaf, name, size) and its F_/PUBLIC/SHARED/PINNED variants: the map
  // kind comes first as a string and the name fourth; normalise to BPF_HASH's argument order.
  if (/^BPF_(F_)?TABLE(_PUBLIC|_SHARED|_PINNED)?$/.test(fn.text) && pieces.length >= 5 && pieces[0]!.startsWith("\"")) {
    tableType = pieces[0]!.replace(/^"|"$/g, "");
    if (fn.text === "BPF_F_TABLE" || (fn.text === "BPF_TABLE_SHARED" && pieces.length >= 6)) flagsPiece = pieces[5];
    names = [pieces[3]!, pieces[1]!, pieces[2]!, pieces[4]!];
  }
  const first = names[0];
  if (first === undefined || !/^[A-Za-z_]\w*$/.test(first)) {
    ctx.error("parse/bad-map-decl", call, `${fn.text}(...) needs the map name as its first argument`);
    return undefined;
  }
  const typeArgs: TypeName[] = [];
  let sizeArg: Expr | undefined;
  let flagsArg = flagsPiece !== undefined ? exprFromPiece(ctx, argNodes, flagsPiece, span, call) : undefined;
  for (const piece of names.slice(1)) {
    const t = sizeArg === undefined ? typeFromText(piece, span) : undefined;
    if (t) {
      typeArgs.push(t);
      continue;
    }
    // The first non-type argument is the size; a second one the flags (BPF_QUEUE(q, u32, 8, flags)).
    if (sizeArg === undefined) sizeArg = exprFromPiece(ctx, argNodes, piece, span, call);
    else flagsArg ??= exprFromPiece(ctx, argNodes, piece, span, call);
  }
  return { kind: "map-macro", macro: fn.text, name: first, typeArgs, sizeArg, ...(tableType !== undefined ? { tableType } : {}), ...(flagsArg ? { flagsArg } : {}), span: ctx.span(node) };
}

function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  let quote = false;
  for (const ch of text) {
    if (ch === '"') quote = !quote;
    if (!quote && (ch === "(" || ch === "[" || ch === "{")) depth++;
    if (!quote && (ch === ")" || ch === "]" || ch === "}")) depth--;
    if (!quote && depth === 0 && ch === ",") {
      out.push(cur.trim());
      cur = "";
      continue;
    }
    cur += ch;
  }
  if (cur.trim() !== "") out.push(cur.trim());
  return out;
}

const TYPE_KEYWORDS = new Set(["void", "char", "short", "int", "long", "unsigned", "signed", "_Bool", "float", "double", "__int128"]);
const NO_QUALS = { const: false, volatile: false };

/**
 * A map macro's type argument: keywords (`unsigned long`), a typedef name, or `struct|union|enum
 * tag`, then `*`s. Anything else (a number, an expression) is not a type: undefined.
 */
function typeFromText(text: string, span: Span): TypeName | undefined {
  const m = /^((?:const\s+|volatile\s+)*)([A-Za-z_][\w\s]*?)\s*((?:\*\s*)*)$/.exec(text);
  if (!m) return undefined;
  const words = m[2]!.split(/\s+/).filter((w) => w !== "" && w !== "const" && w !== "volatile");
  const derived: TypeName["derived"] = [...m[3]!.replace(/\s/g, "")].map(() => ({ kind: "pointer" as const, quals: NO_QUALS }));
  let base: TypeSpec;
  if (words.length === 2 && /^(struct|union|enum)$/.test(words[0]!)) {
    base = words[0] === "enum"
      ? { kind: "enum", tag: words[1]!, enumerators: undefined, span }
      : { kind: "record", union: words[0] === "union", tag: words[1]!, fields: undefined, attrs: [], span };
  } else if (words.length > 0 && words.every((w) => TYPE_KEYWORDS.has(w))) {
    base = { kind: "builtin", words, span };
  } else if (words.length === 1 && !/^[A-Z_][A-Z0-9_]*$/.test(words[0]!)) {
    // ALL_CAPS identifiers are constants (sizes), not typedef names, in every BCC program we know.
    base = { kind: "typedef-name", name: words[0]!, span };
  } else {
    return undefined;
  }
  return { base, quals: NO_QUALS, derived, span };
}

/** The expression node whose text is `piece` (sizes and flags are ordinary expressions). */
function exprFromPiece(ctx: ConvertContext, argNodes: readonly SyntaxNode[], piece: string, span: Span, call: SyntaxNode): Expr {
  const node = argNodes.find((n) => n.text.trim() === piece);
  if (node && node.type !== "ERROR") return convertExpr(ctx, node);
  if (/^\d+$/.test(piece)) return { kind: "int", value: BigInt(piece), unsigned: false, longs: 0, decimal: true, span };
  if (/^[A-Za-z_]\w*$/.test(piece)) return { kind: "ident", name: piece, span };
  ctx.error("parse/bad-map-decl", call, `cannot read map macro argument '${piece}'`);
  return { kind: "int", value: 0n, unsigned: false, longs: 0, decimal: true, span };
}

export function convertTopLevel(ctx: ConvertContext, root: SyntaxNode): TopLevel[] {
  const out: TopLevel[] = [];
  for (const k of kids(root)) {
    switch (k.type) {
      case "function_definition": {
        const f = convertFunction(ctx, k);
        if (f) out.push(f);
        break;
      }
      case "declaration":
      case "type_definition":
        out.push(convertDeclaration(ctx, k));
        break;
      case "expression_statement": {
        // `int f(void *ctx) { ... };`: an empty declaration after a function (GNU C accepts it, and
        // BCC programs often have one).
        if (k.text.trim() === ";") break;
        const m = convertMapMacro(ctx, k);
        if (m) out.push(m);
        else if (!k.hasError) ctx.error("parse/unexpected-top-level", k, "expected a declaration or function definition");
        break;
      }
      case "struct_specifier":
      case "union_specifier":
      case "enum_specifier": {
        // `struct s {...};` can surface as a bare specifier at top level.
        const span = ctx.span(k);
        out.push({
          kind: "decl", storage: [], declarators: [], attrs: [], span,
          base: { base: convertTypeSpec(ctx, k), quals: { const: false, volatile: false }, derived: [], span },
        });
        break;
      }
      case "ERROR":
      case "preproc_def":
      case "preproc_function_def":
      case "preproc_include":
      case "preproc_if":
      case "preproc_ifdef":
        break;
      case "preproc_call":
        if (isUnrollPragma(k)) break;
        break;
      default:
        if (!k.hasError) ctx.error("parse/unexpected-top-level", k, `unexpected ${k.type.replace(/_/g, " ")} at top level`);
    }
  }
  return out;
}
