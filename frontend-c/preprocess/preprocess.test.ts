import { describe, expect, it } from "vitest";
import { MemoryIncludeHost } from "./include-host.ts";
import { classifyUnroll } from "./pragma.ts";
import { pp, tokens, where } from "./test-util.ts";

const out = (src: string, opts: Parameters<typeof pp>[1] = {}) => tokens(pp(src, opts).text);

describe("object-like and function-like macros", () => {
  it("expands, undefines and redefines", () => {
    expect(out("#define N 4\nint a[N];\n#undef N\nint b[N];\n#define N 8\nint c[N];")).toBe("int a [ 4 ] ; int b [ N ] ; int c [ 8 ] ;");
  });

  it("does not expand a function-like macro name without '('", () => {
    expect(out("#define f(x) x+1\nint f; f(2); f")).toBe("int f ; 2 + 1 ; f");
  });

  it("collects arguments with nested parentheses and across lines", () => {
    expect(out("#define f(a, b) [a|b]\nf((1, 2), g(3, 4))\nf(x,\n  y)")).toBe("[ ( 1 , 2 ) | g ( 3 , 4 ) ] [ x | y ]");
  });

  it("handles variadics: __VA_ARGS__, named args..., omitted variadic, GNU comma elision", () => {
    const src = [
      "#define P(fmt, ...) printf(fmt, __VA_ARGS__)",
      "#define E(fmt, ...) printf(fmt, ##__VA_ARGS__)",
      "#define N(fmt, args...) printf(fmt , ## args)",
      "#define C(...) count(__VA_ARGS__)",
      'P("a", 1, 2); E("b"); E("c", 3); N("d"); N("e", 4, 5); C(); C(x, (y, z));',
    ].join("\n");
    expect(out(src)).toBe(tokens('printf("a", 1, 2); printf("b"); printf("c", 3); printf("d"); printf("e", 4, 5); count(); count(x, (y, z));'));
  });

  it("elides the comma for an empty but present variadic argument, as clang does", () => {
    expect(out('#define E(fmt, ...) f(fmt, ## __VA_ARGS__)\nE("x",)')).toBe(tokens('f("x")'));
  });

  it("supports __VA_OPT__", () => {
    expect(out("#define F(a, ...) f(a __VA_OPT__(,) __VA_ARGS__)\nF(1) F(1, 2, 3)")).toBe("f ( 1 ) f ( 1 , 2 , 3 )");
  });

  it("stringizes with # (whitespace collapsed, quotes and backslashes escaped)", () => {
    expect(pp('#define S(x) #x\nS(  a  +\n b ) S("q\\n") S(\'"\')').text.replace(/\s+/g, " ").trim()).toBe('"a + b" "\\"q\\\\n\\"" "\'\\"\'"');
  });

  it("pastes with ## including placemarkers", () => {
    expect(pp("#define CAT(a, b) a ## b\nCAT(x, y) CAT(, y) CAT(x, ) CAT(1, 2) CAT(-, =) CAT(<<, =)").text.replace(/\s+/g, " ").trim()).toBe("xy y x 12 -= <<=");
  });

  it("reports a paste that does not form one token, keeping the left operand", () => {
    const r = pp("#define CAT(a, b) a ## b\nint v = CAT(., +);");
    expect(where(r)).toEqual(["/src/main.c:2:9 pp/invalid-paste"]);
  });

  it("does not recurse on self-referential macros (painted blue stays painted)", () => {
    expect(out("#define foo foo + 1\n#define a b\n#define b a\nfoo; a; b;")).toBe("foo + 1 ; a ; b ;");
    // A painted token passed through another macro is still not expanded.
    expect(out("#define id(x) x\n#define f f(1)\nid(f)")).toBe("f ( 1 )");
  });

  it("keeps hide sets exact past 32 macro names (several words of the bit set)", () => {
    // A 100-deep chain whose end refers back into it: from M0 every name is hidden when met again;
    // from M70, M0 and M50 expand anew until they reach the hidden M70.
    let chain = "";
    for (let i = 0; i < 100; i++) chain += `#define M${i} M${i + 1}\n`;
    expect(out(`${chain}#define M100 M0 M50 x\nM0; M70;`)).toBe("M0 M50 x ; M70 M70 x ;");
    // Prosser's f/g example (C11 6.10.3.5 EXAMPLE 3's `f(2)(9)`) after 40 other expansions, so f
    // and g get bit numbers in the second word, and with hide sets of different lengths meeting.
    let warm = "";
    for (let i = 0; i < 40; i++) warm += `#define W${i} w${i}\nW${i}\n`;
    const fg = "#define f(a) a*g\n#define g(a) f(a)\nf(2)(9); g(1)(2)(3);";
    expect(out(`${warm}${fg}`)).toBe(`${tokens(Array.from({ length: 40 }, (_, i) => `w${i}`).join(" "))} ${out(fg)}`);
    expect(out(fg)).toBe("2 * 9 * g ; 1 * g ( 2 ) ( 3 ) ;"); // as gcc and clang
    // An argument's painted token meets a long hide set through ##-free substitution and rescanning.
    expect(out(`${chain}#define M100 id(M0)\n#define id(x) x\nM0;`)).toBe("M0 ;");
  });

  it("rescans the replacement together with the rest of the source", () => {
    expect(out("#define f(x) g(x)\n#define g(x) [x]\n#define h f\nh(1) h (2)")).toBe("[ 1 ] [ 2 ]");
  });

  it("provides __LINE__, __FILE__, __COUNTER__ and the predefined macros", () => {
    const r = pp("a __LINE__ __FILE__\n__COUNTER__ __COUNTER__ __BCC_TS__ __KERNEL__ __x86_64__ __BPF_TRACING__\n#define L __LINE__\nL");
    expect(tokens(r.text)).toBe(tokens('a 1 "/src/main.c" 0 1 1 1 1 1 4'));
  });

  it("warns on an incompatible redefinition, with a note at the previous one", () => {
    const r = pp("#define A 1\n#define A 1\n#define A 2\n#define A  2");
    expect(where(r)).toEqual(["/src/main.c:3:9 pp/macro-redefined"]);
    expect(r.diags[0]?.severity).toBe("warning");
    expect(r.diags[0]?.notes[0]?.span).toMatchObject({ line: 1, col: 9 });
  });

  it("processes conditional directives between the lines of a macro call's arguments", () => {
    const src = "#define F(a, b) [a, b]\nF(x,\n#ifdef NOPE\n  wrong\n#else\n  right\n#endif\n)";
    expect(out(src)).toBe("[ x , right ]");
  });

  it("refuses #include inside macro arguments", () => {
    const r = pp('#define F(a) a\nF(1\n#include "x.h"\n)', { files: { "/src/x.h": "int x;" } });
    expect(where(r)).toEqual(["/src/main.c:3:2 pp/invalid-directive"]);
    expect(tokens(r.text)).toBe("1");
  });

  it("returns the final macro table", () => {
    const r = pp("#define A(x, ...) x\n#define B 1\n#undef B");
    expect(r.macros.get("A")?.params).toEqual(["x", "__VA_ARGS__"]);
    expect(r.macros.get("A")?.variadic).toBe(true);
    expect(r.macros.has("B")).toBe(false);
  });

  it("handles _Pragma as a pragma record", () => {
    const r = pp('#define UNROLL _Pragma("unroll")\nint x;\nUNROLL\nfor (;;) {}');
    expect(tokens(r.text)).toBe("int x ; for ( ; ; ) { }");
    expect(r.pragmas.map((p) => [p.row, p.text, p.unroll?.kind])).toEqual([[2, "unroll", "full"]]);
  });

  it("supports #pragma push_macro/pop_macro", () => {
    expect(out('#define X 1\n#pragma push_macro("X")\n#undef X\n#define X 2\nX\n#pragma pop_macro("X")\nX')).toBe("2 1");
  });
});

