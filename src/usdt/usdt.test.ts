/**
 * The USDT class and UsdtBinding without the kernel: probe lookup and errors over a gcc-built
 * fixture, cookie numbering, and the generated C compiled as a forced include.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../frontend-c/index.ts";
import { MemoryIncludeHost } from "../../frontend-c/preprocess/index.ts";
import { resolveSymbol } from "../elf/index.ts";
import { USDT, USDTError, UsdtBinding, USDT_INCLUDE_NAME } from "./index.ts";

describe("USDT over a gcc-built fixture", () => {
  let dir = "";
  let bin = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "bcc-ts-usdt-u-"));
    bin = join(dir, "usdt-args");
    const r = spawnSync("gcc", ["-O2", "-o", bin, join(import.meta.dirname, "fixtures", "usdt-args.c")], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`gcc failed to build the USDT fixture: ${r.error?.message ?? r.stderr}`);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("enumerates the probes, finds every site, and gives BCC's C types", () => {
    const u = new USDT({ path: bin });
    expect(u.enumerate_probes()).toEqual([
      { provider: "bccts", name: "args", bin_path: bin },
      { provider: "bccts", name: "multi", bin_path: bin },
    ]);
    u.enable_probe({ probe: "bccts:args", fn_name: "on_args" });
    u.enable_probe("multi", "on_multi");
    expect(u.enabled.map((e) => [e.probe, e.fn_name, e.sites.length])).toEqual([
      ["bccts:args", "on_args", 1],
      ["multi", "on_multi", 2],
    ]);
    expect(u.enabled[0]!.sites[0]!.probe.semaphoreOffset).toBeGreaterThan(0);
    expect(u.get_probe_arg_ctypes("args")).toEqual(["long long", "int", "unsigned char", "short", "unsigned long long", "unsigned long long", "int"]);
    // Sites 8@%rax and -4@%esi: the widest (8 bytes, unsigned) serves both.
    expect(u.get_probe_arg_ctypes("bccts:multi")).toEqual(["unsigned long long"]);
  });

  it("numbers the sites 1, 2, 3 and resolves the RIP-relative global", () => {
    const u = new USDT({ path: bin });
    u.enable_probe("args", "on_args");
    u.enable_probe("multi", "on_multi");
    const text = new UsdtBinding([u]).text;
    expect([...text.matchAll(/case (\d+): \{ \/\* bccts:(\w+)/g)].map((m) => `${m[1]}:${m[2]}`).slice(0, 3)).toEqual(["1:args", "2:multi", "3:multi"]);
    const gval = resolveSymbol(bin, "gval")[0]!;
    expect(text).toContain(`+ 0x${gval.address.toString(16)}ULL)`);
  });

  it("several contexts in one program share one numbering", () => {
    const u1 = new USDT({ path: bin });
    u1.enable_probe("multi", "a");
    const u2 = new USDT({ path: bin });
    u2.enable_probe("multi", "b");
    const text = new UsdtBinding([u1, u2]).text;
    expect([...text.matchAll(/case (\d+):/g)].map((m) => Number(m[1]))).toEqual([1, 2, 3, 4]);
  });

  it("the generated C is a forced include: it compiles with the program, whose line numbers stay its own", () => {
    const u = new USDT({ path: bin });
    u.enable_probe("args", "on_args");
    const binding = new UsdtBinding([u]);
    const includeHost = binding.includeHost(new MemoryIncludeHost());
    const good = compile("int on_args(struct pt_regs *ctx) {\n  long long a = 0;\n  return bpf_usdt_readarg(1, ctx, &a);\n}\n", {
      file: "prog.c",
      cflags: binding.cflags,
      includeHost,
    });
    expect(good.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(good.programs.map((p) => p.name)).toEqual(["on_args"]);
    const bad = compile("int on_args(struct pt_regs *ctx) {\n  return no_such_thing;\n}\n", { file: "prog.c", cflags: binding.cflags, includeHost });
    const err = bad.diagnostics.find((d) => d.severity === "error");
    expect(err?.span).toMatchObject({ file: "prog.c", line: 2 });
    expect(binding.cflags).toEqual(["-include", USDT_INCLUDE_NAME]);
  });

  it("one-line errors: unknown probe (with the ones available), no probes at all, bad pid, bad name, nothing given", () => {
    const u = new USDT({ path: bin });
    expect(() => u.enable_probe("nope", "f")).toThrow(`USDT: no probe nope in ${bin}; available: bccts:args, bccts:multi`);
    expect(() => u.enable_probe("other:args", "f")).toThrow(USDTError);
    expect(() => u.enable_probe({ probe: "args", fn_name: "" })).toThrow("needs fn_name");
    expect(() => new USDT({ path: "/bin/true" }).enable_probe("x", "f")).toThrow("USDT: /bin/true has no USDT probes (no .note.stapsdt section)");
    expect(() => new USDT({ pid: 0x3fffffff })).toThrow(`USDT: no process with pid ${0x3fffffff}`);
    expect(() => new USDT({ path: "bcc-ts-no-such-binary" })).toThrow('USDT: cannot find library or executable "bcc-ts-no-such-binary"');
    expect(() => new USDT({})).toThrow("new USDT() needs { pid } or { path }");
  });

  it("a pid context searches the process's mapped files", () => {
    // This test process maps no fixture, so its probes (if any) come from its own libraries; the
    // message names the process either way.
    const u = new USDT({ pid: process.pid });
    expect(() => u.enable_probe("bcc_ts_no_such_probe", "f")).toThrow(new RegExp(`^USDT: (no probe bcc_ts_no_such_probe in process ${process.pid}|process ${process.pid} has no USDT probes)`));
  });
});
