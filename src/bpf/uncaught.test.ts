import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { BPFError, CompileError, isUserFacingError, userErrorExitCode } from "./errors.ts";
import { userLocation } from "./uncaught.ts";
import { KernelError } from "../sys/errors.ts";
import { TracefsError } from "../tracefs/errors.ts";

const ROOT = resolve(import.meta.dirname, "../..");

describe("uncaught bcc-ts errors: which, and where", () => {
  it("user-facing: marked classes, kernel and tracefs errors; not plain, built-in or look-alike errors", () => {
    expect(isUserFacingError(new BPFError("x"))).toBe(true);
    expect(isUserFacingError(new CompileError("x", []))).toBe(true);
    expect(isUserFacingError(new KernelError({ syscall: "bpf", command: "MAP_CREATE", code: 1 }))).toBe(true);
    expect(isUserFacingError(new TracefsError("x", "ENOENT"))).toBe(true);
    expect(isUserFacingError(new Error("x"))).toBe(false);
    expect(isUserFacingError(new TypeError("x"))).toBe(false);
    class MyError extends Error { override name = "MyError"; }
    expect(isUserFacingError(new MyError("x"))).toBe(false);
    expect(isUserFacingError("BPFError: x")).toBe(false);
    expect(userErrorExitCode(new CompileError("x", []))).toBe(3);
    expect(userErrorExitCode(new BPFError("x"))).toBe(1);
  });

  it("the innermost frame outside bcc-ts, Node and node_modules, relative to the working directory", () => {
    const stack = [
      "AttachError: tracepoint x:y does not exist",
      `    at attachTracepoint (file://${join(ROOT, "src/attach/tracepoint.ts")}:40:11)`,
      `    at BPF.attach_tracepoint (${join(ROOT, "src/bpf/attach-methods.ts")}:155:18)`,
      `    at helper (file://${join(ROOT, "node_modules/some-lib/index.js")}:3:3)`,
      "    at node:internal/modules/esm/module_job:325:25",
      "    at file:///home/u/tools/my%20tool.mjs:7:3",
      "    at async ModuleLoader.import (node:internal/modules/esm/loader:606:24)",
    ].join("\n");
    expect(userLocation(stack, "/home/u")).toBe("tools/my tool.mjs:7");
    expect(userLocation(stack, "/elsewhere")).toBe("/home/u/tools/my tool.mjs:7");
    expect(userLocation(`Error: x\n    at Object.<anonymous> (/srv/a (copy)/run.js:12:5)`, "/")).toBe("srv/a (copy)/run.js:12");
    expect(userLocation(`Error: x\n    at f (${join(ROOT, "frontend-c/index.ts")}:1:1)\n    at node:internal/x:1:1`, "/")).toBeUndefined();
    expect(userLocation(undefined)).toBeUndefined();
  });
});