describe("conditionals", () => {
  it("selects #if/#elif/#else groups and skips nested groups in dead branches", () => {
    const src = [
      "#define V 2",
      "#if V == 1",
      "one",
      "#elif V == 2",
      "two",
      "#if 0",
      "#error never",
      "#else",
      "two_b",
      "#endif",
      "#elif 1/0",
      "bad",
      "#else",
      "bad",
      "#endif",
      "#if 0",
      "#if garbage (((",
      "#elif also garbage",
      "#endif",
      "#else",
      "three",
      "#endif",
    ].join("\n");
    const r = pp(src);
    expect(tokens(r.text)).toBe("two two_b three");
    expect(r.diags).toEqual([]);
  });

  it("evaluates #ifdef/#ifndef/#elifdef and defined in both spellings", () => {
    expect(out("#define A\n#ifdef A\na\n#endif\n#ifndef A\nb\n#elifdef A\nc\n#endif\n#if defined A && defined(A) && !defined(B)\nd\n#endif")).toBe("a c d");
  });

  it("does not report errors inside skipped groups", () => {
    const r = pp("#if 0\n#foo\nint x = 'unterminated;\n#include \"missing.h\"\n#endif\n");
    expect(r.diags).toEqual([]);
  });

  it("__has_include answers from the include host", () => {
    const r = pp('#if __has_include("a.h") && __has_include(<linux/sched.h>) && !__has_include("nope.h")\nyes\n#endif', {
      files: { "/src/a.h": "" },
    });
    expect(tokens(r.text)).toBe("yes");
  });
});

