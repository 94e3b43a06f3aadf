import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PermissionError, Permissions, within } from "./permissions.ts";

const root = mkdtempSync(join(tmpdir(), "bcc-ts-perm-"));
const scriptDir = join(root, "tool");
const data = join(root, "data");
mkdirSync(scriptDir);
mkdirSync(data);
writeFileSync(join(scriptDir, "prog.c"), "int x;");
writeFileSync(join(data, "in.txt"), "hi");
symlinkSync("/etc", join(scriptDir, "etc-link"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("Permissions", () => {
  it("lets a script read its own directory and nothing else by default", () => {
    const p = new Permissions({ scriptDir, cwd: root });
    expect(p.checkRead(join(scriptDir, "prog.c"))).toBe(join(scriptDir, "prog.c"));
    expect(() => p.checkRead("/etc/shadow")).toThrow(PermissionError);
    expect(() => p.checkRead(join(data, "in.txt"))).toThrow(/--allow-read/);
    expect(p.anyFileAccess).toBe(false);
  });

  it("judges paths after resolving .. and symlinks", () => {
    const p = new Permissions({ scriptDir, cwd: root });
    expect(() => p.checkRead(join(scriptDir, "..", "data", "in.txt"))).toThrow(PermissionError);
    expect(() => p.checkRead(join(scriptDir, "etc-link", "shadow"))).toThrow(PermissionError);
    // A file that does not exist yet under a link is judged by where the link points.
    const w = new Permissions({ scriptDir, cwd: root, allowWrite: [scriptDir] });
    expect(() => w.checkWrite(join(scriptDir, "etc-link", "new-file"))).toThrow(PermissionError);
    expect(w.checkWrite(join(scriptDir, "out.txt"))).toBe(join(scriptDir, "out.txt"));
  });

  it("grants reads and writes under --allow-read/--allow-write, relative to the working directory", () => {
    const p = new Permissions({ scriptDir, cwd: root, allowRead: ["data"], allowWrite: [join(root, "out")] });
    expect(p.checkRead(join(data, "in.txt"))).toBe(join(data, "in.txt"));
    expect(p.checkRead("data/in.txt")).toBe(join(data, "in.txt"));
    expect(() => p.checkWrite(join(data, "in.txt"))).toThrow(/--allow-write/);
    expect(p.checkWrite(join(root, "out", "x"))).toBe(join(root, "out", "x"));
    // What may be written may be read back.
    expect(p.checkRead(join(root, "out", "x"))).toBe(join(root, "out", "x"));
    expect(p.anyFileAccess).toBe(true);
  });

  it("runs programs only with --allow-run", () => {
    expect(() => new Permissions({}).checkRun("/bin/true")).toThrow(/--allow-run/);
    expect(() => new Permissions({ allowRun: true }).checkRun("/bin/true")).not.toThrow();
  });

  it("within() does not treat a name prefix as a parent directory", () => {
    expect(within("/a/b", "/a")).toBe(true);
    expect(within("/a", "/a")).toBe(true);
    expect(within("/ab", "/a")).toBe(false);
    expect(within("/x", "/")).toBe(true);
  });
});
