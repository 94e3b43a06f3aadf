/**
 * @fileoverview The negative corpus: every `*.c` here is an invalid program whose expected errors
 * are written in the file as `// expect: LINE:COL CODE ["message substring"]`. Compiling must not
 * throw, must fail, and must report exactly the expected errors (warnings are not compared).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CompileContext, compile } from "../../../frontend-c/index.ts";

const DIR = import.meta.dirname;
const files = readdirSync(DIR).filter((f) => f.endsWith(".c")).sort();

interface Expectation {
  at: string; // "line:col code"
  message: string | undefined;
}

function expectations(source: string): Expectation[] {
  const out: Expectation[] = [];
  for (const m of source.matchAll(/^\/\/ expect: (\d+:\d+ \S+)(?: "(.*)")?$/gm)) {
    out.push({ at: m[1]!, message: m[2] });
  }
  return out;
}

describe("negative corpus", () => {
  const ctx = new CompileContext();

  it("has at least 60 programs, each with expectations", () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
    for (const f of files) expect(expectations(readFileSync(join(DIR, f), "utf8")), f).not.toHaveLength(0);
  });

  for (const f of files) {
    it(f, () => {
      const source = readFileSync(join(DIR, f), "utf8");
      const want = expectations(source);
      const r = compile(source, { file: f, context: ctx });
      expect(r.ok).toBe(false);
      expect(r.programs).toEqual([]);
      const errors = r.diagnostics.filter((d) => d.severity === "error");
      const got = errors.map((d) => `${d.span.line}:${d.span.col} ${d.code}`);
      expect(got.sort()).toEqual(want.map((w) => w.at).sort());
      for (const w of want) {
        if (w.message === undefined) continue;
        const d = errors.find((e) => `${e.span.line}:${e.span.col} ${e.code}` === w.at)!;
        expect(d.message).toContain(w.message);
      }
      for (const d of errors) expect(d.span.file).toBe(f);
    });
  }
});
