import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DiagnosticSink } from "../diagnostics/index.ts";
import { PreprocessCache } from "./cache.ts";
import { MemoryIncludeHost } from "./include-host.ts";
import { preprocess, type PreprocessOptions } from "./preprocess.ts";

function run(src: string, opts: Omit<PreprocessOptions, "file">) {
  const sink = new DiagnosticSink();
  const r = preprocess(src, { file: "/src/main.c", ...opts }, sink);
  const rows = r.text.split("\n");
  const mapped = rows.map((row, i) => JSON.stringify([r.map.lookup(i, 0), r.map.lookup(i, Math.max(0, row.length - 1))]));
  return { text: r.text, diags: sink.diagnostics, mapped, pragmas: r.pragmas, includes: r.includes };
}

describe("PreprocessCache", () => {
  it("gives the same results as a fresh run, run after run", () => {
    const dir = new URL("./testdata/", import.meta.url);
    const files = { "/src/bcc-prelude.h": readFileSync(new URL("bcc-prelude.h", dir), "utf8") };
    const main = readFileSync(new URL("bcc-sample.c", dir), "utf8");
    const cache = new PreprocessCache();
    const variants = [main, `${main}\n#define EXTRA 1\nint e = EXTRA;\n#pragma unroll\n`, main.replace("#define MAX_SLOTS 26", "#define MAX_SLOTS 27 +")];
    for (let round = 0; round < 2; round++) {
      for (const [i, src] of variants.entries()) {
        const cflags = i === 1 ? ["-DNUMCPUS=4"] : [];
        const fresh = run(src, { includeHost: new MemoryIncludeHost(files), cflags });
        const cached = run(src, { includeHost: new MemoryIncludeHost(files), cflags, cache });
        expect(cached).toEqual(fresh);
      }
    }
  });

  it("re-lexes a file whose text changed and keeps reporting errors of cached lines", () => {
    const cache = new PreprocessCache();
    const a = run('#include "h.h"\nH', { includeHost: new MemoryIncludeHost({ "/src/h.h": "#define H 1\n#define 3 bad" }), cache });
    const b = run('#include "h.h"\nH', { includeHost: new MemoryIncludeHost({ "/src/h.h": "#define H 1\n#define 3 bad" }), cache });
    const c = run('#include "h.h"\nH', { includeHost: new MemoryIncludeHost({ "/src/h.h": "#define H 2" }), cache });
    expect(a.text.trim()).toBe("1");
    expect(b.diags).toEqual(a.diags);
    expect(a.diags.map((d) => `${d.span.file}:${d.span.line}:${d.span.col} ${d.code}`)).toEqual(["/src/h.h:2:9 pp/bad-define"]);
    expect(c.text.trim()).toBe("2");
    expect(c.diags).toEqual([]);
  });

  it("keeps each run's source map independent of later runs", () => {
    const cache = new PreprocessCache();
    const sink = new DiagnosticSink();
    const first = preprocess("int a;", { file: "/one.c", includeHost: new MemoryIncludeHost(), cache }, sink);
    preprocess("int b;", { file: "/two.c", includeHost: new MemoryIncludeHost(), cache }, sink);
    expect(first.map.lookup(0, 4)).toEqual({ file: "/one.c", line: 1, col: 5, expansion: -1 });
    expect(first.map.files).not.toContain("/two.c");
  });
});
