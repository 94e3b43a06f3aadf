import { describe, expect, it } from "vitest";
import { DiagnosticSink } from "../diagnostics/index.ts";
import type { Expr, FunctionDef, Stmt } from "./ast.ts";
import { CParser } from "./parser.ts";

function parse(src: string) {
  const sink = new DiagnosticSink();
  const tu = new CParser().parse(src, { file: "t.c" }, sink);
  return { tu, sink };
}

function body(src: string): Stmt[] {
  const { tu, sink } = parse(src);
  expect(sink.diagnostics).toEqual([]);
  return (tu.items.find((i) => i.kind === "function") as FunctionDef).body.items;
}

function retExpr(src: string): Expr {
  const s = body(src).find((x) => x.kind === "return");
  if (s?.kind !== "return" || !s.value) throw new Error("no return");
  return s.value;
}

describe("parse", () => {
  it("builds functions, declarations and expressions", () => {
    const { tu, sink } = parse("typedef unsigned int u_t;\nint f(void *ctx) { u_t x = 1; return x + 2 * 3; }");
    expect(sink.diagnostics).toEqual([]);
    expect(tu.items.map((i) => i.kind)).toEqual(["decl", "function"]);
    const f = tu.items[1] as FunctionDef;
    expect(f.name).toBe("f");
    expect(f.params.map((p) => p.name)).toEqual(["ctx"]);
    const r = retExpr("int f(void) { int x = 0; return x + 2 * 3; }");
    expect(r.kind).toBe("binary");
    if (r.kind === "binary") {
      expect(r.op).toBe("+");
      expect(r.right.kind).toBe("binary");
    }
  });

  it("reads (T)*p and (T)-x as casts when T is a typedef, as arithmetic otherwise", () => {
    const cast = retExpr("typedef int T; int f(int *p) { return (T)*p; }");
    expect(cast.kind).toBe("cast");
    const cast2 = retExpr("int f(int x) { return (u32)-x; }");
    expect(cast2.kind).toBe("cast");
    const mul = retExpr("int f(int a, int b) { return (a)*b; }");
    expect(mul.kind).toBe("binary");
    const sz = retExpr("int f(int y) { return sizeof(y); }");
    expect(sz.kind).toBe("sizeof-expr");
    const szt = retExpr("typedef long L; int f(void) { return sizeof(L); }");
    expect(szt.kind).toBe("sizeof-type");
  });

  it("declares `foo_t * x` as a pointer when foo_t is a kernel typedef", () => {
    const [d] = body("int f(void) { u64 * x; return 0; }");
    expect(d?.kind).toBe("decl");
    if (d?.kind === "decl") expect(d.declarators[0]!.type.derived).toEqual([{ kind: "pointer", quals: { const: false, volatile: false } }]);
  });

  it("orders declarator derivations outside-in (pointer to array vs array of pointers)", () => {
    const [a, b] = body("int f(void) { int *x[3]; int (*y)[3]; return 0; }");
    if (a?.kind !== "decl" || b?.kind !== "decl") throw new Error("decls");
    expect(a.declarators[0]!.type.derived.map((d) => d.kind)).toEqual(["pointer", "array"]);
    expect(b.declarators[0]!.type.derived.map((d) => d.kind)).toEqual(["array", "pointer"]);
  });

  it("decodes literals: negative, hex, suffixes, chars, escapes, concatenation", () => {
    const neg = retExpr("int f(void) { return -0x10; }");
    expect(neg).toMatchObject({ kind: "unary", op: "-", operand: { kind: "int", value: 16n, decimal: false } });
    expect(retExpr("int f(void) { return 10ull; }")).toMatchObject({ kind: "int", value: 10n, unsigned: true, longs: 2 });
    expect(retExpr("int f(void) { return '\\n'; }")).toMatchObject({ kind: "char", value: 10n });
    const s = retExpr('int f(void) { return "a\\x41" "b\\0"; }');
    expect(s.kind === "string" && [...s.bytes]).toEqual([97, 65, 98, 0]);
  });

  it("parses GNU case ranges, __builtin_offsetof paths and BPF_HASH with struct types without errors", () => {
    const items = body("int f(int x) { switch (x) { case 1 ... 5: return 1; case 'a' ... 'z': return 2; } return __builtin_offsetof(struct s, a.b[2]); }");
    const sw = items[0];
    expect(sw?.kind).toBe("switch");
    const r = retExpr("int f(void) { return __builtin_offsetof(struct s, a.b[2]); }");
    expect(r.kind === "offsetof" && r.path.map((p) => p.kind)).toEqual(["field", "field", "index"]);
    const { tu, sink } = parse("BPF_HASH(counts, struct key_t, u64, 1024);");
    expect(sink.diagnostics).toEqual([]);
    expect(tu.items[0]).toMatchObject({ kind: "map-macro", macro: "BPF_HASH", name: "counts" });
  });

  it("re-attaches attributes written after a declarator", () => {
    const { tu, sink } = parse('struct { int x; } m __attribute__((section(".maps")));\nchar L[] __attribute__((section("license"))) = "GPL";');
    expect(sink.diagnostics).toEqual([]);
    const d = tu.items[0];
    expect(d?.kind === "decl" && d.declarators[0]!.attrs.map((a) => a.name)).toEqual(["section"]);
    const l = tu.items[1];
    expect(l?.kind === "decl" && l.declarators[0]!.init?.kind).toBe("string");
  });

  it("reports ERROR and MISSING nodes at their positions and keeps going", () => {
    const { sink } = parse("int f(void) {\n  int x = 1\n  return x;\n}\nint g(void) { x = = 2; return 0; }");
    const got = sink.diagnostics.map((d) => `${d.span.line}:${d.span.col} ${d.code}`);
    expect(got).toContain("2:12 parse/missing-token");
    expect(got).toContain("5:19 parse/syntax-error");
  });

  it("counts columns in UTF-16 code units after non-ASCII text", () => {
    const { sink } = parse("/* é😀 */ int f(void) { return 1 }");
    const d = sink.diagnostics[0]!;
    // "/* é😀 */ int f(void) { return 1" is 32 UTF-16 units; the missing ';' is reported after it.
    expect(d.code).toBe("parse/missing-token");
    expect(d.span.col).toBe("/* é😀 */ int f(void) { return 1".length + 1);
  });

  it("marks loops after #pragma unroll", () => {
    const items = body("int f(void) {\n  int s = 0;\n#pragma unroll\n  for (int i = 0; i < 4; i++) s += i;\n  while (s > 100) s--;\n  return s;\n}");
    const loops = items.filter((s) => s.kind === "for" || s.kind === "while");
    expect(loops.map((l) => (l.kind === "for" || l.kind === "while" ? l.unroll : undefined))).toEqual([true, false]);
  });
});
