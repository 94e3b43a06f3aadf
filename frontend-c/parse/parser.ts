/**
 * @fileoverview Entry point of parse/: runs tree-sitter-c, reports ERROR/MISSING nodes as
 * diagnostics, and converts the CST into our AST. The tree-sitter Parser lives in a `CParser` the
 * caller owns (a compile context), never in module state.
 */
import type Parser from "tree-sitter";
import { createRequire } from "node:module";
import type { CstNode as SyntaxNode } from "./cst.ts";
import type { DiagnosticSink } from "../diagnostics/index.ts";
import type { TranslationUnit } from "./ast.ts";
import { ConvertContext, type PositionMapper } from "./convert-context.ts";
import { convertTopLevel } from "./convert-decl.ts";
import { extractTrailingAttributes } from "./trailing-attributes.ts";
import { CstSource, SymbolCache, mirrorTree } from "./cst.ts";

export interface ParseOptions {
  file: string;
  /** Maps positions of the (preprocessed) text back to user coordinates. */
  mapper?: PositionMapper;
  /** Extra typedef names known from outside the program (kernel BTF later). */
  isExternalTypedef?: (name: string) => boolean;
  /** 0-based rows of the parsed text where `#pragma unroll` stood (from the preprocessor). */
  unrollRows?: number[];
}

/**
 * Deepest syntax tree the recursive passes accept (clang's bracket-depth limit is also 256). One
 * level of user nesting costs one to three tree levels (a `+` chain one per term, a nested
 * `if { }` two). Measured: the most stack-hungry constructs (`&&` chains, nested subscripts) at
 * 512 levels need about half of Node's default ~1 MB stack, so this leaves a ~4x margin.
 */
export const MAX_CST_DEPTH = 256;

/**
 * The Node binding's setLanguage() generates a SyntaxNode subclass per node type (with field
 * getters, through eval) the first time a language is used: ~10 ms of start-up, and the classes
 * are for SyntaxNode users. This front end reads the tree through a TreeCursor (cst.ts) and needs
 * only the generic SyntaxNode for the few nodes the binding creates itself, so every type id maps
 * to it and the generation is skipped.
 */
function skipNodeSubclasses(ParserClass: typeof Parser, language: unknown): void {
  const lang = language as { nodeSubclasses?: unknown };
  if (lang.nodeSubclasses !== undefined) return;
  const generic = (ParserClass as unknown as { SyntaxNode: unknown }).SyntaxNode;
  lang.nodeSubclasses = new Proxy([], { get: (_target, key) => (typeof key === "string" && /^\d+$/.test(key) ? generic : undefined) });
}

export class CParser {
  private readonly parser: Parser;
  private readonly symbols: SymbolCache;

  constructor() {
    // Loaded here, not at import: a run whose programs come from the compile cache
    // (src/bpf/compile-cache.ts) never loads the native parser.
    const require = createRequire(import.meta.url);
    const ParserClass = require("tree-sitter") as typeof Parser;
    const C = require("tree-sitter-c") as unknown;
    this.parser = new ParserClass();
    skipNodeSubclasses(ParserClass, C);
    this.parser.setLanguage(C as Parser.Language);
    const info = (C as unknown as { nodeTypeInfo?: Parameters<typeof SymbolCache.fieldParentsOf>[0] }).nodeTypeInfo;
    this.symbols = new SymbolCache(info !== undefined ? SymbolCache.fieldParentsOf(info) : undefined);
  }

