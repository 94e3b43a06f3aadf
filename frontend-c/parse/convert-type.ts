/**
 * @fileoverview CST → AST for types: specifiers (primitive, struct/union/enum, typedef names,
 * typeof), qualifiers, attributes and declarators (turned into a flat list of derivations).
 */
import type { CstNode as SyntaxNode } from "./cst.ts";
import type { Attribute, Derivation, Enumerator, FieldDecl, ParamDecl, Qualifiers, TypeName, TypeSpec } from "./ast.ts";
import { type ConvertContext, kids } from "./convert-context.ts";
import { convertExpr } from "./convert-expr.ts";

export function qualifiersOf(node: SyntaxNode): Qualifiers {
  const q = { const: false, volatile: false };
  for (const c of node.children) {
    if (c.type === "type_qualifier") {
      if (c.text === "const") q.const = true;
      else if (c.text === "volatile") q.volatile = true;
    }
  }
  return q;
}

export function attributesOf(ctx: ConvertContext, node: SyntaxNode): Attribute[] {
  const out: Attribute[] = [];
  for (const c of node.children) {
    if (c.type === "attribute_specifier") out.push(...convertAttributeSpecifier(ctx, c));
  }
  return out;
}

export function convertAttributeSpecifier(ctx: ConvertContext, node: SyntaxNode): Attribute[] {
  const out: Attribute[] = [];
  const list = kids(node).find((k) => k.type === "argument_list");
  if (!list) return out;
  for (const a of kids(list)) {
    if (a.type === "identifier") out.push({ name: normAttr(a.text), args: [], span: ctx.span(a) });
    else if (a.type === "call_expression") {
      const fn = a.childForFieldName("function");
      const args = a.childForFieldName("arguments");
      out.push({
        name: normAttr(fn?.text ?? ""),
        args: args ? kids(args).map((x) => convertExpr(ctx, x)) : [],
        span: ctx.span(a),
      });
    }
  }
  return out;
}

/** `__packed__` and `packed` are the same attribute. */
function normAttr(name: string): string {
  return name.replace(/^__(.*)__$/, "$1");
}

/** Converts the `type` of a declaration-like node plus the node's own qualifiers. */
export function convertBaseType(ctx: ConvertContext, owner: SyntaxNode): TypeName {
  const t = owner.childForFieldName("type");
  const quals = qualifiersOf(owner);
  const span = ctx.span(t ?? owner);
  if (!t) return { base: { kind: "error", span }, quals, derived: [], span };
  const spec = convertTypeSpec(ctx, t);
  if (t.type === "sized_type_specifier") {
    for (const w of t.text.split(/\s+/)) {
      if (w === "const") quals.const = true;
      if (w === "volatile") quals.volatile = true;
    }
  }
  return { base: spec, quals, derived: [], span };
}

export function convertTypeSpec(ctx: ConvertContext, t: SyntaxNode): TypeSpec {
  const span = ctx.span(t);
  switch (t.type) {
    case "primitive_type":
      return { kind: "builtin", words: [t.text], span };
    case "sized_type_specifier":
      return { kind: "builtin", words: t.text.split(/\s+/).filter((w) => w !== "const" && w !== "volatile" && w !== ""), span };
    case "type_identifier":
      return { kind: "typedef-name", name: t.text, span };
    case "struct_specifier":
    case "union_specifier":
      return convertRecord(ctx, t);
    case "enum_specifier":
      return convertEnum(ctx, t);
    case "macro_type_specifier": {
      const name = t.childForFieldName("name")?.text ?? "";
      const desc = t.childForFieldName("type");
      if ((name === "typeof" || name === "__typeof__" || name === "__typeof") && desc) {
        const inner = desc.childForFieldName("type");
        const onlyName = inner?.type === "type_identifier" && !desc.childForFieldName("declarator");
        if (onlyName && !ctx.isTypedef(inner.text)) {
          return { kind: "typeof-expr", expr: { kind: "ident", name: inner.text, span: ctx.span(inner) }, span };
        }
        return { kind: "typeof-type", type: convertTypeDescriptor(ctx, desc), span };
      }
      ctx.error("parse/unknown-type-macro", t, `'${name}(...)' is not a known type; is a macro missing?`);
      return { kind: "error", span };
    }
    default:
      ctx.error("parse/syntax-error", t, `expected a type, found '${t.text.slice(0, 40)}'`);
      return { kind: "error", span };
  }
}

function convertRecord(ctx: ConvertContext, t: SyntaxNode): TypeSpec {
  const nameNode = t.childForFieldName("name");
  const body = t.childForFieldName("body");
  let fields: FieldDecl[] | undefined;
  if (body) {
    fields = [];
    for (const f of kids(body)) {
      if (f.type !== "field_declaration") {
        if (f.type === "ERROR") continue; // already reported by the error walk
        continue;
      }
      const base = convertBaseType(ctx, f);
      const attrs = attributesOf(ctx, f);
      const bit = kids(f).find((k) => k.type === "bitfield_clause");
      const bitWidth = bit ? convertExpr(ctx, kids(bit)[0]!) : undefined;
      const decls = f.childrenForFieldName("declarator");
      if (decls.length === 0) {
        fields.push({ name: undefined, type: base, bitWidth, attrs, span: ctx.span(f) });
        continue;
      }
      for (const d of decls) {
        const { name, derived, attrs: dAttrs } = convertDeclarator(ctx, d);
        const next = d.nextNamedSibling;
        dAttrs.push(...ctx.takeTrailingAttributes(d.endIndex, next ? next.startIndex : f.endIndex));
        fields.push({
          name: d.isMissing ? undefined : name,
          type: { ...base, derived, span: ctx.span(d) },
          bitWidth,
          attrs: [...attrs, ...dAttrs],
          span: ctx.span(d),
        });
      }
    }
  }
  return {
    kind: "record",
    union: t.type === "union_specifier",
    tag: nameNode?.text,
    fields,
    attrs: attributesOf(ctx, t),
    span: ctx.span(t),
  };
}

