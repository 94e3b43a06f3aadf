/**
 * @fileoverview CST → AST for expressions, including the typedef-driven repairs tree-sitter cannot
 * do itself: `(T)*p`, `(T)-x`, `(T)(x)` are casts when T names a type; `sizeof(x)` is an expression
 * when x is not a type name.
 */
import type { CstNode as SyntaxNode } from "./cst.ts";
import type { Span } from "../diagnostics/index.ts";
import type { AssignOp, BinaryOp, Designator, Expr, InitItem, InitList, Initializer, OffsetofStep, TypeName, UnaryOp } from "./ast.ts";
import { type ConvertContext, kids } from "./convert-context.ts";
import { convertBlock } from "./convert-stmt.ts";
import { convertTypeDescriptor } from "./convert-type.ts";
import { decodeEscapes, parseCharLiteral, parseIntLiteral } from "./literals.ts";

function opText(node: SyntaxNode): { text: string; node: SyntaxNode } {
  const op = node.childForFieldName("operator");
  return op ? { text: op.type, node: op } : { text: "", node };
}

/** A lone identifier that names a type, wrapped in any parentheses: `(T)` in `(T)*p`. */
function typedefInParens(ctx: ConvertContext, node: SyntaxNode): SyntaxNode | undefined {
  if (node.type !== "parenthesized_expression") return undefined;
  const inner = kids(node);
  if (inner.length !== 1) return undefined;
  const id = inner[0]!;
  return id.type === "identifier" && ctx.isTypedef(id.text) ? id : undefined;
}

function typeFromName(ctx: ConvertContext, id: SyntaxNode): TypeName {
  const span = ctx.span(id);
  return { base: { kind: "typedef-name", name: id.text, span }, quals: { const: false, volatile: false }, derived: [], span };
}

/**
 * Converts a required operand; a tree with an operand missing (tree-sitter recovers some broken
 * inputs that way, and GNU `a ?: b` has no middle operand) gets a diagnostic, not a crash.
 */
function convertField(ctx: ConvertContext, node: SyntaxNode, field: string): Expr {
  const child = node.childForFieldName(field);
  if (child) return convertExpr(ctx, child);
  if (node.type === "conditional_expression" && field === "consequence") {
    ctx.error("parse/unsupported", node, "the GNU '?:' extension with an omitted middle operand is not supported");
  } else {
    ctx.error("parse/syntax-error", node, `syntax error: missing ${field} operand`);
  }
  return { kind: "error", span: ctx.span(node) };
}

