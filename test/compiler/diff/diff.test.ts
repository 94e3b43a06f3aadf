/**
 * The differential corpus without a kernel: every case compiled by bcc-ts (optimised, and
 * optimised with the portable ISA v3, unoptimised with cpu-v4 instructions and IR invariant checks) and executed by the back end's BPF interpreter must agree
 * with gcc. The kernel variant (diff.kernel.test.ts) additionally proves the verifier accepts the
 * code; this one runs anywhere gcc exists and pinpoints miscompilations quickly.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { CompileContext } from "../../../frontend-c/index.ts";
import { runPipeline } from "../../../frontend-c/pipeline.ts";
import { DiagnosticSink } from "../../../frontend-c/diagnostics/index.ts";
import { Memory, type HelperImpl } from "../../../frontend-c/ir/interpret.ts";
import { runBpf } from "../../../frontend-c/emit/bpf-interpreter.ts";
import type { ProgramSpec } from "../../../src/spec/index.ts";
import { CTX_PRELUDE, ctxBytes, ctxValues, loadCorpus, parseCase, type DiffCase, type RunResult } from "./corpus.ts";
import { runNative } from "./native.ts";

const cases = loadCorpus();
const context = new CompileContext();
const CTX_ADDR = 0x1000_0000n;

/**
 * The corpus is helper-free C, but the front end may turn dereferences into
 * bpf_probe_read_kernel(dst, size, src) calls (BCC's memory-access rewriting): emulate the helpers
 * that copy memory (probe_read #4, probe_read_kernel #113) on the interpreter's memory.
 */
const PROBE_READ: HelperImpl = ([dst, size, src], mem) => {
  for (let k = 0n; k < size!; k++) mem.store(dst! + k, 1, mem.load(src! + k, 1));
  return 0n;
};
const HELPERS = new Map<number, HelperImpl>([[4, PROBE_READ], [113, PROBE_READ]]);

function compileCase(c: DiffCase, optimize: boolean): ProgramSpec {
  const sink = new DiagnosticSink();
  const r = runPipeline(`${CTX_PRELUDE} ${c.source}`, { file: `${c.name}.c`, backend: { optimize, verify: true, isa: optimize ? "v3" : "v4" } }, context, sink);
  expect(sink.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const prog = r.collection?.programs.find((p) => p.name === "test");
  expect(prog, "program 'test'").toBeDefined();
  return prog!;
}

function interpret(spec: ProgramSpec, c: DiffCase): RunResult[] {
  return c.inputs.map((input) => {
    const mem = new Memory();
    const ctx = ctxBytes(input);
    mem.add(CTX_ADDR, ctx);
    const r0 = runBpf(spec.instructions, CTX_ADDR, mem, { helpers: HELPERS });
    return { ret: Number(r0 & 0xffff_ffffn), ctx: ctxValues(ctx) };
  });
}

describe("corpus format", () => {
  it("parses inputs (decimal, hex, negative; missing slots are 0)", () => {
    const c = parseCase("x", "x.c", "// input: 1 -2 0x10\n// input: -0x1\nint test(struct ctx *c) { return 0; }\n");
    expect(c.inputs).toEqual([
      [1n, (1n << 64n) - 2n, 16n, 0n, 0n, 0n, 0n, 0n],
      [(1n << 64n) - 1n, 0n, 0n, 0n, 0n, 0n, 0n, 0n],
    ]);
    expect(() => parseCase("y", "y.c", "// input: 1.5\n")).toThrow(/bad input/);
  });

  it("has at least 150 cases, each defining test()", () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    for (const c of cases) expect(c.source, c.name).toMatch(/\bint test\(struct ctx \*c\)/);
  });
});

describe(`differential: bcc-ts on the BPF interpreter vs gcc (${cases.length} cases)`, () => {
  let native: RunResult[][] = [];
  beforeAll(async () => {
    native = await runNative(cases);
  }, 120_000);

  cases.forEach((c, k) => {
    it(c.name, () => {
      expect(interpret(compileCase(c, true), c)).toEqual(native[k]);
      expect(interpret(compileCase(c, false), c)).toEqual(native[k]);
    });
  });
});
