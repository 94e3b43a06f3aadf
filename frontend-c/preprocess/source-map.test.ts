import { readFileSync } from "node:fs";
import Parser from "tree-sitter";
import C from "tree-sitter-c";
import { describe, expect, it } from "vitest";
import { pp, type Run } from "./test-util.ts";

/** 0-based (row, col) of the n-th occurrence of `needle` in the output. */
function find(r: Run, needle: string, nth = 0): [number, number] {
  const rows = r.text.split("\n");
  let seen = 0;
  for (let row = 0; row < rows.length; row++) {
    for (let col = (rows[row] as string).indexOf(needle); col >= 0; col = (rows[row] as string).indexOf(needle, col + 1)) {
      if (seen++ === nth) return [row, col];
    }
  }
  throw new Error(`"${needle}" #${nth} not in output:\n${r.text}`);
}

function at(r: Run, needle: string, nth = 0): string {
  const [row, col] = find(r, needle, nth);
  const p = r.map.lookup(row, col);
  return `${p.file}:${p.line}:${p.col}${p.expansion >= 0 ? ` (macro ${r.map.expansions[p.expansion]?.macro})` : ""}`;
}

describe("source map", () => {
  it("maps plain lines 1:1, row = line - 1 and column = column", () => {
    const src = "int a = 1;\n\n  long   b; // c\n\tchar c;\n";
    const r = pp(src);
    // Whitespace is rewritten as spaces (a tab is one column, like in tree-sitter and in Span).
    expect(r.text.split("\n").slice(0, 4)).toEqual(["int a = 1;", "", "  long   b;", " char c;"]);
    expect(at(r, "b")).toBe("/src/main.c:3:10");
    expect(at(r, "c;")).toBe("/src/main.c:4:7");
    expect(r.map.lookup(1, 0)).toEqual({ file: "/src/main.c", line: 2, col: 1, expansion: -1 });
  });

  it("keeps the main file's rows aligned with its lines around directives and skipped groups", () => {
    const src = "#define X 1\n#if 0\nskipped\n#endif\n/* comment\n   lines */\nint k = X;\nint j;\n";
    const r = pp(src);
    expect(r.text.split("\n")[6]).toBe("int k = 1;");
    expect(at(r, "k")).toBe("/src/main.c:7:5");
    expect(at(r, "j")).toBe("/src/main.c:8:5");
    expect(at(r, "1")).toBe("/src/main.c:7:9 (macro X)");
  });

  it("maps expansion tokens to the invocation and argument tokens to where they were written", () => {
    const r = pp("#define ADD(a, b) ((a) + (b))\nint x = ADD(one, two); int after;");
    expect(at(r, "+")).toBe("/src/main.c:2:9 (macro ADD)");
    expect(at(r, "((")).toBe("/src/main.c:2:9 (macro ADD)");
    expect(at(r, "one")).toBe("/src/main.c:2:13");
    expect(at(r, "two")).toBe("/src/main.c:2:18");
    expect(at(r, "after")).toBe("/src/main.c:2:28");
    expect(at(r, "int", 1)).toBe("/src/main.c:2:24");
    const [row, col] = find(r, "+");
    const pos = r.map.lookup(row, col);
    expect(r.map.notes(pos.expansion)).toEqual([
      { message: "expanded from macro 'ADD'", span: { file: "/src/main.c", line: 1, col: 9, endLine: 1, endCol: 12 } },
    ]);
    expect(r.map.callOf(pos.expansion)).toEqual({ file: "/src/main.c", line: 2, col: 9, endLine: 2, endCol: 22 });
  });

  it("maps nested expansions to the outermost invocation with one note per macro", () => {
    const r = pp("#define INNER(x) (x * 2)\n#define OUTER(y) INNER(y) + 1\nint v =\n    OUTER(z);");
    expect(at(r, "*")).toBe("/src/main.c:4:5 (macro INNER)");
    expect(at(r, "+")).toBe("/src/main.c:4:5 (macro OUTER)");
    expect(at(r, "z")).toBe("/src/main.c:4:11");
    const [row, col] = find(r, "*");
    expect(r.map.notes(r.map.lookup(row, col).expansion).map((n) => `${n.message} @${n.span?.line}:${n.span?.col}`)).toEqual([
      "expanded from macro 'INNER' @1:9",
      "expanded from macro 'OUTER' @2:9",
    ]);
  });

  it("maps an invocation whose arguments span lines", () => {
    const r = pp("#define CALL(f, a, b) f(a, b)\nCALL(fn,\n     first,\n     second);\nint tail;");
    expect(at(r, "fn")).toBe("/src/main.c:2:6");
    expect(at(r, "first")).toBe("/src/main.c:3:6");
    expect(at(r, "second")).toBe("/src/main.c:4:6");
    expect(at(r, "(")).toBe("/src/main.c:2:1 (macro CALL)");
    expect(at(r, "tail")).toBe("/src/main.c:5:5");
  });

  it("maps text from included files to those files, and the main file after them", () => {
    const r = pp('#include "a.h"\nint m;\n#include "b.h"\n  int n;', {
      files: { "/src/a.h": "// header\nint in_a;\n\nint in_a2;\n", "/src/b.h": "#define B 1\nint in_b = B;" },
    });
    expect(at(r, "in_a")).toBe("/src/a.h:2:5");
    expect(at(r, "in_a2")).toBe("/src/a.h:4:5");
    expect(at(r, "m;")).toBe("/src/main.c:2:5");
    expect(at(r, "in_b")).toBe("/src/b.h:2:5");
    expect(at(r, "1")).toBe("/src/b.h:2:12 (macro B)");
    expect(at(r, "n;")).toBe("/src/main.c:4:7");
  });

  it("turns output ranges into spans, widening to the whole invocation", () => {
    const r = pp("#define SQ(x) ((x) * (x))\nint y = SQ(3) + k;");
    const [row, col] = find(r, "((");
    const end = r.text.split("\n")[row]?.indexOf(";") as number;
    expect(r.map.span(row, col, row, end)).toEqual({ file: "/src/main.c", line: 2, col: 9, endLine: 2, endCol: 18 });
    const [krow, kcol] = find(r, "k;");
    expect(r.map.span(krow, kcol, krow, kcol + 1)).toEqual({ file: "/src/main.c", line: 2, col: 17, endLine: 2, endCol: 18 });
    // A range ending inside an expansion ends where the invocation ends.
    const [srow, scol] = find(r, "int");
    expect(r.map.span(srow, scol, row, col + 3)).toEqual({ file: "/src/main.c", line: 2, col: 1, endLine: 2, endCol: 14 });
  });

  it("agrees with tree-sitter's columns on lines with non-ASCII text (UTF-16 code units)", () => {
    const r = pp('#define W(x) x\nchar *s = "é€😀"; int after = W(1);\n');
    const parser = new Parser();
    parser.setLanguage(C as unknown as Parser.Language);
    const tree = parser.parse(r.text);
    const id = tree.rootNode.descendantsOfType("identifier").find((n) => n.text === "after");
    expect(id).toBeDefined();
    const p = r.map.lookup(id?.startPosition.row ?? -1, id?.startPosition.column ?? -1);
    expect(p).toEqual({ file: "/src/main.c", line: 2, col: 'char *s = "é€😀"; int '.length + 1, expansion: -1 });
    const one = tree.rootNode.descendantsOfType("number_literal")[0];
    expect(r.map.notesAt(one?.startPosition.row ?? -1, one?.startPosition.column ?? -1)).toEqual([]);
  });

  it("gives notes for positions inside expansions", () => {
    const r = pp("#define ONE 1\nint x = ONE;");
    const [row, col] = find(r, "1");
    expect(r.map.notesAt(row, col).map((n) => n.message)).toEqual(["expanded from macro 'ONE'"]);
    expect(r.map.notesAt(row, 0)).toEqual([]);
  });

  it("clamps out-of-range lookups", () => {
    const r = pp("int a;");
    expect(r.map.lookup(99, 99)).toMatchObject({ file: "/src/main.c" });
    expect(r.map.lookup(-1, -5)).toEqual({ file: "/src/main.c", line: 1, col: 1, expansion: -1 });
  });

  it("maps every identifier tree-sitter finds back to the same identifier in the source", () => {
    const dir = new URL("./testdata/", import.meta.url);
    const prelude = readFileSync(new URL("bcc-prelude.h", dir), "utf8");
    const main = readFileSync(new URL("bcc-sample.c", dir), "utf8");
    const r = pp(main, { files: { "/src/bcc-prelude.h": prelude } });
    expect(r.diags).toEqual([]);
    const sources: Record<string, string[]> = { "/src/main.c": main.split("\n"), "/src/bcc-prelude.h": prelude.split("\n") };
    const parser = new Parser();
    parser.setLanguage(C as unknown as Parser.Language);
    const tree = parser.parse(r.text);
    expect(tree.rootNode.hasError).toBe(false);
    let checked = 0;
    let fromMacros = 0;
    for (const node of tree.rootNode.descendantsOfType(["identifier", "field_identifier", "type_identifier", "number_literal"])) {
      const p = r.map.lookup(node.startPosition.row, node.startPosition.column);
      if (p.expansion >= 0) {
        // Produced by a macro: the invocation site must be where the macro's name is written.
        const rec = r.map.expansions[p.expansion];
        const call = r.map.callOf(p.expansion);
        expect(sources[call.file]?.[call.line - 1]?.slice(call.col - 1).startsWith(rec?.macro ?? "?") || rec?.parent !== -1).toBe(true);
        fromMacros++;
        continue;
      }
      const line = sources[p.file]?.[p.line - 1] ?? "";
      expect(`${p.file}:${p.line}:${p.col} ${line.slice(p.col - 1, p.col - 1 + node.text.length)}`).toBe(`${p.file}:${p.line}:${p.col} ${node.text}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(500);
    expect(fromMacros).toBeGreaterThan(100);
  });
});