export function convertExpr(ctx: ConvertContext, node: SyntaxNode): Expr {
  const span = ctx.span(node);
  switch (node.type) {
    case "number_literal": {
      if (node.text.startsWith("-") || node.text.startsWith("+")) {
        // tree-sitter-c folds a leading sign into the literal token; C has no negative literals.
        const lit = parseIntLiteral(node.text.slice(1));
        const inner: Expr = {
          kind: "int", value: lit.value, unsigned: lit.unsigned, longs: lit.longs, decimal: !/^[-+]0[xXbB0-7]/.test(node.text) || /^[-+]0$/.test(node.text),
          span: { ...span, col: span.col + 1 },
        };
        if (lit.error) ctx.error(lit.error === "float" ? "parse/float-unsupported" : "parse/bad-literal", node, lit.error === "float" ? "floating-point is not available in BPF programs" : `invalid integer constant '${node.text}'`);
        return node.text.startsWith("-") ? { kind: "unary", op: "-", operand: inner, span } : inner;
      }
      const lit = parseIntLiteral(node.text);
      if (lit.error === "float") {
        ctx.error("parse/float-unsupported", node, "floating-point is not available in BPF programs");
      } else if (lit.error === "bad") {
        ctx.error("parse/bad-literal", node, `invalid integer constant '${node.text}'`);
      }
      return { kind: "int", value: lit.value, unsigned: lit.unsigned, longs: lit.longs, decimal: !/^0[xXbB0-7]/.test(node.text) || node.text === "0", span };
    }
    case "char_literal":
      return { kind: "char", value: parseCharLiteral(node.text), span };
    case "true":
      return { kind: "int", value: 1n, unsigned: false, longs: 0, decimal: true, span };
    case "false":
    case "null":
      return { kind: "int", value: 0n, unsigned: false, longs: 0, decimal: true, span };
    case "string_literal":
      return { kind: "string", bytes: stringBytes(node), span };
    case "concatenated_string": {
      const parts: Uint8Array[] = [];
      for (const k of kids(node)) {
        if (k.type === "string_literal") parts.push(stringBytes(k));
        else ctx.error("parse/unknown-macro", k, `'${k.text}' in a string concatenation is not a string literal`);
      }
      const total = parts.reduce((n, p) => n + p.length, 0);
      const bytes = new Uint8Array(total);
      let off = 0;
      for (const p of parts) {
        bytes.set(p, off);
        off += p.length;
      }
      return { kind: "string", bytes, span };
    }
    case "identifier":
      return { kind: "ident", name: node.text, span };
    case "parenthesized_expression": {
      const inner = kids(node);
      const first = inner[0];
      if (!first) return { kind: "error", span };
      if (first.type === "compound_statement") {
        return { kind: "stmt-expr", body: convertBlock(ctx, first), span };
      }
      return convertExpr(ctx, first);
    }
    case "binary_expression": {
      const left = node.childForFieldName("left")!;
      const right = node.childForFieldName("right")!;
      const op = opText(node);
      const tyId = typedefInParens(ctx, left);
      if (tyId && (op.text === "*" || op.text === "&" || op.text === "-" || op.text === "+")) {
        // `(T)*p` etc.: tree-sitter saw a multiplication; with T a type it is a cast of a unary.
        const operand: Expr = { kind: "unary", op: op.text as UnaryOp, operand: convertExpr(ctx, right), span: ctx.spanBetween(op.node, right) };
        return { kind: "cast", type: typeFromName(ctx, tyId), operand, span };
      }
      return {
        kind: "binary",
        op: op.text as BinaryOp,
        left: convertExpr(ctx, left),
        right: convertExpr(ctx, right),
        opSpan: ctx.span(op.node),
        span,
      };
    }
    case "assignment_expression": {
      const op = opText(node);
      return {
        kind: "assign",
        op: op.text as AssignOp,
        target: convertField(ctx, node, "left"),
        value: convertField(ctx, node, "right"),
        opSpan: ctx.span(op.node),
        span,
      };
    }
    case "unary_expression":
    case "pointer_expression":
      return { kind: "unary", op: opText(node).text as UnaryOp, operand: convertField(ctx, node, "argument"), span };
    case "update_expression": {
      const arg = node.childForFieldName("argument")!;
      const op = opText(node);
      return {
        kind: "update",
        op: op.text as "++" | "--",
        prefix: op.node.startIndex < arg.startIndex,
        operand: convertExpr(ctx, arg),
        span,
      };
    }
    case "conditional_expression":
      return {
        kind: "cond",
        cond: convertField(ctx, node, "condition"),
        then: convertField(ctx, node, "consequence"),
        else: convertField(ctx, node, "alternative"),
        span,
      };
    case "comma_expression":
      return {
        kind: "comma",
        left: convertField(ctx, node, "left"),
        right: convertField(ctx, node, "right"),
        span,
      };
    case "call_expression": {
      const fn = node.childForFieldName("function")!;
      const argList = node.childForFieldName("arguments");
      const argNodes = argList ? kids(argList) : [];
      if (fn.type === "identifier" && fn.text === "__builtin_offsetof") {
        const off = convertBuiltinOffsetof(ctx, argNodes, span);
        if (off) return off;
      }
      const tyId = typedefInParens(ctx, fn);
      if (tyId && argNodes.length === 1) {
        return { kind: "cast", type: typeFromName(ctx, tyId), operand: convertExpr(ctx, argNodes[0]!), span };
      }
      return { kind: "call", callee: convertExpr(ctx, fn), args: argNodes.map((a) => convertExpr(ctx, a)), span };
    }
    case "field_expression": {
      const field = node.childForFieldName("field")!;
      return {
        kind: "member",
        object: convertField(ctx, node, "argument"),
        name: field.text,
        arrow: opText(node).text === "->",
        nameSpan: ctx.span(field),
        span,
      };
    }
    case "subscript_expression":
      return {
        kind: "index",
        base: convertField(ctx, node, "argument"),
        index: convertField(ctx, node, "index"),
        span,
      };
    case "cast_expression": {
      const desc = node.childForFieldName("type")!;
      const value = node.childForFieldName("value")!;
      const lone = loneTypeIdentifier(desc);
      if (lone && !ctx.isTypedef(lone.text) && (value.type === "pointer_expression" || value.type === "unary_expression")) {
        // `(x) - y` with x a variable: tree-sitter guessed a cast.
        const op = opText(value);
        return {
          kind: "binary",
          op: op.text as BinaryOp,
          left: { kind: "ident", name: lone.text, span: ctx.span(lone) },
          right: convertExpr(ctx, value.childForFieldName("argument")!),
          opSpan: ctx.span(op.node),
          span,
        };
      }
      return { kind: "cast", type: convertTypeDescriptor(ctx, desc), operand: convertExpr(ctx, value), span };
    }
    case "sizeof_expression": {
      const desc = node.childForFieldName("type");
      if (desc) {
        const lone = loneTypeIdentifier(desc);
        if (lone && !ctx.isTypedef(lone.text)) {
          return { kind: "sizeof-expr", operand: { kind: "ident", name: lone.text, span: ctx.span(lone) }, span };
        }
        return { kind: "sizeof-type", type: convertTypeDescriptor(ctx, desc), span };
      }
      const value = node.childForFieldName("value")!;
      const tyId = typedefInParens(ctx, value);
      if (tyId) return { kind: "sizeof-type", type: typeFromName(ctx, tyId), span };
      return { kind: "sizeof-expr", operand: convertExpr(ctx, value), span };
    }
    case "alignof_expression":
      return { kind: "alignof", type: convertTypeDescriptor(ctx, node.childForFieldName("type")!), span };
    case "offsetof_expression": {
      const member = node.childForFieldName("member")!;
      return {
        kind: "offsetof",
        type: convertTypeDescriptor(ctx, node.childForFieldName("type")!),
        path: [{ kind: "field", name: member.text, span: ctx.span(member) }],
        span,
      };
    }
    case "compound_literal_expression":
      return {
        kind: "compound-literal",
        type: convertTypeDescriptor(ctx, node.childForFieldName("type")!),
        init: convertInitList(ctx, node.childForFieldName("value")!),
        span,
      };
    case "extension_expression":
      return convertExpr(ctx, kids(node)[0]!);
    case "ERROR":
      return { kind: "error", span };
    default:
      if (node.isMissing) return { kind: "error", span };
      ctx.error("parse/unsupported", node, `unsupported expression '${node.text.slice(0, 40)}' (${node.type})`);
      return { kind: "error", span };
  }
}