describe("#include", () => {
  it("resolves quoted includes relative to the including file, then -I directories", () => {
    const files = {
      "/src/main.h": '#include "sub/inner.h"\nint from_main_h;',
      "/src/sub/inner.h": '#include "sibling.h"\nint inner;',
      "/src/sub/sibling.h": "int sibling;",
      "/inc/lib.h": "int lib;",
    };
    const r = pp('#include "main.h"\n#include "lib.h"\nint body;', { files, cflags: ["-I/inc"] });
    expect(tokens(r.text)).toBe("int sibling ; int inner ; int from_main_h ; int lib ; int body ;");
    expect(r.includes).toEqual(["/src/main.h", "/src/sub/inner.h", "/src/sub/sibling.h", "/inc/lib.h"]);
    expect(r.diags).toEqual([]);
  });

  it("serves angle includes from the host's system headers and accepts unknown ones as empty", () => {
    const host = new MemoryIncludeHost({}, { system: { "bcc_helpers.h": "#define HELPER 7\n" } });
    const r = pp("#include <bcc_helpers.h>\n#include <linux/sched.h>\n#include <net/sock.h>\n#include <uapi/linux/ptrace.h>\nint x = HELPER;", { includeHost: host });
    expect(tokens(r.text)).toBe("int x = 7 ;");
    expect(r.diags).toEqual([]);
  });

  it("reports an unknown angle header when the host refuses it", () => {
    const host = new MemoryIncludeHost({}, { acceptUnknownAngle: (n) => n.startsWith("linux/") });
    const r = pp("#include <linux/sched.h>\n  #include <stdio.h>", { includeHost: host });
    expect(where(r)).toEqual(["/src/main.c:2:12 pp/include-not-found"]);
    expect(r.diags[0]?.message).toBe("<stdio.h> file not found");
  });

  it("reports a missing quoted include as an error at the file name", () => {
    const r = pp('int a;\n#include "nope.h"\nint b;');
    expect(where(r)).toEqual(["/src/main.c:2:10 pp/include-not-found"]);
    expect(r.diags[0]?.span).toMatchObject({ endLine: 2, endCol: 18 });
    expect(tokens(r.text)).toBe("int a ; int b ;");
  });

  it("supports computed includes", () => {
    const r = pp('#define HDR "a.h"\n#define SYS <b.h>\n#include HDR\n#include SYS', { files: { "/src/a.h": "int a;" } });
    expect(tokens(r.text)).toBe("int a ;");
  });

  it("honours #pragma once and include guards", () => {
    const files = { "/src/once.h": "#pragma once\nint once;", "/src/guard.h": "#ifndef G\n#define G\nint guard;\n#endif" };
    expect(out('#include "once.h"\n#include "once.h"\n#include "guard.h"\n#include "guard.h"', { files })).toBe("int once ; int guard ;");
  });

  it("stops runaway recursive includes at the depth limit", () => {
    const r = pp('#include "self.h"', { files: { "/src/self.h": 'x\n#include "self.h"' }, limits: { includeDepth: 20 } });
    expect(r.diags.map((d) => d.code)).toEqual(["pp/recursive-include"]);
    expect(r.diags[0]?.span).toMatchObject({ file: "/src/self.h", line: 2, col: 10 });
    expect(tokens(r.text).split(" ").length).toBe(20);
  });

  it("processes -include files before the main file", () => {
    expect(out("int y = PRE;", { files: { "/src/pre.h": "#define PRE 5" }, cflags: ["-include", "pre.h"] })).toBe("int y = 5 ;");
  });
});

