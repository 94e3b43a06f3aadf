/**
 * @fileoverview CST → AST for declarations (variables, typedefs, tag definitions), function
 * definitions and the top level, including `BPF_XXX(name, ...)` map macros written as calls.
 */
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
  const args = kids(call.childForFieldName("arguments")!);
  const first = args[0];
  if (first?.type !== "identifier") {
    ctx.error("parse/bad-map-decl", call, `${fn.text}(...) needs the map name as its first argument`);
    return undefined;
  }
  const typeArgs: TypeName[] = [];
  let sizeArg: Expr | undefined;
  const rest = args.slice(1);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const next = rest[i + 1];
    if (a.type === "identifier" && /^(struct|union|enum)$/.test(a.text) && next?.type === "ERROR") {
      const tagNode = kids(next)[0]!;
      const span = ctx.spanBetween(a, next);
      const base: TypeSpec = a.text === "enum"
        ? { kind: "enum", tag: tagNode.text, enumerators: undefined, span }
        : { kind: "record", union: a.text === "union", tag: tagNode.text, fields: undefined, attrs: [], span };
      typeArgs.push({ base, quals: { const: false, volatile: false }, derived: [], span });
      i++;
      continue;
    }
    if (a.type === "identifier" || a.type === "primitive_type") {
      const span = ctx.span(a);
      typeArgs.push({ base: { kind: "typedef-name", name: a.text, span }, quals: { const: false, volatile: false }, derived: [], span });
    } else {
      sizeArg = convertExpr(ctx, a);
    }
  }
  return { kind: "map-macro", macro: fn.text, name: first.text, typeArgs, sizeArg, span: ctx.span(node) };
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
