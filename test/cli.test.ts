import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const bin = new URL("../bin/bcc-ts.js", import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });

describe("bcc-ts CLI basics", () => {
  it("prints help listing the commands", () => {
    const r = run("--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("bcc-ts features");
    expect(r.stdout).toContain("bcc-ts tplist");
  });

  it("rejects an unknown command with one line and exit code 2", () => {
    const r = run("no-such-command");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("bcc-ts: Unknown argument: no-such-command (see: bcc-ts --help)\n");
    expect(r.stderr).not.toMatch(/\bat \S+:\d+:\d+/);
  });

  it("every command has --help", () => {
    for (const c of ["features", "tplist", "trace-pipe"]) {
      const r = run(c, "--help");
      expect(r.status, c).toBe(0);
      expect(r.stdout).toContain(`bcc-ts ${c}`);
    }
  });
});

describe("bcc-ts tool", () => {
  it("lists the bundled tools with what each needs", () => {
    const r = run("tool");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^execsnoop\s+\S/m);
    expect(r.stdout).toMatch(/^hello_world\s+kprobes/m);
  });

  it("an unknown tool is one line and exit 2", () => {
    const r = run("tool", "no_such_tool");
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^bcc-ts: no bundled tool named no_such_tool/);
  });
});