describe("command-line options", () => {
  it("applies defines and cflags in order", () => {
    const r = pp("NUMCPUS DEBUG GONE SQ(3) X", {
      defines: { X: "42", GONE: "1" },
      cflags: ["-DNUMCPUS=2", "-DDEBUG", "-UGONE", "-DSQ(x)=((x)*(x))", "-Wall"],
    });
    expect(tokens(r.text)).toBe("2 1 GONE ( ( 3 ) * ( 3 ) ) 42");
    expect(r.diags).toEqual([]);
  });

  it("points definitions from the command line at <command line>", () => {
    const r = pp("N", { cflags: ["-DN=1"] });
    const pos = r.map.lookup(0, 0);
    expect(r.map.notes(pos.expansion)).toEqual([{ message: "expanded from macro 'N'", span: { file: "<command line>", line: 1, col: 9, endLine: 1, endCol: 10 } }]);
  });

  it("reports malformed cflags", () => {
    expect(pp("x", { cflags: ["-D"] }).diags.map((d) => [d.code, d.message])).toEqual([["pp/bad-cflag", "missing argument to '-D'"]]);
  });
});

describe("pragmas", () => {
  it("records pragmas by output row and keeps them out of the text", () => {
    const src = "int f() {\n#pragma unroll\n  for (;;) {}\n  #pragma clang loop unroll(full)\n  while (1) {}\n#pragma GCC unroll 4\n#pragma nounroll\n#pragma pack(1)\n}";
    const r = pp(src);
    expect(r.text).not.toContain("pragma");
    expect(r.pragmas.map((p) => [p.row, p.text, p.unroll])).toEqual([
      [1, "unroll", { kind: "full" }],
      [3, "clang loop unroll(full)", { kind: "full" }],
      [5, "GCC unroll 4", { kind: "unroll", count: 4 }],
      [6, "nounroll", { kind: "disable" }],
      [7, "pack(1)", undefined],
    ]);
    expect(r.pragmas[1]?.span).toEqual({ file: "/src/main.c", line: 4, col: 3, endLine: 4, endCol: 34 });
    // The loop after a pragma starts on the next row.
    expect(r.text.split("\n")[2]).toBe("  for (;;) {}");
  });

  it("classifies the unroll spellings", () => {
    expect(classifyUnroll("unroll 8")).toEqual({ kind: "unroll", count: 8 });
    expect(classifyUnroll("unroll(2)")).toEqual({ kind: "unroll", count: 2 });
    expect(classifyUnroll("clang loop unroll_count(3)")).toEqual({ kind: "unroll", count: 3 });
    expect(classifyUnroll("clang loop unroll(disable)")).toEqual({ kind: "disable" });
    expect(classifyUnroll("clang loop vectorize(enable)")).toBeUndefined();
  });
});

