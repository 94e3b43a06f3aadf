/**
 * @fileoverview A plain-JS mirror of tree-sitter's concrete syntax tree, built in one TreeCursor
 * walk. The Node binding's SyntaxNode getters each cross into native code and allocate (walking a
 * 40-line program's nodes through them costs milliseconds); reading every node once through a
 * cursor and answering the converters' questions from JS is an order of magnitude faster.
 * The mirror is stored as typed arrays (one slot per node, nothing for the garbage collector to
 * trace); a CstNode object is made only when a converter asks for that node, once, so identity
 * holds. Only parse/ sees these types.
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

/** What the mirror needs to know about one node type id, read once per parser. */
interface SymbolInfo {
  type: string;
  named: boolean;
  /** Children of this type may carry field names (else their field id is not read at all). */
  hasFields: boolean;
  /** Offsets must be read, not derived from the children (see mirrorTree). */
  ownOffsets: boolean;
  /** An anonymous token spelled exactly as its type ("(", "return"): always a leaf, `type.length` long. */
  literal: boolean;
  /** A terminal symbol: never has children, so the walk does not try to descend. */
  leaf: boolean;
}

/**
 * tree-sitter-c's named node types that are terminal symbols (tokens, or aliases of `identifier`);
 * cst.test.ts checks this list against the grammar's parser.c. Any other named type may have
 * children.
 */
export const NAMED_TERMINALS: ReadonlySet<string> = new Set([
  "identifier", "field_identifier", "type_identifier", "statement_identifier", "number_literal", "primitive_type",
  "string_content", "escape_sequence", "comment", "true", "false", "system_lib_string", "character", "preproc_arg",
]);

/**
 * Per-parser caches of symbol and field names by numeric id: reading ids through the cursor is
 * cheaper than creating the name strings again for every node. `fieldParents` (the node types
 * whose children can have field names, from the grammar's node-types.json) lets the mirror skip
 * the field-id read under every other node; without it every node's field id is read.
 */
export class SymbolCache {
  readonly types: (SymbolInfo | undefined)[] = [];
  /** Field names by field id (index 0, "no field", stays undefined). */
  readonly fields: (string | undefined)[] = [];
  readonly fieldIds = new Map<string, number>();

  constructor(readonly fieldParents?: ReadonlySet<string>) {}

  /** Node types with fields in a tree-sitter language's `nodeTypeInfo` (node-types.json). */
  static fieldParentsOf(nodeTypeInfo: readonly { type: string; named: boolean; fields?: Record<string, unknown> }[]): Set<string> {
    const out = new Set<string>();
    for (const t of nodeTypeInfo) if (t.named && t.fields !== undefined && Object.keys(t.fields).length > 0) out.add(t.type);
    return out;
  }
}

const HAS_ERROR = 1;
const MISSING = 2;

/** One mirrored tree: per node (numbered in document order, the root is 0) one slot of each array. */
class CstStore {
  count = 0;
  typeId: Uint16Array;
  fieldId: Uint16Array;
  flags: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  parent: Int32Array;
  firstChild: Int32Array;
  lastChild: Int32Array;
  next: Int32Array;
  prev: Int32Array;
  readonly nodes: (CstNode | undefined)[];

  constructor(readonly src: CstSource, readonly symbols: SymbolCache, capacity: number) {
    const n = Math.max(capacity, 1);
    this.nodes = new Array<CstNode | undefined>(n);
    this.typeId = new Uint16Array(n);
    this.fieldId = new Uint16Array(n);
    this.flags = new Uint8Array(n);
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
    this.parent = new Int32Array(n);
    this.firstChild = new Int32Array(n);
    this.lastChild = new Int32Array(n);
    this.next = new Int32Array(n);
    this.prev = new Int32Array(n);
  }

  /** Appends a node under `parent` (-1 for the root) and returns its index. */
  add(typeId: number, fieldId: number, parent: number): number {
    const i = this.count++;
    if (i === this.typeId.length) this.grow();
    this.typeId[i] = typeId;
    this.fieldId[i] = fieldId;
    this.start[i] = -1;
    this.end[i] = -1;
    this.parent[i] = parent;
    this.firstChild[i] = -1;
    this.lastChild[i] = -1;
    this.next[i] = -1;
    if (parent < 0) this.prev[i] = -1;
    else {
      const last = this.lastChild[parent]!;
      this.prev[i] = last;
      if (last < 0) this.firstChild[parent] = i;
      else this.next[last] = i;
      this.lastChild[parent] = i;
    }
    return i;
  }

