import { describe, expect, it } from "vitest";
import { DiagnosticSink } from "../diagnostics/index.ts";
import { CParser } from "../parse/parser.ts";
import { didYouMean } from "./checker.ts";
import { promote, usualArith } from "./conversions.ts";
import { analyze } from "./sema.ts";
import type { TExpr, TStmt } from "./typed-ast.ts";
import { T, typeToString } from "./types.ts";

function check(src: string) {
  const sink = new DiagnosticSink();
  const m = analyze(new CParser().parse(src, { file: "t.c" }, sink), {}, sink);
  return { m, sink };
}

/** The typed value of `return EXPR;` in `int f(...)` (the conversion to int stripped). */
function returned(src: string): TExpr {
  const { m, sink } = check(src);
  expect(sink.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  let found: TExpr | undefined;
  const walk = (s: TStmt): void => {
    if (s.k === "block") s.items.forEach(walk);
    else if (s.k === "return" && s.value) found = s.value;
  };
  walk(m.functions[0]!.body!);
  if (!found) throw new Error("no return");
  return found.k === "cast" ? found.operand : found;
}

describe("conversions", () => {
  it("promotes small types to int and keeps int and wider", () => {
    expect(promote(T.uchar)).toBe(T.int);
    expect(promote(T.ushort)).toBe(T.int);
    expect(promote(T.bool)).toBe(T.int);
    expect(promote(T.uint)).toBe(T.uint);
  });

  it("implements the usual arithmetic conversions", () => {
    expect(usualArith(T.int, T.uint)).toBe(T.uint);
    expect(usualArith(T.long, T.uint)).toBe(T.long);
    expect(usualArith(T.long, T.ulong)).toBe(T.ulong);
    expect(typeToString(usualArith(T.llong, T.ulong))).toBe("unsigned long long");
    expect(usualArith(T.char, T.short)).toBe(T.int);
  });
});

describe("constant folding with C semantics", () => {
  // Values as seen after the conversion to the function's long long return type.
  const cases: [string, bigint][] = [
    ["-1 < 1u", 0n],
    ["-1 < 1", 1n],
    ["(unsigned char)300", 44n],
    ["(signed char)200", -56n],
    ["0xffffffff + 1", 0n],
    ["4294967295 + 1", 4294967296n],
    ["-7 / 2", -3n],
    ["-7 % 2", -1n],
    ["1 << 31", -2147483648n],
    ["1u << 31", 2147483648n],
    ["sizeof(struct { char a; int b; })", 8n],
    ["(short)-1 == 0xffff", 0n],
    ["(unsigned short)-1 == 0xffff", 1n],
    ["'a' + 1", 98n],
    ["!5 + ~0", -1n],
    ["2 > 1 ? 10 : 20", 10n],
    // Types of literals and promotions, observed through sizeof.
    ["sizeof(0xffffffff)", 4n],
    ["sizeof(4294967295)", 8n],
    ["sizeof('a')", 4n],
    ["sizeof((char)1 + (char)1)", 4n],
    ["sizeof(1 ? (char)1 : 2L)", 8n],
  ];
  for (const [expr, value] of cases) {
    it(expr, () => {
      const e = returned(`long long f(void) { return ${expr}; }`);
      expect(e.k).toBe("const");
      if (e.k === "const") expect(e.value).toBe(value);
    });
  }
});

describe("typing", () => {
  it("scales pointer arithmetic and makes array decay explicit", () => {
    const e = returned("long long f(void) { long long a[4] = {}; long long *p = a; return (long long)(p + 2); }");
    expect(e.k).toBe("ptradd");
    if (e.k === "ptradd") expect(e.scale).toBe(8);
  });

  it("gives member accesses offsets through anonymous members", () => {
    const e = returned("struct s { int a; union { char b; long long c; }; }; int f(struct s *p) { return p->c; }");
    expect(e).toMatchObject({ k: "member", offset: 8 });
  });

  it("folds const globals and enum constants", () => {
    const e = returned("const int K = 3 * 4; enum e { A = 5, B }; int f(void) { return K + B; }");
    expect(e).toMatchObject({ k: "const", value: 18n });
  });

  it("declares libbpf and BCC-style maps", () => {
    const { m, sink } = check(`struct { int (*type)[BPF_MAP_TYPE_ARRAY]; int (*max_entries)[4]; unsigned int *key; long long *value; } arr __attribute__((section(".maps")));
BPF_HASH(h, u32, u64, 128);
BPF_PERF_OUTPUT(events);
int f(void *ctx) { return 0; }`);
    expect(sink.diagnostics).toEqual([]);
    expect(m.maps.map((x) => [x.name, x.kind, x.maxEntries])).toEqual([["arr", "array", 4], ["h", "hash", 128], ["events", "perf_event_array", 0]]);
  });

  it("reports all errors of a function, each once", () => {
    const { sink } = check("int f(void) { int a = b; int c = b; return d; }");
    expect(sink.diagnostics.map((d) => `${d.span.line}:${d.span.col} ${d.code}`)).toEqual([
      "1:23 sema/unknown-identifier",
      "1:34 sema/unknown-identifier",
      "1:44 sema/unknown-identifier",
    ]);
  });

  it("suggests near names", () => {
    expect(didYouMean("countr", ["counter", "x"])).toBe("counter");
    expect(didYouMean("u23", ["u8", "u32"])).toBe("u32");
    expect(didYouMean("zzzzzz", ["counter"])).toBeUndefined();
  });
});

describe("external types (the BTF hook)", () => {
  it("consults ExternalTypes for structs, typedefs and enum constants the program does not define", () => {
    const rec = { union: false, tag: "task_struct", complete: true, fields: [], size: 0, align: 8, span: { file: "btf", line: 1, col: 1, endLine: 1, endCol: 1 } };
    rec.fields = [{ name: "pid", type: T.int, offset: 2464, span: rec.span }] as never;
    rec.size = 4096;
    const ext = {
      lookupStruct: (name: string) => (name === "task_struct" ? ({ kind: "record", rec } as const) : undefined),
      lookupTypedef: (name: string) => (name === "pid_ns_t" ? T.uint : undefined),
      lookupEnumConst: (name: string) => (name === "TASK_RUNNING" ? 0n : undefined),
    };
    const sink = new DiagnosticSink();
    const src = "int f(struct task_struct *t) { pid_ns_t * p = 0; return t->pid + TASK_RUNNING + sizeof(*p); }";
    const tu = new CParser().parse(src, { file: "t.c", isExternalTypedef: (n) => ext.lookupTypedef(n) !== undefined }, sink);
    const m = analyze(tu, { externalTypes: ext }, sink);
    expect(sink.diagnostics).toEqual([]);
    const ret = (m.functions[0]!.body as TStmt & { k: "block" }).items.find((s) => s.k === "return");
    expect(ret?.k === "return" && JSON.stringify(ret.value, (_k, v) => (typeof v === "bigint" ? String(v) : v))).toContain('"offset":2464');
  });
});