function loneTypeIdentifier(desc: SyntaxNode): SyntaxNode | undefined {
  const t = desc.childForFieldName("type");
  if (t?.type !== "type_identifier" || desc.childForFieldName("declarator")) return undefined;
  if (desc.children.some((c) => c.type === "type_qualifier")) return undefined;
  return t;
}

function stringBytes(node: SyntaxNode): Uint8Array {
  const text = node.text;
  const body = text.replace(/^(u8|[LuU])?"/, "").replace(/"$/, "");
  return decodeEscapes(body);
}

export function convertInitializer(ctx: ConvertContext, node: SyntaxNode): Initializer {
  return node.type === "initializer_list" ? convertInitList(ctx, node) : convertExpr(ctx, node);
}

export function convertInitList(ctx: ConvertContext, node: SyntaxNode): InitList {
  const items: InitItem[] = [];
  for (const k of kids(node)) {
    if (k.type === "initializer_pair") {
      const designators: Designator[] = [];
      for (const d of k.childrenForFieldName("designator")) {
        if (d.type === "field_designator") {
          designators.push({ kind: "field", name: kids(d)[0]?.text ?? "", span: ctx.span(d) });
        } else if (d.type === "field_identifier") {
          designators.push({ kind: "field", name: d.text, span: ctx.span(d) }); // old GNU `x: 1`
        } else if (d.type === "subscript_designator") {
          designators.push({ kind: "index", index: convertExpr(ctx, kids(d)[0]!), span: ctx.span(d) });
        } else {
          ctx.error("parse/unsupported", d, "range designators are not supported");
        }
      }
      const v = k.childForFieldName("value")!;
      items.push({ designators, value: convertInitializer(ctx, v), span: ctx.span(k) });
    } else {
      items.push({ designators: [], value: convertInitializer(ctx, k), span: ctx.span(k) });
    }
  }
  return { kind: "init-list", items, span: ctx.span(node) };
}

/**
 * `__builtin_offsetof(struct s, a.b[2])` parses as a call whose first argument is the identifier
 * `struct` followed by an ERROR holding the tag (or a typedef name), and whose second is an
 * ordinary member/subscript expression: read the type and the member path from those.
 */
function convertBuiltinOffsetof(ctx: ConvertContext, args: readonly SyntaxNode[], span: Span): Expr | undefined {
  let type: TypeName | undefined;
  let rest: SyntaxNode[];
  const a0 = args[0];
  const a1 = args[1];
  if (a0?.type === "identifier" && /^(struct|union)$/.test(a0.text) && a1?.type === "ERROR" && kids(a1).length === 1) {
    const tag = kids(a1)[0]!;
    const s = ctx.spanBetween(a0, a1);
    type = {
      base: { kind: "record", union: a0.text === "union", tag: tag.text, fields: undefined, attrs: [], span: s },
      quals: { const: false, volatile: false }, derived: [], span: s,
    };
    rest = args.slice(2);
  } else if (a0?.type === "identifier") {
    type = typeFromName(ctx, a0);
    rest = args.slice(1);
  } else return undefined;
  if (rest.length !== 1) return undefined;
  const path: OffsetofStep[] = [];
  const walk = (n: SyntaxNode): boolean => {
    if (n.type === "identifier" || n.type === "field_identifier") {
      path.push({ kind: "field", name: n.text, span: ctx.span(n) });
      return true;
    }
    if (n.type === "field_expression" && n.childForFieldName("operator")?.type === ".") {
      if (!walk(n.childForFieldName("argument")!)) return false;
      const f = n.childForFieldName("field")!;
      path.push({ kind: "field", name: f.text, span: ctx.span(f) });
      return true;
    }
    if (n.type === "subscript_expression") {
      if (!walk(n.childForFieldName("argument")!)) return false;
      const idx = n.childForFieldName("index")!;
      path.push({ kind: "index", index: convertExpr(ctx, idx), span: ctx.span(idx) });
      return true;
    }
    return false;
  };
  if (!walk(rest[0]!)) {
    ctx.error("parse/bad-offsetof", rest[0]!, "offsetof needs a member designator like 'a.b[2]'");
    return { kind: "error", span };
  }
  return { kind: "offsetof", type, path, span };
}
