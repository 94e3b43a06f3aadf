import { describe, expect, it } from "vitest";
import { Kind, lexFile, type Token } from "./lexer.ts";

const toks = (src: string) => lexFile(src, 0).lines.map((l) => l.tokens.map((t) => t.text));
const pos = (t: Token | undefined) => (t ? `${t.line}:${t.col}` : "none");

describe("lexFile", () => {
  it("splits logical lines and records physical positions", () => {
    const r = lexFile("int a;\n  x = y+1;\n", 0);
    expect(r.lines.map((l) => l.tokens.map((t) => `${t.text}@${t.line}:${t.col}`))).toEqual([
      ["int@1:1", "a@1:5", ";@1:6"],
      ["x@2:3", "=@2:5", "y@2:7", "+@2:8", "1@2:9", ";@2:10"],
    ]);
  });

  it("uses maximal munch for punctuators and pp-numbers", () => {
    expect(toks("a+++b ... <<= ->x 1.5e+10f 0x1p-3 .5 1..2 x##y")).toEqual([
      ["a", "++", "+", "b", "...", "<<=", "->", "x", "1.5e+10f", "0x1p-3", ".5", "1..2", "x", "##", "y"],
    ]);
  });

  it("treats comments as whitespace and keeps multi-line comments in one logical line", () => {
    const r = lexFile("a/*x*/b // tail\nc /* 1\n2 */ d\ne", 0);
    expect(r.lines.map((l) => l.tokens.map((t) => t.text))).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    const b = r.lines[0]?.tokens[1];
    expect(b?.spaceBefore).toBe(true);
    expect(pos(r.lines[1]?.tokens[1])).toBe("3:6");
    expect(r.lines[1]?.line).toBe(2);
    expect(r.lines[1]?.endLine).toBe(3);
  });

  it("removes backslash-newline splices but keeps physical positions", () => {
    const r = lexFile("#define X 1 + \\\n  2\nfo\\\no y", 0);
    expect(r.lines.map((l) => l.tokens.map((t) => t.text))).toEqual([["#", "define", "X", "1", "+", "2"], ["foo", "y"]]);
    expect(pos(r.lines[0]?.tokens[5])).toBe("2:3");
    expect(pos(r.lines[1]?.tokens[1])).toBe("4:3");
  });

  it("accepts blanks between a backslash and the newline (GCC)", () => {
    expect(toks("a \\  \nb")).toEqual([["a", "b"]]);
  });

  it("lexes strings, chars and prefixes, with escapes", () => {
    const r = lexFile(`"a\\"b" 'c' L"w" u8"x" U'y' u'z' '\\''`, 0);
    expect(r.lines[0]?.tokens.map((t) => [t.kind, t.text])).toEqual([
      [Kind.String, `"a\\"b"`],
      [Kind.Char, "'c'"],
      [Kind.String, 'L"w"'],
      [Kind.String, 'u8"x"'],
      [Kind.Char, "U'y'"],
      [Kind.Char, "u'z'"],
      [Kind.Char, "'\\''"],
    ]);
  });

  it("turns an unterminated quote into one BadString token up to the end of the line", () => {
    const r = lexFile("x = 'ab c;\ny", 0);
    expect(r.lines[0]?.tokens.map((t) => [t.kind, t.text])).toEqual([
      [Kind.Ident, "x"],
      [Kind.Punct, "="],
      [Kind.BadString, "'ab c;"],
    ]);
    expect(r.problems).toEqual([]);
  });

  it("lexes <...> as a header name only after #include", () => {
    const r = lexFile("#include <linux/sched.h>\na <b> c\n# include_next <x.h>", 0);
    expect(r.lines[0]?.tokens[2]?.kind).toBe(Kind.HeaderName);
    expect(r.lines[0]?.tokens[2]?.text).toBe("<linux/sched.h>");
    expect(r.lines[1]?.tokens.map((t) => t.text)).toEqual(["a", "<", "b", ">", "c"]);
    expect(r.lines[2]?.tokens[2]?.kind).toBe(Kind.HeaderName);
  });

  it("reports an unterminated block comment at its opening", () => {
    const r = lexFile("int a;\n  /* never\nclosed", 0);
    expect(r.problems).toEqual([{ code: "pp/unterminated-comment", message: "unterminated /* comment", line: 2, col: 3 }]);
  });

  it("counts columns in UTF-16 code units and keeps odd characters as Other tokens", () => {
    const r = lexFile('s = "é€😀"; @ \u0000 x', 0);
    const t = r.lines[0]?.tokens ?? [];
    expect(t.map((x) => x.text)).toEqual(["s", "=", '"é€😀"', ";", "@", "\u0000", "x"]);
    expect(t[3]?.col).toBe(11);
    expect(t[4]?.kind).toBe(Kind.Other);
    expect(t[5]?.kind).toBe(Kind.Other);
  });

  it("handles CRLF line endings", () => {
    const r = lexFile("a\r\nb \\\r\nc\r\n", 0);
    expect(r.lines.map((l) => l.tokens.map((t) => t.text))).toEqual([["a"], ["b", "c"]]);
  });
});
