import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const bin = new URL("../bin/bcc-ts.js", import.meta.url).pathname;
const run = (args: string[], input?: string) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", input, timeout: 30_000 });
const dir = mkdtempSync(join(tmpdir(), "bcc-ts-compile-"));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("bcc-ts compile", () => {
  it("compiles every program function and summarises them", () => {
    const p = file("ok.c", "int kprobe__vfs_read(void *ctx) { return 0; }\nint tracepoint__sched__sched_switch(void *ctx) { return 1; }\n");
    const r = run(["compile", p]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^kprobe__vfs_read: kprobe, \d+ instructions\ntracepoint__sched__sched_switch: tracepoint, \d+ instructions\n$/);
  });

  it("prints diagnostics as file:line:col with the source line and a caret, exit 3", () => {
    const p = file("bad.c", "int f(void *ctx) {\n  return undefined_name + 1;\n}\n");
    const r = run(["compile", p]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`${p.replace(/^.*\//, "")}`);
    expect(r.stderr).toMatch(/bad\.c:2:10: error: .*undefined_name/);
    expect(r.stderr).toContain("  return undefined_name + 1;");
    expect(r.stderr).toMatch(/\n\s+\^~+/);
  });

  it("reads stdin with -", () => {
    const r = run(["compile", "-"], "int f(void *ctx) { return 2; }\n");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^f: kprobe, \d+ instructions/);
  });

  it("--json and --dump", () => {
    const p = file("j.c", "int kprobe__f(void *ctx) {\n  int x = 3;\n  return x * 2;\n}\n");
    const j = JSON.parse(run(["compile", p, "--json"]).stdout) as { programs: { name: string; type: string; insns: number; loaded: unknown; error: unknown }[] };
    expect(j.programs).toEqual([{ name: "kprobe__f", type: "kprobe", insns: expect.any(Number), loaded: null, error: null }]);
    const d = run(["compile", p, "--dump"]);
    expect(d.status).toBe(0);
    expect(d.stdout).toMatch(/; return x \* 2;\s+\[.*j\.c:3:\d+\]/);
    expect(d.stdout).toMatch(/\d+: \(95\) exit/);
  });

  it("-D defines reach the preprocessor", () => {
    const p = file("d.c", "int f(void *ctx) { return VALUE; }\n");
    expect(run(["compile", p]).status).toBe(3);
    expect(run(["compile", p, "-D", "VALUE=4"]).status).toBe(0);
  });
});