describe("diagnostics at the right place", () => {
  const cases: [string, string, string[]][] = [
    ["#error", "int a;\n  #error stop \"now\"", ["/src/main.c:2:3 pp/error-directive"]],
    ["#warning", "#warning careful", ["/src/main.c:1:1 pp/warning-directive"]],
    ["invalid directive", "#if 1\n# defne X\n#endif", ["/src/main.c:2:3 pp/invalid-directive"]],
    ["unterminated conditional", "#ifdef A\n#if 1\n#endif", ["/src/main.c:1:1 pp/unterminated-conditional"]],
    ["unterminated comment", "int x; /* oops\nint y;", ["/src/main.c:1:8 pp/unterminated-comment"]],
    ["too few args", "#define F(a, b) a\nint x = F(1);", ["/src/main.c:2:9 pp/macro-arg-count"]],
    ["too many args", "#define F(a) a\n  F(1, 2)", ["/src/main.c:2:3 pp/macro-arg-count"]],
    ["args to a no-arg macro", "#define F() 1\nF(x)", ["/src/main.c:2:1 pp/macro-arg-count"]],
    ["unterminated call", "#define F(a) a\nF(1, (2)", ["/src/main.c:2:1 pp/unterminated-macro-call"]],
    ["bad #if expression", "#if 1 +* 2\n#endif", ["/src/main.c:1:8 pp/bad-expression"]],
    ["empty #if", "#if\n#endif", ["/src/main.c:1:2 pp/bad-expression"]],
    ["division by zero", "#if 1 / 0\n#endif", ["/src/main.c:1:7 pp/bad-expression"]],
    ["float in #if", "#if 1.5\n#endif", ["/src/main.c:1:5 pp/bad-expression"]],
    ["missing paren", "#if (1\n#endif", ["/src/main.c:1:5 pp/bad-expression"]],
    ["stray #endif", "int x;\n#endif", ["/src/main.c:2:2 pp/unmatched-conditional"]],
    ["#else after #else", "#if 1\n#else\n#else\n#endif", ["/src/main.c:3:2 pp/unmatched-conditional"]],
    ["#elif without #if", "#elif 1", ["/src/main.c:1:2 pp/unmatched-conditional"]],
    ["bad macro name", "#define 3 x", ["/src/main.c:1:9 pp/bad-define"]],
    ["define defined", "#define defined 1", ["/src/main.c:1:9 pp/bad-define"]],
    ["bad # in macro", "#define S(x) #y", ["/src/main.c:1:14 pp/bad-define"]],
    ["## at the edge", "#define P(x) ## x", ["/src/main.c:1:14 pp/bad-define"]],
    ["bad params", "#define P(x, 1) x", ["/src/main.c:1:14 pp/bad-define"]],
    ["#include without a name", "#include", ["/src/main.c:1:2 pp/invalid-directive"]],
    ["unterminated char", "int c = 'x;", ["/src/main.c:1:9 pp/unterminated-literal"]],
    ["NUL in source", "int a;\n int\u0000b;", ["/src/main.c:2:5 pp/invalid-character"]],
    ["ifdef without name", "#ifdef\n#endif", ["/src/main.c:1:2 pp/invalid-directive"]],
  ];
  for (const [name, src, expected] of cases) {
    it(name, () => {
      expect(where(pp(src))).toEqual(expected);
    });
  }

  it("points errors inside a macro expansion at the invocation, with the definition as a note", () => {
    const r = pp("#define CHECK(x) (x) ## +\nint a = CHECK(1);");
    expect(where(r)).toEqual(["/src/main.c:2:9 pp/invalid-paste"]);
    expect(r.diags[0]?.span).toEqual({ file: "/src/main.c", line: 2, col: 9, endLine: 2, endCol: 17 });
    expect(r.diags[0]?.notes).toEqual([{ message: "expanded from macro 'CHECK'", span: { file: "/src/main.c", line: 1, col: 9, endLine: 1, endCol: 14 } }]);
  });

  it("reports #error text and keeps going", () => {
    const r = pp("#error  two   words\nint after;");
    expect(r.diags[0]?.message).toBe("#error two words");
    expect(r.diags[0]?.span).toEqual({ file: "/src/main.c", line: 1, col: 1, endLine: 1, endCol: 20 });
    expect(tokens(r.text)).toBe("int after ;");
  });
});
