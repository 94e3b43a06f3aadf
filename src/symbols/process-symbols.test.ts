/**
 * User-space symbolisation of real processes: this Node process (non-PIE node binary, PIE libc), a
 * child `sleep`, and one that has exited. Expected names come from readelf, addresses from readelf
 * values plus load bases read from /proc/PID/maps, independently of the code under test.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readProcMaps } from "../elf/index.ts";
import { missingReason, readelfSegments, readelfSymbols } from "../elf/testing/readelf.ts";
import { ModuleSymbolCache } from "./module-symbols.ts";
import { ProcessSymbols } from "./process-symbols.ts";
import { Symbolizer } from "./symbolizer.ts";

const LIBC = "/lib/x86_64-linux-gnu/libc.so.6";
const NODE = process.execPath;

/** Runtime address of link-time `vaddr` of `file` in `pid`, from the mapping of file offset 0. */
function runtimeAddress(pid: number, file: string, vaddr: number): number {
  const real = realpathSync(file);
  const first = readelfSegments(file).find((s) => s.type === "LOAD")!;
  const m = readProcMaps(pid).find((x) => x.path?.startsWith("/") && x.pgoff === 0 && realpathSync(x.path) === real);
  if (!m) throw new Error(`${file} is not mapped in ${pid}`);
  return m.start - (first.vaddr - (first.vaddr % 4096)) + vaddr;
}

const skip = missingReason([LIBC, NODE]);

describe.skipIf(skip !== undefined)(`symbolising processes${skip ? ` (skipped: ${skip})` : ""}`, () => {
  const cache = new ModuleSymbolCache();
  let child: ChildProcess | undefined;
  let dir = "";

  beforeAll(() => {
    child = spawn("sleep", ["60"], { stdio: "ignore" });
    dir = mkdtempSync(join(tmpdir(), "bcc-ts-perfmap-"));
  });
  afterAll(() => {
    child?.kill("SIGKILL");
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("names a function of the node binary at its readelf address", () => {
    const fn = readelfSymbols(NODE, "uv_fs_read").find((s) => s.name === "uv_fs_read" && s.type === "FUNC" && s.ndx !== "UND");
    expect(fn).toBeDefined();
    const addr = runtimeAddress(process.pid, NODE, fn!.value);
    const self = new ProcessSymbols(process.pid, { cache });
    expect(self.sym(addr)).toBe("uv_fs_read");
    expect(self.sym(addr + 5, true, true)).toBe(`uv_fs_read+0x5 [${NODE.slice(NODE.lastIndexOf("/") + 1)}]`);
    expect(self.sym(BigInt(addr + 5), false, true)).toBe("uv_fs_read+0x5");
  });

  it("names libc functions in this process and round-trips resolveName", () => {
    const getpid = readelfSymbols(LIBC, "getpid").find((s) => s.name === "getpid" && s.ndx !== "UND")!;
    const addr = runtimeAddress(process.pid, LIBC, getpid.value);
    const self = new ProcessSymbols(process.pid, { cache });
    expect(self.sym(addr + 1, true, true)).toBe("getpid+0x1 [libc.so.6]");
    expect(self.resolveName("libc.so.6", "getpid")).toBe(addr);
    expect(self.resolveName(undefined, "no_such_function_bcc_ts")).toBeUndefined();
  });

  it("symbolises another process through its own maps, sharing the file cache", async () => {
    const pid = child!.pid!;
    // Wait until sleep has exec'd and mapped libc.
    for (let i = 0; i < 100 && !readProcMaps(pid).some((m) => m.path?.includes("libc.so")); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const sym = readelfSymbols(LIBC, "clock_nanosleep").find((s) => s.name === "clock_nanosleep" && s.ndx !== "UND")!;
    const addr = runtimeAddress(pid, LIBC, sym.value);
    const before = cache.size;
    const other = new ProcessSymbols(pid, { cache });
    expect(other.sym(addr + 2, true, true)).toBe("clock_nanosleep+0x2 [libc.so.6]");
    expect(cache.size).toBe(before);
  });

  it("reports [unknown] with the module for code that has no symbol", () => {
    const pid = child!.pid!;
    const exe = realpathSync(`/proc/${pid}/exe`);
    // The entry point (_start) of a stripped PIE executable is covered by no .dynsym function.
    const header = spawnSync("readelf", ["-h", exe], { encoding: "utf8" }).stdout;
    const entry = parseInt(/Entry point address:\s+0x([0-9a-f]+)/.exec(header)?.[1] ?? "0", 16);
    expect(entry).toBeGreaterThan(0);
    const covering = readelfSymbols(exe).filter(
      (s) => s.type === "FUNC" && s.ndx !== "UND" && entry >= s.value && entry < s.value + s.size,
    );
    if (covering.length > 0) return; // a non-stripped sleep names _start; nothing to check then
    const other = new ProcessSymbols(pid, { cache });
    const base = exe.slice(exe.lastIndexOf("/") + 1);
    expect(other.sym(runtimeAddress(pid, exe, entry), true, true)).toBe(`[unknown] [${base}]`);
    expect(other.sym(runtimeAddress(pid, exe, entry))).toBe("[unknown]");
  });

  it("uses /tmp/perf-PID.map for JIT code outside any file mapping", () => {
    const pid = child!.pid!;
    writeFileSync(join(dir, `perf-${pid}.map`), "10000 100 LazyCompile:*foo app.js:1\n10100 20 bar\n");
    const other = new ProcessSymbols(pid, { cache, perfMapDir: dir });
    expect(other.sym(0x10010, true, true)).toBe(`LazyCompile:*foo app.js:1+0x10 [perf-${pid}.map]`);
    expect(other.sym(0x10105)).toBe("bar");
    expect(other.sym(0x10200)).toBe("[unknown]");
  });

  it("answers [unknown] for a process that has exited", () => {
    const r = spawnSync("true");
    expect(r.status).toBe(0);
    const gone = new Symbolizer();
    expect(existsSync(`/proc/${r.pid}`)).toBe(false);
    expect(gone.sym(0x401000, r.pid!, true, true)).toBe("[unknown]");
    expect(gone.process(r.pid!).mappings).toEqual([]);
  });
});