  private grow(): void {
    const n = this.typeId.length * 2;
    const g = <T extends Uint16Array | Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.typeId = g(this.typeId, (k) => new Uint16Array(k));
    this.fieldId = g(this.fieldId, (k) => new Uint16Array(k));
    this.flags = g(this.flags, (k) => new Uint8Array(k));
    this.start = g(this.start, (k) => new Int32Array(k));
    this.end = g(this.end, (k) => new Int32Array(k));
    this.parent = g(this.parent, (k) => new Int32Array(k));
    this.firstChild = g(this.firstChild, (k) => new Int32Array(k));
    this.lastChild = g(this.lastChild, (k) => new Int32Array(k));
    this.next = g(this.next, (k) => new Int32Array(k));
    this.prev = g(this.prev, (k) => new Int32Array(k));
  }

  sym(i: number): SymbolInfo {
    return this.symbols.types[this.typeId[i]!]!;
  }

  node(i: number): CstNode | null {
    if (i < 0) return null;
    let n = this.nodes[i];
    if (n === undefined) {
      n = new CstNode(this, i);
      this.nodes[i] = n;
    }
    return n;
  }
}

export class CstNode {
  private childList: CstNode[] | undefined;
  private named: CstNode[] | undefined;
  private noComments: readonly CstNode[] | undefined;

  /** `id` is the node's index in document order, unique within its tree. */
  constructor(private readonly store: CstStore, readonly id: number) {}

  get type(): string {
    return this.store.sym(this.id).type;
  }

  get isNamed(): boolean {
    return this.store.sym(this.id).named;
  }

  get fieldName(): string | null {
    const f = this.store.fieldId[this.id]!;
    return f === 0 ? null : (this.store.symbols.fields[f] ?? null);
  }

  get hasError(): boolean {
    return (this.store.flags[this.id]! & HAS_ERROR) !== 0;
  }

  get isMissing(): boolean {
    return (this.store.flags[this.id]! & MISSING) !== 0;
  }

  get startIndex(): number {
    return this.store.start[this.id]!;
  }

  get endIndex(): number {
    return this.store.end[this.id]!;
  }

  get text(): string {
    return this.store.src.text.slice(this.store.start[this.id], this.store.end[this.id]);
  }

  get startPosition(): Point {
    return this.store.src.point(this.store.start[this.id]!);
  }

  get endPosition(): Point {
    return this.store.src.point(this.store.end[this.id]!);
  }

  get parent(): CstNode | null {
    return this.store.node(this.store.parent[this.id]!);
  }

  get children(): readonly CstNode[] {
    if (this.childList === undefined) {
      const s = this.store;
      const out: CstNode[] = [];
      for (let c = s.firstChild[this.id]!; c >= 0; c = s.next[c]!) out.push(s.node(c)!);
      this.childList = out;
    }
    return this.childList;
  }

  get namedChildren(): CstNode[] {
    if (this.named === undefined) {
      const s = this.store;
      const out: CstNode[] = [];
      for (let c = s.firstChild[this.id]!; c >= 0; c = s.next[c]!) if (s.sym(c).named) out.push(s.node(c)!);
      this.named = out;
    }
    return this.named;
  }

  /** Named children minus comments (tree-sitter keeps comments as extra named nodes anywhere). */
  get namedNonComment(): readonly CstNode[] {
    if (this.noComments === undefined) {
      const named = this.namedChildren;
      this.noComments = named.some((c) => c.type === "comment") ? named.filter((c) => c.type !== "comment") : named;
    }
    return this.noComments;
  }

  childForFieldName(name: string): CstNode | null {
    const s = this.store;
    const f = s.symbols.fieldIds.get(name);
    if (f === undefined) return null;
    for (let c = s.firstChild[this.id]!; c >= 0; c = s.next[c]!) if (s.fieldId[c] === f) return s.node(c);
    return null;
  }

  childrenForFieldName(name: string): CstNode[] {
    const s = this.store;
    const f = s.symbols.fieldIds.get(name);
    const out: CstNode[] = [];
    if (f === undefined) return out;
    for (let c = s.firstChild[this.id]!; c >= 0; c = s.next[c]!) if (s.fieldId[c] === f) out.push(s.node(c)!);
    return out;
  }

  get nextNamedSibling(): CstNode | null {
    const s = this.store;
    for (let c = s.next[this.id]!; c >= 0; c = s.next[c]!) if (s.sym(c).named) return s.node(c);
    return null;
  }

  get previousNamedSibling(): CstNode | null {
    const s = this.store;
    for (let c = s.prev[this.id]!; c >= 0; c = s.prev[c]!) if (s.sym(c).named) return s.node(c);
    return null;
  }
}

export interface MirroredTree {
  root: CstNode;
  /** The first node (in document order) nested deeper than `maxDepth`, if any. */
  tooDeep: CstNode | undefined;
}

