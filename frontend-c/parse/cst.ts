/**
 * @fileoverview A plain-JS mirror of tree-sitter's concrete syntax tree, built in one TreeCursor
 * walk. The Node binding's SyntaxNode getters each cross into native code and allocate (walking a
 * 40-line program's nodes through them costs milliseconds); reading every node once through a
 * cursor and answering the converters' questions from JS objects is an order of magnitude faster.
 * Only parse/ sees this type.
 */
import type Parser from "tree-sitter";

export interface Point {
  row: number;
  column: number;
}

/** Source text plus line starts, shared by all nodes of one tree. */
export class CstSource {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
  }

  /** (row, column) of a UTF-16 offset (tree-sitter's Node binding indexes the text in UTF-16 units). */
  point(offset: number): Point {
    const ls = this.lineStarts;
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: offset - ls[lo]! };
  }
}

export class CstNode {
  readonly children: CstNode[] = [];
  parent: CstNode | null = null;
  hasError = false;
  private named: CstNode[] | undefined;
  private indexInParent = 0;

  constructor(
    readonly src: CstSource,
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly fieldName: string | null,
  ) {}

  get text(): string {
    return this.src.text.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): Point {
    return this.src.point(this.startIndex);
  }

  get endPosition(): Point {
    return this.src.point(this.endIndex);
  }

  get namedChildren(): CstNode[] {
    this.named ??= this.children.filter((c) => c.isNamed);
    return this.named;
  }

  childForFieldName(name: string): CstNode | null {
    for (const c of this.children) if (c.fieldName === name) return c;
    return null;
  }

  childrenForFieldName(name: string): CstNode[] {
    return this.children.filter((c) => c.fieldName === name);
  }

  get nextNamedSibling(): CstNode | null {
    const sib = this.parent?.children;
    if (!sib) return null;
    for (let i = this.indexInParent + 1; i < sib.length; i++) if (sib[i]!.isNamed) return sib[i]!;
    return null;
  }

  get previousNamedSibling(): CstNode | null {
    const sib = this.parent?.children;
    if (!sib) return null;
    for (let i = this.indexInParent - 1; i >= 0; i--) if (sib[i]!.isNamed) return sib[i]!;
    return null;
  }

  add(child: CstNode): void {
    child.parent = this;
    child.indexInParent = this.children.length;
    this.children.push(child);
  }
}

/**
 * Per-parser caches of symbol and field names by numeric id: reading ids through the cursor is
 * cheaper than creating the name strings again for every node.
 */
export class SymbolCache {
  readonly types = new Map<number, { type: string; named: boolean }>();
  readonly fields = new Map<number, string | null>();
}

export interface MirroredTree {
  root: CstNode;
  /** The first node (in document order) nested deeper than `maxDepth`, if any. */
  tooDeep: CstNode | undefined;
}

/**
 * Copies a tree-sitter tree into CstNodes with one cursor walk (iterative: any depth). The passes
 * after it recurse over the tree, so the first node deeper than `maxDepth` is reported back.
 */
export function mirrorTree(tree: Parser.Tree, text: string, cache: SymbolCache = new SymbolCache(), maxDepth = Infinity): MirroredTree {
  const src = new CstSource(text);
  const c = tree.walk();
  let id = 0;
  const make = (): CstNode => {
    const typeId = c.nodeTypeId;
    let sym = cache.types.get(typeId);
    if (sym === undefined) {
      sym = { type: c.nodeType, named: c.nodeIsNamed };
      cache.types.set(typeId, sym);
    }
    const fieldId = c.currentFieldId;
    let field = cache.fields.get(fieldId);
    if (field === undefined) {
      field = c.currentFieldName ?? null;
      cache.fields.set(fieldId, field);
    }
    const start = c.startIndex;
    const end = c.endIndex;
    // MISSING nodes are zero-width; only those need the (costly) flag read.
    const missing = start === end && c.nodeIsMissing;
    return new CstNode(src, id++, sym.type, sym.named, missing, start, end, field);
  };
  const root = make();
  const stack: CstNode[] = [root];
  let tooDeep: CstNode | undefined;
  let down = true;
  for (;;) {
    if (down && c.gotoFirstChild()) {
      const n = make();
      stack[stack.length - 1]!.add(n);
      stack.push(n);
      if (stack.length > maxDepth && tooDeep === undefined) tooDeep = n;
      continue;
    }
    // Leaving the current node: propagate error flags to the parent.
    const done = stack.pop()!;
    if (done.type === "ERROR" || done.isMissing) done.hasError = true;
    if (done.hasError && done.parent) done.parent.hasError = true;
    if (c.gotoNextSibling()) {
      const n = make();
      stack[stack.length - 1]!.add(n);
      stack.push(n);
      down = true;
      continue;
    }
    if (!c.gotoParent()) break;
    down = false; // the parent is current again (still on the stack); finish it next
  }
  return { root, tooDeep };
}
