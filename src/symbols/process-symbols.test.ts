/**
 * User-space symbolisation of real processes: this Node process (non-PIE node binary, PIE libc), a
 * child `sleep`, and one that has exited. Expected names come from readelf, addresses from readelf
 * values plus load bases read from /proc/PID/maps, independently of the code under test.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ElfFile, findDebugFile, readProcMaps, resolveIfuncTarget, resolveSymbol } from "../elf/index.ts";
import { hasTool, missingReason, readelfSegments, readelfSymbols } from "../elf/testing/readelf.ts";
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

  it("names stripped-libc internals from the separate debug file when it is installed", () => {
    using elf = ElfFile.open(LIBC);
    const debugPath = findDebugFile(elf);
    const internal = debugPath
      ? readelfSymbols(debugPath, "__libc_").find((s) => s.type === "FUNC" && s.size > 16 && s.ndx !== "UND")
      : undefined;
    const self = new ProcessSymbols(process.pid, { cache });
    if (!internal) {
      // Without libc6-dbg, an address inside a non-exported function has no name, only a module.
      const noDebug = new ProcessSymbols(process.pid, { cache: new ModuleSymbolCache(false) });
      const strlenImpl = resolveIfuncTarget(LIBC, resolveSymbol(LIBC, "strlen")[0]!.address);
      if (strlenImpl) {
        expect(noDebug.sym(runtimeAddress(process.pid, LIBC, strlenImpl.address) + 4, true)).toBe("[unknown] [libc.so.6]");
      }
      return;
    }
    const addr = runtimeAddress(process.pid, LIBC, internal.value) + 8;
    const name = self.resolve(addr).name;
    // Aliases share addresses; any name readelf lists at that address is right.
    const aliases = readelfSymbols(debugPath!).filter((s) => s.value === internal.value && s.type === "FUNC");
    expect(aliases.map((s) => s.name)).toContain(name);
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

  it("names vDSO functions of another process", () => {
    const pid = child!.pid!;
    // Oracle: this process's vDSO image dumped to a file and read by readelf.
    const own = readProcMaps("self").find((m) => m.path === "[vdso]");
    const theirs = readProcMaps(pid).find((m) => m.path === "[vdso]");
    if (!own || !theirs) return; // a kernel without a vDSO: nothing to name
    const image = Buffer.alloc(own.end - own.start);
    const fd = openSync("/proc/self/mem", "r");
    try {
      readSync(fd, image, 0, image.length, own.start);
    } finally {
      closeSync(fd);
    }
    const dump = join(dir, "vdso.so");
    writeFileSync(dump, image);
    const fns = readelfSymbols(dump).filter((s) => s.type === "FUNC" && s.ndx !== "UND" && s.size > 4);
    const fn = fns.find((s) => s.name.includes("clock_gettime")) ?? fns[0];
    expect(fn).toBeDefined();
    const first = readelfSegments(dump).find((s) => s.type === "LOAD")!;
    const addr = theirs.start + (fn!.value - first.vaddr + first.offset) + 1;
    const r = new ProcessSymbols(pid, { cache }).resolve(addr);
    expect(r.module).toBe("[vdso]");
    expect(r.offset).toBe(1);
    expect(fns.filter((s) => s.value === fn!.value).map((s) => s.name)).toContain(r.name);
  });

  it("uses /tmp/perf-PID.map for JIT code outside any file mapping", () => {
    const pid = child!.pid!;
    writeFileSync(join(dir, `perf-${pid}.map`), "10000 100 LazyCompile:*foo app.js:1\n10100 20 bar\n");
    const other = new ProcessSymbols(pid, { cache, perfMapDir: dir });
    expect(other.sym(0x10010, true, true)).toBe(`LazyCompile:*foo app.js:1+0x10 [perf-${pid}.map]`);
    expect(other.sym(0x10105)).toBe("bar");
    expect(other.sym(0x10200)).toBe("[unknown]");
  });

  it.skipIf(!hasTool("gcc"))("symbolises a PIE executable whose file was deleted while running", async () => {
    const src = join(dir, "marker.c");
    const exe = join(dir, "marker");
    writeFileSync(src, "#include <unistd.h>\n__attribute__((noinline)) int bccts_marker(int x) { return x * 3 + 1; }\nint main(void) { pause(); return bccts_marker(1); }\n");
    expect(spawnSync("gcc", ["-O1", "-pie", "-fPIE", "-o", exe, src]).status).toBe(0);
    const marker = readelfSymbols(exe, "bccts_marker").find((s) => s.name === "bccts_marker" && s.type === "FUNC")!;
    const first = readelfSegments(exe).find((s) => s.type === "LOAD")!;
    const proc = spawn(exe, [], { stdio: "ignore" });
    try {
      const pid = proc.pid!;
      const mappedExe = () => readProcMaps(pid).find((m) => m.pgoff === 0 && m.path?.endsWith("/marker"));
      for (let i = 0; i < 100 && !mappedExe(); i++) await new Promise((r) => setTimeout(r, 20));
      rmSync(exe);
      const m = mappedExe();
      expect(m?.deleted).toBe(true);
      const addr = m!.start - (first.vaddr - (first.vaddr % 4096)) + marker.value + 2;
      expect(new ProcessSymbols(pid, { cache }).sym(addr, true, true)).toBe("bccts_marker+0x2 [marker]");
    } finally {
      proc.kill("SIGKILL");
    }
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