/**
 * Copies a tree-sitter tree into a CstStore with one cursor walk (iterative: any depth). The
 * passes after it recurse over the tree, so the first node deeper than `maxDepth` is reported back.
 *
 * Every cursor read crosses into native code (~0.2 us each, the bulk of this function's time), so
 * it reads as little as the tree's invariants allow: the type id of every node; the field id only
 * under node types that have fields; offsets only of leaves, the root (it extends over trailing
 * whitespace), preprocessor directives (they end in a hidden newline token the cursor never
 * visits: tree-sitter-c's only hidden terminal) and ERROR nodes (which may hold that token); any
 * other inner node spans from its first child's start to its last child's end, as tree-sitter
 * sums a node's padding and size from its children. The MISSING flag is read only for zero-width
 * leaves (MISSING nodes are leaves). Terminals (anonymous tokens spelled as their type, i.e. all
 * but the directive keywords, and NAMED_TERMINALS) have no children, so the walk does not try to
 * descend into them; in a tree without errors only the end of an anonymous token is read. cst.test.ts checks all this against a full walk.
 */
export function mirrorTree(
  tree: Parser.Tree,
  text: string,
  cache: SymbolCache = new SymbolCache(),
  maxDepth = Infinity,
  /** Initial node capacity (tests pass a small one); by default the tree's exact node count. */
  capacity?: number,
): MirroredTree {
  const rootNode = tree.rootNode;
  // Without errors there are no MISSING (zero-width) tokens, so a literal token's start is its end
  // minus its length. With errors everything is read.
  const clean = !rootNode.hasError;
  const store = new CstStore(new CstSource(text), cache, capacity ?? rootNode.descendantCount);
  const c = tree.walk();
  const types = cache.types;
  const fields = cache.fields;
  const fieldParents = cache.fieldParents;
  /** The symbol of the node `make` made last. */
  let made: SymbolInfo | undefined;
  const make = (readField: boolean, parent: number): number => {
    const typeId = c.nodeTypeId;
    let sym = types[typeId];
    if (sym === undefined) {
      const type = c.nodeType;
      const named = c.nodeIsNamed;
      const literal = !named && type !== "\n" && !type.startsWith("#") && type.length > 0;
      sym = {
        type,
        named,
        hasFields: fieldParents === undefined || type === "ERROR" || fieldParents.has(type),
        ownOffsets: type === "ERROR" || type.startsWith("preproc_"),
        literal,
        leaf: literal || (named && NAMED_TERMINALS.has(type)),
      };
      types[typeId] = sym;
    }
    made = sym;
    let fieldId = 0;
    if (readField) {
      fieldId = c.currentFieldId;
      if (fieldId !== 0 && fields[fieldId] === undefined) {
        const name = c.currentFieldName;
        fields[fieldId] = name;
        cache.fieldIds.set(name, fieldId);
      }
    }
    const i = store.add(typeId, fieldId, parent);
    if (sym.ownOffsets) {
      store.start[i] = c.startIndex;
      store.end[i] = c.endIndex;
    }
    return i;
  };
  make(false, -1);
  // The root extends past its last child (over trailing whitespace).
  store.start[0] = c.startIndex;
  store.end[0] = c.endIndex;
  // Per depth: whether that node's children can have fields.
  const stackFields: boolean[] = [made!.hasFields];
  let depth = 1;
  let tooDeep = -1;
  let node = 0;
  for (;;) {
    if (!made!.leaf && c.gotoFirstChild()) {
      const n = make(stackFields[depth - 1]!, node);
      stackFields[depth++] = made!.hasFields;
      if (depth > maxDepth && tooDeep < 0) tooDeep = n;
      node = n;
      continue;
    }
    // A leaf: its offsets come from the cursor.
    if (clean && made!.literal) {
      const end = c.endIndex;
      store.start[node] = end - made!.type.length;
      store.end[node] = end;
    } else {
      const start = c.startIndex;
      const end = c.endIndex;
      store.start[node] = start;
      store.end[node] = end;
      if (start === end && c.nodeIsMissing) store.flags[node] = MISSING | HAS_ERROR;
    }
    for (;;) {
      // Leaving `node` (all its children are done): offsets and error flags.
      depth--;
      // (The arrays may have been replaced by a larger copy since the last visit.)
      const { start, end, flags } = store;
      const first = store.firstChild[node]!;
      if (first >= 0 && end[node]! < 0) {
        start[node] = start[first]!;
        end[node] = end[store.lastChild[node]!]!;
      }
      if (store.typeId[node] === ERROR_TYPE_ID) flags[node] = flags[node]! | HAS_ERROR;
      const parent = store.parent[node]!;
      if (parent < 0) return { root: store.node(0)!, tooDeep: tooDeep < 0 ? undefined : store.node(tooDeep)! };
      if ((flags[node]! & HAS_ERROR) !== 0) flags[parent] = flags[parent]! | HAS_ERROR;
      if (c.gotoNextSibling()) {
        const n = make(stackFields[depth - 1]!, parent);
        stackFields[depth++] = made!.hasFields;
        if (depth > maxDepth && tooDeep < 0) tooDeep = n;
        node = n;
        break;
      }
      c.gotoParent();
      node = parent;
    }
  }
}

/** tree-sitter's type id of ERROR nodes (ts_builtin_sym_error). */
const ERROR_TYPE_ID = 0xffff;
