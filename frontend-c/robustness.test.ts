/**
 * Regression tests for the fuzzer's findings (test/fuzz/minimised/, one file per root cause) and
 * the limits added for them: compile() must return, with diagnostics located in the user's file,
 * within the 2 s budget, whatever the input.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CompileContext, compile, type CompileResult } from "./index.ts";
import { MAX_CST_DEPTH } from "./parse/parser.ts";
import { runBpf } from "./emit/bpf-interpreter.ts";
import { Memory } from "./ir/interpret.ts";

const MINIMISED = join(import.meta.dirname, "..", "test", "fuzz", "minimised");
const FILE = "fuzz.c";

describe("compile() robustness", () => {
  const ctx = new CompileContext();
  // The first compile pays for tree-sitter's and the prelude's set-up; keep it out of the timings.
  compile("int x;", { file: FILE, context: ctx });

  const run = (source: string): { r: CompileResult; ms: number } => {
    const t0 = performance.now();
    const r = compile(source, { file: FILE, context: ctx });
    return { r, ms: performance.now() - t0 };
  };
  const codes = (r: CompileResult) => r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
  const expectContract = (r: CompileResult, ms: number) => {
    expect(ms).toBeLessThan(2000);
    if (!r.ok) expect(codes(r).length).toBeGreaterThan(0);
    for (const d of r.diagnostics) {
      expect(d.span.file).toBe(FILE);
      expect(d.span.line).toBeGreaterThanOrEqual(1);
      expect(d.span.col).toBeGreaterThanOrEqual(1);
    }
  };
  const minimised = (name: string) => run(readFileSync(join(MINIMISED, name), "utf8"));

  it("a typo in a 40,000-character member name gets its 'did you mean' within the budget", () => {
    // Fuzz seed 20261123 case 75899: the suggestion's edit distance was quadratic in the length.
    const long = `id_${"x".repeat(40_000)}`;
    const { r, ms } = run(`struct ctx { long long ${long}[8]; };\nint f(struct ctx *c) { return c->${long}2[0]; }\n`);
    expectContract(r, ms);
    expect(r.diagnostics.find((d) => d.code === "sema/unknown-member")?.message).toContain("did you mean");
  });

  it("slow-backend-regression-89-lines.c: nested #pragma unroll loops stay within the time budget", () => {
    const { r, ms } = minimised("slow-backend-regression-89-lines.c");
    expectContract(r, ms);
    expect(r.ok).toBe(true);
    // 7 x 8 x 7 nested unrolled trips used to produce ~40k IR instructions.
    expect(r.programs[0]!.instructions.length).toBeLessThan(10_000);
  });

  it("nested #pragma unroll loops past the unroll budget keep their meaning (rest runs as a loop)", () => {
    // 64 x 64 x 8 trips: fully unrolled this would be ~100k instructions.
    const src = `int kprobe__x(void *ctx) {
  u64 acc = 0;
  #pragma unroll
  for (int i = 0; i < 64; i++) {
    #pragma unroll
    for (int j = 0; j < 64; j++) {
      #pragma unroll
      for (int k = 0; k < 8; k += 3) {
        if (((i ^ j) + k) % 5 == 1) continue;
        if (j == 60 && k == 6) break;
        acc = acc * 31 + (u64)(i * 7 + j * 3 + k);
      }
    }
  }
  return acc & 0x7fffffff;
}\n`;
    let acc = 0n;
    for (let i = 0; i < 64; i++) for (let j = 0; j < 64; j++) for (let k = 0; k < 8; k += 3) {
      if (((i ^ j) + k) % 5 === 1) continue;
      if (j === 60 && k === 6) break;
      acc = BigInt.asUintN(64, acc * 31n + BigInt(i * 7 + j * 3 + k));
    }
    const { r, ms } = run(src);
    expectContract(r, ms);
    expect(codes(r)).toEqual([]);
    expect(r.programs[0]!.instructions.length).toBeLessThan(10_000);
    expect(runBpf(r.programs[0]!.instructions, 0n, new Memory(), { maxSteps: 10_000_000 })).toBe(acc & 0x7fffffffn);
  });

  it("rangeerror-deep-plus-chain.c: a 1,600-term '+' chain is parse/too-deep, not a RangeError", () => {
    const { r, ms } = minimised("rangeerror-deep-plus-chain.c");
    expectContract(r, ms);
    expect(codes(r)).toEqual(["parse/too-deep"]);
  });

  it("v8-fatal-invalid-size-huge-array-unterminated-struct.c: returns diagnostics (used to abort Node)", () => {
    const { r, ms } = minimised("v8-fatal-invalid-size-huge-array-unterminated-struct.c");
    expectContract(r, ms);
    expect(codes(r)).toContain("parse/syntax-error");
  });

  it("a global array of 0xf707ba11 elements is sema/too-large before any per-byte allocation", () => {
    const { r, ms } = run("long long a[(0xf707ba11)];\nint kprobe__x(void *ctx) { return a[1]; }\n");
    expectContract(r, ms);
    expect(codes(r)[0]).toBe("sema/too-large");
    expect(r.diagnostics[0]!.span.line).toBe(1);
  });

  it("a map value type of 0xf707ba11 x 8 bytes is sema/too-large (the size does not even fit a u32)", () => {
    const { r, ms } = run("struct big { long long a[0xf707ba11]; };\nBPF_ARRAY(m, struct big, 1);\nint kprobe__x(void *ctx) { int k = 0; struct big *b = m.lookup(&k); if (b) b->a[3] = 1; return 0; }\n");
    expectContract(r, ms);
    expect(codes(r)).toEqual(["sema/too-large"]);
    expect(r.diagnostics[0]!.span.line).toBe(2);
  });

  it("typeerror-null-startposition.c: GNU 'x ?: y' is a diagnostic, not a TypeError", () => {
    const { r, ms } = minimised("typeerror-null-startposition.c");
    expectContract(r, ms);
    expect(codes(r)).toContain("parse/unsupported");
    const { r: r2 } = run("int kprobe__x(void *ctx) { long x = bpf_ktime_get_ns(); return x ?: 1; }\n");
    expect(codes(r2)).toEqual(["parse/unsupported"]);
  });

  it("instructionerror-jump-offset-s16.c: a 70,000-byte string on the stack is reported, not thrown", () => {
    const { r, ms } = minimised("instructionerror-jump-offset-s16.c");
    expectContract(r, ms);
    expect(codes(r)).toEqual(["backend/stack-overflow"]);
  });

  it("diagnostic-in-bcc-prelude.c: an unterminated declaration is reported in the user's file", () => {
    const { r, ms } = minimised("diagnostic-in-bcc-prelude.c");
    expectContract(r, ms);
    expect(codes(r)).toContain("parse/syntax-error");
    expect(r.diagnostics[0]!.span).toMatchObject({ file: FILE, line: 1, col: 1 });
  });

  describe("nesting-depth limit", () => {
    const prog = (body: string, pre = "") =>
      `${pre}int kprobe__x(struct pt_regs *ctx) {\n u64 a = bpf_ktime_get_ns(); u64 *p = &a; u64 arr[2] = {};\n${body}\n return 0; }\n`;
    const shapes: Record<string, (n: number) => string> = {
      "'+' chain": (n) => prog(`u64 r = ${Array(n).fill("a").join(" + ")}; bpf_trace_printk("%d", r);`),
      "'&&' chain": (n) => prog(`if (${Array(n).fill("a").join(" && ")}) a++; bpf_trace_printk("%d", a);`),
      parentheses: (n) => prog(`u64 r = ${"(".repeat(n)}a${")".repeat(n)}; bpf_trace_printk("%d", r);`),
      "unary operators": (n) => prog(`u64 r = ${"-~".repeat(n >> 1)}a; bpf_trace_printk("%d", r);`),
      "nested ifs": (n) => prog(`${"if (a) {".repeat(n >> 1)}a++;${"}".repeat(n >> 1)} bpf_trace_printk("%d", a);`),
      blocks: (n) => prog(`${"{".repeat(n)}a++;${"}".repeat(n)} bpf_trace_printk("%d", a);`),
      "else-if chain": (n) => prog(`${Array.from({ length: n >> 1 }, (_, i) => `if (a == ${i}) a++; else `).join("")}a--; bpf_trace_printk("%d", a);`),
      "nested subscripts": (n) => prog(`u64 r = ${"arr[".repeat(n >> 1)}0${"]".repeat(n >> 1)}; bpf_trace_printk("%d", r);`),
      "anonymous structs": (n) => prog(`struct s v = {}; bpf_trace_printk("%d", sizeof(v));`, `struct s { ${"struct { ".repeat(n / 3)}int x; ${"} y;".repeat(n / 3)} };\n`),
      "initialiser braces": (n) => prog(`u64 r[1] = ${"{".repeat(n)}1${"}".repeat(n)}; bpf_trace_printk("%d", r[0]);`),
    };
    for (const [name, make] of Object.entries(shapes)) {
      it(`${name}: 2,000 levels give parse/too-deep; 100 levels are not limited`, () => {
        const deep = run(make(2000));
        expectContract(deep.r, deep.ms);
        expect(codes(deep.r)).toEqual(["parse/too-deep"]);
        const shallow = run(make(100));
        expectContract(shallow.r, shallow.ms);
        expect(codes(shallow.r)).not.toContain("parse/too-deep");
      });
    }

    it(`just under the limit (${MAX_CST_DEPTH} tree levels) compiles with a quarter of the default stack to spare`, () => {
      // ~MAX_CST_DEPTH - 20 levels: the function around it takes a few tree levels.
      const { r, ms } = run(shapes["'&&' chain"]!(MAX_CST_DEPTH - 20));
      expectContract(r, ms);
      expect(codes(r)).toEqual([]);
    });
  });

  it("passes backend options through (isa v4 uses the sign-extending move)", () => {
    const src = "int kprobe__x(void *ctx) { int v = bpf_get_prandom_u32(); long w = v; bpf_trace_printk(\"%ld\", w / 3); return 0; }\n";
    const v3 = compile(src, { file: FILE, context: ctx });
    const v4 = compile(src, { file: FILE, context: ctx, backend: { isa: "v4" } });
    expect(v3.ok && v4.ok).toBe(true);
    // cpu v4's MOVSX / SDIV are ALU instructions with a non-zero offset field.
    const aluWithOff = (r: CompileResult) => r.programs[0]!.instructions.filter((i) => ((i.code & 7) === 4 || (i.code & 7) === 7) && i.off !== 0).length;
    expect(aluWithOff(v3)).toBe(0);
    expect(aluWithOff(v4)).toBeGreaterThan(0);
  });
});
