import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiagnosticSink } from "../diagnostics/index.ts";
import { NodeIncludeHost } from "./node-include-host.ts";
import { preprocess } from "./preprocess.ts";

describe("NodeIncludeHost", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "bcc-ts-pp-"));
    mkdirSync(join(dir, "prog", "sub"), { recursive: true });
    mkdirSync(join(dir, "inc", "sys"), { recursive: true });
    mkdirSync(join(dir, "virt", "bcc"), { recursive: true });
    writeFileSync(join(dir, "prog", "local.h"), '#include "sub/deep.h"\n#define LOCAL 1\n');
    writeFileSync(join(dir, "prog", "sub", "deep.h"), "#define DEEP 2\n");
    writeFileSync(join(dir, "inc", "lib.h"), "#define LIB 3\n");
    writeFileSync(join(dir, "inc", "sys", "angle.h"), "#define ANGLE 4\n");
    writeFileSync(join(dir, "virt", "bcc", "proto.h"), "#define VIRT 5\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (src: string, host: NodeIncludeHost) => {
    const sink = new DiagnosticSink();
    const r = preprocess(src, { file: join(dir, "prog", "main.c"), includeHost: host, cflags: [`-I${join(dir, "inc")}`] }, sink);
    return { text: r.text.replace(/\s+/g, " ").trim(), diags: sink.diagnostics.map((d) => `${d.code} ${d.message}`), includes: r.includes };
  };

  it("reads quoted includes next to the including file, then from -I", () => {
    const r = run('#include "local.h"\n#include "lib.h"\nLOCAL DEEP LIB', new NodeIncludeHost({ virtualDir: join(dir, "virt") }));
    expect(r).toEqual({
      text: "1 2 3",
      diags: [],
      includes: [join(dir, "prog", "local.h"), join(dir, "prog", "sub", "deep.h"), join(dir, "inc", "lib.h")],
    });
  });

  it("reads angle includes from -I, then the virtual directory, and accepts unknown ones as empty", () => {
    const r = run("#include <sys/angle.h>\n#include <bcc/proto.h>\n#include <linux/sched.h>\n#include <net/sock.h>\nANGLE VIRT", new NodeIncludeHost({ virtualDir: join(dir, "virt") }));
    expect(r.text).toBe("4 5");
    expect(r.diags).toEqual([]);
  });

  it("reports a missing quoted include, and unknown angle includes when told to", () => {
    const strict = new NodeIncludeHost({ virtualDir: join(dir, "virt"), acceptUnknownAngle: (n) => /^(linux|uapi|net|bcc|asm)\//.test(n) });
    const r = run('#include "missing.h"\n#include <stdio.h>\n#include <uapi/linux/ptrace.h>', strict);
    expect(r.diags).toEqual(['pp/include-not-found "missing.h" file not found', "pp/include-not-found <stdio.h> file not found"]);
  });

  it("finds the package's compat/include by default (bcc_helpers.h)", () => {
    const host = new NodeIncludeHost({ acceptUnknownAngle: () => false });
    const found = host.resolveAngle("bcc_helpers.h", []);
    expect(typeof found === "object" && found.file.endsWith(join("compat", "include", "bcc_helpers.h"))).toBe(true);
  });

  it("does not treat a directory as a header", () => {
    expect(new NodeIncludeHost({ virtualDir: join(dir, "virt"), acceptUnknownAngle: () => false }).resolveAngle("bcc", [])).toBeUndefined();
  });
});
