import { afterAll, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { compile } from "../../frontend-c/index.ts";
import { FdTracker } from "../sys/index.ts";
import { loadProgram, ProgramLoadError } from "./index.ts";

describeKernel("loading compiled programs", () => {
  const tracker = new FdTracker();
  afterAll(() => tracker.assertNoLeaks());

  it("a verifier rejection names the C line the failing instruction came from", () => {
    const text = [
      "int probe(void *ctx) {",
      "  int x = 1;",
      "  x += *(int *)((char *)ctx + 10000);",
      "  return x;",
      "}",
    ].join("\n");
    const r = compile(text, { file: "bad.c" });
    expect(r.diagnostics).toEqual([]);
    const spec = r.programs[0]!;
    let err: unknown;
    try {
      loadProgram(spec, { kind: "tracepoint", maps: new Map(), tracker, sourceText: () => text }).fd.close();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProgramLoadError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/^program probe rejected by the verifier at bad\.c:3:\d+ `x \+= \*\(int \*\)\(\(char \*\)ctx \+ 10000\);`: .*invalid bpf_context access/);
    expect(msg.split("\n")).toHaveLength(1);
  });

  it("a valid program loads and reports its kind", () => {
    const r = compile("int probe(void *ctx) { return 0; }", { file: "ok.c" });
    const p = loadProgram(r.programs[0]!, { kind: "tracepoint", maps: new Map(), tracker });
    expect(p.kind).toBe("tracepoint");
    p.fd.close();
  });
});
