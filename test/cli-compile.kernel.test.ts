import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeKernel } from "./harness/kernel.ts";

const bin = new URL("../bin/bcc-ts.js", import.meta.url).pathname;
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 30_000 });
const dir = mkdtempSync(join(tmpdir(), "bcc-ts-compile-k-"));

describeKernel("bcc-ts compile --load / --test-run (real kernel)", () => {
  it("--load reports the verifier's verdict with the C line and column of the failing instruction", () => {
    const p = join(dir, "v.c");
    writeFileSync(p, "struct c { unsigned long long a, out; };\nint kprobe__vfs_read(struct c *ctx) {\n  ctx->out = ctx->a + 1;\n  return 0;\n}\nint tracepoint__a__b(void *ctx) { return 0; }\n");
    const r = run(["compile", p, "--load"]);
    expect(r.status).toBe(4);
    expect(r.stdout).toContain("tracepoint__a__b: tracepoint, 2 instructions, loaded");
    expect(r.stdout).toContain("kprobe__vfs_read: kprobe");
    expect(r.stderr).toMatch(/rejected by the verifier at .*v\.c:3:\d+ `ctx->out = ctx->a \+ 1;`: invalid bpf_context access/);
    expect(r.stderr).toContain("verifier log (last");
  });

  it("--test-run runs a function as a SYSCALL program and prints retval and the ctx after the run", () => {
    const p = join(dir, "t.c");
    writeFileSync(p, "struct ctx { unsigned long long a, b, out; };\nint test(struct ctx *c) {\n  c->out = c->a * 3 + c->b;\n  return (int)(c->a + 1);\n}\n");
    const r = run(["compile", p, "--test-run", "test", "--ctx-hex", "050000000000000002000000000000000000000000000000"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("retval=6\nctx=050000000000000002000000000000001100000000000000\n");
  });
});
