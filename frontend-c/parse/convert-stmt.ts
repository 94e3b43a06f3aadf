/**
 * @fileoverview CST → AST for statements and blocks. `#pragma unroll` (left in the text when no
 * preprocessor ran, or re-inserted by it) marks the next loop.
 */
import type { CstNode as SyntaxNode } from "./cst.ts";
import type { Expr, Stmt } from "./ast.ts";
import { type ConvertContext, kids } from "./convert-context.ts";
import { convertDeclaration } from "./convert-decl.ts";
import { convertExpr } from "./convert-expr.ts";

export function isUnrollPragma(node: SyntaxNode): boolean {
  return node.type === "preproc_call" && /^#\s*pragma$/.test(node.childForFieldName("directive")?.text ?? "") &&
    /\bunroll\b/.test(node.childForFieldName("argument")?.text ?? "");
}

export function convertBlock(ctx: ConvertContext, node: SyntaxNode): Stmt & { kind: "block" } {
  ctx.pushScope();
  const items: Stmt[] = [];
  for (const k of kids(node)) {
    if (isUnrollPragma(k)) {
      ctx.pendingUnroll = true;
      continue;
    }
    const s = convertStmtOrDecl(ctx, k);
    if (s) items.push(s);
  }
  ctx.popScope();
  return { kind: "block", items, span: ctx.span(node) };
}

function convertStmtOrDecl(ctx: ConvertContext, node: SyntaxNode): Stmt | undefined {
  switch (node.type) {
    case "declaration":
    case "type_definition":
      return convertDeclaration(ctx, node);
    case "preproc_call":
    case "preproc_def":
    case "preproc_function_def":
    case "preproc_include":
      return undefined; // only meaningful before preprocessing; the preprocessor owns them
    case "ERROR":
      return undefined; // reported by the error walk
    default:
      return convertStmt(ctx, node);
  }
}

function cond(ctx: ConvertContext, node: SyntaxNode | null, owner: SyntaxNode): Expr {
  if (!node) return { kind: "error", span: ctx.span(owner) };
  return convertExpr(ctx, node);
}

function takeUnroll(ctx: ConvertContext, loop: SyntaxNode): boolean {
  const u = ctx.pendingUnroll || ctx.consumeUnroll(loop.startPosition.row);
  ctx.pendingUnroll = false;
  return u;
}

export function convertStmt(ctx: ConvertContext, node: SyntaxNode): Stmt {
  const span = ctx.span(node);
  switch (node.type) {
    case "compound_statement":
      return convertBlock(ctx, node);
    case "expression_statement": {
      const e = kids(node)[0];
      return e ? { kind: "expr", expr: convertExpr(ctx, e), span } : { kind: "empty", span };
    }
    case "if_statement": {
      const alt = node.childForFieldName("alternative");
      const altStmt = alt ? kids(alt)[0] : undefined;
      return {
        kind: "if",
        cond: cond(ctx, node.childForFieldName("condition"), node),
        then: convertSub(ctx, node.childForFieldName("consequence"), node),
        else: altStmt ? convertSub(ctx, altStmt, alt!) : undefined,
        span,
      };
    }
    case "while_statement": {
      const unroll = takeUnroll(ctx, node);
      return {
        kind: "while",
        cond: cond(ctx, node.childForFieldName("condition"), node),
        body: convertSub(ctx, node.childForFieldName("body"), node),
        unroll,
        span,
      };
    }
    case "do_statement": {
      const unroll = takeUnroll(ctx, node);
      return {
        kind: "do",
        body: convertSub(ctx, node.childForFieldName("body"), node),
        cond: cond(ctx, node.childForFieldName("condition"), node),
        unroll,
        span,
      };
    }
    case "for_statement": {
      const unroll = takeUnroll(ctx, node);
      ctx.pushScope();
      const initNode = node.childForFieldName("initializer");
      const init = initNode
        ? initNode.type === "declaration"
          ? convertDeclaration(ctx, initNode)
          : convertExpr(ctx, initNode)
        : undefined;
      const c = node.childForFieldName("condition");
      const step = node.childForFieldName("update");
      const out: Stmt = {
        kind: "for",
        init,
        cond: c ? convertExpr(ctx, c) : undefined,
        step: step ? convertExpr(ctx, step) : undefined,
        body: convertSub(ctx, node.childForFieldName("body"), node),
        unroll,
        span,
      };
      ctx.popScope();
      return out;
    }
    case "switch_statement":
      return {
        kind: "switch",
        cond: cond(ctx, node.childForFieldName("condition"), node),
        body: convertSub(ctx, node.childForFieldName("body"), node),
        span,
      };
    case "case_statement": {
      // tree-sitter hangs the statements following `case X:` under the case node; we nest them as
      // a block so the label's body is one statement.
      const value = node.childForFieldName("value");
      const body: Stmt[] = [];
      let high: Expr | undefined;
      let low: Expr | undefined;
      for (const k of kids(node)) {
        if (value && k.id === value.id) continue;
        if (k.type === "ERROR" && k.text.startsWith("...") && kids(k).length === 1) {
          high = convertExpr(ctx, kids(k)[0]!);
          continue;
        }
        if (k.type === "ERROR" && k.text.trimEnd().endsWith("...") && kids(k).length === 1) {
          low = convertExpr(ctx, kids(k)[0]!); // `case 'a' ... 'z'`: the low end lands in an ERROR
          continue;
        }
        const s = convertStmtOrDecl(ctx, k);
        if (s) body.push(s);
      }
      const blk: Stmt | undefined = body.length === 0 ? undefined : { kind: "block", items: body, span };
      const isDefault = node.children[0]?.type === "default";
      if (isDefault || !value) return { kind: "default", body: blk, span };
      const cs: Stmt = { kind: "case", value: low ?? convertExpr(ctx, value), body: blk, span };
      if (high) cs.high = high;
      else if (low) cs.high = convertExpr(ctx, value);
      return cs;
    }
    case "break_statement":
      return { kind: "break", span };
    case "continue_statement":
      return { kind: "continue", span };
    case "return_statement": {
      const e = kids(node)[0];
      return { kind: "return", value: e ? convertExpr(ctx, e) : undefined, span };
    }
    case "goto_statement":
      return { kind: "goto", label: node.childForFieldName("label")?.text ?? "", span };
    case "labeled_statement": {
      const label = node.childForFieldName("label");
      const inner = kids(node).filter((k) => k.id !== label?.id)[0];
      return { kind: "label", label: label?.text ?? "", body: inner ? convertStmtOrDecl(ctx, inner) : undefined, span };
    }
    case "attributed_statement": {
      const inner = kids(node).find((k) => k.type !== "attribute_declaration");
      return inner ? convertStmt(ctx, inner) : { kind: "empty", span };
    }
    case "ERROR":
      return { kind: "empty", span };
    default:
      if (node.type.endsWith("_statement") || node.type === "declaration") {
        ctx.error("parse/unsupported", node, `unsupported statement (${node.type})`);
        return { kind: "empty", span };
      }
      // An expression at statement position without `;` is already a MISSING diagnostic.
      return { kind: "expr", expr: convertExpr(ctx, node), span };
  }
}

function convertSub(ctx: ConvertContext, node: SyntaxNode | null, owner: SyntaxNode): Stmt {
  if (!node) return { kind: "empty", span: ctx.span(owner) };
  if (node.type === "declaration") {
    ctx.error("parse/declaration-not-statement", node, "a declaration is not allowed here; wrap it in braces");
    return { kind: "empty", span: ctx.span(node) };
  }
  return convertStmt(ctx, node);
}
