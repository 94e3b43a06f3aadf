/**
 * mirrorTree reads as few cursor properties as tree-sitter's invariants allow (offsets of leaves
 * only, field ids only under node types with fields). This checks the shortcut against a walk that
 * reads every property of every node, over every C file of the repository, the BCC prelude, and
 * broken variants of them (ERROR and MISSING nodes).
 */
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import Parser from "tree-sitter";
import C from "tree-sitter-c";
import { describe, expect, it } from "vitest";
import { bccPrelude } from "../sema/bcc-prelude.ts";
import { type CstNode, NAMED_TERMINALS, SymbolCache, mirrorTree } from "./cst.ts";

interface RefNode {
  type: string;
  named: boolean;
  missing: boolean;
  start: number;
  end: number;
  field: string | null;
  children: RefNode[];
}

/** Every property of every node, read through the cursor without any shortcut. */
function reference(tree: Parser.Tree): RefNode {
  const c = tree.walk();
  const make = (): RefNode => ({
    type: c.nodeType, named: c.nodeIsNamed, missing: c.nodeIsMissing, start: c.startIndex, end: c.endIndex,
    field: c.currentFieldName ?? null, children: [],
  });
  const root = make();
  const stack = [root];
  let down = true;
  for (;;) {
    if (down && c.gotoFirstChild()) {
      const n = make();
      stack[stack.length - 1]!.children.push(n);
      stack.push(n);
      continue;
    }
    stack.pop();
    if (c.gotoNextSibling()) {
      const n = make();
      stack[stack.length - 1]!.children.push(n);
      stack.push(n);
      down = true;
      continue;
    }
    if (!c.gotoParent()) break;
    down = false;
  }
  return root;
}

/** First difference between the mirror and the reference, as a readable path; undefined if none. */
function diff(m: CstNode, r: RefNode, path = "root"): string | undefined {
  const here = `${path}(${r.type}@${r.start})`;
  if (m.type !== r.type || m.isNamed !== r.named || m.isMissing !== r.missing) return `${here}: ${m.type}/${m.isNamed}/${m.isMissing}`;
  if (m.startIndex !== r.start || m.endIndex !== r.end) return `${here}: offsets ${m.startIndex}-${m.endIndex} vs ${r.start}-${r.end}`;
  if (m.fieldName !== r.field) return `${here}: field ${m.fieldName} vs ${r.field}`;
  if (m.children.length !== r.children.length) return `${here}: ${m.children.length} children vs ${r.children.length}`;
  for (let i = 0; i < r.children.length; i++) {
    const d = diff(m.children[i]!, r.children[i]!, `${here}/${i}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

const ROOT = join(import.meta.dirname, "../..");
const files = execFileSync("git", ["ls-files", "*.c"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter((f) => f !== "");

/** Deterministic damage: truncation, a deleted and a doubled slice, stray tokens. */
function broken(text: string, k: number): string[] {
  const at = (f: number) => Math.floor(text.length * f);
  return [
    text.slice(0, at(0.37 + (k % 5) / 20)),
    text.slice(0, at(0.5)) + text.slice(at(0.5) + 7),
    text.slice(0, at(0.3)) + text.slice(at(0.2), at(0.6)) + text.slice(at(0.3)),
    text.replace(/;/g, (s, off: number) => (off % 3 === 0 ? "" : s)),
    text.replace(/\)/g, (s, off: number) => (off % 4 === 1 ? ") @ ]" : s)),
  ];
}

describe("mirrorTree", () => {
  it("treats as terminals only tree-sitter-c's tokens and aliases of identifier", () => {
    const grammarDir = join(ROOT, "node_modules/tree-sitter-c/src");
    const parserC = readFileSync(join(grammarDir, "parser.c"), "utf8");
    const tokenCount = Number(/#define TOKEN_COUNT (\d+)/.exec(parserC)![1]);
    const ids = new Map([...parserC.matchAll(/^\s+(\w+) = (\d+),$/gm)].map((m) => [m[1]!, Number(m[2])]));
    const namesBlock = parserC.slice(parserC.indexOf("ts_symbol_names[]"), parserC.indexOf("ts_symbol_map[]"));
    // Visible name -> the symbols shown under it.
    const byName = new Map<string, string[]>();
    for (const m of namesBlock.matchAll(/\[(\w+)\] = "((?:[^"\\]|\\.)*)",/g)) byName.set(m[2]!, [...(byName.get(m[2]!) ?? []), m[1]!]);
    const grammar = readFileSync(join(grammarDir, "grammar.json"), "utf8");
    for (const name of NAMED_TERMINALS) {
      const syms = byName.get(name) ?? [];
      expect(syms.length, name).toBeGreaterThan(0);
      for (const sym of syms) {
        if (sym.startsWith("alias_sym_")) {
          // Every alias to this name wraps the identifier token.
          const wrapped = [...grammar.matchAll(new RegExp(`"type": "ALIAS",\\s*"content": \\{\\s*"type": "SYMBOL",\\s*"name": "(\\w+)"\\s*\\},\\s*"named": true,\\s*"value": "${name}"`, "g"))];
          expect(wrapped.length, name).toBeGreaterThan(0);
          expect(new Set(wrapped.map((m) => m[1])), name).toEqual(new Set(["identifier"]));
          expect(grammar.split(`"value": "${name}"`).length - 1, name).toBe(wrapped.length);
        } else expect(ids.get(sym)!, `${name} (${sym})`).toBeLessThan(tokenCount);
      }
    }
  });

  it("matches a full cursor walk on every C file of the repository and broken variants", () => {
    const parser = new Parser();
    parser.setLanguage(C as unknown as Parser.Language);
    const info = (C as unknown as { nodeTypeInfo: Parameters<typeof SymbolCache.fieldParentsOf>[0] }).nodeTypeInfo;
    const cache = new SymbolCache(SymbolCache.fieldParentsOf(info));
    expect(files.length).toBeGreaterThan(100);
    const texts = ["", "int", bccPrelude(), ...files.map((f) => readFileSync(join(ROOT, f), "utf8"))];
    let errors = 0;
    let missing = 0;
    texts.forEach((text, k) => {
      for (const t of k < 3 ? [text] : [text, ...broken(text, k)]) {
        const tree = parser.parse(t);
        const ref = reference(tree);
        const { root } = mirrorTree(tree, t, cache);
        const d = diff(root, ref);
        if (d !== undefined) expect.fail(`input ${k}: ${d}`);
        // The node arrays grow when the tree is larger than the initial capacity.
        if (k % 50 === 3) expect(diff(mirrorTree(tree, t, cache, Infinity, 1).root, ref), `input ${k}, growing`).toBeUndefined();
        // A MISSING hidden token (a directive's newline at end of file) is invisible to any walk.
        const sexp = tree.rootNode.toString();
        if (!sexp.includes("MISSING \"preproc_include_token2\"")) expect(root.hasError, `input ${k}`).toBe(tree.rootNode.hasError);
        if (root.hasError) errors++;
        if (sexp.includes("(MISSING")) missing++;
      }
    });
    // The damage must actually exercise error recovery.
    expect(errors).toBeGreaterThan(500);
    expect(missing).toBeGreaterThan(50);
  }, 120_000);
});