function convertEnum(ctx: ConvertContext, t: SyntaxNode): TypeSpec {
  const nameNode = t.childForFieldName("name");
  const body = t.childForFieldName("body");
  let enumerators: Enumerator[] | undefined;
  if (body) {
    enumerators = [];
    for (const e of kids(body)) {
      if (e.type !== "enumerator") continue;
      const v = e.childForFieldName("value");
      enumerators.push({
        name: e.childForFieldName("name")?.text ?? "",
        value: v ? convertExpr(ctx, v) : undefined,
        span: ctx.span(e),
      });
    }
  }
  return { kind: "enum", tag: nameNode?.text, enumerators, span: ctx.span(t) };
}

export interface ConvertedDeclarator {
  name: string | undefined;
  nameNode: SyntaxNode | undefined;
  derived: Derivation[];
  attrs: Attribute[];
}

/** Walks a (possibly abstract) declarator outside-in, collecting derivations in application order. */
export function convertDeclarator(ctx: ConvertContext, node: SyntaxNode | null): ConvertedDeclarator {
  const derived: Derivation[] = [];
  const attrs: Attribute[] = [];
  let cur: SyntaxNode | null = node;
  while (cur) {
    switch (cur.type) {
      case "identifier":
      case "field_identifier":
      case "type_identifier":
      case "primitive_type":
        return { name: cur.text, nameNode: cur, derived, attrs };
      case "pointer_declarator":
      case "abstract_pointer_declarator":
        derived.push({ kind: "pointer", quals: qualifiersOf(cur) });
        cur = cur.childForFieldName("declarator");
        break;
      case "array_declarator":
      case "abstract_array_declarator": {
        const size = cur.childForFieldName("size");
        derived.push({
          kind: "array",
          size: size && size.type !== "*" ? convertExpr(ctx, size) : undefined,
          span: ctx.span(cur),
        });
        cur = cur.childForFieldName("declarator");
        break;
      }
      case "function_declarator":
      case "abstract_function_declarator": {
        const { params, variadic } = convertParams(ctx, cur.childForFieldName("parameters"));
        derived.push({ kind: "function", params, variadic, span: ctx.span(cur) });
        attrs.push(...attributesOf(ctx, cur));
        cur = cur.childForFieldName("declarator");
        break;
      }
      case "parenthesized_declarator":
      case "abstract_parenthesized_declarator":
      case "attributed_declarator":
        cur = kids(cur).find((k) => k.type !== "attribute_declaration" && k.type !== "ms_call_modifier") ?? null;
        break;
      default:
        ctx.error("parse/syntax-error", cur, `unsupported declarator '${cur.text.slice(0, 40)}'`);
        return { name: undefined, nameNode: undefined, derived, attrs };
    }
  }
  return { name: undefined, nameNode: undefined, derived, attrs };
}

export function convertParams(
  ctx: ConvertContext,
  list: SyntaxNode | null,
): { params: ParamDecl[]; variadic: boolean } {
  const params: ParamDecl[] = [];
  let variadic = false;
  if (!list) return { params, variadic };
  for (const p of kids(list)) {
    if (p.type === "variadic_parameter") {
      variadic = true;
      continue;
    }
    if (p.type !== "parameter_declaration") continue;
    const base = convertBaseType(ctx, p);
    const d = convertDeclarator(ctx, p.childForFieldName("declarator"));
    params.push({ name: d.name, type: { ...base, derived: d.derived, span: ctx.span(p) }, span: ctx.span(p) });
  }
  // `(void)` means no parameters.
  if (params.length === 1) {
    const only = params[0]!;
    if (only.name === undefined && only.type.derived.length === 0 && only.type.base.kind === "builtin" &&
        only.type.base.words.join(" ") === "void") {
      params.length = 0;
    }
  }
  return { params, variadic };
}

export function convertTypeDescriptor(ctx: ConvertContext, node: SyntaxNode): TypeName {
  // `(typeof(x))v`: tree-sitter reads `typeof(x)` in a cast as a type named "typeof" with an
  // abstract function declarator taking x. Read it as typeof of the expression x.
  const tyNode = node.childForFieldName("type");
  const declNode = node.childForFieldName("declarator");
  if (tyNode?.type === "type_identifier" && /^(typeof|__typeof__|__typeof)$/.test(tyNode.text) && declNode?.type === "abstract_function_declarator" && !declNode.childForFieldName("declarator")) {
    const params = kids(declNode.childForFieldName("parameters")!);
    const only = params.length === 1 ? params[0]! : undefined;
    if (only && /^[A-Za-z_]\w*$/.test(only.text.trim())) {
      const span = ctx.span(node);
      return { base: { kind: "typeof-expr", expr: { kind: "ident", name: only.text.trim(), span: ctx.span(only) }, span }, quals: { const: false, volatile: false }, derived: [], span };
    }
  }
  const base = convertBaseType(ctx, node);
  const d = convertDeclarator(ctx, node.childForFieldName("declarator"));
  return { ...base, derived: d.derived, span: ctx.span(node) };
}