  parse(text: string, opts: ParseOptions, sink: DiagnosticSink): TranslationUnit {
    const pre = new CstSource(text);
    const spanCtx = new ConvertContext(opts.file, sink, opts.mapper, () => false);
    const trailing = extractTrailingAttributes(text, (offset, length) =>
      spanCtx.spanOfPoints(pre.point(offset), pre.point(offset + length)));
    text = trailing.text;
    const tree = this.parser.parse(text);
    const { root, tooDeep } = mirrorTree(tree, text, this.symbols, MAX_CST_DEPTH);
    const ctx = new ConvertContext(opts.file, sink, opts.mapper, opts.isExternalTypedef ?? (() => false), [...(opts.unrollRows ?? [])]);
    ctx.trailingAttributes = trailing.found;
    if (tooDeep !== undefined) {
      // Conversion, sema and lowering recurse over the tree; past this depth they could overflow
      // the JS stack, so the program is rejected before any of them runs.
      ctx.error("parse/too-deep", tooDeep, `nesting too deep: more than ${MAX_CST_DEPTH} levels of syntax (nested parentheses, blocks, operators or declarations)`);
      return { items: [], file: opts.file };
    }
    if (root.hasError) reportSyntaxErrors(ctx, root);
    const items = convertTopLevel(ctx, root);
    return { items, file: opts.file };
  }
}

/** Reports every ERROR node (at its start) and MISSING token, descending only into broken subtrees. */
function reportSyntaxErrors(ctx: ConvertContext, node: SyntaxNode): void {
  if (node.isMissing && isUnnamedBitfield(node)) return;
  if (node.isMissing) {
    ctx.error("parse/missing-token", node, `expected '${node.type}'`);
    return;
  }
  if (node.type === "ERROR" && (isTagInMapMacro(node) || isCaseRange(node))) return;
  if (node.type === "ERROR") {
    const at = inUserFile(ctx, node);
    const text = at.text.split("\n")[0]!.slice(0, 30);
    ctx.error("parse/syntax-error", at, `syntax error near '${text}'`);
    // Nested errors inside an ERROR node are the same mistake; one report is enough.
    return;
  }
  for (const c of node.children) {
    if (c.hasError || c.isMissing) reportSyntaxErrors(ctx, c);
  }
}

/**
 * Where to report a syntax error. tree-sitter's recovery can start an ERROR node in an included
 * file (the BCC prelude) when the user's unterminated construct at the end of the input makes the
 * parser re-read what came before it; the mistake is the user's, so point at the first token of
 * the node that lies in the user's file (when there is one).
 */
function inUserFile(ctx: ConvertContext, node: SyntaxNode): SyntaxNode {
  if (ctx.span(node).file === ctx.file) return node;
  const stack: SyntaxNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.children.length === 0) {
      if (ctx.span(n).file === ctx.file) return n;
      continue;
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return node;
}

/**
 * `BPF_HASH(m, struct key_t, u64)`: tree-sitter sees `struct` as an identifier argument and
 * `key_t` as an ERROR. convert-decl.ts reads the pair as a type; it is not a syntax error.
 */
export function isTagInMapMacro(node: SyntaxNode): boolean {
  const list = node.parent;
  const call = list?.parent;
  if (list?.type !== "argument_list" || call?.type !== "call_expression") return false;
  const fnName = call.childForFieldName("function")?.text ?? "";
  if (!/^(BPF_[A-Z0-9_]+|__builtin_offsetof)$/.test(fnName)) return false;
  // Top-level map macros: convert-decl.ts reads their arguments from text (type names included).
  if (fnName.startsWith("BPF_") && call.parent?.type === "expression_statement" && call.parent.parent?.type === "translation_unit") return true;
  const prev = node.previousNamedSibling;
  return prev?.type === "identifier" && /^(struct|union|enum)$/.test(prev.text) &&
    node.namedChildren.length === 1 && node.namedChildren[0]!.type === "identifier";
}

/** GNU `case 1 ... 5:`: tree-sitter leaves `... 5` as an ERROR after the case value. */
export function isCaseRange(node: SyntaxNode): boolean {
  return node.parent?.type === "case_statement" && node.namedChildren.length === 1 &&
    (node.text.startsWith("...") || node.text.trimEnd().endsWith("..."));
}

/** `int : 3;` (an unnamed bitfield): tree-sitter-c inserts a MISSING field name. */
export function isUnnamedBitfield(node: SyntaxNode): boolean {
  return node.type === "field_identifier" && node.parent?.type === "field_declaration" &&
    node.parent.children.some((c) => c.type === "bitfield_clause");
}
