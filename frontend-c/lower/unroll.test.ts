import { describe, expect, it } from "vitest";
import { DiagnosticSink } from "../diagnostics/index.ts";
import { type IrFunction, successors } from "../ir/ir.ts";
import { CParser } from "../parse/parser.ts";
import { analyze } from "../sema/sema.ts";
import { lowerModule } from "./lower-module.ts";

function lower(src: string): IrFunction {
  const sink = new DiagnosticSink();
  const typed = analyze(new CParser().parse(src, { file: "u.c" }, sink), {}, sink);
  const ir = lowerModule(typed, sink);
  expect(sink.diagnostics).toEqual([]);
  return ir.functions[0]!;
}

function hasCycle(fn: IrFunction): boolean {
  const byId = new Map(fn.blocks.map((b) => [b.id, b]));
  const state = new Map<number, 1 | 2>();
  const visit = (id: number): boolean => {
    if (state.get(id) === 1) return true;
    if (state.get(id) === 2) return false;
    state.set(id, 1);
    for (const s of successors(byId.get(id)!.term!)) if (visit(s)) return true;
    state.set(id, 2);
    return false;
  };
  return visit(fn.blocks[0]!.id);
}

describe("#pragma unroll", () => {
  it("fully unrolls counted loops (no cycle remains in the CFG)", () => {
    const fn = lower("int f(int *p) {\n  int s = 0;\n#pragma unroll\n  for (int i = 0; i < 8; i++) {\n    if (i == 2) continue;\n    if (i == *p) break;\n    s += i;\n  }\n  return s;\n}");
    expect(hasCycle(fn)).toBe(false);
  });

  it("keeps a real loop without the pragma, or when the body writes the counter", () => {
    expect(hasCycle(lower("int f(void) { int s = 0; for (int i = 0; i < 8; i++) s += i; return s; }"))).toBe(true);
    expect(hasCycle(lower("int f(void) {\n  int s = 0;\n#pragma unroll\n  for (int i = 0; i < 8; i++) { s += i; i++; }\n  return s;\n}"))).toBe(true);
  });

  it("does not unroll loops longer than the limit", () => {
    expect(hasCycle(lower("int f(void) {\n  int s = 0;\n#pragma unroll\n  for (int i = 0; i < 1000; i++) s += i;\n  return s;\n}"))).toBe(true);
  });
});
