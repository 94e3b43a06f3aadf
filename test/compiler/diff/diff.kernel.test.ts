/**
 * The differential test: every corpus case compiled by bcc-ts, loaded as a BPF_PROG_TYPE_SYSCALL
 * program and run with BPF_PROG_RUN must produce the same return value and ctx bytes as the same C
 * compiled natively by gcc. Run twice: through the public compile() (optimised) and through the
 * pipeline with the optimiser off, cpu-v4 instructions and IR invariant checks on, so the verifier also sees
 * unoptimised code shapes.
 */
import { beforeAll, expect, it } from "vitest";
import { describeKernel } from "../../harness/kernel.ts";
import { compile, CompileContext } from "../../../frontend-c/index.ts";
import { runPipeline } from "../../../frontend-c/pipeline.ts";
import { DiagnosticSink } from "../../../frontend-c/diagnostics/index.ts";
import type { ProgramSpec } from "../../../src/spec/index.ts";
import { CTX_PRELUDE, ctxBytes, ctxValues, loadCorpus, type DiffCase, type RunResult } from "./corpus.ts";
import { runNative } from "./native.ts";
import { loadSyscall, runSyscall } from "./syscall-runner.ts";

const cases = loadCorpus();
const context = new CompileContext();

/** The prelude shares line 1 with the case, so diagnostics keep the file's own line numbers. */
const sourceOf = (c: DiffCase) => `${CTX_PRELUDE} ${c.source}`;

function compileOptimised(c: DiffCase, isa: "v3" | "v4" = "v3"): ProgramSpec {
  const r = compile(sourceOf(c), { file: `${c.name}.c`, context, backend: { isa } });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const prog = r.programs.find((p) => p.name === "test");
  expect(prog, "program 'test'").toBeDefined();
  return prog!;
}

function compileUnoptimised(c: DiffCase): ProgramSpec {
  const sink = new DiagnosticSink();
  const r = runPipeline(sourceOf(c), { file: `${c.name}.c`, backend: { optimize: false, verify: true, isa: "v4" } }, context, sink);
  expect(sink.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const prog = r.collection?.programs.find((p) => p.name === "test");
  expect(prog, "program 'test'").toBeDefined();
  return prog!;
}

function runInKernel(spec: ProgramSpec, c: DiffCase): RunResult[] {
  using prog = loadSyscall(spec);
  return c.inputs.map((input) => {
    const ctx = ctxBytes(input);
    const ret = runSyscall(prog, ctx);
    return { ret, ctx: ctxValues(ctx) };
  });
}

describeKernel(`differential: bcc-ts in the kernel vs gcc (${cases.length} cases)`, () => {
  let native: RunResult[][] = [];
  beforeAll(async () => {
    native = await runNative(cases);
  }, 120_000);

  it("has at least 150 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });

  cases.forEach((c, k) => {
    it(`${c.name} (optimised)`, () => {
      expect(runInKernel(compileOptimised(c), c)).toEqual(native[k]);
    });
    // What the BPF class loads on kernels that take cpu v4 (6.6+), as here.
    it(`${c.name} (optimised, cpu v4)`, () => {
      expect(runInKernel(compileOptimised(c, "v4"), c)).toEqual(native[k]);
    });
    it(`${c.name} (unoptimised)`, () => {
      expect(runInKernel(compileUnoptimised(c), c)).toEqual(native[k]);
    });
  });
});
